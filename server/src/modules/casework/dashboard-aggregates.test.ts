import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, caseworkRecounts, lcg } from '../../../test/aggregate-recount';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';
import { CLUE_OVERDUE_KIND_LIST, dueBy } from '../clues';
import { LIMITS_RUN } from './dashboard-counts';

let t: TestApp;
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The buckets where an aggregate and its recount differ (zero buckets left by deletes are no difference). */
const differences = (db: Pick<typeof t.db, 'getExecutor'> = t.db) => aggregateDifferences(db, caseworkRecounts(t.db));

async function ids(table: string, n: number): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM ${sql.table(table)} ORDER BY md5(id::text || ${String(Math.random())}) LIMIT ${n}`.execute(t.db);
  return rows.map((r) => r.id);
}

describe('casework aggregates (migration 0058)', () => {
  it('equal a recount from the base tables after the demo data', async () => {
    expect(await differences()).toEqual([]);
    const { rows } = await sql<{ n: string }>`SELECT (SELECT sum(n) FROM casework_clue_agg) + (SELECT sum(n) FROM casework_case_agg) AS n`.execute(t.db);
    expect(Number(rows[0]?.n)).toBeGreaterThan(10);
  });

  it('stay exact after a random sequence of inserts, state changes, limit changes, moves and deletes', async () => {
    const rand = lcg(20261205);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const orgs = (await t.db.selectFrom('org').select('id').execute()).map((o) => o.id);
    const cid = (await t.db.selectFrom('org').select('commission_id').executeTakeFirstOrThrow()).commission_id;
    const receiving = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow()).id;
    const today = todayIso();
    const inserted: string[] = [];
    const steps: (() => Promise<unknown>)[] = [
      async () => {
        const n = 1 + Math.floor(rand() * 3);
        const rows = Array.from({ length: n }, (_, i) => ({
          commission_id: cid,
          year: YEAR,
          source: pick(['PETITION_LETTER', 'PETITION_ONLINE']),
          received_on: `${YEAR}-0${1 + Math.floor(rand() * 9)}-1${i}`,
          receiving_org_id: receiving,
          title: '演示数据：聚合一致性测试线索',
          summary: '演示数据',
          subject_name: '测试对象某某',
          undertaking_org_id: pick([...orgs, null]),
          state: pick(['UNDER_ANALYSIS', 'REGISTERED', 'TALK_INQUIRY', 'PENDING_HOLD', 'CLOSED']),
          propose_due: pick([today, `${YEAR}-11-30`, `${YEAR + 1}-01-30`]),
          inquiry_reply_due: pick([null, today]),
          hold_review_due: pick([null, `${YEAR}-10-01`]),
          feedback_due: pick([null, `${YEAR}-09-01`]),
        }));
        const out = await t.db.insertInto('clue').values(rows).returning('id').execute();
        inserted.push(...out.map((r) => r.id));
      },
      async () => sql`UPDATE clue SET undertaking_org_id = ${pick(orgs)}::uuid WHERE id = ANY(${await ids('clue', 5)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE clue SET state = ${pick(['UNDER_ANALYSIS', 'TALK_INQUIRY', 'CLOSED_FIRST_FORM', 'MERGED', 'CASE_FILED'])},
        received_on = received_on - 40 WHERE id = ANY(${await ids('clue', 7)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE clue SET proposed_method = ${pick(['TALK_INQUIRY', 'PRELIM_VERIFICATION', 'PENDING_HOLD', 'CLOSE'])}, closed_kind = ${pick([null, 'DIRECT'])}
        WHERE id = ANY(${await ids('clue', 4)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE clue SET acknowledge_due = current_date - 3, acknowledged_on = ${pick([null, today])}::date, feedback_due = current_date,
        feedback_on = ${pick([null, today])}::date, assigned_case_due = current_date + 2 WHERE id = ANY(${await ids('clue', 6)}::uuid[])`.execute(t.db),
      async () => sql`UPDATE clue SET title = title || '。' WHERE year = ${YEAR}`.execute(t.db),
      async () => {
        const id = inserted.pop();
        if (id) await t.db.deleteFrom('clue').where('id', '=', id).execute();
      },
      async () =>
        sql`UPDATE case_file SET lead_org_id = ${pick(orgs)}::uuid, state = ${pick(['ARCHIVED', 'IN_TRIAL', 'DECIDED', 'SANCTION_ANNOUNCED'])},
          trial_due = current_date - ${Math.floor(rand() * 3)}::int, decision_announce_due = current_date + 1, execution_report_due = current_date
          WHERE id = ANY(${await ids('case_file', 3)}::uuid[])`.execute(t.db),
      async () =>
        sql`UPDATE case_file SET filed_on = filed_on + 35, decided_on = ${pick([null, today])}::date WHERE id = ANY(${await ids('case_file', 4)}::uuid[])`.execute(
          t.db,
        ),
      // A filing proposal (no filing day yet) created around the new year, written from a session in UTC.
      async () =>
        t.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
          await sql`UPDATE case_file SET filed_on = NULL, state = 'FILING_PROPOSED', created_at = ${`${YEAR - 1}-12-31T16:10:00Z`}::timestamptz
            WHERE id = ANY(${await ids('case_file', 2)}::uuid[])`.execute(trx);
        }),
      // Case limits due around the cutoff (migration 0066), from a session in UTC, and a fold up to a day.
      async () =>
        t.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
          await sql`UPDATE case_file SET state = 'IN_TRIAL', trial_due = casework_due_cutoff() + ${Math.floor(rand() * 7) - 3}::int,
            classification = ${pick(['PUBLIC', 'WORK_SECRET', 'SECRET'])} WHERE id = ANY(${await ids('case_file', 4)}::uuid[])`.execute(trx);
        }),
      async () => sql`SELECT casework_case_due_key_fold(current_date + ${Math.floor(rand() * 3) - 1}::int)`.execute(t.db),
      // Limits due around the cutoff of migration 0062 (three days before the UTC date), from a session in UTC.
      async () =>
        t.db.transaction().execute(async (trx) => {
          await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
          await sql`UPDATE clue SET state = 'UNDER_ANALYSIS', propose_due = casework_due_cutoff() + ${Math.floor(rand() * 5) - 2}::int,
            feedback_due = casework_due_cutoff() + ${Math.floor(rand() * 9) - 4}::int, feedback_on = NULL WHERE id = ANY(${await ids('clue', 5)}::uuid[])`.execute(
            trx,
          );
        }),
      async () =>
        sql`UPDATE clue SET subject_org_id = ${pick(orgs)}::uuid, receiving_org_id = ${pick(orgs)}::uuid, classification = ${pick(['PUBLIC', 'WORK_SECRET', 'SECRET'])}
          WHERE id = ANY(${await ids('clue', 5)}::uuid[])`.execute(t.db),
      // The day buckets up to a day folded into the long-due bucket (what every writing statement does with the cutoff).
      async () => sql`SELECT casework_clue_due_key_fold(current_date + ${Math.floor(rand() * 3) - 1}::int)`.execute(t.db),
      async () =>
        t.db
          .transaction()
          .execute(async (trx) => {
            await sql`UPDATE clue SET state = 'CLOSED', received_on = '2001-01-01'`.execute(trx);
            throw new Error('rollback');
          })
          .catch(() => undefined),
    ];
    for (let i = 0; i < 60; i++) await pick(steps)();
    for (const step of steps) await step();
    expect(await differences()).toEqual([]);
    // Every running limit of every kind lies within LIMITS_RUN (the partial indexes' predicate the scoped count adds).
    const outside = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clue c WHERE (${sql.join(
      CLUE_OVERDUE_KIND_LIST.map((k) => dueBy(k, '9999-12-31', 'c')),
      sql` OR `,
    )}) AND NOT coalesce(${sql.raw(LIMITS_RUN)}, false)`.execute(t.db);
    const inside = await sql<{ n: number }>`SELECT count(*)::int AS n FROM clue c WHERE ${sql.raw(LIMITS_RUN)}`.execute(t.db);
    expect(outside.rows[0]!.n).toBe(0);
    expect(inside.rows[0]!.n).toBeGreaterThan(0);
    // The long-due bucket and the days to come are both in use.
    const buckets = await sql<{ past: number; days: number }>`SELECT count(*) FILTER (WHERE due_on IS NULL)::int AS past,
      count(*) FILTER (WHERE due_on IS NOT NULL)::int AS days FROM casework_clue_due_key_agg WHERE n <> 0`.execute(t.db);
    expect(buckets.rows[0]!.past).toBeGreaterThan(0);
    expect(buckets.rows[0]!.days).toBeGreaterThan(0);
  });

  it('the recount sees a broken trigger: casework_clue_due_key_agg without its update trigger, then without its fold', async () => {
    const broken = async (breakIt: string, ...writes: string[]) => {
      // On the owner's connection (the application role may not alter the trigger), rolled back.
      const found = await t.owner
        .transaction()
        .execute(async (trx) => {
          await sql.raw(breakIt).execute(trx);
          for (const w of writes) await sql.raw(w).execute(trx);
          const d = await differences(trx);
          throw Object.assign(new Error('rollback'), { d });
        })
        .catch((e: Error & { d?: { table: string }[] }) => {
          if (!e.d) throw e;
          return e.d;
        });
      return found.map((x) => x.table);
    };
    expect(
      await broken(
        'ALTER TABLE clue DISABLE TRIGGER casework_clue_due_key_agg_update',
        "UPDATE clue SET classification = CASE classification WHEN 'PUBLIC' THEN 'SECRET' ELSE 'PUBLIC' END WHERE id IN (SELECT id FROM clue WHERE state = 'UNDER_ANALYSIS' AND propose_due IS NOT NULL LIMIT 3)",
      ),
    ).toEqual(['casework_clue_due_key_agg']);
    // A fold that drops the buckets it moves instead of adding them to the long-due one.
    expect(
      await broken(
        `CREATE OR REPLACE FUNCTION casework_clue_due_key_fold(cutoff date) RETURNS void LANGUAGE sql AS $$
           DELETE FROM casework_clue_due_key_agg WHERE due_on IS NOT NULL AND due_on < cutoff $$`,
        "UPDATE clue SET propose_due = current_date + 5 WHERE id IN (SELECT id FROM clue WHERE state = 'UNDER_ANALYSIS' AND propose_due IS NOT NULL LIMIT 2)",
        'SELECT casework_clue_due_key_fold(current_date + 30)',
      ),
    ).toEqual(['casework_clue_due_key_agg']);
    // Migration 0066: without its update trigger a move of undertaking org or a state change is lost in both tables.
    expect(
      await broken(
        'ALTER TABLE clue DISABLE TRIGGER casework_clue_key_agg_update',
        "UPDATE clue SET state = 'CLOSED', undertaking_org_id = receiving_org_id WHERE id IN (SELECT id FROM clue WHERE state = 'UNDER_ANALYSIS' LIMIT 3)",
      ),
    ).toEqual(['casework_clue_intake_key_agg', 'casework_clue_disposition_key_agg']);
    // And the case aggregate without its update trigger: a case moved to another lead org stays counted under the old one.
    expect(
      await broken(
        'ALTER TABLE case_file DISABLE TRIGGER casework_case_key_agg_update',
        'UPDATE case_file SET lead_org_id = subject_org_id WHERE id IN (SELECT id FROM case_file WHERE subject_org_id IS DISTINCT FROM lead_org_id LIMIT 2)',
      ),
    ).toEqual(['casework_case_key_agg']);
    expect(
      await broken(
        'ALTER TABLE case_file DISABLE TRIGGER casework_case_due_key_agg_update',
        `UPDATE case_file SET state = CASE state WHEN 'IN_TRIAL' THEN 'SANCTION_ANNOUNCED' ELSE 'IN_TRIAL' END, trial_due = current_date - 1,
          execution_report_due = current_date - 1 WHERE id IN (SELECT id FROM case_file ORDER BY id LIMIT 2)`,
      ),
    ).toEqual(['casework_case_due_key_agg']);
    // A case fold that drops the buckets it moves.
    expect(
      await broken(
        `CREATE OR REPLACE FUNCTION casework_case_due_key_fold(cutoff date) RETURNS void LANGUAGE sql AS $$
           DELETE FROM casework_case_due_key_agg WHERE due_on IS NOT NULL AND due_on < cutoff $$`,
        "UPDATE case_file SET state = 'IN_TRIAL', trial_due = current_date + 5 WHERE id IN (SELECT id FROM case_file ORDER BY id LIMIT 2)",
        'SELECT casework_case_due_key_fold(current_date + 30)',
      ),
    ).toEqual(['casework_case_due_key_agg']);
    expect(await differences()).toEqual([]);
  });
});
