/**
 * The cockpit's aggregates (migration 0052) stay exact: after a random sequence of writes — inserts, bulk state
 * changes, org reassignments, moves between years, deletes, writes from a session in another time zone — every
 * aggregate equals a recount from its base table, and the cockpit still equals the ledgers behind its links.
 */
import type { Cockpit, CockpitCells, CockpitLink } from '@liandong/domain/cockpit/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, COCKPIT_RECOUNTS, lcg } from '../../../test/aggregate-recount';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The buckets where the aggregate and the recount differ (zero buckets left by deletes are no difference). */
const differences = () => aggregateDifferences(t.db, COCKPIT_RECOUNTS);

async function ids(table: string, n: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} ORDER BY md5(id::text) LIMIT ${n}`.execute(t.db);
  return rows.map((r) => r.id);
}

describe('cockpit aggregates (migrations 0052, 0061, 0065, 0071)', () => {
  it('equal a recount from the base tables after the demo data (the backfill and the triggers of the loads)', async () => {
    expect(await differences()).toEqual([]);
    const { rows } = await sql<{ n: string }>`SELECT sum(n)::text AS n FROM cockpit_clue_agg`.execute(t.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(10);
  });

  it('cockpit_month_point keeps the local month and year of a completion in every zone (offsets −12 to +14 hours)', async () => {
    // One statement per zone: all seven in one took over the pool's 3-s statement timeout on a loaded 2-core machine.
    for (const zone of ['Asia/Shanghai', 'UTC', 'Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham']) {
      const { rows } = await sql<{ zone: string; t: string; was: string; now: string }>`
        WITH z(zone) AS (VALUES (${zone}::text)),
          -- Around every UTC month boundary of two years (± 20 hours, every 7 minutes 13 seconds), and through each month.
          p(t) AS (SELECT (${`${YEAR - 1}-01-01`}::timestamp + m * interval '1 month') AT TIME ZONE 'UTC' + k * interval '7 minutes 13 seconds'
            FROM generate_series(0, 24) m, generate_series(-166, 166) k
            UNION ALL SELECT (${`${YEAR - 1}-01-01`}::timestamp + m * interval '1 month') AT TIME ZONE 'UTC' + k * interval '5 hours 17 minutes'
            FROM generate_series(0, 24) m, generate_series(0, 140) k)
        SELECT z.zone, p.t::text, to_char(p.t AT TIME ZONE z.zone, 'YYYY-MM') AS was, to_char(cockpit_month_point(p.t) AT TIME ZONE z.zone, 'YYYY-MM') AS now
        FROM z, p WHERE to_char(p.t AT TIME ZONE z.zone, 'YYYY-MM') <> to_char(cockpit_month_point(p.t) AT TIME ZONE z.zone, 'YYYY-MM') LIMIT 5`.execute(t.db);
      expect(rows).toEqual([]);
    }
    // And it compresses: the completions of a month's middle share one point.
    const { rows: n } = await sql<{
      n: number;
    }>`SELECT count(DISTINCT cockpit_month_point(${`${YEAR}-05-01T00:00:00Z`}::timestamptz + k * interval '1 hour'))::int AS n
      FROM generate_series(0, 24 * 31 - 1) k`.execute(t.db);
    expect(n[0]?.n).toBeLessThan(4 * 31);
  });

  it('stay exact after a random sequence of inserts, updates, reassignments and deletes', async () => {
    const rand = lcg(20261205);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const orgs = (await t.db.selectFrom('org').select('id').execute()).map((o) => o.id);
    const cid = (await t.db.selectFrom('org').select('commission_id').executeTakeFirstOrThrow()).commission_id;
    const receiving = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow()).id;
    const inserted: string[] = [];
    // Numbers no other row has: a clue moved to last year gives up its number (last year has it already), an item moved
    // to another list or copied takes a fresh one; a random offset could collide, and then the test fails for nothing.
    let fresh = 0;
    const steps: (() => Promise<unknown>)[] = [
      // Clues: inserted (one and several in a statement), then states, orgs, years, sectors and dates moved, and deleted.
      async () => {
        const n = 1 + Math.floor(rand() * 3);
        const rows = Array.from({ length: n }, (_, i) => ({
          commission_id: cid,
          year: pick([YEAR, YEAR - 1]),
          source: 'PETITION_LETTER',
          received_on: `${YEAR}-0${1 + Math.floor(rand() * 9)}-1${i}`,
          receiving_org_id: receiving,
          title: '演示数据：聚合一致性测试线索',
          summary: '演示数据',
          subject_name: '测试对象某某',
          undertaking_org_id: pick(orgs),
          state: pick(['UNDER_ANALYSIS', 'REGISTERED', 'CLOSED']),
          propose_due: `${YEAR}-11-30`,
        }));
        const out = await t.db.insertInto('clue').values(rows).returning('id').execute();
        inserted.push(...out.map((r) => r.id));
      },
      async () => sql`UPDATE clue SET undertaking_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('clue', 5)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE clue SET state = 'UNDER_ANALYSIS', received_on = received_on - 40 WHERE id = ANY(${await ids('clue', 7)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE clue SET year = year - 1, seq = NULL, clue_no = NULL WHERE id = ANY(${await ids('clue', 3)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE clue SET title = title || '。' WHERE year = ${YEAR}`.execute(t.db),
      // The receiving and subject orgs and the classification (cockpit_clue_org_agg, migration 0071): moved, cleared, and
      // with the state in one statement.
      // Classifications the system holds only (SYSTEM_MAX_CLASSIFICATION is WORK_SECRET): a SECRET clue would be counted
      // by the 书记's commission-wide cockpit but not shown by the ledger (above the 书记's clearance), and the last test
      // compares the two. scoped-figures.test.ts covers SECRET against scoped readers' clearance.
      async () =>
        sql`UPDATE clue SET receiving_org_id = ${pick(orgs)}::uuid, subject_org_id = ${rand() < 0.3 ? null : pick(orgs)}::uuid WHERE id = ANY(${await ids('clue', 4)}::uuid[])`.execute(
          t.db,
        ),
      async () =>
        sql`UPDATE clue SET classification = ${pick(['PUBLIC', 'WORK_SECRET'])}, state = ${pick(['UNDER_ANALYSIS', 'CLOSED'])}, sector_code = ${rand() < 0.5 ? 'SCHOOL_CATERING' : null}
          WHERE id = ANY(${await ids('clue', 5)}::uuid[])`.execute(t.db),
      async () => {
        const id = inserted.pop();
        if (id) await t.db.deleteFrom('clue').where('id', '=', id).execute();
      },
      // Cases: states, lead orgs, sectors and filing dates.
      async () =>
        sql`UPDATE case_file SET lead_org_id = ${pick(orgs)}::uuid, state = 'ARCHIVED' WHERE id = ANY(${await ids('case_file', 3)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE case_file SET filed_on = filed_on + 35, sector_code = NULL WHERE id = ANY(${await ids('case_file', 4)}::uuid[])`.execute(t.db),
      // Supervision items: completed (now, and from a session in UTC), due dates moved, lead orgs reassigned.
      async () =>
        sql`UPDATE supervision_item SET completed_at = now() - interval '17 hours', due_date = current_date - 3 WHERE id = ANY(${await ids('supervision_item', 4)}::uuid[])`.execute(
          t.db,
        ),
      async () =>
        t.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
          await sql`UPDATE supervision_item SET completed_at = ${`${YEAR}-03-31T16:20:00Z`}::timestamptz WHERE id = ANY(${await ids('supervision_item', 2)}::uuid[])`.execute(
            trx,
          );
          await sql`UPDATE letter SET created_at = ${`${YEAR - 1}-12-31T16:10:00Z`}::timestamptz, doc_year = NULL WHERE id = ANY(${await ids('letter', 2)}::uuid[])`.execute(
            trx,
          );
        }),
      async () => sql`UPDATE supervision_item SET lead_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('supervision_item', 3)}::uuid[])`.execute(t.db),
      // The assist org (cockpit_item_org_agg, migration 0065): moved, cleared, and with the state; items moved to another
      // list (and so another year); items re-stated as done; items deleted.
      async () =>
        sql`UPDATE supervision_item SET assist_org_id = ${pick(orgs)}::uuid, assist_side = 'OFFICE' WHERE id = ANY(${await ids('supervision_item', 3)}::uuid[])`.execute(
          t.db,
        ),
      async () =>
        sql`UPDATE supervision_item SET assist_org_id = NULL, assist_side = NULL, state = 'IN_PROGRESS' WHERE id = ANY(${await ids('supervision_item', 2)}::uuid[])`.execute(
          t.db,
        ),
      async () =>
        sql`UPDATE supervision_item i SET list_id = (SELECT l.id FROM supervision_list l WHERE l.id <> i.list_id ORDER BY md5(l.id::text) LIMIT 1),
          seq = ${1_000_000 + ++fresh} WHERE id = ANY(${await ids('supervision_item', 1)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE supervision_item SET state = 'COMPLETED', completed_at = ${`${YEAR}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}T${10 + Math.floor(rand() * 14)}:07:00Z`}::timestamptz
          WHERE id = ANY(${await ids('supervision_item', 3)}::uuid[])`.execute(t.db),
      async () => {
        // Two items inserted in one statement (copies of one, on another lead org, done at a random time), one deleted.
        const [from] = await ids('supervision_item', 1);
        const made = await sql<{
          id: string;
        }>`INSERT INTO supervision_item (commission_id, list_id, seq, matter, lead_side, lead_org_id, assist_side, assist_org_id, due_date, state, completed_at)
          SELECT commission_id, list_id, ${2_000_000 + 10 * ++fresh} + k, '演示数据：聚合一致性测试事项', lead_side, ${pick(orgs)}::uuid, assist_side, assist_org_id,
            due_date, ${pick(['IN_PROGRESS', 'COMPLETED', 'CLOSED'])}, ${`${YEAR}-0${1 + Math.floor(rand() * 9)}-2${Math.floor(rand() * 8)}T15:${10 + Math.floor(rand() * 50)}:00Z`}::timestamptz
          FROM supervision_item, generate_series(1, 2) k WHERE id = ${from}::uuid RETURNING id`.execute(t.db);
        const gone = made.rows[0]?.id;
        if (gone) await sql`DELETE FROM supervision_item WHERE id = ${gone}::uuid`.execute(t.db);
      },
      // Letters: replies, states, drafting orgs.
      async () => sql`UPDATE letter SET replied_on = NULL, reply_due = current_date - 5 WHERE id = ANY(${await ids('letter', 3)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE letter SET drafting_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('letter', 2)}::uuid[])`.execute(t.db),
      // The recipient org and the classification, with the reply in one statement.
      async () =>
        sql`UPDATE letter SET recipient_org_id = ${pick(orgs)}::uuid, classification = ${pick(['PUBLIC', 'WORK_SECRET'])}, replied_on = NULL
          WHERE id = ANY(${await ids('letter', 3)}::uuid[])`.execute(t.db),
      // Tasks: deadlines passed, states, supervising orgs.
      async () => sql`UPDATE rectification_task SET deadline = current_date - 2 WHERE id = ANY(${await ids('rectification_task', 3)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE rectification_task SET supervisor_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('rectification_task', 2)}::uuid[])`.execute(t.db),
      // The unit org (cockpit_task_org_agg, migration 0061): moved alone, and with the state in one statement.
      async () =>
        sql`UPDATE rectification_task SET unit_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('rectification_task', 2)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE rectification_task SET unit_org_id = ${pick(orgs)}::uuid, state = 'CLOSED' WHERE id = ANY(${await ids('rectification_task', 2)}::uuid[])`.execute(
          t.db,
        ),
      // Campaigns: lead orgs and states.
      async () =>
        sql`UPDATE campaign SET lead_org_id = ${pick(orgs)}::uuid, state = 'LAUNCHED' WHERE id = ANY(${await ids('campaign', 1)}::uuid[])`.execute(t.db),
      // A write rolled back leaves the aggregates as they were.
      async () =>
        t.db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE clue SET year = 2001`.execute(trx);
            throw new Error('rollback');
          })
          .catch(() => undefined),
    ];
    for (let i = 0; i < 60; i++) await pick(steps)();
    for (const step of steps) await step();
    expect(await differences()).toEqual([]);
  });

  it('the commission-wide cockpit after those writes still equals the ledgers behind its links', async () => {
    for (const dimension of ['office', 'group', 'county', 'sector']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/cockpit?year=${YEAR}&dimension=${dimension}`, as: 'sj.secretary' });
      expect(res.statusCode).toBe(200);
      const c = res.json() as Cockpit;
      const rows = c.rows.filter((r) => Object.values(r.cells).some((x) => x.value)).slice(0, 2);
      let compared = 0;
      for (const cells of [c.total, ...rows.map((r) => r.cells)] as CockpitCells[]) {
        for (const [metric, cell] of Object.entries(cells)) {
          if (!cell.link) continue;
          expect(await ledgerTotal(cell.link), `${dimension} ${metric}`).toBe(cell.value);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(5);
    }
  });
});

async function ledgerTotal(link: CockpitLink): Promise<number> {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(link.query)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  sp.set('page', '1');
  sp.set('pageSize', '1');
  const res = await t.request({ method: 'GET', url: `${link.api}?${sp}`, as: 'sj.secretary' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
}
