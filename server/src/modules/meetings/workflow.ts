import type { Classification } from '@liandong/domain/access/enums';
import { DECISION_STATE_LABELS, type DecisionState, type MeetingState } from '@liandong/domain/meetings/enums';
import {
  DECISION_ACTION_LABELS,
  DECISION_MACHINE,
  type DecisionAction,
  type DecisionActor,
  MEETING_ACTION_LABELS,
  MEETING_MACHINE,
  type MeetingAction,
  type MeetingActor,
} from '@liandong/domain/meetings/machine';
import { sql } from 'kysely';
import { todayIso } from '../../platform/calendar';
import { businessRule } from '../../platform/errors';
import { isJob, short, type TransitionInput, type Workflow, type WorkflowCtx } from '../../platform/workflow';
import { decisionVisible, meetingVisible } from '../visibility';
import { hearLinkedReports } from '../work-reports';
import { decisionRoles, meetingRoles } from './policy';
import { attendeeUsersOf, staffOf } from './repo';

/*
 * The meeting's and the decision's workflows on the kernel (platform/workflow.ts), the only writer of
 * meeting.state and meeting_decision.state. A meeting: hold, issue the 纪要 (needs minutes text; stamps the
 * day), cancel (with a reason); the attendees hear of each. A decision: the owner org accepts, reports
 * progress and completion — the chair hears of each; the daily job marks it overdue once (JobCtx), and
 * then the chair and the owner org hear of it.
 */

export interface LockedMeeting {
  id: string;
  commission_id: string;
  title: string;
  minutes: string;
  chair_user_id: string;
  created_by: string;
  classification: Classification;
  state: MeetingState;
  version: number;
}

export type MeetingInput = TransitionInput<MeetingAction> & { today?: string };

export const meetingWorkflow: Workflow<LockedMeeting, MeetingState, MeetingAction, MeetingActor, MeetingInput> = {
  machine: MEETING_MACHINE,
  table: 'meeting',
  objectType: 'meeting',
  auditType: () => 'meeting.transitioned',
  scope: { alias: 'm', visible: (a) => meetingVisible(a, 'm') },
  lock: sql`m.id, m.commission_id, m.title, m.minutes, m.chair_user_id, m.created_by, m.classification, m.state, m.version`,
  roles: (ctx, m) => meetingRoles(ctx.actor, m),
  deniedMessage: (action) => `只有会议主持人或登记人可以“${MEETING_ACTION_LABELS[action].zh}”`,

  /** hasMinutes: a 纪要 is issued with its text (422 otherwise). */
  async guard(_ctx, m, input) {
    if (MEETING_MACHINE.table[input.action].guard === 'hasMinutes' && m.minutes.trim() === '') throw businessRule('请先填写会议纪要内容，再印发纪要');
  },

  effects: async (ctx, m, input) => {
    // 听取汇报: the work reports this meeting's agenda links are heard as it is held (same transaction).
    if (input.action === 'hold') await hearLinkedReports(ctx.trx, m, input.today ?? todayIso(), ctx.actor.displayName);
    if (input.action === 'issueMinutes') return { set: { minutes_issued_on: input.today ?? todayIso() } };
    if (input.action === 'cancel') return { set: { cancel_reason: input.comment?.trim() ?? null } };
    return {};
  },

  events: { table: 'meeting_event', key: 'meeting_id', payload: true },

  notices: {
    kind: 'meeting.transitioned',
    name: (m) => `会议“${short(m.title)}”`,
    link: (m) => `/meetings/${m.id}`,
    async audiences(ctx, m) {
      return [{ users: [m.chair_user_id, m.created_by, ...(await attendeeUsersOf(ctx.trx, m.id))] }];
    },
  },
};

export interface LockedDecision {
  id: string;
  commission_id: string;
  meeting_id: string;
  content: string;
  owner_org_id: string;
  deadline: string;
  chair_user_id: string;
  state: DecisionState;
  version: number;
}

export type DecisionInput = TransitionInput<DecisionAction> & { today?: string };

export const decisionWorkflow: Workflow<LockedDecision, DecisionState, DecisionAction, DecisionActor, DecisionInput, WorkflowCtx> = {
  machine: DECISION_MACHINE,
  table: 'meeting_decision',
  objectType: 'meeting_decision',
  auditType: () => 'meeting.decision_transitioned',
  scope: { alias: 'd', join: sql`JOIN meeting dmx ON dmx.id = d.meeting_id`, visible: (a) => decisionVisible(a, 'd') },
  lock: sql`d.id, d.commission_id, d.meeting_id, d.content, d.owner_org_id, to_char(d.deadline, 'YYYY-MM-DD') AS deadline,
    dmx.chair_user_id, d.state, d.version`,
  roles: (ctx, d) => decisionRoles(ctx.actor, d),
  deniedMessage: (action) =>
    DECISION_MACHINE.table[action].who.length === 0 ? '逾期由系统每日自动标记，不能手工操作' : `“${DECISION_ACTION_LABELS[action].zh}”须由承办单位办理`,

  effects: async (_ctx, d, input) => {
    const today = input.today ?? todayIso();
    if (input.action === 'reportDone') return { set: { done_on: today } };
    if (input.action === 'markOverdue') return { set: { overdue_since: today }, comment: `办理期限${d.deadline}已过，系统标记逾期。` };
    return {};
  },

  events: { table: 'meeting_decision_event', key: 'decision_id', payload: true },

  /** The chair hears of every step; an overdue mark also reaches the owner org (once per decision and deadline). */
  notices: {
    kind: 'meeting.decision',
    name: (d) => `议定事项“${short(d.content)}”`,
    link: (d) => `/meetings/decisions/${d.id}`,
    async audiences(ctx, d, { action, comment }, to, fx) {
      const who = isJob(ctx) ? ctx.job.name : ctx.actor.displayName;
      const body = `状态：${DECISION_STATE_LABELS[to].zh}。${short(fx.comment ?? comment ?? '', 120)}（${who}）`;
      if (action !== 'markOverdue') return [{ users: [d.chair_user_id], body }];
      const dedupe = { kind: 'meeting.decision_overdue', dedupeKey: `md:${d.id}:overdue:${d.deadline}`, body };
      return [
        { users: [d.chair_user_id], ...dedupe },
        { users: await staffOf(ctx.trx, d.owner_org_id), ...dedupe },
      ];
    },
  },
};
