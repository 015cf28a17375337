import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import { ReformRecordQuerySchema, TaskQuerySchema } from '@liandong/domain/reform/contracts-reform';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/pool';
import { listCases } from '../src/modules/cases';
import { ledgerRows } from '../src/modules/clues';
import { ledgerWhere, listLetters, sortSql } from '../src/modules/letters';
import { listRecords, listTasks } from '../src/modules/reform';
import type { Actor } from '../src/platform/access';
import { executeArraysOnce, SHARED_ARRAY_MIN } from '../src/platform/arrays-once';
import { TOTAL_CAP } from '../src/platform/ledger-page';
import { createTestApp, type TestApp } from './app';
import { recordStatements } from './record-statements';
import { actorOf, ctxOf } from './walkers';

/*
 * Issue 12: a scope's org list appears in every arm and part of a ledger's page and count statements. Sent as written,
 * an office's letter ledger carried ~10 copies of its 800 ids per statement (424 KiB written by Node per request at full
 * scale, ~5 ms of Node's CPU and ~6 of PostgreSQL's outside its execution time, bench/ledger-cpu.ts); each long array is
 * now sent once per statement (platform/arrays-once.ts `executeArraysOnce`, the keyed page's default). The rows are the
 * plain predicate's: the keyed-*.test.ts and walked-*.test.ts property tests walk these ledgers.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Ctx = ReturnType<typeof ctxOf>;
const LEDGERS: [string, (ctx: Ctx) => Promise<unknown>][] = [
  ['letters', (ctx) => listLetters(ctx, LetterListQuerySchema.parse({}))],
  ['cases', (ctx) => listCases(ctx, CaseListQuerySchema.parse({}))],
  ['clues', (ctx) => ledgerRows(ctx, ClueQuerySchema.parse({}), 20, 0)],
  ['records', (ctx) => listRecords(ctx, ReformRecordQuerySchema.parse({}))],
  ['tasks', (ctx) => listTasks(ctx, TaskQuerySchema.parse({}))],
];

describe('the ledgers send a scope list once per statement (issue 12)', () => {
  it.each(LEDGERS)('%s: no statement carries two copies of a long array, for readers of a wide org list', async (_, list) => {
    const one = createDb(t.appDatabaseUrl, 2);
    const sent = recordStatements(one.pool);
    try {
      const users = (
        await sql<{ id: string }>`SELECT id FROM app_user WHERE username IN ('edu.group', 'jc3.director', 'sc8.staff', 'fin.staff') ORDER BY username`.execute(
          one.db,
        )
      ).rows;
      expect(users.length).toBeGreaterThanOrEqual(3);
      const orgs = (await sql<{ id: string }>`SELECT id FROM org ORDER BY code`.execute(one.db)).rows.map((r) => r.id);
      expect(orgs.length).toBeGreaterThanOrEqual(SHARED_ARRAY_MIN);
      let long = 0;
      for (const u of users) {
        const actor = await actorOf(one.db, u.id);
        // A scope as wide as an office's or a 分管领导's (the test data's own scopes are a few orgs).
        const wide: Actor = { ...actor, scope: { ...actor.scope, wide: false, orgIds: orgs } };
        sent.length = 0;
        await list(ctxOf(one.db as Db, wide));
        for (const s of sent) {
          const arrays = s.values.filter((v): v is unknown[] => Array.isArray(v) && v.length >= SHARED_ARRAY_MIN).map((v) => JSON.stringify(v));
          long += arrays.length;
          expect(new Set(arrays).size, s.text.slice(0, 240)).toBe(arrays.length);
        }
      }
      // The readers' statements did carry the scope list.
      expect(long).toBeGreaterThan(0);
    } finally {
      await one.close();
    }
  });

  it("letters: a wide reader's first page is the plain predicate's, its long arrays sent once", async () => {
    const one = createDb(t.appDatabaseUrl, 2);
    try {
      const orgs = (await sql<{ id: string }>`SELECT id FROM org ORDER BY code`.execute(one.db)).rows.map((r) => r.id);
      const users = (await sql<{ id: string }>`SELECT id FROM app_user WHERE username IN ('edu.group', 'jc3.director', 'sc8.staff')`.execute(one.db)).rows;
      for (const u of users) {
        const actor = await actorOf(one.db, u.id);
        // Half the orgs, in reverse: a list unlike the test data's own scopes, still above SHARED_ARRAY_MIN.
        const wide: Actor = { ...actor, scope: { ...actor.scope, wide: false, orgIds: orgs.slice(-Math.max(SHARED_ARRAY_MIN, orgs.length >> 1)).reverse() } };
        for (const sort of LetterListQuerySchema.shape.sort.unwrap().options) {
          const q = LetterListQuerySchema.parse({ sort });
          const want = (
            await sql<{ id: string }>`SELECT r.id FROM letter r WHERE ${ledgerWhere(wide, q)} ORDER BY ${sortSql(q.sort)}`.execute(one.db)
          ).rows.map((r) => r.id);
          const got = await listLetters(ctxOf(one.db as Db, wide), q);
          expect(got.items.map((x) => x.id)).toEqual(want.slice(0, q.pageSize));
          expect(got.total).toBe(Math.min(want.length, TOTAL_CAP));
        }
      }
    } finally {
      await one.close();
    }
  });
});

describe('executeArraysOnce (platform/arrays-once.ts)', () => {
  it('sends equal long arrays once and keeps different ones apart, even of one length: the same answer', async () => {
    const one = createDb(t.appDatabaseUrl, 1);
    const sent = recordStatements(one.pool);
    try {
      const n = SHARED_ARRAY_MIN + 3;
      const a = Array.from({ length: n }, (_, i) => `a${i}`);
      const b = a.map((x, i) => (i === n - 1 ? 'b' : x));
      const short = ['s1', 's2'];
      const { rows } = await executeArraysOnce(
        one.db as Db,
        sql<{ aa: boolean; ab: boolean; b_last: string; a2_last: string; s: number }>`SELECT ${a}::text[] = ${[...a]}::text[] AS aa,
          ${a}::text[] = ${b}::text[] AS ab, (${b}::text[])[${n}] AS b_last, (${[...a]}::text[])[${n}] AS a2_last,
          cardinality(${short}::text[]) + cardinality(${[...short]}::text[]) AS s`,
      );
      expect(rows[0]).toEqual({ aa: true, ab: false, b_last: 'b', a2_last: `a${n - 1}`, s: 4 });
      const mine = sent.find((x) => x.text.includes('AS b_last'))!;
      // a and b once each (the copies of a share one $n), the short arrays as written.
      expect(mine.values.filter((v) => Array.isArray(v) && v.length === n)).toHaveLength(2);
      expect(mine.values.filter((v) => Array.isArray(v) && v.length === 2)).toHaveLength(2);
    } finally {
      await one.close();
    }
  });
});
