import { type ClueDetail, type ClueInquiry, type ClueVerification, type VerificationReport, VerificationReportSchema } from '@liandong/domain/clues/contracts';
import type { ClueState } from '@liandong/domain/clues/machine';
import { sql } from 'kysely';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { auditSharedReads, caseVisible, clueVisible, sharedRead } from '../visibility';
import { clueAbilities } from './policy';
import { loadRequests } from './present-requests';
import { LEDGER_JOINS, ledgerSelect, presentLedgerRow } from './service-ledger';

/* GET /clues/:id — everything about one clue the actor may see; never the complainant. */

type Row = Parameters<typeof presentLedgerRow>[0] & {
  summary: string;
  issue_types: ClueDetail['issueTypes'];
  subject_person_id: string | null;
  cadre_management: ClueDetail['cadreManagement'];
  is_subordinate_top_leader: boolean;
  receiving_org_id: string;
  received_by_id: string | null;
  received_by_name: string | null;
  registered_at: Date | null;
  proposed_org_id: string | null;
  proposed_org_name: string | null;
  proposed_method: ClueDetail['proposedMethod'];
  closed_kind: ClueDetail['closedKind'];
  closed_on: string | null;
  acknowledge_due: string | null;
  acknowledged_on: string | null;
  assigned_case_due: string | null;
  extensions: number;
  inquiry_reply_due: string | null;
  inquiry_report_due: string | null;
  hold_review_due: string | null;
  feedback_due: string | null;
  feedback_on: string | null;
  source_ref_type: string | null;
  source_ref_id: string | null;
  merged_into_id: string | null;
  merge_kind: ClueDetail['mergeKind'];
  case_id: string | null;
  has_complainant: boolean;
};

const d = (col: string) => sql.raw(`to_char(c.${col}, 'YYYY-MM-DD') AS ${col}`);

