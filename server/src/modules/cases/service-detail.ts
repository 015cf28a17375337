import { calendarDaysBetween } from '@liandong/domain/calendar/calendar';
import type { CaseDetail, CaseEvent, Measure, Outcome, Supplement, TeamMember } from '@liandong/domain/cases/contracts';
import type { MeasureKind } from '@liandong/domain/cases/enums';
import type { CaseState } from '@liandong/domain/cases/machine';
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import type { SharedAccess } from '@liandong/domain/shares/contracts';
import { notFound } from '../../platform/errors';
import { auditSharedReads, caseVisible, clueVisible, sharedRead } from '../visibility';
import { measureView } from './measures';
import { abilitiesOf, factsOf } from './policy';
import { findCase, guardFacts } from './repo';
import { LEDGER_COLUMNS, LEDGER_FROM, type LedgerRow, toListItem } from './service-ledger';

/*
 * GET /api/v1/cases/:id — the stage view: fields, clues, both teams (with the member's org), measures
 * with due dates, supplement loops, outcomes with 四种形态, the deadlines, the timeline and abilities.
 */

/** A case read under 信息互通 grants: nothing to do. */
const NO_ABILITIES: CaseDetail['abilities'] = {
  actions: [],
  blocked: [],
  update: false,
  updateTrial: false,
  manageInvestigationTeam: false,
  manageTrialTeam: false,
  recordMeasure: false,
  extendTrial: false,
  prosecutionPending: false,
};

interface DetailRow extends Omit<LedgerRow, 'total'> {
  summary: string;
  subject_person_id: string | null;
  subject_org_id: string | null;
  cadre_management: 'SAME_LEVEL_PARTY' | 'LOWER' | 'OTHER';
  party_committee_approved: boolean;
  plan: string;
  plan_meeting: string | null;
  investigation_report: string | null;
  trial_report: string | null;
  revoke_reason: string | null;
  funds_recovered: string | null;
  classification: string;
  plan_approved_on: string | null;
  announced_on: string | null;
  facts_confirmed_on: string | null;
  investigation_reported_on: string | null;
  trial_received_on: string | null;
  trial_extended: boolean;
  trial_talk_on: string | null;
  deliberated_on: string | null;
  decided_on: string | null;
  decision_announced_on: string | null;
  executed_on: string | null;
  archived_on: string | null;
  revoked_on: string | null;
  today: string;
}

