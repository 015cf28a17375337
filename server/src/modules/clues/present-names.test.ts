/**
 * The clue ledger's names from the node's kept names (issue 12, platform/present-names.ts, migration 0090) against the
 * names joined per row: for random actors (scoped readers of every kind, team and 专班 members, grant holders, recused,
 * low clearance), random data (subject and undertaking orgs or none, campaigns, sector codes known and unknown) and
 * random writes between pages (an org, a campaign or a dictionary item renamed, an item's code changed), the page as
 * the client receives it (JSON) is byte for byte the page with the names joined — walked and keyed.
 */
import { type ClueQuery, ClueQuerySchema } from '@liandong/domain/clues/contracts';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { actorFields, clueBook2027 } from '../../../test/keyed-ledger-data';
import { actorFrom, demoPool, pick, rng } from '../../../test/property-data';
import type { Ctx } from '../../platform/context';
import { presentNames } from '../../platform/present-names';
import { ledgerRows } from './service-ledger';
import { applyNamesWrite, namesWriteArb, undoNamesWrite } from '../../../test/present-names-data';

let t: TestApp;
let commissionId: string;
let orgs: string[] = [];
let users: string[] = [];
let campaigns: string[] = [];
let sectorItems: { id: string; code: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const pool = await demoPool(t.db);
  ({ commissionId, orgs, users, campaigns } = pool);
  sectorItems = (
    await sql<{ id: string; code: string }>`SELECT i.id, i.code FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id
      WHERE d.commission_id = ${commissionId}::uuid AND d.code = 'SECTOR' ORDER BY i.code`.execute(t.db)
  ).rows;
  const codes = [...sectorItems.map((x) => x.code), 'NOT_IN_DICTIONARY'];
  await clueBook2027(t.db, pool, rng(20261207), {
    title: '名称台账',
    clues: 200,
    seq: 710_000,
    days: 30,
    inCampaign: 0.3,
    more: (r) => ({ sector_code: r() < 0.4 ? null : pick(r, codes) }),
    cases: 40,
    caseSeq: 610_000,
    filed: 30,
    teams: 60,
    recusals: 30,
  });
});
afterAll(() => t?.close());

const actorArb = fc.record({
  ...actorFields,
  /** Walked (rows drawn) or keyed (the default opening). */
  rows: fc.constantFrom(0, 20, 100_000),
  pageSize: fc.constantFrom(10, 20),
  sort: fc.constantFrom('-receivedOn', 'clueNo', '-proposeDue'),
  /** A write before the page (server/test/present-names-data.ts). */
  ...namesWriteArb,
});

const ctxOf = (spec: Parameters<typeof actorFrom>[1]) => ({ db: t.db, actor: actorFrom({ commissionId, orgs, users }, spec) }) as Ctx;

describe('the clue ledger’s kept names are the joined names', () => {
  it('for random actors, data and writes: the same page, byte for byte, walked and keyed', async () => {
    let named = 0;
    await fc.assert(
      fc.asyncProperty(actorArb, async (spec) => {
        await applyNamesWrite(t.db, { orgs, campaigns, items: sectorItems }, spec);
        const ctx = ctxOf(spec);
        const shared = { use: 'any' as const, grants: { byType: {}, fingerprint: '' } };
        const q: ClueQuery = ClueQuerySchema.parse({ sort: spec.sort });
        const walk = spec.rows ? { probes: 0, rows: spec.rows } : undefined;
        for (let i = 0; i < 2; i++) {
          const joined = await ledgerRows(ctx, q, spec.pageSize, 0, 'list', { shared, walk, joinedNames: true });
          const kept = await ledgerRows(ctx, q, spec.pageSize, 0, 'list', { shared, walk });
          expect(JSON.stringify(kept)).toBe(JSON.stringify(joined));
          if (joined.items.some((x) => x.subjectOrgName && x.campaignName && x.sectorLabel)) named++;
        }
        await undoNamesWrite(t.db, { orgs, campaigns, items: sectorItems }, spec);
      }),
      { numRuns: 120, seed: 1207 },
    );
    expect(named).toBeGreaterThan(20);
  });

  it('a name written is in the next page: the names epoch moves with an org, a campaign or a dictionary write', async () => {
    const epoch = async () => (await sql<{ e: string }>`SELECT epoch::text AS e FROM data_epoch WHERE area = 'names'`.execute(t.db)).rows[0]?.e ?? '';
    const e0 = await epoch();
    const before = await presentNames(t.db, e0);
    await sql`UPDATE org SET sort_order = sort_order WHERE id = ${orgs[0] as string}::uuid`.execute(t.db);
    expect(await epoch()).toBe(e0); // not a name: the kept names stay
    await sql`UPDATE org SET name_zh = '新名称单位' WHERE id = ${orgs[0] as string}::uuid`.execute(t.db);
    const e1 = await epoch();
    expect(e1).not.toBe(e0);
    expect(before.orgs.get(orgs[0] as string)).not.toBe('新名称单位');
    expect((await presentNames(t.db, e1)).orgs.get(orgs[0] as string)).toBe('新名称单位');
    await sql`UPDATE dictionary_item SET label_zh = label_zh WHERE id = ${sectorItems[0]?.id as string}::uuid`.execute(t.db);
    expect(await epoch()).not.toBe(e1);
  });
});