export async function getClue(ctx: Ctx, id: string): Promise<ClueDetail> {
  const today = todayIso();
  const { rows } = await sql<Row>`SELECT ${ledgerSelect(today)}, c.summary, c.issue_types, c.subject_person_id, c.cadre_management,
      c.is_subordinate_top_leader, c.receiving_org_id, c.received_by AS received_by_id, rb.display_name AS received_by_name, c.registered_at,
      c.proposed_undertaking_org_id AS proposed_org_id, po.name_zh AS proposed_org_name, c.proposed_method, c.closed_kind,
      ${d('closed_on')}, ${d('acknowledge_due')}, ${d('acknowledged_on')}, ${d('assigned_case_due')}, c.extensions, ${d('inquiry_reply_due')},
      ${d('inquiry_report_due')}, ${d('hold_review_due')}, ${d('feedback_due')}, ${d('feedback_on')}, c.source_ref_type, c.source_ref_id,
      c.merged_into_id, c.merge_kind, c.case_id, (c.complainant_cipher IS NOT NULL) AS has_complainant
    FROM clue c ${LEDGER_JOINS}
    LEFT JOIN app_user rb ON rb.id = c.received_by LEFT JOIN org po ON po.id = c.proposed_undertaking_org_id
    WHERE c.id = ${id}::uuid AND c.commission_id = ${ctx.actor.commissionId}::uuid AND ${clueVisible(ctx.actor, 'c', { shared: await sharedRead(ctx) })}`.execute(
    ctx.db,
  );
  const r = rows[0];
  if (!r) throw notFound('问题线索');
  // Opened under 信息互通 grants only: read-only, and a summary grant withholds the content (audited per grant).
  const grants = (await auditSharedReads(ctx, 'CLUE', [id], (o) => clueVisible(ctx.actor, o), 'detail')).get(id);
  if (grants) return sharedClue(ctx, r, grants);

  const [requests, inquiries, verifications, meetings, timeline, related, kase] = await Promise.all([
    loadRequests(ctx, { clueId: id, status: null, page: 1, pageSize: 100 }),
    ctx.db.selectFrom('clue_inquiry').selectAll().where('clue_id', '=', id).orderBy('round').execute(),
    loadVerifications(ctx, id),
    sql<{ id: string; title: string; held_on: string; method: ClueDetail['meetings'][number]['method']; decision: string }>`
      SELECT m.id, m.title, to_char(m.held_on, 'YYYY-MM-DD') AS held_on, i.method, i.decision
        FROM clue_meeting_item i JOIN clue_meeting m ON m.id = i.meeting_id WHERE i.clue_id = ${id}::uuid ORDER BY m.held_on DESC, m.id`.execute(ctx.db),
    sql<{
      id: number;
      action: string;
      from_state: ClueState | null;
      to_state: ClueState | null;
      comment: string | null;
      actor_id: string | null;
      actor_name: string | null;
      at: Date;
    }>`
      SELECT e.id, e.action, e.from_state, e.to_state, e.comment, e.actor_id, u.display_name AS actor_name, e.at
        FROM clue_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.clue_id = ${id}::uuid ORDER BY e.id`.execute(ctx.db),
    sql<{
      id: string;
      clue_no: string | null;
      title: string;
      subject_name: string;
      state: ClueState;
      merge_kind: 'DUPLICATE' | 'CO_PARTY' | null;
      into: boolean;
    }>`
      SELECT c.id, c.clue_no, c.title, c.subject_name, c.state, c.merge_kind, (c.id = ${r.merged_into_id}::uuid) AS into
        FROM clue c WHERE (c.merged_into_id = ${id}::uuid OR c.id = ${r.merged_into_id}::uuid) AND ${clueVisible(ctx.actor, 'c')}
        ORDER BY c.received_on, c.id`.execute(ctx.db),
    // The case filed on the clue only for who may open that case (a clue reader need not).
    r.case_id
      ? ctx.db
          .selectFrom('case_file as k')
          .select(['k.id', 'k.case_no', 'k.state'])
          .where('k.id', '=', r.case_id)
          .where(caseVisible(ctx.actor, 'k'))
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);

  const facts = {
    state: r.state,
    receivingOrgId: r.receiving_org_id,
    undertakingOrgId: r.undertaking_org_id,
    source: r.source,
    realName: r.real_name,
    acknowledgeDue: r.acknowledge_due,
    acknowledgedOn: r.acknowledged_on,
    feedbackDue: r.feedback_due,
    feedbackOn: r.feedback_on,
    hasPendingRequest: requests.items.some((q) => q.status === 'PENDING'),
  };
  const abilities = clueAbilities(ctx.actor, facts);
  const editInquiry = abilities.editInquiry && r.state === 'TALK_INQUIRY';
  const editVerification = abilities.editVerification && r.state === 'PRELIM_VERIFICATION';
  const lastInquiry = inquiries.at(-1)?.id;
  const lastVerification = verifications.at(-1)?.id;
  const into = related.rows.find((x) => x.into);

  return {
    ...presentLedgerRow(r),
    summary: r.summary,
    issueTypes: r.issue_types,
    subjectPersonId: r.subject_person_id,
    cadreManagement: r.cadre_management,
    isSubordinateTopLeader: r.is_subordinate_top_leader,
    receivingOrgId: r.receiving_org_id,
    receivedBy: r.received_by_id ? { id: r.received_by_id, name: r.received_by_name ?? '' } : null,
    registeredAt: r.registered_at ? r.registered_at.toISOString() : null,
    proposedUndertakingOrg: r.proposed_org_id ? { id: r.proposed_org_id, name: r.proposed_org_name ?? '' } : null,
    proposedMethod: r.proposed_method,
    closedKind: r.closed_kind,
    closedOn: r.closed_on,
    deadlines: withCalendarFlags(await loadWorkCalendar(ctx.db, ctx.actor.commissionId), {
      proposeDue: r.propose_due,
      acknowledgeDue: r.acknowledge_due,
      acknowledgedOn: r.acknowledged_on,
      assignedCaseDue: r.assigned_case_due,
      extensions: r.extensions,
      inquiryReplyDue: r.inquiry_reply_due,
      inquiryReportDue: r.inquiry_report_due,
      holdReviewDue: r.hold_review_due,
      feedbackDue: r.feedback_due,
      feedbackOn: r.feedback_on,
    }),
    sourceRef: r.source_ref_type && r.source_ref_id ? { type: r.source_ref_type, id: r.source_ref_id } : null,
    mergedInto: into ? { id: into.id, clueNo: into.clue_no, title: into.title, subjectName: into.subject_name, state: into.state } : null,
    mergeKind: r.merge_kind,
    mergedClues: related.rows
      .filter((x) => !x.into && x.merge_kind)
      .map((x) => ({ id: x.id, clueNo: x.clue_no, title: x.title, subjectName: x.subject_name, state: x.state, mergeKind: x.merge_kind! })),
    case: kase ? { id: kase.id, caseNo: kase.case_no, state: kase.state } : null,
    hasComplainant: r.has_complainant,
    requests: requests.items,
    inquiries: inquiries.map(
      (i): ClueInquiry => ({
        id: i.id,
        clueId: i.clue_id,
        round: i.round,
        form: i.form as ClueInquiry['form'],
        talkedBy: i.talked_by,
        accompaniedBy: i.accompanied_by,
        talkOn: i.talk_on,
        letterSentOn: i.letter_sent_on,
        letterReceivedOn: i.letter_received_on,
        replyDue: i.reply_due,
        repliedOn: i.replied_on,
        replySignedByUnitLeader: i.reply_signed_by_unit_leader,
        reportDue: i.report_due,
        reportedOn: i.reported_on,
        report: i.report,
        outcome: i.outcome as ClueInquiry['outcome'],
        firstFormMeasure: i.first_form_measure as ClueInquiry['firstFormMeasure'],
        filedToIntegrityFile: i.filed_to_integrity_file,
        version: i.version,
        abilities: { update: editInquiry && i.id === lastInquiry },
      }),
    ),
    verifications: verifications.map((v) => {
      const latest = v.id === lastVerification;
      const me = v.team.find((m) => m.userId === ctx.actor.userId && !m.leftOn);
      return {
        ...v,
        abilities: {
          update: editVerification && latest,
          manageTeam: editVerification && latest,
          sign: latest && r.state === 'PRELIM_VERIFICATION' && v.report !== null && !!me && !me.signedAt,
        },
      };
    }),
    meetings: meetings.rows.map((m) => ({ id: m.id, title: m.title, heldOn: m.held_on, method: m.method, decision: m.decision })),
    timeline: timeline.rows.map((e) => ({
      id: Number(e.id),
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: e.actor_id ? { id: e.actor_id, name: e.actor_name ?? '' } : null,
      at: e.at.toISOString(),
    })),
    shared: null,
    abilities: { ...abilities, editInquiry, editVerification },
  };
}

const EMPTY_REPORT = { subjectBasics: '', mainAllegations: '', basis: '', findings: '', doubts: '' };

/** The stored report (jsonb) as the contract shape, or null when there is none or it cannot be read. */
function presentReport(raw: unknown): VerificationReport | null {
  if (!raw || typeof raw !== 'object') return null;
  const parsed = VerificationReportSchema.safeParse({ ...EMPTY_REPORT, ...(raw as object) });
  return parsed.success ? parsed.data : null;
}

/** 初核 rounds with their 核查组 (abilities filled in by the caller). */
export async function loadVerifications(ctx: Ctx, clueId: string): Promise<Omit<ClueVerification, 'abilities'>[]> {
  const rows = await ctx.db.selectFrom('clue_verification').selectAll().where('clue_id', '=', clueId).orderBy('round').execute();
  if (!rows.length) return [];
  const team = await sql<{
    verification_id: string;
    user_id: string;
    name: string;
    org_name: string | null;
    role: 'LEAD' | 'MEMBER';
    signed_at: Date | null;
    joined_on: string;
    left_on: string | null;
  }>`
    SELECT m.verification_id, m.user_id, u.display_name AS name, o.name_zh AS org_name, m.role, m.signed_at,
           to_char(m.joined_on, 'YYYY-MM-DD') AS joined_on, to_char(m.left_on, 'YYYY-MM-DD') AS left_on
      FROM clue_team_member m JOIN app_user u ON u.id = m.user_id LEFT JOIN org o ON o.id = u.org_id
     WHERE m.clue_id = ${clueId}::uuid ORDER BY (m.role = 'LEAD') DESC, m.joined_on, u.display_name`.execute(ctx.db);
  return rows.map((v) => {
    const members = team.rows
      .filter((m) => m.verification_id === v.id)
      .map((m) => ({
        userId: m.user_id,
        name: m.name,
        orgName: m.org_name,
        role: m.role,
        signedAt: m.signed_at ? m.signed_at.toISOString() : null,
        joinedOn: m.joined_on,
        leftOn: m.left_on,
      }));
    const active = members.filter((m) => !m.leftOn);
    return {
      id: v.id,
      clueId: v.clue_id,
      round: v.round,
      plan: v.plan,
      measures: v.measures as ClueVerification['measures'],
      startedOn: v.started_on,
      targetDue: v.target_due,
      report: presentReport(v.report),
      proposal: v.proposal as ClueVerification['proposal'],
      reportedOn: v.reported_on,
      team: members,
      allSigned: v.report !== null && active.length > 0 && active.every((m) => m.signedAt),
      version: v.version,
    };
  });
}

const WORKING_DAY_DEADLINES = [
  'proposeDue',
  'acknowledgeDue',
  'assignedCaseDue',
  'inquiryReplyDue',
  'inquiryReportDue',
  'holdReviewDue',
  'feedbackDue',
] as const;

/** Marks the pending deadlines that fall past the maintained holiday years (see ClueDeadlinesSchema). */
function withCalendarFlags<T extends Record<(typeof WORKING_DAY_DEADLINES)[number], string | null>>(cal: { beyond(day: string): boolean }, d: T) {
  return { ...d, calendarUnconfirmed: WORKING_DAY_DEADLINES.filter((k) => d[k] !== null && cal.beyond(d[k] as string)) };
}

const NO_ABILITIES = { update: false, actions: [], requests: [], readComplainant: false, editInquiry: false, editVerification: false };

/**
 * A clue opened under 信息互通 grants: never an ability; with only SUMMARY grants, the ledger facts without
 * the content (摘要), the requests, inquiries, verifications, meetings, timeline, related clues or the case.
 * With a FULL grant, the content and the record of the work as its owners see them — still read-only.
 */
async function sharedClue(ctx: Ctx, r: Row, grants: { shareId: string; detail: 'SUMMARY' | 'FULL' }[]): Promise<ClueDetail> {
  const full = grants.some((g) => g.detail === 'FULL');
  const [inquiries, verifications, timeline] = full
    ? await Promise.all([
        ctx.db.selectFrom('clue_inquiry').selectAll().where('clue_id', '=', r.id).orderBy('round').execute(),
        loadVerifications(ctx, r.id),
        sql<{ id: number; action: string; from_state: ClueState | null; to_state: ClueState | null; comment: string | null; at: Date }>`
          SELECT e.id, e.action, e.from_state, e.to_state, e.comment, e.at FROM clue_event e WHERE e.clue_id = ${r.id}::uuid ORDER BY e.id`.execute(ctx.db),
      ])
    : [[], [], { rows: [] }];
  return {
    ...presentLedgerRow(r),
    summary: full ? r.summary : '',
    issueTypes: r.issue_types,
    subjectPersonId: null,
    cadreManagement: r.cadre_management,
    isSubordinateTopLeader: r.is_subordinate_top_leader,
    receivingOrgId: r.receiving_org_id,
    receivedBy: null,
    registeredAt: null,
    proposedUndertakingOrg: null,
    proposedMethod: null,
    closedKind: r.closed_kind,
    closedOn: r.closed_on,
    deadlines: withCalendarFlags(await loadWorkCalendar(ctx.db, ctx.actor.commissionId), {
      proposeDue: r.propose_due,
      acknowledgeDue: r.acknowledge_due,
      acknowledgedOn: r.acknowledged_on,
      assignedCaseDue: r.assigned_case_due,
      extensions: r.extensions,
      inquiryReplyDue: r.inquiry_reply_due,
      inquiryReportDue: r.inquiry_report_due,
      holdReviewDue: r.hold_review_due,
      feedbackDue: r.feedback_due,
      feedbackOn: r.feedback_on,
    }),
    sourceRef: null,
    mergedInto: null,
    mergeKind: r.merge_kind,
    mergedClues: [],
    case: null,
    hasComplainant: false,
    requests: [],
    inquiries: inquiries.map(
      (i): ClueInquiry => ({
        id: i.id,
        clueId: i.clue_id,
        round: i.round,
        form: i.form as ClueInquiry['form'],
        talkedBy: i.talked_by,
        accompaniedBy: i.accompanied_by,
        talkOn: i.talk_on,
        letterSentOn: i.letter_sent_on,
        letterReceivedOn: i.letter_received_on,
        replyDue: i.reply_due,
        repliedOn: i.replied_on,
        replySignedByUnitLeader: i.reply_signed_by_unit_leader,
        reportDue: i.report_due,
        reportedOn: i.reported_on,
        report: i.report,
        outcome: i.outcome as ClueInquiry['outcome'],
        firstFormMeasure: i.first_form_measure as ClueInquiry['firstFormMeasure'],
        filedToIntegrityFile: i.filed_to_integrity_file,
        version: i.version,
        abilities: { update: false },
      }),
    ),
    verifications: verifications.map((v) => ({ ...v, abilities: { update: false, manageTeam: false, sign: false } })),
    meetings: [],
    timeline: timeline.rows.map((e) => ({
      id: Number(e.id),
      action: e.action,
      fromState: e.from_state,
      toState: e.to_state,
      comment: e.comment,
      actor: null,
      at: e.at.toISOString(),
    })),
    shared: { shareIds: grants.map((g) => g.shareId), detail: full ? 'FULL' : 'SUMMARY' },
    abilities: NO_ABILITIES,
  };
}
