/**
 * Shared set-up of the kept-names property tests (issue 12, platform/present-names.ts, migration 0090): the writes a
 * test makes between two pages — an org, a campaign or a dictionary item renamed, an item's code changed — and, for
 * the letter and record ledgers, the demo's orgs, campaigns, sector items and non-admin actors.
 */
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/types';
import type { Actor } from '../src/platform/access';
import { actorOf as walkerActorOf } from './walkers';

/** The names a write may touch. */
export interface NamesPool {
  orgs: readonly string[];
  campaigns: readonly string[];
  items: readonly { id: string; code: string }[];
}

/** A write before the page: none (twice as likely), an org renamed, a campaign renamed, a label changed, a code changed. */
export const namesWriteArb = {
  write: fc.constantFrom('none', 'none', 'org', 'campaign', 'label', 'code'),
  target: fc.nat(39),
  salt: fc.nat(9999),
};
export type NamesWrite = { write: 'none' | 'org' | 'campaign' | 'label' | 'code'; target: number; salt: number };

/** Makes the write; an item's changed code leaves the rows' code unknown (the label falls back to it) until `undoNamesWrite`. */
export async function applyNamesWrite(db: Kysely<DB>, pool: NamesPool, s: NamesWrite): Promise<void> {
  const item = pool.items[s.target % Math.max(1, pool.items.length)];
  if (s.write === 'org' && pool.orgs.length)
    await sql`UPDATE org SET name_zh = ${`改名单位${s.salt}`} WHERE id = ${pool.orgs[s.target % pool.orgs.length]!}::uuid`.execute(db);
  if (s.write === 'campaign' && pool.campaigns.length)
    await sql`UPDATE campaign SET name = ${`改名专项${s.salt}`} WHERE id = ${pool.campaigns[s.target % pool.campaigns.length]!}::uuid`.execute(db);
  if (s.write === 'label' && item) await sql`UPDATE dictionary_item SET label_zh = ${`改名标签${s.salt}`} WHERE id = ${item.id}::uuid`.execute(db);
  if (s.write === 'code' && item) await sql`UPDATE dictionary_item SET code = ${`${item.code}_${s.salt}`} WHERE id = ${item.id}::uuid`.execute(db);
}

/** Gives a changed item its code back (the other writes stay: later pages see them). */
export async function undoNamesWrite(db: Kysely<DB>, pool: NamesPool, s: NamesWrite): Promise<void> {
  const item = pool.items[s.target % Math.max(1, pool.items.length)];
  if (s.write === 'code' && item) await sql`UPDATE dictionary_item SET code = ${item.code} WHERE id = ${item.id}::uuid`.execute(db);
}

/** The demo commission of `jc3.staff`: 40 orgs, its campaigns and SECTOR items, and every non-admin account as an actor. */
export async function demoNamesPool(
  db: Kysely<DB>,
): Promise<{ commissionId: string; orgs: string[]; campaigns: string[]; items: { id: string; code: string }[]; actors: Actor[] }> {
  const commissionId = (await sql<{ id: string }>`SELECT commission_id AS id FROM app_user WHERE username = 'jc3.staff'`.execute(db)).rows[0]!.id;
  const ids = async (q: ReturnType<typeof sql<{ id: string }>>) => (await q.execute(db)).rows.map((r) => r.id);
  const orgs = await ids(sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 40`);
  const campaigns = await ids(sql<{ id: string }>`SELECT id FROM campaign WHERE commission_id = ${commissionId}::uuid ORDER BY id`);
  const items = (
    await sql<{ id: string; code: string }>`SELECT i.id, i.code FROM dictionary_item i JOIN dictionary d ON d.id = i.dictionary_id
      WHERE d.commission_id = ${commissionId}::uuid AND d.code = 'SECTOR' ORDER BY i.code`.execute(db)
  ).rows;
  const users = await ids(sql<{ id: string }>`SELECT DISTINCT u.id FROM app_user u JOIN user_role r ON r.user_id = u.id
    WHERE u.commission_id = ${commissionId}::uuid AND r.role NOT IN ('SYS_ADMIN','SECURITY_ADMIN','AUDIT_ADMIN') ORDER BY u.id`);
  const actors: Actor[] = [];
  for (const id of users) actors.push(await walkerActorOf(db, id));
  return { commissionId, orgs, campaigns, items, actors };
}

/** The same actor with a scope of over 900 probes (its orgs repeated): a ledger walks its order. */
export function widenScope(a: Actor): Actor {
  if (a.scope.wide || !a.scope.orgIds.length) return a;
  const copies = Math.ceil(1000 / a.scope.orgIds.length);
  return { ...a, scope: { ...a.scope, orgIds: Array.from({ length: copies }, () => a.scope.orgIds).flat() } };
}
