import { ClueQuerySchema } from '@liandong/domain/clues/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db, underGenericPlan } from '../src/db/pool';
import { ledgerRows } from '../src/modules/clues';
import { clueVisible, sharedRead } from '../src/modules/visibility';
import type { Actor } from '../src/platform/access';
import { executeArraysOnce } from '../src/platform/arrays-once';
import { KEPT_LIST_MISSING } from '../src/platform/kept-lists';
import { createTestApp, type TestApp } from './app';
import { actorOf, ctxOf } from './walkers';

/*
 * Issue 12, migration 0099 (platform/kept-lists.ts): the clue ledger sends a reader's long uuid lists (the scope's orgs,
 * the named 信息互通 ids) by their SHA-256 digest, the lists kept in kept_uuid_list. A scope that changes is another
 * list, another digest: the next request reads the new list, never the old one; a row gone is an error (LDK01) or
 * written again, never an empty list; a row that is not its digest's list cannot be written.
 */

let t: TestApp;
let reader: { id: string; orgId: string; commissionId: string };
/** Orgs of the commission outside the reader's scope as the test starts, with clues; `moved` has clues of its own. */
let others: string[];
let moved: string;

beforeAll(async () => {
  t = await createTestApp();
  reader = (
    await sql<{ id: string; orgId: string; commissionId: string }>`SELECT id, org_id AS "orgId", commission_id AS "commissionId"
      FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)
  ).rows[0]!;
  const inScope = (await sql<{ org_id: string }>`SELECT org_id FROM actor_org_scope(${reader.id}::uuid)`.execute(t.db)).rows.map((r) => r.org_id);
  const candidates = (
    await sql<{ id: string; clues: number }>`SELECT o.id, (SELECT count(*)::int FROM clue c WHERE c.subject_org_id = o.id) AS clues
      FROM org o WHERE o.commission_id = ${reader.commissionId}::uuid AND o.id <> ${reader.orgId}::uuid AND o.id <> ALL(${inScope}::uuid[])
      ORDER BY o.code`.execute(t.db)
  ).rows;
  moved = candidates.find((c) => c.clues > 0)!.id;
  others = candidates.filter((c) => c.id !== moved).map((c) => c.id);
  // An office liaising (联系) with 40 more orgs: a list the ledger keeps (over SHARED_ARRAY_MIN).
  await liaise(others.slice(0, 40));
});
afterAll(() => t?.close());

async function liaise(targets: readonly string[]): Promise<void> {
  for (const target of targets)
    await sql`INSERT INTO liaison (commission_id, office_id, target_id) VALUES (${reader.commissionId}::uuid, ${reader.orgId}::uuid, ${target}::uuid)`.execute(
      t.db,
    );
}

const unliaise = (target: string) => sql`DELETE FROM liaison WHERE office_id = ${reader.orgId}::uuid AND target_id = ${target}::uuid`.execute(t.db);

/** The plain predicate's clues for `actor`, newest first. */
async function plain(db: Db, actor: Actor): Promise<string[]> {
  const shared = await sharedRead(ctxOf(db, actor), 'any');
  return (
    await sql<{ id: string }>`SELECT c.id FROM clue c WHERE c.commission_id = ${actor.commissionId}::uuid AND ${clueVisible(actor, 'c', { shared })}
      ORDER BY c.received_on DESC, c.id DESC`.execute(db)
  ).rows.map((r) => r.id);
}

/** The ledger as it opens (the named page of 20) and as one page of everything, against the plain predicate. */
async function expectLedgerIsPlain(db: Db = t.db): Promise<{ actor: Actor; ids: string[] }> {
  const actor = await actorOf(t.db, reader.id);
  const want = await plain(t.db, actor);
  const q = ClueQuerySchema.parse({});
  const opening = await ledgerRows(ctxOf(db, actor), q, 20, 0);
  expect(opening.items.map((i) => i.id)).toEqual(want.slice(0, 20));
  expect(opening.total).toBe(want.length);
  const all = await ledgerRows(ctxOf(db, actor), q, 1000, 0);
  expect(all.items.map((i) => i.id)).toEqual(want);
  return { actor, ids: want };
}

/** Whether the actor's scope list is kept (its digest's row): the ledger sent it by key. */
async function scopeKept(actor: Actor): Promise<boolean> {
  const orgs = [...new Set(actor.scope.orgIds)];
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kept_uuid_list WHERE digest = kept_uuid_list_digest(${orgs}::uuid[])`.execute(t.db);
  return rows[0]!.n === 1;
}

const movedClues = async () => (await sql<{ id: string }>`SELECT id FROM clue WHERE subject_org_id = ${moved}::uuid`.execute(t.db)).rows.map((r) => r.id);

describe('a scope list kept by its digest (issue 12, 0099)', () => {
  it('an org moved into and out of the scope, a new 联系 link, is in the next answer: no stale list', async () => {
    const before = await expectLedgerIsPlain();
    expect(before.actor.scope.orgIds.length).toBeGreaterThanOrEqual(40);
    expect(await scopeKept(before.actor)).toBe(true);
    const its = await movedClues();
    expect(its.some((id) => before.ids.includes(id))).toBe(false);

    // A new 联系 link: the org's clues are in the next answer.
    await liaise([moved]);
    const linked = await expectLedgerIsPlain();
    expect(its.every((id) => linked.ids.includes(id))).toBe(true);
    expect(await scopeKept(linked.actor)).toBe(true);

    // The link gone: so are its clues.
    await unliaise(moved);
    const unlinked = await expectLedgerIsPlain();
    expect(unlinked.ids).toEqual(before.ids);

    // One org out and another in, in one write: a list of the same length, other orgs.
    const out = others[0]!;
    await t.db.transaction().execute(async (trx) => {
      await sql`DELETE FROM liaison WHERE office_id = ${reader.orgId}::uuid AND target_id = ${out}::uuid`.execute(trx);
      await sql`INSERT INTO liaison (commission_id, office_id, target_id) VALUES (${reader.commissionId}::uuid, ${reader.orgId}::uuid, ${moved}::uuid)`.execute(
        trx,
      );
    });
    const swapped = await expectLedgerIsPlain();
    expect(swapped.actor.scope.orgIds.length).toBe(before.actor.scope.orgIds.length);
    expect(its.every((id) => swapped.ids.includes(id))).toBe(true);
    await unliaise(moved);
    await liaise([out]);
    expect((await expectLedgerIsPlain()).ids).toEqual(before.ids);
  });

  it('two nodes read the same row: the second writes nothing new and answers the same', async () => {
    const { actor, ids } = await expectLedgerIsPlain();
    const rows = async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM kept_uuid_list`.execute(t.db)).rows[0]!.n;
    const before = await rows();
    const b = createDb(t.appDatabaseUrl, 2);
    try {
      expect((await expectLedgerIsPlain(b.db)).ids).toEqual(ids);
      expect(await rows()).toBe(before);
      // A scope changed on one node is another list on both.
      await liaise([moved]);
      const onB = await expectLedgerIsPlain(b.db);
      expect((await expectLedgerIsPlain()).ids).toEqual(onB.ids);
      expect(onB.ids).not.toEqual(ids);
      expect(await scopeKept(onB.actor)).toBe(true);
      expect(await scopeKept(actor)).toBe(true);
    } finally {
      await unliaise(moved);
      await b.close();
    }
  });

  it('a kept list gone from the database: written again outside a transaction, an error inside one — never fewer rows', async () => {
    const { actor, ids } = await expectLedgerIsPlain();
    await sql`TRUNCATE kept_uuid_list`.execute(t.owner);
    // The node still takes the list as written: the statement names a digest without a row, and runs again.
    expect((await expectLedgerIsPlain()).ids).toEqual(ids);
    expect(await scopeKept(actor)).toBe(true);

    await sql`TRUNCATE kept_uuid_list`.execute(t.owner);
    // Inside a transaction the error aborts it: the reader gets an error, not another answer…
    const inside = t.db.transaction().execute((trx) => ledgerRows(ctxOf(trx, actor), ClueQuerySchema.parse({}), 20, 0));
    await expect(inside).rejects.toMatchObject({ code: KEPT_LIST_MISSING });
    // …and the next request writes it again.
    expect((await expectLedgerIsPlain()).ids).toEqual(ids);
    expect(await scopeKept(actor)).toBe(true);

    // Under the generic plan (its own transaction): run again with the list written first.
    await sql`TRUNCATE kept_uuid_list`.execute(t.owner);
    const orgs = [...new Set(actor.scope.orgIds)];
    const count = sql<{ n: number }>`SELECT count(*)::int AS n FROM org WHERE id = ANY(${orgs}::uuid[])`;
    const kept = await underGenericPlan(t.db, (conn) => executeArraysOnce(conn, count, { kept: true }));
    expect(kept.rows[0]!.n).toBe(orgs.length);
  });

  it('a row that is not its digest’s list cannot be written; a list the database will not keep is sent as it is', async () => {
    const firstOrgs = (await sql<{ id: string }>`SELECT id FROM org ORDER BY code LIMIT 41`.execute(t.db)).rows.map((r) => r.id);
    const orgs = firstOrgs.slice(0, 40);
    const garbage = sql`INSERT INTO kept_uuid_list (digest, items) VALUES (kept_uuid_list_digest(${orgs}::uuid[]), ${orgs.slice(1)}::uuid[])`;
    await expect(garbage.execute(t.db)).rejects.toMatchObject({ code: '23514' });
    await expect(garbage.execute(t.owner)).rejects.toMatchObject({ code: '23514' });
    const withNull = sql`INSERT INTO kept_uuid_list (digest, items) VALUES (kept_uuid_list_digest(${[...orgs, null]}::uuid[]), ${[...orgs, null]}::uuid[])`;
    await expect(withNull.execute(t.db)).rejects.toMatchObject({ code: '23514' });
    // Upper-case ids: the text PostgreSQL gives back differs, so the digest the node computes is refused.
    const upper = orgs.map((o) => o.toUpperCase());
    const q = sql<{ n: number }>`SELECT count(*)::int AS n FROM org WHERE id = ANY(${upper}::uuid[])`;
    expect((await executeArraysOnce(t.db, q, { kept: true })).rows[0]!.n).toBe(40);
    expect((await executeArraysOnce(t.db, q, { kept: true })).rows[0]!.n).toBe(40);
    // Lists of one length and the same ends, other orgs between: other digests, other answers.
    const a = [...orgs];
    const b = [...orgs];
    b[20] = firstOrgs[40]!;
    const names = (xs: string[]) => sql<{ n: string }>`SELECT string_agg(code, ',' ORDER BY code) AS n FROM org WHERE id = ANY(${xs}::uuid[])`;
    for (const xs of [a, b, a, b]) {
      const want = (await names(xs).execute(t.db)).rows[0]!.n;
      expect((await executeArraysOnce(t.db, names(xs), { kept: true })).rows[0]!.n).toBe(want);
    }
  });
});