export async function getCase(ctx: Ctx, id: string): Promise<CaseDetail> {
  const locked = await findCase(ctx.db, ctx.actor, id, false, { shared: await sharedRead(ctx) });
  if (!locked) throw notFound('案件');
  const facts = factsOf(ctx.actor, locked.lead_org_id, locked);
  // Opened under 信息互通 grants only: read-only, and a summary grant withholds the content (audited per grant).
  const grants = (await auditSharedReads(ctx, 'CASE', [id], (o) => caseVisible(ctx.actor, o), 'detail')).get(id);
  const shared: SharedAccess = grants ? { shareIds: grants.map((g) => g.shareId), detail: grants.some((g) => g.detail === 'FULL') ? 'FULL' : 'SUMMARY' } : null;
  const summaryOnly = shared?.detail === 'SUMMARY';
  const { rows } = await sql<DetailRow>`SELECT ${LEDGER_COLUMNS}, c.summary, c.subject_person_id, c.subject_org_id, c.cadre_management,
      c.party_committee_approved, c.plan, c.plan_meeting, c.investigation_report, c.trial_report, c.revoke_reason, c.funds_recovered::text AS funds_recovered, c.classification,
      c.plan_approved_on::text AS plan_approved_on, c.announced_on::text AS announced_on, c.facts_confirmed_on::text AS facts_confirmed_on,
      c.investigation_reported_on::text AS investigation_reported_on, c.trial_received_on::text AS trial_received_on, c.trial_extended,
      c.trial_talk_on::text AS trial_talk_on, c.deliberated_on::text AS deliberated_on, c.decided_on::text AS decided_on,
      c.decision_announced_on::text AS decision_announced_on, c.executed_on::text AS executed_on, c.archived_on::text AS archived_on,
      c.revoked_on::text AS revoked_on, current_date::text AS today
    FROM ${LEDGER_FROM} WHERE c.id = ${id}::uuid`.execute(ctx.db);
  const c = rows[0]!;

  const [clues, team, measures, supplements, outcomes, events, g] = await Promise.all([
    ctx.db
      .selectFrom('case_clue as cc')
      .innerJoin('clue as k', 'k.id', 'cc.clue_id')
      .select(['k.id', 'k.clue_no', 'k.title'])
      .where('cc.case_id', '=', id)
      // A clue of the case is listed only to who may open that clue (a case team member need not).
      .where(clueVisible(ctx.actor, 'k'))
      .orderBy('k.received_on')
      .execute(),
    ctx.db
      .selectFrom('case_team_member as m')
      .innerJoin('app_user as u', 'u.id', 'm.user_id')
      .innerJoin('org as o', 'o.id', 'm.org_id')
      .select(['m.id', 'm.team', 'm.role', 'm.user_id', 'u.display_name', 'm.org_id', 'o.name_zh as org_name'])
      .select([sql<string>`m.joined_on::text`.as('joined_on'), sql<string | null>`m.left_on::text`.as('left_on')])
      .where('m.case_id', '=', id)
      .orderBy(sql`m.left_on IS NOT NULL`)
      .orderBy(sql`CASE m.role WHEN 'LEAD' THEN 0 WHEN 'DEPUTY_LEAD' THEN 1 ELSE 2 END`)
      .orderBy('m.created_at')
      .execute(),
    ctx.db.selectFrom('case_measure').selectAll().where('case_id', '=', id).orderBy('started_on').orderBy('created_at').execute(),
    ctx.db
      .selectFrom('case_supplement as s')
      .leftJoin('app_user as u', 'u.id', 's.requested_by')
      .select(['s.id', 's.requested_on', 's.reason', 's.returned_on', 's.requested_by', 'u.display_name'])
      .where('s.case_id', '=', id)
      .orderBy('s.requested_on')
      .execute(),
    ctx.db.selectFrom('case_outcome').selectAll().where('case_id', '=', id).orderBy('created_at').execute(),
    ctx.db
      .selectFrom('case_event as e')
      .leftJoin('app_user as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.action', 'e.from_state', 'e.to_state', 'e.comment', 'e.payload', 'e.actor_id', 'u.display_name', 'e.at'])
      .where('e.case_id', '=', id)
      .orderBy('e.id')
      .execute(),
    guardFacts(ctx.db, locked),
  ]);

  const members: TeamMember[] = team.map((m) => ({
    id: m.id,
    team: m.team as TeamMember['team'],
    user: { id: m.user_id, name: m.display_name },
    org: { id: m.org_id, name: m.org_name },
    role: m.role as TeamMember['role'],
    joinedOn: m.joined_on,
    leftOn: m.left_on,
    active: m.left_on === null,
  }));
  const sup: Supplement[] = supplements.map((s) => ({
    id: s.id,
    requestedOn: s.requested_on,
    reason: s.reason,
    returnedOn: s.returned_on,
    requestedBy: s.requested_by ? { id: s.requested_by, name: s.display_name ?? '' } : null,
    days: s.returned_on ? calendarDaysBetween(s.requested_on, s.returned_on) : null,
  }));
  const out: Outcome[] = outcomes.map((o) => ({
    id: o.id,
    kind: o.kind as Outcome['kind'],
    detail: o.detail,
    fourForm: o.four_form as Outcome['fourForm'],
    periodMonths: o.period_months,
    note: o.note,
    decidedOn: o.decided_on,
  }));
  const timeline: CaseEvent[] = events.map((e) => ({
    id: Number(e.id),
    action: e.action,
    fromState: e.from_state as CaseState | null,
    toState: e.to_state as CaseState | null,
    comment: e.comment,
    payload: e.payload ?? null,
    actor: e.actor_id ? { id: e.actor_id, name: e.display_name ?? '' } : null,
    at: new Date(e.at).toISOString(),
  }));
  const now = new Date();
  const ms: Measure[] = measures.map((m) => measureView({ ...m, kind: m.kind as MeasureKind }, c.today, now));

  return {
    ...toListItem(c),
    summary: summaryOnly ? '' : c.summary,
    subjectPersonId: shared ? null : c.subject_person_id,
    subjectOrgId: c.subject_org_id,
    cadreManagement: c.cadre_management,
    partyCommitteeApproved: c.party_committee_approved,
    plan: summaryOnly ? '' : c.plan,
    planMeeting: summaryOnly ? null : c.plan_meeting,
    investigationReport: summaryOnly ? null : c.investigation_report,
    trialReport: summaryOnly ? null : c.trial_report,
    revokeReason: summaryOnly ? null : c.revoke_reason,
    fundsRecovered: c.funds_recovered,
    classification: c.classification,
    clues: clues.map((k) => ({ id: k.id, clueNo: k.clue_no, title: k.title })),
    teams: summaryOnly
      ? { investigation: [], trial: [] }
      : { investigation: members.filter((m) => m.team === 'INVESTIGATION'), trial: members.filter((m) => m.team === 'TRIAL') },
    measures: summaryOnly ? [] : ms,
    supplements: summaryOnly ? [] : sup,
    outcomes: out,
    deadlines: {
      filedOn: c.filed_on,
      planApprovedOn: c.plan_approved_on,
      announcedOn: c.announced_on,
      factsConfirmedOn: c.facts_confirmed_on,
      investigationReportedOn: c.investigation_reported_on,
      trialReceivedOn: c.trial_received_on,
      trialDue: c.trial_due,
      trialExtended: c.trial_extended,
      trialTalkOn: c.trial_talk_on,
      deliberatedOn: c.deliberated_on,
      decidedOn: c.decided_on,
      decisionAnnounceDue: c.decision_announce_due,
      decisionAnnouncedOn: c.decision_announced_on,
      executionReportDue: c.execution_report_due,
      executedOn: c.executed_on,
      archivedOn: c.archived_on,
      revokedOn: c.revoked_on,
      // 留置's 24-hour notices to the unit and family (监察法 2024, article number unverified); an overdue one is flagged.
      detentionNotices: summaryOnly ? [] : ms.flatMap((m) => (m.notice ? [{ measureId: m.id, ...m.notice }] : [])),
    },
    timeline: summaryOnly ? [] : timeline,
    shared,
    abilities: shared ? NO_ABILITIES : abilitiesOf(facts, c.state, g),
  };
}
