import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPARED_MARK, prepared } from '../src/db/pool';
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
