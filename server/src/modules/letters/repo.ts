import type { PeriodUnit } from '@liandong/domain/reform/contracts-letters';
import type { LetterOrigin, LetterType } from '@liandong/domain/reform/enums';
import type { LetterState } from '@liandong/domain/reform/machine';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import { notFound } from '../../platform/errors';
import { letterVisible } from '../visibility';
import { oversees } from './policy';

type Q = Kysely<DB> | Transaction<DB>;

/** The recommendation columns the services read, plus today's date (the commission's day, todayIso). */
export interface LetterRow {
  id: string;
  commission_id: string;
  record_id: string | null;
  type: LetterType;
  origin: LetterOrigin;
  case_id: string | null;
  drafting_org_id: string;
  supervisor_user_id: string | null;
  recipient_org_id: string;
  recipient_name: string;
  title: string;
  background: string;
  facts: string;
  causes: string;
  legal_basis: string[];
  reply_days: number;
  reply_days_reason: string;
  objection_days: number;
  /** WORKING_DAYS (the commission calendar) or CALENDAR_DAYS (letters drafted before issue 14). */
  objection_unit: PeriodUnit;
  objection_channel: string;
  /** 抄送机关 printed in the 版记. */
  copy_to: string[];
  contact: string;
  state: LetterState;
  approved_by: string | null;
  approved_at: Date | null;
  doc_no: string | null;
  /** The document rendered and stored at issue (immutable; exports re-stamp only its watermark). */
  docx_attachment_id: string | null;
  issued_on: string | null;
  served_on: string | null;
  reply_due: string | null;
  classification: string;
  created_by: string | null;
  amendment_no: number;
  version: number;
  today: string;
  /** The actor is the 分管领导 of the drafting org (the SIGNER side). */
  overseen: boolean;
}

/**
 * Finds a letter the actor can see (letterVisible) — undefined otherwise, so that absence and lack of
 * access answer the same 404. `lock` takes the row lock (FOR UPDATE) in the caller's transaction: every
 * write to a letter and its children goes through it.
 */
export async function findLetter(db: Q, actor: Actor, id: string, lock: boolean): Promise<LetterRow | undefined> {
  const { rows } = await sql<Omit<LetterRow, 'today'> & { visible: boolean }>`SELECT r.id, r.commission_id, r.record_id, r.type, r.origin, r.case_id,
      r.drafting_org_id, r.supervisor_user_id, r.recipient_org_id, r.recipient_name, r.title, r.background, r.facts, r.causes,
      r.legal_basis, r.reply_days, r.reply_days_reason, r.objection_days, r.objection_unit, r.objection_channel, r.copy_to, r.contact, r.state, r.approved_by, r.approved_at,
      r.doc_no, r.docx_attachment_id, r.issued_on::text AS issued_on, r.served_on::text AS served_on, r.reply_due::text AS reply_due,
      r.classification, r.created_by, r.amendment_no, r.version, ${letterVisible(actor, 'r')} AS visible,
      ${oversees(actor, 'r.drafting_org_id')} AS overseen
    FROM letter r
    WHERE r.id = ${id}::uuid AND r.commission_id = ${actor.commissionId}::uuid
    ${lock ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  const row = rows[0];
  // Today in the commission's zone on the application clock (issue 14): the day a draft is dated and an
  // issued letter numbered and dated, the same day todayIso() gives every other deadline.
  return row?.visible ? { ...row, today: todayIso() } : undefined;
}

/** findLetter, or 404. */
export async function loadLetter(db: Q, actor: Actor, id: string, lock: boolean): Promise<LetterRow> {
  const row = await findLetter(db, actor, id, lock);
  if (!row) throw notFound('建议书');
  return row;
}

export interface ItemRow {
  id: string;
  no: number;
  text: string;
  deadline: string;
}

export async function letterItems(db: Q, letterId: string): Promise<ItemRow[]> {
  const { rows } = await sql<ItemRow>`SELECT id, no, text, deadline::text AS deadline FROM letter_item
    WHERE letter_id = ${letterId}::uuid ORDER BY no`.execute(db);
  return rows;
}

/** Active accounts holding any of the roles in the commission (optionally only in one org). */
export async function usersWithRole(db: Q, commissionId: string, roles: readonly string[], orgId?: string): Promise<string[]> {
  let q = db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .distinct()
    .where('u.commission_id', '=', commissionId)
    .where('u.status', '=', 'ACTIVE')
    .where('r.role', 'in', [...roles]);
  if (orgId) q = q.where('u.org_id', '=', orgId);
  return (await q.execute()).map((r) => r.id);
}

/** Name of an org of the commission, or null when it is not one. */
export async function orgName(db: Q, commissionId: string, orgId: string): Promise<{ name: string; kind: string } | null> {
  const o = await db
    .selectFrom('org')
    .select(['name_zh', 'kind'])
    .where('id', '=', orgId)
    .where('commission_id', '=', commissionId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return o ? { name: o.name_zh, kind: o.kind } : null;
}

/**
 * Timeline rows that are not transitions (the letter's creation in DRAFTING, an edit of the text):
 * written here so that the module has one writer of letter_event besides the kernel.
 */
export async function recordLetterEvent(
  trx: Q,
  ctx: Ctx,
  letterId: string,
  e: { action: 'draft' | 'update'; toState?: LetterState; comment?: string },
): Promise<void> {
  await trx
    .insertInto('letter_event')
    .values({
      commission_id: ctx.actor.commissionId,
      letter_id: letterId,
      action: e.action,
      from_state: null,
      to_state: e.toState ?? null,
      comment: e.comment ?? null,
      actor_id: ctx.actor.userId,
    })
    .execute();
}
