/**
 * The keyed case ledger page (issue 12, platform/keyed-page.ts) against the one visibility predicate: for random
 * actors (group, office, county, 分管领导, commission-wide, team members, 专班 members, grant holders, recused,
 * low clearance), random data and random filters, sorts and page sizes, every page of the keyed query is
 * exactly the page of the original predicate (`caseVisible`), in the same order (the data set:
 * server/test/keyed-ledger-data.ts, as keyed-ledger.test.ts's).
 */
import { type CaseListQuery, CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { actorArb, allPages, expectListed, keyedLedgerFile } from '../../../test/keyed-ledger-data';
import { casePage, listCases } from '../cases';
import { caseVisible } from '../visibility';

const d = keyedLedgerFile();

const caseQueryArb = fc.record({
  sort: fc.constantFrom('filedOn', '-filedOn', 'caseNo', '-caseNo', 'trialDue', '-trialDue'),
  state: fc.option(fc.constantFrom(['FILED'], ['IN_TRIAL', 'DECIDED']), { nil: undefined }),
  year: fc.option(fc.constantFrom(2025, 2026), { nil: undefined }),
  pageSize: fc.integer({ min: 1, max: 9 }),
});

describe('the keyed case page is the predicate’s page', () => {
  it('for random actors, data, filters, sorts and page sizes: the same ids in the same order on every page', async () => {
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, caseQueryArb, async (spec, qs) => {
        const actor = d.actorOf(spec);
        const base: CaseListQuery = CaseListQuerySchema.parse({ sort: qs.sort, state: qs.state?.join(','), year: qs.year });
        const grants = d.grantsOf('CASE', spec, d.caseIds);
        const ctx = d.ctxOf(actor);
        const plain = await casePage(ctx, { ...base, page: 1, pageSize: 100_000 }, { keyed: false, exact: true, grants });
        // The predicate with the stored team gate (0068) is the plain one: the same cases as the team arm without it.
        const reference = await sql<{ id: string }>`SELECT c.id FROM case_file c
          WHERE ${caseVisible(actor, 'c', { shared: { use: 'any', grants }, storedTeamGate: false })}
            ${base.state?.length ? sql`AND c.state = ANY(${base.state}::text[])` : sql``} ${base.year ? sql`AND c.year = ${base.year}` : sql``}`.execute(
          d.t.db,
        );
        expect([...plain.ids].sort()).toEqual(reference.rows.map((x) => x.id).sort());
        const keyed = await allPages(
          (pageSize, offset) => casePage(ctx, { ...base, page: offset / pageSize + 1, pageSize }, { keyed: true, grants }),
          qs.pageSize,
          plain.ids.length,
        );
        expect(keyed).toEqual(plain.ids);
        const first = await casePage(ctx, { ...base, page: 1, pageSize: qs.pageSize }, { keyed: true, grants });
        expect(first).toMatchObject({ total: plain.ids.length, totalCapped: false });
        // The list itself (one statement; named with a screen's page size and no filters) shows the same rows.
        await expectListed((pageSize) => listCases(ctx, { ...base, page: 1, pageSize }, 'list', { grants }), plain.ids, [qs.pageSize, 10, 10]);
        if (plain.ids.length) nonEmpty++;
      }),
      { numRuns: 120, seed: 1205 },
    );
    expect(nonEmpty).toBeGreaterThan(40);
  });
});
