import { todayIso } from '../../platform/calendar';
import type { IntegrityConclusion, IntegrityState } from '@liandong/domain/integrity/enums';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/pool';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import type { SharedRead } from '../visibility';
import { integrityVisible, overseenColumn } from './access';
import { evidenceVisible } from './collect';

/*
 * Reads of 党风廉政意见回复. Every read of a reply goes through integrityVisible; the cadres, evidence
 * lines and events are read only for a reply that passed it.
 */

export type Q = Db | Transaction<DB>;

export interface ReplyRow {
  id: string;
  commission_id: string;
  requesting_org: string;
  request_doc_no: string | null;
  purpose: string;
  received_on: string;
  due_on: string;
  drafting_org_id: string;
  drafting_org_name: string;
  state: IntegrityState;
  created_by: string;
  created_by_name: string;
  submitted_by: string | null;
  submitted_by_name: string | null;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  doc_no: string | null;
  issued_on: string | null;
  classification: string;
  version: number;
  overseen: boolean;
  overdue: boolean;
  today: string;
}

/** The reply as the caller may see it (undefined: absent or outside the caller's scope, both 404). */
export async function findReply(db: Q, actor: Actor, id: string, forUpdate = false, opts: { shared?: SharedRead } = {}): Promise<ReplyRow | undefined> {
  const { rows } = await sql<Omit<ReplyRow, 'today'>>`SELECT r.id, r.commission_id, r.requesting_org, r.request_doc_no, r.purpose,
      to_char(r.received_on, 'YYYY-MM-DD') AS received_on, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
      r.drafting_org_id, o.name_zh AS drafting_org_name, r.state, r.created_by, cu.display_name AS created_by_name,
      r.submitted_by, su.display_name AS submitted_by_name, r.approved_by, au.display_name AS approved_by_name, r.approved_at,
      r.doc_no, to_char(r.issued_on, 'YYYY-MM-DD') AS issued_on, r.classification, r.version,
      ${overseenColumn(actor, 'r')} AS overseen,
      (r.state <> 'ISSUED' AND r.due_on < current_date) AS overdue
    FROM integrity_reply r
    JOIN org o ON o.id = r.drafting_org_id
    JOIN app_user cu ON cu.id = r.created_by
    LEFT JOIN app_user su ON su.id = r.submitted_by
    LEFT JOIN app_user au ON au.id = r.approved_by
    WHERE r.id = ${id}::uuid AND ${integrityVisible(actor, 'r', opts)}
    ${forUpdate ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  // Today in the commission's zone on the application clock (issue 14): the day a reply is dated and numbered.
  return rows[0] ? { ...rows[0], today: todayIso() } : undefined;
}

export interface CadreRow {
  id: string;
  seq: number;
  name_zh: string;
  unit_name: string;
  unit_org_id: string | null;
  position: string;
  person_id: string | null;
  id_number_masked: string | null;
  conclusion: IntegrityConclusion | null;
  opinion: string;
  collected_at: Date | null;
}

/** The cadres of a reply the caller already passed integrityVisible for, in request order. */
export async function cadresOf(db: Q, replyId: string): Promise<CadreRow[]> {
  return (await db
    .selectFrom('integrity_cadre')
    .select(['id', 'seq', 'name_zh', 'unit_name', 'unit_org_id', 'position', 'person_id', 'id_number_masked', 'conclusion', 'opinion', 'collected_at'])
    .where('reply_id', '=', replyId)
    .orderBy('seq')
    .execute()) as CadreRow[];
}

export interface EvidenceRow {
  cadre_id: string;
  source_type: 'clue' | 'case' | 'supervision_finding' | 'inspection_finding';
  source_id: string;
  ref_no: string | null;
  title: string;
  source_state: string | null;
  happened_on: string | null;
  collected_by_name: string;
  collected_at: Date;
}

/** The evidence lines of a reply whose source records the reader may open (see evidenceVisible). */
export async function evidenceOf(db: Q, actor: Actor, replyId: string): Promise<EvidenceRow[]> {
  const { rows } = await sql<EvidenceRow>`SELECT e.cadre_id, e.source_type, e.source_id, e.ref_no, e.title, e.source_state,
      to_char(e.happened_on, 'YYYY-MM-DD') AS happened_on, u.display_name AS collected_by_name, e.collected_at
    FROM integrity_evidence e JOIN app_user u ON u.id = e.collected_by
    WHERE e.reply_id = ${replyId}::uuid AND ${evidenceVisible(actor, 'e')} ORDER BY e.source_type, e.happened_on NULLS LAST, e.id`.execute(db);
  return rows;
}

export async function eventsOf(db: Q, replyId: string) {
  const { rows } = await sql<{ action: string; from_state: string | null; to_state: string | null; comment: string | null; actor: string | null; at: Date }>`
    SELECT e.action, e.from_state, e.to_state, e.comment, u.display_name AS actor, e.at
    FROM integrity_reply_event e LEFT JOIN app_user u ON u.id = e.actor_id
    WHERE e.reply_id = ${replyId}::uuid ORDER BY e.at, e.id`.execute(db);
  return rows;
}

export interface IssuedOpinionRow {
  requesting_org: string;
  doc_no: string | null;
  issued_on: string | null;
  conclusion: IntegrityConclusion;
  opinion: string;
}

/**
 * The conclusions of the ISSUED replies on one cadre (linked to the person record), newest first: what the
 * 廉政档案's 党风廉政意见回复 section holds (domain.md b.6). A conclusion becomes part of the file once the
 * reply is issued; the file's own access rule (custodian, or an approved consultation) governs who reads it,
 * so this read takes no actor — callers must have passed that rule for the person.
 */
export async function issuedOpinionsFor(db: Q, commissionId: string, personId: string): Promise<IssuedOpinionRow[]> {
  const { rows } = await sql<IssuedOpinionRow>`SELECT r.requesting_org, r.doc_no, to_char(r.issued_on, 'YYYY-MM-DD') AS issued_on,
      c.conclusion, c.opinion
    FROM integrity_cadre c JOIN integrity_reply r ON r.id = c.reply_id
    WHERE r.commission_id = ${commissionId}::uuid AND c.person_id = ${personId}::uuid AND r.state = 'ISSUED' AND c.conclusion IS NOT NULL
    ORDER BY r.issued_on DESC NULLS LAST, r.id`.execute(db);
  return rows;
}
