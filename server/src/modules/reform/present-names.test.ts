/**
 * The 以案促改 record ledger's names from the node's kept names (issue 12, platform/present-names.ts, migration 0090)
 * against the names joined per row: for random actors of the demo, random pages, scopes keyed and walked (a wide scope),
 * random campaigns and sector codes (known, unknown, none) on the records, and random writes between pages (an org, a
 * campaign or a dictionary item renamed, an item's code changed), the page as the client receives it (JSON) is byte
 * for byte the page with the names joined.
 */
import { ReformRecordQuerySchema } from '@liandong/domain/reform/contracts-reform';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { applyNamesWrite, demoNamesPool, namesWriteArb, undoNamesWrite, widenScope } from '../../../test/present-names-data';
import { ctxOf as walkerCtxOf } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { listRecords } from './service-records-read';

let t: TestApp;
const actors: Actor[] = [];
let orgs: string[] = [];
let campaigns: string[] = [];
let items: { id: string; code: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const pool = await demoNamesPool(t.db);
  const { commissionId } = pool;
  ({ orgs, campaigns, items } = pool);
  actors.push(...pool.actors);
  // Campaigns and sector codes on the records at random (a code no dictionary item has among them).
  await sql`UPDATE reform_record r SET campaign_id = CASE WHEN random() < 0.7 THEN (${campaigns}::uuid[])[1 + floor(random() * ${campaigns.length})::int] END,
      sector_code = (ARRAY[NULL, 'NOT_IN_DICTIONARY'] || ${items.map((i) => i.code)}::text[])[1 + floor(random() * ${items.length + 2})::int]
    WHERE r.commission_id = ${commissionId}::uuid`.execute(t.owner);
}, 240_000);
afterAll(() => t.close());

describe('the record ledger’s kept names are the joined names', () => {
  it('for random actors, pages, scopes and writes: the same page, byte for byte', async () => {
    let campaigned = 0;
    let labelled = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          actor: fc.nat(10_000),
          wide: fc.boolean(),
          page: fc.integer({ min: 1, max: 3 }),
          pageSize: fc.constantFrom(5, 10, 20),
          ...namesWriteArb,
        }),
        async (s) => {
          await applyNamesWrite(t.db, { orgs, campaigns, items }, s);
          const actor = actors[s.actor % actors.length]!;
          const a = s.wide ? widenScope(actor) : actor;
          const q = ReformRecordQuerySchema.parse({ page: s.page, pageSize: s.pageSize });
          for (let i = 0; i < 2; i++) {
            const joined = await listRecords(walkerCtxOf(t.db, a), q, { joinedNames: true });
            const kept = await listRecords(walkerCtxOf(t.db, a), q);
            expect(JSON.stringify(kept), actor.username).toBe(JSON.stringify(joined));
            campaigned += joined.items.filter((x) => x.campaignName).length;
            labelled += joined.items.filter((x) => x.sectorLabel && x.sectorLabel !== x.sector).length;
          }
          await undoNamesWrite(t.db, { orgs, campaigns, items }, s);
        },
      ),
      { numRuns: 80, seed: 1208 },
    );
    // Not a comparison of nulls: pages showed campaigns' names and sectors' labels.
    expect(campaigned).toBeGreaterThan(5);
    expect(labelled).toBeGreaterThan(5);
  }, 240_000);
});
