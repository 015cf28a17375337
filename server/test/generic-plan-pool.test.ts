import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { sql } from 'kysely';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERIC_PLAN_POOL, loadConfig } from '../src/config';
import { createDb, type Db, type DbHandle, PREPARED_MARK, REQUEST_TIMEOUTS, underGenericPlan } from '../src/db/pool';
import { listCases } from '../src/modules/cases';
import { listLetters } from '../src/modules/letters';
import { listRecords } from '../src/modules/reform';
import { COMMISSION_TIME_ZONE } from '../src/platform/zone';
import { createTestApp, type TestApp } from './app';
import { actorOf, ctxOf } from './walkers';

/*
 * Issue 12: `underGenericPlan` outside a transaction runs its read on the handle's generic-plan pool (db/pool.ts
 * `createDb`'s `genericPlanMax`: connections opened with `plan_cache_mode = force_generic_plan`), one message per
 * statement, where the request pool needed three (BEGIN + SET LOCAL, the statement, COMMIT). The same rows, still the
 * generic plan from the first call, and a caller's transaction still runs it as it is.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Every text a pool's clients send (each `client.query` is one message and one round trip). */
function recordTexts(pool: pg.Pool | undefined, into: string[]): void {
  pool?.on('connect', (client) => {
    const original = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const q = args[0] as string | { text: string };
      into.push(typeof q === 'string' ? q : q.text);
      return original(...args);
    };
  });
}

/** A fresh handle (one connection in each pool) whose sent texts are recorded: request pool, generic-plan pool. */
function recorded(genericPlanMax: number): { handle: DbHandle; sent: string[]; genericSent: string[] } {
  const handle = createDb(t.appDatabaseUrl, 1, REQUEST_TIMEOUTS, genericPlanMax);
  const sent: string[] = [];
  const genericSent: string[] = [];
  recordTexts(handle.pool, sent);
  recordTexts(handle.genericPool, genericSent);
  return { handle, sent, genericSent };
}

type Ctx = ReturnType<typeof ctxOf>;
const LEDGERS: [string, (ctx: Ctx) => Promise<unknown>][] = [
  ['records', (ctx) => listRecords(ctx, ReformRecordQuerySchema.parse({}))],
  ['letters', (ctx) => listLetters(ctx, LetterListQuerySchema.parse({}))],
  ['cases', (ctx) => listCases(ctx, CaseListQuerySchema.parse({}))],
];
const READERS = ['edu.group', 'jc3.director', 'sc8.staff', 'ag.manager1', 'fin.staff'];
const isGenericRead = (text: string) => /BEGIN|COMMIT|ROLLBACK|plan_cache_mode/i.test(text);

describe('the generic-plan pool (db/pool.ts createDb genericPlanMax, issue 12)', () => {
  it.each(LEDGERS)('%s as it opens: each generic-plan read one message (no BEGIN/SET LOCAL/COMMIT), the same rows, the generic plan', async (_, list) => {
    const old = recorded(0);
    const fresh = recorded(1);
    try {
      const users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE username IN (${sql.join(READERS)}) ORDER BY username`.execute(t.db)).rows;
      expect(users.length).toBeGreaterThanOrEqual(3);
      for (let round = 0; round < 2; round++) {
        for (const u of users) {
          const actor = await actorOf(t.db, u.id);
          const before = { old: old.sent.length, fresh: fresh.sent.length + fresh.genericSent.length };
          const a = await list(ctxOf(old.handle.db as Db, actor));
          const b = await list(ctxOf(fresh.handle.db as Db, actor));
          expect(b).toEqual(a);
          // The old way: three messages per generic-plan read; the pool's: one, so the same request sends fewer.
          const oldSent = old.sent.length - before.old;
          const freshSent = fresh.sent.length + fresh.genericSent.length - before.fresh;
          const reads = old.sent.slice(before.old).filter((s) => s.startsWith('BEGIN; SET LOCAL plan_cache_mode')).length;
          expect(reads).toBeGreaterThanOrEqual(1);
          expect(freshSent).toBe(oldSent - 2 * reads);
        }
      }
      // No BEGIN, SET LOCAL or COMMIT from the new handle's ledger reads, on either pool.
      expect(fresh.sent.filter(isGenericRead)).toEqual([]);
      expect(fresh.genericSent.filter(isGenericRead)).toEqual([]);
      expect(fresh.genericSent.some((s) => s.startsWith(PREPARED_MARK))).toBe(true);
      // The generic pool's only connection: each named page and count planned generically, never a custom plan.
      const { rows } = await fresh.handle.genericPool!.query<{ statement: string; generic_plans: number; custom_plans: number }>(
        `SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE starts_with(statement, $1)`,
        [PREPARED_MARK.trim()],
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      for (const r of rows) {
        expect(r.custom_plans, r.statement.slice(0, 240)).toBe(0);
        expect(r.generic_plans, r.statement.slice(0, 240)).toBeGreaterThanOrEqual(1);
      }
    } finally {
      await old.handle.close();
      await fresh.handle.close();
    }
  });

  it("its connections: the generic plan, the commission's time zone and the request time limits; a caller's transaction keeps its own connection", async () => {
    const { handle, genericSent } = recorded(2);
    try {
      const settings = await underGenericPlan(
        handle.db,
        async (conn) =>
          (
            await sql<{ mode: string; zone: string; timeout: string; xid: string | null }>`SELECT current_setting('plan_cache_mode') AS mode,
              current_setting('TimeZone') AS zone, (SELECT setting FROM pg_settings WHERE name = 'statement_timeout') AS timeout,
              (SELECT backend_xid::text FROM pg_stat_activity WHERE pid = pg_backend_pid()) AS xid`.execute(conn)
          ).rows[0]!,
      );
      expect(settings).toEqual({ mode: 'force_generic_plan', zone: COMMISSION_TIME_ZONE, timeout: String(REQUEST_TIMEOUTS.statementMs), xid: null });
      expect(genericSent).toHaveLength(1);
      // The request pool is left as it was.
      expect((await sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`.execute(handle.db)).rows[0]!.m).toBe('auto');
      // Inside a transaction: its own connection (it sees the transaction's rows), never the generic pool.
      const sentBefore = genericSent.length;
      await handle.db.transaction().execute(async (trx) => {
        const mine = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid;
        const there = await underGenericPlan(trx, async (conn) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(conn)).rows[0]!.pid);
        expect(there).toBe(mine);
      });
      expect(genericSent).toHaveLength(sentBefore);
    } finally {
      await handle.close();
    }
  });
});

describe('GENERIC_PLAN_POOL (config.ts)', () => {
  it('defaults to as many connections as the request pool, clamps to 0–20, and keeps the default for a value that is not a number', () => {
    const size = (v: string | undefined) => loadConfig({ ...process.env, GENERIC_PLAN_POOL: v }).genericPlanPool;
    expect(GENERIC_PLAN_POOL).toBe(20);
    expect([size(undefined), size(''), size('  '), size('twenty')]).toEqual([20, 20, 20, 20]);
    expect([size('0'), size('8'), size('7.6'), size('-3'), size('64')]).toEqual([0, 8, 8, 0, 20]);
  });
});
