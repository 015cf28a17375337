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
import { actorOf as walkerActorOf, ctxOf as walkerCtxOf } from '../../../test/walkers';
import type { Actor } from '../../platform/access';
import { listLetters } from './service-ledger';

let t: TestApp;
const actors: Actor[] = [];
let orgs: string[] = [];
let campaigns: string[] = [];
let items: { id: string; code: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(t.db)).rows[0]!.id;
  orgs = (await sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 40`.execute(t.db)).rows.map((r) => r.id);
  campaigns = (await sql<{ id: string }>`SELECT id FROM campaign WHERE commission_id = ${commissionId}::uuid ORDER BY id`.execute(t.db)).rows.map((r) => r.id);
  items = (
    await sql<{ id: string; code: string }>`SELECT i.id, i.code FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id
      WHERE d.commission_id = ${commissionId}::uuid AND d.code = 'SECTOR' ORDER BY i.code`.execute(t.db)
  ).rows;
  // Campaigns on the letters at random.
  await sql`UPDATE letter r SET campaign_id = CASE WHEN random() < 0.7 THEN (${campaigns}::uuid[])[1 + floor(random() * ${campaigns.length})::int] END
    WHERE r.commission_id = ${commissionId}::uuid`.execute(t.owner);
  const { rows } = await sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`.execute(t.db);
  for (const r of rows) actors.push(await walkerActorOf(t.db, r.id));
}, 240_000);
afterAll(() => t.close());

/** The same actor with a scope of over 900 probes (its orgs repeated): the ledger walks its order. */
const widen = (a: Actor): Actor => {
  const copies = Math.ceil(1000 / Math.max(1, a.scope.orgIds.length));
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
};

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
          write: fc.constantFrom('none', 'none', 'org', 'campaign', 'label', 'code'),
          target: fc.nat(39),
          salt: fc.nat(9999),
        }),
        async (s) => {
          const item = items[s.target % items.length];
          if (s.write === 'org') await sql`UPDATE org SET name_zh = ${`改名单位${s.salt}`} WHERE id = ${orgs[s.target % orgs.length]!}::uuid`.execute(t.db);
          if (s.write === 'campaign' && campaigns.length)
            await sql`UPDATE campaign SET name = ${`改名专项${s.salt}`} WHERE id = ${campaigns[s.target % campaigns.length]!}::uuid`.execute(t.db);
          if (s.write === 'label' && item) await sql`UPDATE dictionary_item SET label_zh = ${`改名标签${s.salt}`} WHERE id = ${item.id}::uuid`.execute(t.db);
          if (s.write === 'code' && item) await sql`UPDATE dictionary_item SET code = ${`${item.code}_${s.salt}`} WHERE id = ${item.id}::uuid`.execute(t.db);
          const actor = actors[s.actor % actors.length]!;
          const a = s.wide && actor.scope.orgIds.length > 0 && !actor.scope.wide ? widen(actor) : actor;
          const q = LetterListQuerySchema.parse({ page: s.page, pageSize: s.pageSize });
          for (let i = 0; i < 2; i++) {
            const joined = await listLetters(walkerCtxOf(t.db, a), q, { joinedNames: true });
            const kept = await listLetters(walkerCtxOf(t.db, a), q);
            expect(JSON.stringify(kept), actor.username).toBe(JSON.stringify(joined));
            campaigned += joined.items.filter((x) => x.campaignName).length;
          }
          if (s.write === 'code' && item) await sql`UPDATE dictionary_item SET code = ${item.code} WHERE id = ${item.id}::uuid`.execute(t.db);
        },
      ),
      { numRuns: 80, seed: 1208 },
    );
    // Not a comparison of nulls: pages showed campaigns' names.
    expect(campaigned).toBeGreaterThan(5);
  }, 240_000);
});
