/**
 * The 整改建议书 (letter) ledger's names from the node's kept names (issue 12, platform/present-names.ts, migration 0090)
 * against the names joined per row: for random actors of the demo, random pages, scopes keyed and walked (a wide scope),
 * random campaigns on the letters, and random writes between pages (an org, a
 * campaign or a dictionary item renamed, an item's code changed), the page as the client receives it (JSON) is byte
 * for byte the page with the names joined.
 */
import { LetterListQuerySchema } from '@liandong/domain/reform/contracts-letters';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { applyNamesWrite, demoNamesPool, namesWriteArb, undoNamesWrite, widenScope } from '../../../test/present-names-data';
import { ctxOf as walkerCtxOf } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { listLetters } from './service-ledger';

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
  // Campaigns on the letters at random.
  await sql`UPDATE letter r SET campaign_id = CASE WHEN random() < 0.7 THEN (${campaigns}::uuid[])[1 + floor(random() * ${campaigns.length})::int] END
    WHERE r.commission_id = ${commissionId}::uuid`.execute(t.owner);
}, 240_000);
afterAll(() => t.close());

describe('the record ledger’s kept names are the joined names', () => {
  it('for random actors, pages, scopes and writes: the same page, byte for byte', async () => {
    let campaigned = 0;
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
          const q = LetterListQuerySchema.parse({ page: s.page, pageSize: s.pageSize });
          for (let i = 0; i < 2; i++) {
            const joined = await listLetters(walkerCtxOf(t.db, a), q, { joinedNames: true });
            const kept = await listLetters(walkerCtxOf(t.db, a), q);
            expect(JSON.stringify(kept), actor.username).toBe(JSON.stringify(joined));
            campaigned += joined.items.filter((x) => x.campaignName).length;
          }
          await undoNamesWrite(t.db, { orgs, campaigns, items }, s);
        },
      ),
      { numRuns: 80, seed: 1208 },
    );
    // Not a comparison of nulls: pages showed campaigns' names.
    expect(campaigned).toBeGreaterThan(5);
  }, 240_000);
});
