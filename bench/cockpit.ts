/**
 * 监督质效 cockpit figures (issue 15: p95 ≤ 200 ms at 32 connections beside a bare baseline; issue 12: on cache
 * misses). The bare route (registered by bench/bare-child.ts) runs the cockpit's own parameter check and
 * computation — the same SQL by construction — without the node cache, the session or zod.
 *  - cache hit: the real endpoint asked the same question over and over (the answer kept per node);
 *  - cache miss: the same, while the 'clues' data epoch is bumped every 50 ms, so every request finds its key
 *    stale and computes afresh — what a leader sees after any change.
 * Measured for the cockpit's readers of the mixed sample (commission-wide and scoped) and for group staff.
 */
import { COCKPIT_ROLES } from '@liandong/domain/access/role-sets';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { Db } from '../server/src/db/pool';
import { cockpitParams, computeCockpit } from '../server/src/modules/cockpit';
import type { Actor } from '../server/src/platform/access';
import type { Ctx } from '../server/src/platform/context';
import type { Endpoint } from './endpoints';
import type { SessionSample } from './generate';
import { type MeasureContext, measureEndpoint } from './measure-endpoint';
import { log } from './processes';
import type { Figure } from './report';

const YEAR = 2026;
/** The cockpit's question in the bench: the year by office. */
export const COCKPIT_QUERY = `year=${YEAR}&dimension=office`;

/** GET /bare/cockpit?u=<user id>: parameters and figures as the real endpoint computes them on a miss. */
export function registerCockpitBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  app.get('/bare/cockpit', async (req, reply) => {
    const actor = await actorOf(req.query);
    if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
    const ctx = { db, actor, requestId: 'bench', ip: '127.0.0.1', log: console as never, cipher: undefined as never, config: undefined as never } as Ctx;
    const { params, rowKeys } = await cockpitParams(ctx, { year: YEAR, dimension: 'office' });
    return computeCockpit(ctx, params, rowKeys);
  });
}

const cockpitRows = (body: unknown) => {
  const b = body as { rows: unknown[]; total: { cluesReceived: { value: number | null } } };
  return { rows: b.rows.length, scope: b.total.cluesReceived.value ?? 0 };
};

/** Runs `during` while the 'clues' epoch is bumped in a tight loop; returns the result and the bumps made. */
export async function withEpochChurn<T>(pool: pg.Pool, during: () => Promise<T>): Promise<{ result: T; bumps: number }> {
  let stop = false;
  let bumps = 0;
  const loop = (async () => {
    // Every 50 ms: each account of the sample asks again only after the others (seconds later), so it always
    // finds a newer epoch than its cached answer's; a tighter loop would only load the database with commits.
    while (!stop) {
      await pool.query(`UPDATE data_epoch SET epoch = epoch + 1 WHERE area = 'clues'`);
      bumps++;
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  try {
    return { result: await during(), bumps };
  } finally {
    stop = true;
    await loop;
  }
}

/** The cockpit figures (hit and miss, mixed cockpit readers; miss, group staff), each beside the bare baseline. */
export async function measureCockpit(
  ctx: MeasureContext,
  samples: { mixed: SessionSample[]; group: SessionSample[] },
  connections: number,
  pool: pg.Pool,
): Promise<Figure[]> {
  const readers = samples.mixed.filter((s) => (COCKPIT_ROLES as readonly string[]).includes(s.role));
  const ep = (name: string, sample: 'mixed' | 'group'): Endpoint => ({
    name,
    realPath: `/api/v1/cockpit?${COCKPIT_QUERY}`,
    barePath: '/bare/cockpit',
    sample,
    rows: cockpitRows,
  });
  const figures: Figure[] = [];
  try {
    figures.push(await measureEndpoint(ctx, ep('GET /api/v1/cockpit (mixed cockpit readers, cache hit)', 'mixed'), readers, connections));
    for (const [name, sample, accounts] of [
      ['GET /api/v1/cockpit (mixed cockpit readers, cache miss)', 'mixed', readers],
      ['GET /api/v1/cockpit (group staff, cache miss)', 'group', samples.group],
    ] as const) {
      const { result, bumps } = await withEpochChurn(pool, () => measureEndpoint(ctx, ep(name, sample), accounts, connections));
      result.note = `${result.note ? `${result.note}; ` : ''}data epoch bumped ${bumps} times during the runs (every 50 ms: each account's next request finds a newer epoch, a miss)`;
      figures.push(result);
    }
  } catch (err) {
    ctx.notes.push(`cockpit not measured: ${(err as Error).message.split('\n')[0]}`);
  }
  for (const f of figures) log(`${f.name}: p95 ${f.p95_ms} ms (bare ${f.baseline_p95_ms} ms), ${f.rps} req/s`);
  return figures;
}
