import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, PREPARED_MARK, prepared, underGenericPlan } from '../src/db/pool';
import { createTestApp, type TestApp } from './app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The statements prepared on the connection that runs this query. */
const preparedHere = sql<{ name: string; statement: string }>`SELECT name, statement FROM pg_prepared_statements`;

describe('named statements (db/pool.ts prepared())', () => {
  it('sends a marked statement once per connection under a name and reuses it with other values', async () => {
    await t.db.connection().execute(async (conn) => {
      const q = (n: number) => prepared(sql<{ v: number }>`SELECT ${n}::int + 1 AS v`).execute(conn);
      expect((await q(1)).rows[0]!.v).toBe(2);
      expect((await q(41)).rows[0]!.v).toBe(42);
      const { rows } = await preparedHere.execute(conn);
      const mine = rows.filter((r) => r.statement.startsWith(PREPARED_MARK.trim()) && r.statement.includes('AS v'));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.name).toMatch(/^ld_[0-9a-f]{24}$/);
    });
  });

  it('leaves unmarked statements unnamed (dynamic SQL is never kept per connection)', async () => {
    await t.db.connection().execute(async (conn) => {
      await sql`SELECT ${7}::int AS unmarked_probe`.execute(conn);
      const { rows } = await preparedHere.execute(conn);
      expect(rows.some((r) => r.statement.includes('unmarked_probe'))).toBe(false);
    });
  });

  it('the session lookup and GET /me, named statements, answer each account with its own values', async () => {
    for (let i = 0; i < 4; i++) {
      const a = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'edu.group' })).json();
      const b = (await t.request({ method: 'GET', url: '/api/v1/me', as: 'jc3.director' })).json();
      expect(a.user.username).toBe('edu.group');
      expect(b.user.username).toBe('jc3.director');
      expect(a.scope.sample[0].id).toBe(a.user.org.id);
      expect(b.scope.sample[0].id).toBe(b.user.org.id);
      expect(a.user.org.id).not.toBe(b.user.org.id);
    }
  });
});

describe('underGenericPlan (a named statement planned once per connection, issue 12)', () => {
  /** A statement whose custom plan PostgreSQL prefers: a custom plan knows the value, so it always looks cheaper. */
  const probe = (org: string) =>
    prepared(sql<{ n: number }>`SELECT count(*)::int AS n FROM clue c WHERE c.undertaking_org_id = ${org}::uuid AND c.title <> 'generic probe'`);
  const plans = sql<{ generic_plans: number; custom_plans: number }>`SELECT generic_plans::int, custom_plans::int
    FROM pg_prepared_statements WHERE statement LIKE '%generic probe%'`;

  it('keeps the generic plan under it, the same rows, and leaves the connection as it was', async () => {
    const one = createDb(t.appDatabaseUrl, 1);
    try {
      const orgs = (await sql<{ id: string }>`SELECT id FROM org ORDER BY code LIMIT 8`.execute(one.db)).rows.map((r) => r.id);
      const plain: number[] = [];
      for (const org of orgs) plain.push((await probe(org).execute(one.db)).rows[0]!.n);
      const before = (await plans.execute(one.db)).rows[0]!;
      const generic: number[] = [];
      for (const org of orgs) {
        generic.push(
          await underGenericPlan(one.db, async (conn) => {
            expect((await sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`.execute(conn)).rows[0]!.m).toBe('force_generic_plan');
            return (await probe(org).execute(conn)).rows[0]!.n;
          }),
        );
      }
      const after = (await plans.execute(one.db)).rows[0]!;
      expect(generic).toEqual(plain);
      expect(after.generic_plans - before.generic_plans).toBe(orgs.length);
      expect(after.custom_plans).toBe(before.custom_plans);
      // Back on the same (only) connection: the setting was local to the transaction, and none is left open.
      const state = (
        await sql<{ m: string; x: string | null }>`SELECT current_setting('plan_cache_mode') AS m,
          (SELECT backend_xid::text FROM pg_stat_activity WHERE pid = pg_backend_pid()) AS x`.execute(one.db)
      ).rows[0]!;
      expect(state).toEqual({ m: 'auto', x: null });
      // A failing statement rolls back and frees the connection for the next caller.
      await expect(underGenericPlan(one.db, (conn) => sql`SELECT 1 / 0`.execute(conn))).rejects.toThrow(/division by zero/);
      expect((await sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`.execute(one.db)).rows[0]!.m).toBe('auto');
    } finally {
      await one.close();
    }
  });

  it('inside a transaction it runs as it is: no COMMIT ends the caller’s transaction', async () => {
    const title = `generic-plan rollback probe ${Date.now()}`;
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`INSERT INTO setting (commission_id, key, value)
          SELECT commission_id, ${title}, '1'::jsonb FROM app_user LIMIT 1`.execute(trx);
        const m = await underGenericPlan(
          trx,
          async (conn) => (await sql<{ m: string }>`SELECT current_setting('plan_cache_mode') AS m`.execute(conn)).rows[0]!.m,
        );
        expect(m).toBe('auto');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM setting WHERE key = ${title}`.execute(t.db)).rows[0]!.n).toBe(0);
  });
});
