import type { TaskActionBody } from '@liandong/domain/reform/contracts-reform';
import { ESCALATION_STEP_LABELS, type EscalationStep, TASK_MACHINE, type TaskAction } from '@liandong/domain/reform/machine';
import type { Selectable } from 'kysely';
import type { RectificationTask } from '../../db/types';
import { isJob, type RowOf, short, TODAY, type TransitionInput, type WorkflowCtx, type WorkflowOf } from '../../platform/workflow';
import { escalationEffects } from './escalation';
import { taskRoles } from './policy';
import { liaisonsOf } from './repo';
import { taskVisible } from '../visibility';

/*
 * The rectification task's workflow (c.5): what the kernel (platform/workflow.ts) needs to apply
 * TASK_MACHINE — the scoped lock, the caller's side (unit contact person / supervisor), the fields each
 * action carries (plan, evidence, verification and close-out dates, the 督办 rung and its accountability),
 * the timeline row in rectification_update, and the notices to the unit's contact persons and the
 * supervisor. The kernel is the only writer of rectification_task.state; markOverdue is taken only by the
 * daily job (reminders.ts) as a JobCtx.
 */

/** What a transition receives: the HTTP body, or the job's markOverdue (the job carries the day it runs for). */
export type TaskInput = TaskActionBody & TransitionInput<TaskAction>;

/** The task as locked: its row, with its state and 督办 rung typed. */
export type LockedTask = RowOf<typeof TASK_MACHINE, Selectable<RectificationTask>, { escalation_step: EscalationStep | null }>;

/** The timeline kind of an action (REVIEW for the supervisor's decisions). */
const UPDATE_KIND: Partial<Record<TaskAction, 'PLAN' | 'PROGRESS' | 'DONE_REPORT' | 'ESCALATION' | 'REMINDER'>> = {
  submitPlan: 'PLAN',
  reportProgress: 'PROGRESS',
  reportDone: 'DONE_REPORT',
  markOverdue: 'REMINDER',
  escalate: 'ESCALATION',
};

export const taskWorkflow: WorkflowOf<typeof TASK_MACHINE, LockedTask, TaskInput, WorkflowCtx> = {
  machine: TASK_MACHINE,
  table: 'rectification_task',
  scope: { alias: 't', visible: (a) => taskVisible(a, 't') },
  audit: { default: 'rectification.transitioned', escalate: 'rectification.escalated' },
  roles: (ctx, task) => taskRoles(ctx.actor, task),
  denied: { markOverdue: '逾期由系统每日自动标记，不能手工操作' },
  columns: { verify: { verified_on: TODAY }, closeOut: { closed_on: TODAY }, markOverdue: { overdue_since: TODAY } },
  // The timeline text: the report's content, the plan's size, the day missed; else the comment or a default.
  text: {
    '*': (i) => i.comment || TASK_MACHINE.actions[i.action].zh,
    submitPlan: (i) => `报送整改方案：整改措施${i.measures.length}项，时间节点${i.timetable.length}个。${i.comment ?? ''}`.trim(),
    reportProgress: 'content',
    reportDone: 'content',
    verify: (i) => i.comment || '核验通过',
    closeOut: (i) => i.comment || '整改到位，予以销号',
    markOverdue: (_i, task) => `整改期限${task.deadline}已过，系统标记逾期。`,
  },

  /** Evidence: files of this task (uploaded to it) that the caller may see. */
  evidence: {
    fields: { reportProgress: 'attachmentIds', reportDone: 'attachmentIds' },
    message: '附件不存在、不属于本整改任务或无权访问',
    summary: '证明材料有误',
  },

  effects: {
    submitPlan: (_ctx, _task, i) => ({ set: { plan: JSON.stringify({ measures: i.measures, timetable: i.timetable }) } }),
    async escalate(ctx, task, input) {
      if (isJob(ctx)) return;
      const e = await escalationEffects(ctx.trx, ctx, task, input);
      return {
        set: { escalation_step: e.step },
        payload: { step: e.step, ...(e.accountabilityId ? { accountabilityId: e.accountabilityId } : {}) },
        comment: `${ESCALATION_STEP_LABELS[e.step].zh}：${input.comment}`,
      };
    },
  },

  /** The task's timeline is rectification_update (kind per action, evidence attached), not a `_event` table. */
  events: {
    table: 'rectification_update',
    key: 'task_id',
    payload: false,
    columns: (action, fx) => ({
      kind: UPDATE_KIND[action] ?? 'REVIEW',
      content: fx.comment ?? TASK_MACHINE.actions[action].zh,
      attachment_ids: (fx.payload?.attachmentIds as string[] | undefined) ?? [],
    }),
  },

  /** The unit's contact persons (on the portal) and the supervisor; the job's reminder once per deadline. */
  notices: {
    kind: 'rectification.transitioned',
    name: (task) => `整改任务“${short(task.issue)}”`,
    link: (task) => `/rectification/${task.id}`,
    body: (ctx, _task, _input, to, fx) =>
      `状态：${TASK_MACHINE.states[to].zh}。${short(fx.comment ?? '', 120)}（${isJob(ctx) ? ctx.job.name : ctx.actor.displayName}）`,
    async audiences(ctx, task, { action }) {
      // The job's reminder has its own kind and is sent once per deadline.
      const common = action === 'markOverdue' ? { kind: 'rectification.overdue', dedupeKey: `rt:${task.id}:overdue:${task.deadline}` } : {};
      return [
        { users: await liaisonsOf(ctx.trx, task.unit_org_id), link: `/portal/tasks/${task.id}`, ...common },
        { users: [task.supervisor_user_id], ...common },
      ];
    },
  },
};
