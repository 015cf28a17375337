/**
 * The keyed clue ledger page (issue 12, platform/keyed-page.ts) against the one visibility predicate: for random
 * actors (group, office, county, 分管领导, commission-wide, team members, 专班 members, grant holders, recused,
 * low clearance), random data and random filters, sorts and page sizes, every page of the keyed query is
 * exactly the page of the original predicate (`clueVisible`), in the same order. The case ledger's page:
 * keyed-case-page.test.ts; the orgs kept on team memberships: kept-team-orgs.test.ts; the capped total of GET /clues
 * and /cases: capped-total.test.ts (the data set: server/test/keyed-ledger-data.ts).
 */
import { CLUE_SCOPED_ROLES } from '@liandong/domain/access/role-sets';
import { type ClueQuery, ClueQuerySchema } from '@liandong/domain/clues/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { actorArb, allPages, expectListed, keyedLedgerFile } from '../../../test/keyed-ledger-data';
import { KEYED_PROBE_LIMIT } from '../../platform/keyed-page';
import { clueVisible } from '../visibility';
import { ledgerPage, ledgerRows } from './service-ledger';

const d = keyedLedgerFile();

const clueQueryArb = fc.record({
  sort: fc.constantFrom('receivedOn', '-receivedOn', 'proposeDue', '-proposeDue', 'clueNo', '-clueNo'),
  state: fc.option(fc.constantFrom(['ASSIGNED'], ['REGISTERED', 'UNDER_ANALYSIS']), { nil: undefined }),
  year: fc.option(fc.constantFrom(2025, 2026), { nil: undefined }),
  receivedFrom: fc.option(fc.constantFrom('2026-02-01', '2026-03-03'), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 9 }),
});

describe('the keyed clue page is the predicate’s page', () => {
  it('for random actors, data, filters, sorts and page sizes: the same ids in the same order on every page', async () => {
    let nonEmpty = 0;
    let openNonEmpty = 0;
    let wideNonEmpty = 0;
    let gated = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, clueQueryArb, async (spec, qs) => {
        const actor = d.actorOf(spec);
        const q: ClueQuery = ClueQuerySchema.parse({ sort: qs.sort, state: qs.state, year: qs.year, receivedFrom: qs.receivedFrom });
        const shared = { use: 'any' as const, grants: d.grantsOf('CLUE', spec, d.clueIds) };
        const ctx = d.ctxOf(actor);
        const plain = await ledgerPage(ctx, q, 100_000, 0, { keyed: false, exact: true, shared });
        // The predicate with the stored team gate (0073) is the plain one: the same clues as the case-team arm without it.
        const reference = await sql<{ id: string }>`SELECT c.id FROM clue c
          WHERE c.commission_id = ${d.commissionId}::uuid AND ${clueVisible(actor, 'c', { shared, storedTeamGate: false })}
            ${q.state?.length ? sql`AND c.state = ANY(${q.state}::text[])` : sql``} ${q.year ? sql`AND c.year = ${q.year}` : sql``}
            ${q.receivedFrom ? sql`AND c.received_on >= ${q.receivedFrom}::date` : sql``}`.execute(d.t.db);
        expect([...plain.ids].sort()).toEqual(reference.rows.map((x) => x.id).sort());
        // The gate leaves out some of this actor's team cases (counted: the property must reach it).
        const gatedOut = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_team_member m
          WHERE m.user_id = ${actor.userId}::uuid AND m.left_on IS NULL AND EXISTS (SELECT 1 FROM clue c WHERE c.case_id = m.case_id)
            AND m.clue_undertaking_org_id = ANY(${actor.scope.wide ? [actor.orgId] : actor.scope.orgIds}::uuid[])`.execute(d.t.db);
        if (gatedOut.rows[0]!.n > 0 && actor.roles.some((x) => CLUE_SCOPED_ROLES.includes(x))) gated++;
        const keyedPages = await allPages((l, o) => ledgerPage(ctx, q, l, o, { keyed: true, shared }), qs.pageSize, plain.ids.length);
        expect(keyedPages).toEqual(plain.ids);
        const first = await ledgerPage(ctx, q, qs.pageSize, 0, { keyed: true, shared });
        expect(first).toMatchObject({ total: plain.ids.length, totalCapped: false });
        // The list itself: the page chosen and presented in one statement — with a screen's page size and no filters
        // sent named (planned once per connection, its generic plan after a few calls) — shows the same rows.
        await expectListed((size) => ledgerRows(ctx, q, size, 0, 'list', { shared }), plain.ids, [qs.pageSize, 10, 10]);
        // The ledger as it opens (no filters: the named statements, their count's org lists through keyed_keys, 0076) —
        // rare among the random filters above, so asked of every actor: the same rows and total as the predicate.
        const opening: ClueQuery = ClueQuerySchema.parse({ sort: qs.sort });
        const openPlain = await ledgerPage(ctx, opening, 100_000, 0, { keyed: false, exact: true, shared });
        await expectListed((size) => ledgerRows(ctx, opening, size, 0, 'list', { shared }), openPlain.ids, [10, 20, 10]);
        if (openPlain.ids.length) openNonEmpty++;
        if (plain.ids.length) nonEmpty++;
        if (plain.ids.length && actor.scope.orgIds.length * 3 > KEYED_PROBE_LIMIT) wideNonEmpty++;
      }),
      { numRuns: 120, seed: 1205 },
    );
    // The property is not vacuous: most actors see something, wide scopes too.
    expect(nonEmpty).toBeGreaterThan(40);
    expect(openNonEmpty).toBeGreaterThan(40);
    expect(wideNonEmpty).toBeGreaterThan(10);
    expect(gated).toBeGreaterThan(5);
    expect(await d.clueKeyDrift()).toBe(0);
  });
});
