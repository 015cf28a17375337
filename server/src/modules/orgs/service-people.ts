import type { Person } from '@liandong/domain/org/contracts';
import { maskIdNumber } from '@liandong/domain/org/id-number';
import { sql } from 'kysely';
import type { Actor } from '../../platform/access';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { audit } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { type PersonRow, presentPerson } from './present';
import { containsPattern, type Q } from './repo-orgs';
import { auditSharedReads, type SharedRead, sharedRead, sharedTo } from '../visibility';
import { personVisible } from './scope';

/*
 * 人员信息 — business content. Every read is scoped by the person's unit (actor_org_scope); the full
 * ID number is SM4-encrypted at rest, listed only masked, and decrypted only by the audited reveal.
 */

/**
 * People the actor sees: by scope, and — for reads that show information (`shared`) — those open to the
 * actor's org under a 信息互通 grant (干部信息) in force.
 */
function personQuery(db: Q, actor: Actor, shared?: SharedRead) {
  const visible = shared ? sql<boolean>`(${personVisible(actor, 'p.unit_id')} OR ${sharedTo('PERSON', 'p', shared)})` : personVisible(actor, 'p.unit_id');
  return db.selectFrom('person as p').leftJoin('org as u', 'u.id', 'p.unit_id').where('p.commission_id', '=', actor.commissionId).where(visible);
}

/** Of the people just read, audits those read under a grant (per grant) and returns their ids. */
async function sharedPeople(ctx: Ctx, ids: string[], via: 'list' | 'detail'): Promise<Set<string>> {
  const behind = await auditSharedReads(ctx, 'PERSON', ids, (o) => personVisible(ctx.actor, `${o}.unit_id`), via);
  return new Set(behind.keys());
}

/** A person read under a grant: the record, never the ID number or an edit. */
function readOnly(p: ReturnType<typeof presentPerson>): ReturnType<typeof presentPerson> {
  return { ...p, abilities: { revealIdNumber: false, setIdNumber: false } };
}

const PERSON_COLUMNS = [
  'p.id',
  'p.name_zh',
  'p.gender',
  'p.unit_id',
  'u.name_zh as unit_name',
  'p.position',
  // 职级 is stored as a RANK_LEVEL dictionary code (BUREAU …) or as free text: shown by its label when it is a code.
  sql<string | null>`coalesce((SELECT di.label_zh FROM dictionary_item di JOIN dictionary d ON d.id = di.dictionary_id
    WHERE d.commission_id = p.commission_id AND d.code = 'RANK_LEVEL' AND di.code = p.rank_level), p.rank_level)`.as('rank_level'),
  'p.party_member',
  'p.is_supervision_object',
  'p.id_number_masked',
  'p.version',
] as const;

/** GET /people — one page and the total. */
export async function listPeople(ctx: Ctx, f: { unitId?: string; q?: string; page: number; pageSize: number }) {
  let base = personQuery(ctx.db, ctx.actor, await sharedRead(ctx));
  if (f.unitId) base = base.where('p.unit_id', '=', f.unitId);
  if (f.q) base = base.where('p.name_zh', 'ilike', containsPattern(f.q));
  // Page and total in one statement (the scope is evaluated once); a page past the end counts apart.
  const rows = await base
    .select([...PERSON_COLUMNS, sql<number>`count(*) OVER ()::int`.as('total')])
    .orderBy('u.sort_order')
    .orderBy('p.name_zh')
    .orderBy('p.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const total = rows[0]?.total ?? (f.page > 1 ? (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n : 0);
  const shared = await sharedPeople(
    ctx,
    rows.map((r) => r.id),
    'list',
  );
  return { items: (rows as PersonRow[]).map((r) => (shared.has(r.id) ? readOnly : (p: Person) => p)(presentPerson(ctx.actor, r))), total };
}

async function findPerson(db: Q, actor: Actor, id: string, forUpdate = false, shared?: SharedRead): Promise<PersonRow | undefined> {
  let q = personQuery(db, actor, shared).select(PERSON_COLUMNS).where('p.id', '=', id);
  if (forUpdate) q = q.forUpdate('p');
  return (await q.executeTakeFirst()) as PersonRow | undefined;
}

/** GET /people/:id — outside the caller's scope the person does not exist (404). */
export async function getPerson(ctx: Ctx, id: string) {
  const row = await findPerson(ctx.db, ctx.actor, id, false, await sharedRead(ctx));
  if (!row) throw notFound('人员');
  const person = presentPerson(ctx.actor, row);
  return (await sharedPeople(ctx, [id], 'detail')).size ? readOnly(person) : person;
}

/**
 * POST /people/:id/reveal-id-number — decrypts the ID number and records the read
 * (person.sensitive_read) in the same transaction: no audit row, no number.
 */
export async function revealIdNumber(ctx: Ctx, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findPerson(trx, ctx.actor, id);
    if (!row) throw notFound('人员');
    const stored = await trx.selectFrom('person').select('id_number_cipher').where('id', '=', id).executeTakeFirstOrThrow();
    if (!stored.id_number_cipher) throw new AppError('NOT_FOUND', '该人员未登记身份证号码');
    const idNumber = ctx.cipher.decrypt(stored.id_number_cipher);
    await audit(trx, ctx, { type: 'person.sensitive_read', objectType: 'person', objectId: id, payload: { field: 'idNumber' } });
    return { idNumber };
  });
}

/** PUT /people/:id/id-number — stores the number SM4-encrypted plus its masked form; audited (masked only). */
export async function setIdNumber(ctx: Ctx, id: string, body: { version: number; idNumber: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findPerson(trx, ctx.actor, id, true);
    if (!row) throw notFound('人员');
    if (row.version !== body.version) throw staleVersion();
    const masked = maskIdNumber(body.idNumber);
    await trx
      .updateTable('person')
      .set({ id_number_cipher: ctx.cipher.encrypt(body.idNumber), id_number_masked: masked, version: sql`version + 1`, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'person.id_number_set', objectType: 'person', objectId: id, payload: { masked, replaced: row.id_number_masked !== null } });
    return presentPerson(ctx.actor, (await findPerson(trx, ctx.actor, id))!);
  });
}
