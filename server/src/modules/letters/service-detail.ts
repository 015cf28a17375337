import type { PeriodUnit } from '@liandong/domain/reform/contracts-letters';
import type { LetterDetail, LetterEvent, LetterOpinion, LetterTaskSummary } from '@liandong/domain/reform/contracts-letters';
import type { LetterReferral, LetterState, TaskState } from '@liandong/domain/reform/machine';
import { sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { caseVisible, letterVisible, REFORM_STAFF_ROLES, reformVisible, sourceProblems, taskVisible } from '../visibility';
import { abilitiesOf, letterSides, oversees } from './policy';
import { letterItems } from './repo';
import { LEDGER_COLUMNS, LEDGER_FROM, type LedgerRow, toListItem } from './service-ledger';

/*
 * 建议书详情: the letter with its numbered recommendations, the opinions (internal: never shown to the
 * recipient unit), the timeline (the unit sees it from issue on), the rectification tasks spawned by
 * adoption and the caller's abilities.
 */

/** Timeline actions the recipient unit sees (everything from issuing on). */
const RECIPIENT_ACTIONS = [
  'issue',
  'serve',
  'object',
  'upholdObjection',
  'rejectObjection',
  'reissue',
  'adopt',
  'reply',
  'evaluate',
  'close',
  'reopenRectification',
  'refuse',
  'escalate',
];

const isLiaisonOnly = (a: Actor) => hasAnyRole(a, ['UNIT_LIAISON']) && !hasAnyRole(a, REFORM_STAFF_ROLES);

interface DetailRow extends LedgerRow {
  record_id: string | null;
  case_id: string | null;
  supervisor_user_id: string | null;
  supervisor_name: string | null;
  created_by: string | null;
  created_by_name: string | null;
  background: string;
  facts: string;
  causes: string;
  legal_basis: string[];
  reply_days: number;
  reply_days_reason: string;
  objection_days: number;
  objection_unit: PeriodUnit;
  objection_channel: string;
  copy_to: string[];
  contact: string;
  approved_by: string | null;
  approved_by_name: string | null;
  approved_at: Date | null;
  receipt_signed_by: string | null;
  objection: string | null;
  objection_answer: string | null;
  reply: string | null;
  evaluation: string | null;
  evaluation_score: number | null;
  evaluated_on: string | null;
  closed_on: string | null;
  escalation: string | null;
  referred_to: string | null;
  referred_to_kind: LetterReferral | null;
  referred_on: string | null;
  amendment_no: number;
  overseen: boolean;
  docx_attachment_id: string | null;
}

const ref = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

/** GET /api/v1/letters/:id */
export async function getLetter(ctx: Ctx, id: string): Promise<LetterDetail> {
  const { rows } = await sql<DetailRow>`SELECT ${LEDGER_COLUMNS},
      CASE WHEN EXISTS (SELECT 1 FROM reform_record rr WHERE rr.id = r.record_id AND ${reformVisible(ctx.actor, 'rr')}) THEN r.record_id END AS record_id,
      CASE WHEN EXISTS (SELECT 1 FROM case_file k WHERE k.id = r.case_id AND ${caseVisible(ctx.actor, 'k')}) THEN r.case_id END AS case_id,
      r.supervisor_user_id, su.display_name AS supervisor_name,
      r.created_by, cu.display_name AS created_by_name, r.background, r.facts, r.causes, r.legal_basis, r.reply_days, r.reply_days_reason, r.objection_days,
      r.objection_unit, r.objection_channel, r.copy_to, r.contact, r.approved_by, au.display_name AS approved_by_name, r.approved_at, r.receipt_signed_by,
      r.objection, r.objection_answer, r.reply, r.evaluation, r.evaluation_score, r.evaluated_on::text AS evaluated_on,
      r.closed_on::text AS closed_on, r.escalation, r.referred_to, r.referred_to_kind, r.referred_on::text AS referred_on, r.amendment_no,
      ${oversees(ctx.actor, 'r.drafting_org_id')} AS overseen, r.docx_attachment_id
    FROM ${LEDGER_FROM}
      LEFT JOIN app_user su ON su.id = r.supervisor_user_id
      LEFT JOIN app_user cu ON cu.id = r.created_by
      LEFT JOIN app_user au ON au.id = r.approved_by
    WHERE r.id = ${id}::uuid AND ${letterVisible(ctx.actor, 'r')}`.execute(ctx.db);
  const r = rows[0];
  if (!r) throw notFound('建议书');
  const liaison = isLiaisonOnly(ctx.actor);

  const items = await letterItems(ctx.db, id);
  const opinions: LetterOpinion[] = liaison
    ? []
    : (
        await sql<{
          id: string;
          kind: 'CONSULTATION' | 'REVIEW';
          org_id: string | null;
          org_name: string;
          opinion: string;
          recorded_by: string | null;
          name: string | null;
          recorded_at: Date;
        }>`
          SELECT o.id, o.kind, o.org_id, o.org_name, o.opinion, o.recorded_by, u.display_name AS name, o.recorded_at
          FROM letter_opinion o LEFT JOIN app_user u ON u.id = o.recorded_by
          WHERE o.letter_id = ${id}::uuid ORDER BY o.recorded_at, o.id`.execute(ctx.db)
      ).rows.map((o) => ({
        id: o.id,
        kind: o.kind,
        orgId: o.org_id,
        orgName: o.org_name,
        opinion: o.opinion,
        recordedBy: ref(o.recorded_by, o.name),
        recordedAt: o.recorded_at.toISOString(),
      }));
  const { rows: events } = await sql<{
    id: number;
    action: string;
    from_state: LetterState | null;
    to_state: LetterState | null;
    comment: string | null;
    actor_id: string | null;
    name: string | null;
    at: Date;
  }>`
    SELECT e.id, e.action, e.from_state, e.to_state, e.comment, e.actor_id, u.display_name AS name, e.at
    FROM letter_event e LEFT JOIN app_user u ON u.id = e.actor_id
    WHERE e.letter_id = ${id}::uuid AND e.commission_id = ${ctx.actor.commissionId}::uuid
      ${liaison ? sql`AND e.action = ANY(${RECIPIENT_ACTIONS}::text[])` : sql``}
    ORDER BY e.id`.execute(ctx.db);
  const timeline: LetterEvent[] = events.map((e) => ({
    id: Number(e.id),
    action: e.action,
    fromState: e.from_state,
    toState: e.to_state,
    comment: e.comment,
    actor: ref(e.actor_id, e.name),
    at: e.at.toISOString(),
  }));
  const { rows: taskRows } = await sql<{ id: string; no: number | null; issue: string; deadline: string; state: TaskState; version: number }>`
    SELECT t.id, ri.no, t.issue, t.deadline::text AS deadline, t.state, t.version
    FROM rectification_task t LEFT JOIN letter_item ri ON ri.id = t.letter_item_id
    WHERE t.letter_id = ${id}::uuid AND ${taskVisible(ctx.actor, 't')}
    ORDER BY ri.no NULLS LAST, t.created_at`.execute(ctx.db);
  const tasks: LetterTaskSummary[] = taskRows.map((t) => ({
    id: t.id,
    itemNo: t.no,
    issue: t.issue,
    deadline: t.deadline,
    state: t.state,
    version: t.version,
  }));

  const sides = letterSides(ctx.actor, { draftingOrgId: r.drafting_org_id, recipientOrgId: r.recipient_org_id, createdBy: r.created_by, overseen: r.overseen });
  return {
    ...toListItem(r),
    recordId: liaison ? null : r.record_id,
    caseId: liaison ? null : r.case_id,
    sourceProblems: liaison ? [] : (await sourceProblems(ctx.db, ctx.actor, 'letter', id)).map((p) => ({ id: p.id, name: p.title })),
    supervisor: ref(r.supervisor_user_id, r.supervisor_name),
    createdBy: ref(r.created_by, r.created_by_name),
    background: r.background,
    facts: r.facts,
    causes: r.causes,
    legalBasis: r.legal_basis,
    replyDays: r.reply_days,
    replyDaysReason: r.reply_days_reason,
    objectionDays: r.objection_days,
    objectionUnit: r.objection_unit,
    objectionChannel: r.objection_channel,
    copyTo: r.copy_to,
    contact: r.contact,
    approvedBy: ref(r.approved_by, r.approved_by_name),
    approvedAt: r.approved_at?.toISOString() ?? null,
    receiptSignedBy: r.receipt_signed_by,
    objection: r.objection,
    objectionAnswer: r.objection_answer,
    reply: r.reply,
    evaluation: r.evaluation,
    evaluationScore: r.evaluation_score,
    evaluatedOn: r.evaluated_on,
    closedOn: r.closed_on,
    escalation: r.escalation,
    referredTo: r.referred_to,
    referredToKind: r.referred_to_kind,
    referredOn: r.referred_on,
    amendmentNo: r.amendment_no,
    docxAttachmentId: liaison ? null : r.docx_attachment_id,
    items: items.map((i) => ({ id: i.id, no: i.no, text: i.text, deadline: i.deadline })),
    opinions,
    timeline,
    tasks,
    abilities: abilitiesOf(sides, r.state),
  };
}
