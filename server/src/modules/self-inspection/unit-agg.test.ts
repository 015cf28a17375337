/**
 * The 自查自纠 figures of a campaign's cockpit from self_inspection_unit_agg (migration 0058): the aggregate equals a
 * recount from the answers after the demo data and after random writes (state changes, due days moved, counts
 * changed, answers deleted and written back, a write rolled back), and selfInspectionKpis equals the same figures
 * counted directly over the answers.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { selfInspectionKpis } from './kpis';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function differences(): Promise<unknown[]> {
  const { rows } = await sql`
    WITH a AS (SELECT campaign_id, unit_id, state, due_on, n, problems, corrected FROM self_inspection_unit_agg WHERE n <> 0 OR problems <> 0 OR corrected <> 0),
      r AS (SELECT campaign_id, unit_id, state, due_on, count(*) AS n, sum(problems_count) AS problems, sum(corrected_count) AS corrected
              FROM self_inspection_response GROUP BY 1, 2, 3, 4)
    (SELECT 'agg' AS side, * FROM a EXCEPT SELECT 'agg', * FROM r) UNION ALL (SELECT 'recount', * FROM r EXCEPT SELECT 'recount', * FROM a)`.execute(t.db);
  return rows;
}

/** The figures counted over the answers themselves (the statement selfInspectionKpis had before the aggregate). */
async function direct(campaignId: string, today: string) {
  const { rows } = await sql<{ target: number; responded: number; found: number; corrected: number; overdue: number }>`
    SELECT count(DISTINCT r.unit_id)::int AS target,
           count(DISTINCT r.unit_id) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED'))::int AS responded,
           COALESCE(sum(r.problems_count) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED')), 0)::int AS found,
           COALESCE(sum(r.corrected_count) FILTER (WHERE r.state IN ('SUBMITTED','ACCEPTED')), 0)::int AS corrected,
           count(DISTINCT r.unit_id) FILTER (WHERE r.state IN ('PENDING','DRAFT','RETURNED') AND r.due_on < ${today}::date)::int AS overdue
      FROM self_inspection_response r WHERE r.campaign_id = ${campaignId}::uuid`.execute(t.db);
  const k = rows[0]!;
  return {
    targetUnits: k.target,
    respondedUnits: k.responded,
    coverage: k.target ? k.responded / k.target : 0,
    problemsFound: k.found,
    problemsCorrected: k.corrected,
    overdueUnits: k.overdue,
  };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('self_inspection_unit_agg (migration 0058)', () => {
  it('equals a recount after the demo data, and the KPIs equal the direct count', async () => {
    expect(await differences()).toEqual([]);
    const campaigns = (await sql<{ id: string }>`SELECT DISTINCT campaign_id AS id FROM self_inspection_response`.execute(t.db)).rows;
    expect(campaigns.length).toBeGreaterThan(0);
    for (const c of campaigns)
      for (const day of ['2026-01-01', '2026-12-05', '2027-06-30']) expect(await selfInspectionKpis(t.db, c.id, day)).toEqual(await direct(c.id, day));
  });

  it('stays exact after random state, due-day and count changes, deletes and re-inserts, and a rollback', async () => {
    const rand = rng(20261205);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const some = async (n: number) =>
      (await sql<{ id: string }>`SELECT id FROM self_inspection_response ORDER BY md5(id::text || ${String(rand())}) LIMIT ${n}`.execute(t.db)).rows.map(
        (r) => r.id,
      );
    const steps: (() => Promise<unknown>)[] = [
      async () =>
        sql`UPDATE self_inspection_response SET state = ${pick(['PENDING', 'DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'])} WHERE id = ANY(${await some(5)}::uuid[])`.execute(
          t.db,
        ),
      async () =>
        sql`UPDATE self_inspection_response SET due_on = due_on - ${Math.floor(rand() * 40)}::int WHERE id = ANY(${await some(4)}::uuid[])`.execute(t.db),
      async () => {
        const n = Math.floor(rand() * 9);
        return sql`UPDATE self_inspection_response SET problems_count = ${n}::int, corrected_count = ${Math.floor(n / 2)}::int WHERE id = ANY(${await some(6)}::uuid[])`.execute(
          t.db,
        );
      },
      // Answers without events deleted and written back (a delete and an insert statement of several rows).
      async () =>
        t.db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ id: string }>`SELECT r.id FROM self_inspection_response r
            WHERE NOT EXISTS (SELECT 1 FROM self_inspection_event e WHERE e.response_id = r.id) ORDER BY md5(r.id::text || ${String(rand())}) LIMIT 3`.execute(
            trx,
          );
          const ids = rows.map((r) => r.id);
          await sql`CREATE TEMP TABLE agg_keep ON COMMIT DROP AS SELECT * FROM self_inspection_response WHERE id = ANY(${ids}::uuid[])`.execute(trx);
          await sql`DELETE FROM self_inspection_response WHERE id = ANY(${ids}::uuid[])`.execute(trx);
          await sql`INSERT INTO self_inspection_response SELECT * FROM agg_keep`.execute(trx);
        }),
      async () =>
        t.db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE self_inspection_response SET state = 'ACCEPTED', problems_count = 0, corrected_count = 0`.execute(trx);
            throw new Error('rollback');
          })
          .catch(() => undefined),
    ];
    for (let i = 0; i < 40; i++) await pick(steps)();
    for (const step of steps) await step();
    expect(await differences()).toEqual([]);
    const campaigns = (await sql<{ id: string }>`SELECT DISTINCT campaign_id AS id FROM self_inspection_response`.execute(t.db)).rows;
    for (const c of campaigns) expect(await selfInspectionKpis(t.db, c.id, '2026-12-05')).toEqual(await direct(c.id, '2026-12-05'));
  });
});
