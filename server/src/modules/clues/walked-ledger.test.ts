/**
 * The clue ledger as it opens by the bounded walk (issue 12, clues/ledger-walk.ts, index 0083) against the one visibility
 * predicate: for random actors (scoped readers of every kind, team and 专班 members, grant holders with named and
 * category grants, recused, low clearance) and random data, the first page of GET /clues newest first — walked up to a
 * random number of rows, from one (the keyed page answers) to every clue of the commission — is exactly the first page
 * of the predicate (`clueVisible`), in the same order, with its capped total. Both ways are reached: the walk's own
 * page, and the keyed page when the walk's rows fall short.
 */
import { type ClueQuery, ClueQuerySchema } from '@liandong/domain/clues/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFields, clueBook2027 } from '../../../test/keyed-ledger-data';
import { actorFrom, demoPool, rng } from '../../../test/property-data';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import type { Grants } from '../visibility';
import { clueVisible } from '../visibility';
import { CLUE_OPENING_WALK, walkedOpening, walksOpening } from './ledger-walk';
import { keyedLedger, ledgerRows } from './service-ledger';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let clueIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const pool = await demoPool(t.db);
  ({ commissionId, orgs, users } = pool);
  // Many dates (the walk's order), ties broken by id; both classifications; some in a campaign, some filed as cases.
  ({ clueIds } = await clueBook2027(t.db, pool, rng(20261206), {
    title: '游走台账',
    clues: 300,
    seq: 700_000,
    days: 40,
    inCampaign: 0.15,
    cases: 80,
    caseSeq: 600_000,
    filed: 60,
    teams: 120,
    recusals: 60,
  }));
});
afterAll(() => t?.close());

const actorArb = fc.record({
  ...actorFields,
  grantIds: fc.uniqueArray(fc.nat(299), { maxLength: 8 }),
  grantOwners: fc.uniqueArray(fc.nat(39), { maxLength: 3 }),
  /** How far the walk reads: 1 row up to more than the commission's clues. */
  rows: fc.constantFrom(1, 5, 20, 60, 150, 400, 100_000),
  pageSize: fc.constantFrom(10, 20),
});
type ActorSpec = typeof actorArb extends fc.Arbitrary<infer A> ? A : never;

/** Synthetic 信息互通 grants: named clues and owner orgs (category grants). */
function grantsOf(s: ActorSpec): Grants {
  const ids = s.grantIds.map((i) => clueIds[i % clueIds.length] as string);
  const owners = s.grantOwners.map((i) => orgs[i % orgs.length] as string);
  if (!ids.length && !owners.length) return { byType: {}, fingerprint: '' };
  return { byType: { CLUE: { ids, fullIds: ids, owners, fullOwners: owners, byId: new Map(), byOwner: new Map() } }, fingerprint: 'prop' };
}

const ctxOf = (actor: Actor) => ({ db: t.db, actor }) as Ctx;

describe('the clue ledger as it opens, walked, is the predicate’s first page', () => {
  it('for random actors, data and walk lengths: the same ids in the same order and the same total', async () => {
    let walkedPages = 0;
    let keyedPages = 0;
    let shortComplete = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, async (spec) => {
        const actor = actorFrom({ commissionId, orgs, users }, spec);
        const ctx = ctxOf(actor);
        const shared = { use: 'any' as const, grants: grantsOf(spec) };
        const q: ClueQuery = ClueQuerySchema.parse({});
        const plain = (
          await sql<{ id: string }>`SELECT c.id FROM clue c WHERE c.commission_id = ${commissionId}::uuid AND ${clueVisible(actor, 'c', { shared })}
            ORDER BY c.received_on DESC, c.id DESC`.execute(t.db)
        ).rows.map((x) => x.id);
        // Every scoped reader walks (no probe floor); the walk's length is drawn.
        const walk = { probes: 0, rows: spec.rows };
        for (let i = 0; i < 2; i++) {
          const listed = await ledgerRows(ctx, q, spec.pageSize, 0, 'list', { shared, walk });
          expect(listed.items.map((x) => x.id)).toEqual(plain.slice(0, spec.pageSize));
          expect(listed).toMatchObject({ total: plain.length, totalCapped: false });
        }
        // Which way answered (the property must reach both).
        const kq = keyedLedger(ctx, q, spec.pageSize, 0, shared, undefined);
        if (!walksOpening(q, kq, walk)) return;
        const present = sql`SELECT lp.id FROM ledger_page lp ORDER BY lp.ord`;
        const walked = await walkedOpening<{ id: string }>(ctx, kq, shared, present, walk);
        if (!walked) keyedPages++;
        else {
          expect(walked.rows.map((x) => x.id)).toEqual(plain.slice(0, spec.pageSize));
          if (plain.length) walkedPages++;
          if (walked.rows.length < spec.pageSize && plain.length) shortComplete++;
        }
      }),
      { numRuns: 150, seed: 1206 },
    );
    expect(walkedPages).toBeGreaterThan(15);
    expect(keyedPages).toBeGreaterThan(15);
    expect(shortComplete).toBeGreaterThan(0);
  });

  it('walks only the ledger as it opens: no filters, the first page of a screen, newest first', () => {
    const actor = actorFrom({ commissionId, orgs, users }, { roles: ['COUNTY_STAFF'], wide: false, scope: [1, 2, 3], org: 1, user: 1, clearance: 'PUBLIC' });
    const ctx = ctxOf(actor);
    const shared = { use: 'any' as const, grants: { byType: {}, fingerprint: '' } };
    const walk = { probes: 0, rows: 10 };
    const kq = (query: Record<string, unknown>, limit = 20, offset = 0) => {
      const q = ClueQuerySchema.parse(query);
      return walksOpening(q, keyedLedger(ctx, q, limit, offset, shared, undefined), walk);
    };
    expect(kq({})).toBe(true);
    expect(kq({ state: ['ASSIGNED'] })).toBe(false);
    expect(kq({ sort: 'receivedOn' })).toBe(false);
    expect(kq({}, 20, 20)).toBe(false);
    expect(kq({}, 7)).toBe(false);
    expect(walksOpening(ClueQuerySchema.parse({}), keyedLedger(ctx, ClueQuerySchema.parse({}), 20, 0, shared, undefined), CLUE_OPENING_WALK)).toBe(false);
  });
});
