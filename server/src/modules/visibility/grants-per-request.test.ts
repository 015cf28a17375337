/**
 * Issue 12: a request asks its 信息互通 grants once (grantsFor) — a ledger's page, its shared-read audit and a figure's
 * cache key used to ask each, a round trip for the 'shares' epoch every time. Proven with a plugin that counts every
 * statement the grants lookup sends: a request's own context (ctxOf) asks once however often and however concurrently
 * it is asked; any other context (a job's, a test's) asks every time; and the next request sees a grant revoked in
 * between.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type KyselyPlugin, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { Db } from '../../db/pool';
import type { Actor } from '../../platform/access';
import { loadAccountActor } from '../../platform/account-actor';
import { type Ctx, ctxOf } from '../../platform/context';
import { grantsFor, sharedRead } from '.';

let t: TestApp;
let counted: Db;
let statements = 0;
let actor: Actor;
let shareId: string;

/** Counts every statement sent through `counted`. */
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    statements += 1;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

/** A request's context as a route handler makes it. */
const requestCtx = (): Ctx =>
  ctxOf(
    { platform: { db: counted, cipher: null, config: null } } as unknown as FastifyInstance,
    {
      actor,
      id: 'req-test',
      ip: '127.0.0.1',
      log: null,
    } as unknown as FastifyRequest,
  );

/** Statements sent while `run` ran. */
async function sent(run: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await run();
  return statements - before;
}

beforeAll(async () => {
  t = await createTestApp({ logLevel: 'silent' });
  counted = t.db.withPlugin(counter);
  // A demo grant in force and a staff account of its grantee org.
  const { rows } = await sql<{ id: string; username: string }>`SELECT s.id, u.username FROM information_share s
      JOIN app_user u ON u.org_id = s.grantee_org_id JOIN user_role r ON r.user_id = u.id AND r.role = 'GROUP_STAFF'
     WHERE s.state = 'APPROVED' AND current_date BETWEEN s.starts_on AND s.ends_on ORDER BY s.id, u.username LIMIT 1`.execute(t.db);
  expect(rows, 'the demo commission holds a grant in force to a dispatched group').toHaveLength(1);
  shareId = rows[0]!.id;
  actor = await loadAccountActor(t.db, { username: rows[0]!.username });
});
afterAll(() => t.close());

describe('grants asked once per request (grantsFor)', () => {
  it('a request context asks the epoch once, however often and however concurrently it is asked', async () => {
    await grantsFor({ db: counted, actor }); // the node's per-org cache is warm: a later lookup is the epoch alone
    const ctx = requestCtx();
    expect(await sent(() => grantsFor(ctx))).toBe(1);
    expect(await sent(() => Promise.all([grantsFor(ctx), sharedRead(ctx), sharedRead(ctx, 'full')]))).toBe(0);
    const fresh = requestCtx();
    expect(await sent(() => Promise.all([grantsFor(fresh), grantsFor(fresh), sharedRead(fresh)]))).toBe(1);
    expect(await grantsFor(fresh)).toBe(await grantsFor(fresh));
    expect((await grantsFor(fresh)).fingerprint).toContain(shareId);
  });

  it('any other context (a job, a test, a spread copy) asks every time', async () => {
    const plain = { db: counted, actor };
    expect(await sent(() => grantsFor(plain))).toBe(1);
    expect(await sent(() => grantsFor(plain))).toBe(1);
    const copy = { ...requestCtx() };
    expect(await sent(() => Promise.all([grantsFor(copy), grantsFor(copy)]))).toBe(2);
  });

  it('the next request sees a grant revoked in between; the finished request kept what it read', async () => {
    const first = requestCtx();
    expect((await grantsFor(first)).fingerprint).toContain(shareId);
    await sql`UPDATE information_share SET state = 'REVOKED', revoked_at = now(), version = version + 1 WHERE id = ${shareId}::uuid`.execute(t.db);
    try {
      expect((await grantsFor(requestCtx())).fingerprint).not.toContain(shareId);
      expect((await grantsFor(first)).fingerprint).toContain(shareId);
    } finally {
      await sql`UPDATE information_share SET state = 'APPROVED', revoked_at = NULL, version = version + 1 WHERE id = ${shareId}::uuid`.execute(t.db);
    }
    expect((await grantsFor(requestCtx())).fingerprint).toContain(shareId);
  });
});
