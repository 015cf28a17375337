/**
 * Bare route of the issue-10 KPI endpoint for bench/bare-child.ts: the campaign-kpis module's own
 * getCampaignKpis (the visibility check and the one KPI statement: same SQL by construction), without
 * the session lookup, hooks, zod and serialisation of the real route.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../server/src/db/pool';
import { computeKpis, getCampaignKpis } from '../server/src/modules/campaign-kpis';
import { todayIso } from '../server/src/platform/calendar';
import type { Actor } from '../server/src/platform/access';
import type { Ctx } from '../server/src/platform/context';

export function registerCampaignBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  app.get('/bare/campaign-kpis', async (req, reply) => {
    const actor = await actorOf(req.query);
    const id = (req.query as { c?: string }).c ?? '';
    if (!actor || !/^[0-9a-f-]{36}$/.test(id)) return reply.code(404).send({ code: 'NOT_FOUND' });
    return getCampaignKpis({ db, actor, requestId: 'bench', ip: '127.0.0.1' } as Ctx, id);
  });
  // The figures computed every time: what the epoch cache saves (no access check, no cache).
  app.get('/bare/campaign-kpis-uncached', async (req, reply) => {
    const id = (req.query as { c?: string }).c ?? '';
    if (!/^[0-9a-f-]{36}$/.test(id)) return reply.code(404).send({ code: 'NOT_FOUND' });
    return { groups: await computeKpis(db, id, todayIso()) };
  });
}
