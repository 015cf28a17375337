import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, PREPARED_MARK } from '../src/db/pool';
import { listCases } from '../src/modules/cases';
import { listLetters } from '../src/modules/letters';
import { listRecords } from '../src/modules/reform';
import { createTestApp, type TestApp } from './app';
import { actorOf, ctxOf } from './walkers';

/*
 * Issue 12: the record, letter and case ledgers as they open are named statements on their generic plan from the first
 * call on each pooled connection (db/pool.ts underGenericPlan) — PostgreSQL's own choice settled on that generic plan
 * only after five custom plans per connection, which a short busy run paid on each of 20 connections. The rows are
 * the plain predicate's (the keyed-*.test.ts and walked-ledgers.test.ts property tests walk these ledgers, page 1 named).
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The ledgers' named page and count statements prepared on the connection that runs this query, with their plans. */
const ledgerPlans = sql<{ statement: string; generic_plans: number; custom_plans: number }>`SELECT statement, generic_plans::int, custom_plans::int
  FROM pg_prepared_statements WHERE starts_with(statement, ${PREPARED_MARK.trim()})
    AND (statement LIKE '%ledger_page%' OR statement LIKE '%SELECT count(*)::int AS n FROM (%')`;

type Ctx = ReturnType<typeof ctxOf>;
const LEDGERS: [string, (ctx: Ctx) => Promise<unknown>][] = [
  ['records', (ctx) => listRecords(ctx, ReformRecordQuerySchema.parse({}))],
  ['letters', (ctx) => listLetters(ctx, LetterListQuerySchema.parse({}))],
  ['cases', (ctx) => listCases(ctx, CaseListQuerySchema.parse({}))],
];

describe('the record, letter and case ledgers as they open: the generic plan from the first call (issue 12)', () => {
  it.each(LEDGERS)('%s: each named page and count planned once, generically, for readers of every kind', async (_, list) => {
    // One connection: every statement of the ledger is prepared where pg_prepared_statements is read.
    const one = createDb(t.appDatabaseUrl, 1);
    try {
      const users = (
        await sql<{ id: string }>`SELECT id FROM app_user
          WHERE username IN ('edu.group', 'jc3.director', 'sc8.staff', 'ag.manager1', 'fin.staff') ORDER BY username`.execute(one.db)
      ).rows;
      expect(users.length).toBeGreaterThanOrEqual(3);
      for (let round = 0; round < 2; round++) {
        for (const u of users) await list(ctxOf(one.db as Db, await actorOf(one.db, u.id)));
      }
      const { rows } = await ledgerPlans.execute(one.db);
      // A page and a count at least (the readers' kinds may name more than one of each).
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) {
        expect(r.custom_plans, r.statement.slice(0, 240)).toBe(0);
        expect(r.generic_plans, r.statement.slice(0, 240)).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await one.close();
    }
  });
});
