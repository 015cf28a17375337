import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateDifferences, COCKPIT_RECOUNTS, caseworkRecounts } from '../../test/aggregate-recount';
import { createTestApp, type TestApp } from '../../test/app';
import { compactAggregates } from './aggregate-compaction';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const differences = () => aggregateDifferences(t.db, [...COCKPIT_RECOUNTS, ...caseworkRecounts(t.db)]);

/** The empty buckets (n = 0) of every aggregate, by table. */
async function emptyBuckets(): Promise<Record<string, number>> {
  const { rows: tables } = await sql<{ t: string }>`
    SELECT table_name AS t FROM information_schema.columns
    WHERE table_schema = current_schema() AND column_name = 'n' AND table_name LIKE '%\\_agg' ORDER BY 1`.execute(t.db);
  const out: Record<string, number> = {};
  for (const { t: table } of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE n = 0`.execute(t.db);
    if (rows[0]?.n) out[table] = rows[0].n;
  }
  return out;
}

/** Clues (and a case) of a year nobody uses, written and deleted again: their buckets are left with n = 0. */
async function leaveEmptyBuckets(year: number): Promise<void> {
  const org = await t.db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow();
  const ids = await t.db
    .insertInto('clue')
    .values(
      [1, 2, 3].map((i) => ({
        commission_id: org.commission_id,
        year,
        source: 'PETITION_LETTER',
        received_on: `${year}-0${i}-1${i}`,
        receiving_org_id: org.id,
        undertaking_org_id: org.id,
        title: '演示数据：聚合表整理测试线索',
        summary: '演示数据',
        subject_name: '测试对象某某',
        state: 'UNDER_ANALYSIS',
        propose_due: `${year}-11-30`,
      })),
    )
    .returning('id')
    .execute();
  await t.db
    .deleteFrom('clue')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
}

describe('aggregate compaction (聚合表整理, the nightly job platform.aggregate-compaction)', () => {
  it('removes every empty bucket, and every aggregate still equals its recount', async () => {
    await leaveEmptyBuckets(2031);
    const before = await emptyBuckets();
    // The clue aggregates of the cockpit and the dashboard all kept a bucket of the deleted clues.
    for (const table of ['cockpit_clue_agg', 'cockpit_clue_org_agg', 'cockpit_clue_org_month_agg', 'casework_clue_agg']) {
      expect(before[table], table).toBeGreaterThan(0);
    }
    expect(await differences()).toEqual([]);
    const removed = await compactAggregates(t.db);
    expect(removed).toEqual(before);
    expect(await emptyBuckets()).toEqual({});
    expect(await differences()).toEqual([]);
    // Nothing left to do: a second run removes nothing.
    expect(await compactAggregates(t.db)).toEqual({});
  });

  it('skips a bucket a writer holds (no wait), removes it on the next run, and a writer after the delete counts again', async () => {
    await leaveEmptyBuckets(2032);
    const other = new pg.Client({ connectionString: t.appDatabaseUrl });
    await other.connect();
    try {
      // Another session holds one empty bucket, as a writer in its transaction would.
      await other.query('BEGIN');
      const held = await other.query<{ received_ym: number }>(
        `SELECT received_ym FROM cockpit_clue_agg WHERE year = 2032 AND n = 0 ORDER BY received_ym LIMIT 1 FOR UPDATE`,
      );
      expect(held.rows).toHaveLength(1);
      const started = Date.now();
      const removed = await compactAggregates(t.db);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(removed.cockpit_clue_agg).toBeGreaterThan(0);
      const { rows: left } = await sql<{ received_ym: number }>`SELECT received_ym FROM cockpit_clue_agg WHERE year = 2032 AND n = 0`.execute(t.db);
      expect(left).toEqual([{ received_ym: held.rows[0]?.received_ym }]);
      await other.query('COMMIT');
    } finally {
      await other.end();
    }
    expect((await compactAggregates(t.db)).cockpit_clue_agg).toBe(1);
    expect(await emptyBuckets()).toEqual({});
    // A clue written into a removed bucket's key: the upsert inserts the bucket again, and the sums are exact.
    await leaveEmptyBuckets(2032);
    const org = await t.db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', 'LZ-JW-XFS').executeTakeFirstOrThrow();
    await t.db
      .insertInto('clue')
      .values({
        commission_id: org.commission_id,
        year: 2032,
        source: 'PETITION_LETTER',
        received_on: '2032-01-11',
        receiving_org_id: org.id,
        undertaking_org_id: org.id,
        title: '演示数据：聚合表整理测试线索',
        summary: '演示数据',
        subject_name: '测试对象某某',
        state: 'UNDER_ANALYSIS',
        propose_due: '2032-11-30',
      })
      .execute();
    await compactAggregates(t.db);
    const { rows } = await sql<{ n: number }>`SELECT sum(n)::int AS n FROM cockpit_clue_agg WHERE year = 2032`.execute(t.db);
    expect(rows[0]?.n).toBe(1);
    expect(await differences()).toEqual([]);
  });
});
