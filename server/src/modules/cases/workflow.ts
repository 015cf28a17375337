import { addCalendarDays, calendarDaysBetween } from '@liandong/domain/calendar/calendar';
import type { CaseActionBody } from '@liandong/domain/cases/contracts-actions';
import { CASE_MACHINE } from '@liandong/domain/cases/machine';
import { AppError, businessRule } from '../../platform/errors';
import { addRow, field, monthsLater, short, TODAY, type TransitionInput, type WorkflowOf, withRole } from '../../platform/workflow';
import { outcomeRow, recordOutcomes } from './outcomes';
import { actorMessage, caseRoles, factsOf, guardFailure } from './policy';
import { activeTeamUsers, type CaseRow, findCase, guardFacts } from './repo';
import { caseVisible } from '../visibility';

/*
 * The case's workflow (c.2): what the kernel (platform/workflow.ts) needs to apply CASE_MACHINE — the
 * scoped lock, the caller's roles, the guards, the stage's dates and deadlines, the supplement loop, the
 * outcomes and the notices. The kernel is the only writer of case_file.state. approveFiling is not a
 * door action: the clue's approved 立案 applies it through cases/filing.ts with `{ approved: true }`.
 */

/** An action's HTTP body, or the approved 立案 the clue's filing applies (the same-level Party committee's approval, the clue). */
export type CaseInput = CaseActionBody | (TransitionInput<'approveFiling'> & { partyCommitteeApproved: boolean; clueId: string });

export const caseWorkflow: WorkflowOf<typeof CASE_MACHINE, CaseRow, CaseInput> = {
  machine: CASE_MACHINE,
  table: 'case_file',
  objectType: 'case',
  scope: { alias: 'k', visible: (a) => caseVisible(a, 'k') },
  events: { table: 'case_event', key: 'case_id', payload: true },
  audit: { default: 'case.transitioned', approveFiling: 'case.filed' },
  rowFacts: { caseNo: 'case_no' },

  lock: (ctx, id) => findCase(ctx.trx, ctx.actor, id, true),

  roles: (ctx, row) => caseRoles(factsOf(ctx.actor, row.lead_org_id, row)),

  deniedMessage: actorMessage,

  // The day each stage is reached, and the limits that start with a stage (审理期限 one month from receipt,
  // 审理工作规定; 宣布 within a month of the decision; the execution report within six months of the announcement).
  columns: {
    approveFiling: { filed_on: TODAY, party_committee_approved: field('partyCommitteeApproved', false) },
    approvePlan: { plan_approved_on: TODAY },
    announce: { announced_on: TODAY },
    confirmFacts: { facts_confirmed_on: TODAY },
    reportInvestigation: { investigation_reported_on: TODAY },
    transferToTrial: { trial_received_on: TODAY, trial_extended: false, trial_due: monthsLater(1) },
    deliberate: { deliberated_on: TODAY },
    decide: { decided_on: TODAY, decision_announce_due: monthsLater(1) },
    announceDecision: { decision_announced_on: TODAY, execution_report_due: monthsLater(6) },
    reportExecution: { executed_on: TODAY },
    archive: { archived_on: TODAY },
    revoke: { revoked_on: TODAY, revoke_reason: field('reason') },
  },
  recorded: { approveFiling: ['clueId'], requestSupplement: ['reason'], revoke: ['reason'] },

  async guard(ctx, row, input) {
    if (input.action === 'approveFiling') {
      // 立案 of a cadre managed by the same-level Party committee needs that committee's approval [C S29].
      if (row.cadre_management === 'SAME_LEVEL_PARTY' && !input.partyCommitteeApproved) throw businessRule('同级党委管理的干部立案须经同级党委批准');
      return;
    }
    const g = await guardFacts(ctx.trx, row);
    const fail = guardFailure(input.action, row.state, g);
    if (fail) throw new AppError(fail.code, fail.message, { action: input.action, ...(fail.code === 'TRIAL_TEAM_CONFLICT' ? { names: g.conflictNames } : {}) });
  },

  effects: {
    requestSupplement: (ctx, row, input) =>
      addRow(ctx, 'case_supplement', 'requested_by', { case_id: row.id, requested_on: row.today, reason: input.reason ?? '' }),
    async returnSupplement(ctx, row) {
      const open = await ctx.trx
        .selectFrom('case_supplement')
        .select(['id', 'requested_on'])
        .where('case_id', '=', row.id)
        .where('returned_on', 'is', null)
        .orderBy('requested_on', 'desc')
        .executeTakeFirst();
      // Time in supplement does not count against the trial limit: the due date moves by the days spent.
      const days = open ? Math.max(0, calendarDaysBetween(open.requested_on, row.today)) : 0;
      if (open) await ctx.trx.updateTable('case_supplement').set({ returned_on: row.today }).where('id', '=', open.id).execute();
      return { set: row.trial_due ? { trial_due: addCalendarDays(row.trial_due, days) } : {}, payload: { supplementDays: days } };
    },
    async decide(ctx, row, { outcomes: given = [], fundsRecovered: funds }) {
      const outcomes = given.map(outcomeRow);
      await recordOutcomes(ctx.trx, ctx, row.id, row.today, outcomes);
      return {
        set: funds === undefined ? {} : { funds_recovered: funds.toFixed(2) },
        payload: { fundsRecovered: funds, outcomes: outcomes.map((o) => ({ kind: o.kind, detail: o.detail, fourForm: o.four_form })) },
      };
    },
    // 撤销案件 (监察法 2024 art.52): no evidence of a violation; recorded as an outcome outside the four forms.
    revoke: (ctx, row, { reason = '' }) =>
      recordOutcomes(ctx.trx, ctx, row.id, row.today, [{ kind: 'REVOCATION', detail: reason, four_form: null, period_months: null, note: '' }]),
  },

  notices: {
    kind: 'case.transitioned',
    name: (row) => `案件${row.case_no}“${short(row.title)}”`,
    link: (row) => `/cases/${row.id}`,
    // Both teams, and whoever acts next when that is someone else.
    to: {
      '*': [(ctx, row) => activeTeamUsers(ctx.trx, row.id)],
      FILED: [withRole(['SECRETARY'])],
      INVESTIGATION_REPORTED: [withRole(['CASE_MANAGER'])],
      TRIAL_DELIBERATED: [withRole(['SECRETARY'])],
      EXECUTED: [withRole(['CASE_MANAGER'])],
      REVOKED: [withRole(['CASE_MANAGER'])],
    },
  },
};
