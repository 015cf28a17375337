import type { TaskActionBody } from '@liandong/domain/reform/contracts-reform';
import {
  ESCALATION_STEP_LABELS,
  type EscalationStep,
  nextTaskState,
  TASK_ACTION_LABELS,
  TASK_STATE_LABELS,
  type TaskAction,
  type TaskState,
} from '@liandong/domain/reform/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { refs, writeAudit, auditFrom } from '../../platform/audit';
import { notFound, staleVersion, validation } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { todayIso } from '../../platform/calendar';
import { ownedAttachmentIds } from '../../platform/attachments/evidence';
import { escalationEffects } from './escalation';
import { taskSides, whyNotTaskAction } from './policy';
import { liaisonsOf, short } from './repo';
import { taskVisible, whoMayOpenTask } from '../visibility';

/*
 * The one door through which rectification_task.state changes (c.5). In the caller's transaction:
 * lock the row, check visibility (404), version (409), the actor's side (403: 单位 actions by the unit's
 * contact person, 督办 actions by the supervisor or the supervising org), the table TASK_TRANSITIONS via
 * nextTaskState (409), the action's own input (400); then write the state and the fields the action
 * carries, one rectification_update (the timeline), the audit event and inbox notices to the unit's
 * contact persons and the supervisor. markOverdue never comes through HTTP: only `markTaskOverdue`
 * (the daily job) takes it.
 */

export interface LockedTask {
  id: string;
  commission_id: string;
  issue: string;
  unit_org_id: string;
  supervisor_user_id: string;
  supervisor_org_id: string;
  recommendation_id: string | null;
  deadline: string;
  state: TaskState;
  escalation_step: EscalationStep | null;
  version: number;
}

export interface TransitionOutcome {
  from: TaskState;
  to: TaskState;
  accountabilityId: string | null;
}

const UPDATE_KIND: Record<TaskAction, 'PLAN' | 'PROGRESS' | 'DONE_REPORT' | 'REVIEW' | 'ESCALATION' | 'REMINDER'> = {
  submitPlan: 'PLAN',
  acceptPlan: 'REVIEW',
  returnPlan: 'REVIEW',
  reportProgress: 'PROGRESS',
  reportDone: 'DONE_REPORT',
  verify: 'REVIEW',
  returnWork: 'REVIEW',
  closeOut: 'REVIEW',
  markOverdue: 'REMINDER',
  escalate: 'ESCALATION',
};

const LOCK_COLUMNS = sql`t.id, t.commission_id, t.issue, t.unit_org_id, t.supervisor_user_id, t.supervisor_org_id, t.recommendation_id,
  to_char(t.deadline, 'YYYY-MM-DD') AS deadline, t.state, t.escalation_step, t.version`;

/** POST /rectification-tasks/:id/actions — every action a person takes. */
export async function transitionTask(trx: Transaction<DB>, ctx: Ctx, taskId: string, body: TaskActionBody): Promise<TransitionOutcome> {
  const { rows } = await sql<LockedTask & { visible: boolean }>`SELECT ${LOCK_COLUMNS}, ${taskVisible(ctx.actor, 't')} AS visible
    FROM rectification_task t WHERE t.id = ${taskId}::uuid AND t.commission_id = ${ctx.actor.commissionId}::uuid FOR UPDATE OF t`.execute(trx);
  const task = rows[0];
  if (!task?.visible) throw notFound('整改任务');
  if (task.version !== body.version) throw staleVersion();
  const denial = whyNotTaskAction(taskSides(ctx.actor, task), task.state, body.action);
  if (denial) throw denial;
  const to = nextTaskState(task.state, body.action)!;
  const today = todayIso();

  const set: Record<string, unknown> = {};
  let content: string;
  let attachmentIds: string[] = [];
  let accountabilityId: string | null = null;
  switch (body.action) {
    case 'submitPlan':
      set.plan = JSON.stringify({ measures: body.measures, timetable: body.timetable });
      content = `报送整改方案：整改措施${body.measures.length}项，时间节点${body.timetable.length}个。${body.comment ?? ''}`.trim();
      break;
    case 'reportProgress':
    case 'reportDone':
      attachmentIds = [...new Set(body.attachmentIds ?? [])];
      await checkAttachments(trx, ctx, taskId, attachmentIds);
      content = body.content;
      break;
    case 'verify':
      set.verified_on = today;
      content = body.comment || '核验通过';
      break;
    case 'closeOut':
      set.closed_on = today;
      content = body.comment || '整改到位，予以销号';
      break;
    case 'escalate': {
      const e = await escalationEffects(trx, ctx, task, body);
      set.escalation_step = e.step;
      accountabilityId = e.accountabilityId;
      content = `${ESCALATION_STEP_LABELS[e.step].zh}：${body.comment}`;
      break;
    }
    case 'markOverdue':
      // unreachable: whyNotTaskAction refuses SYSTEM actions to people
      throw notFound('整改任务');
    default:
      content = body.comment || TASK_ACTION_LABELS[body.action].zh;
  }
  await apply(trx, task, body.action, to, set, {
    content,
    attachmentIds,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    auditBase: auditFrom(ctx, { type: 'rectification.transitioned' }),
    payloadExtra: accountabilityId ? { accountabilityId } : {},
  });
  return { from: task.state, to, accountabilityId };
}

/**
 * The daily job's door: marks one task overdue if the table allows (returns false otherwise, so a
 * rerun changes nothing). Locks the row; the caller's transaction holds the lock until commit.
 */
export async function markTaskOverdue(trx: Transaction<DB>, taskId: string, today: string): Promise<boolean> {
  const { rows } = await sql<LockedTask>`SELECT ${LOCK_COLUMNS} FROM rectification_task t WHERE t.id = ${taskId}::uuid FOR UPDATE OF t`.execute(trx);
  const task = rows[0];
  if (!task || task.deadline >= today) return false;
  const to = nextTaskState(task.state, 'markOverdue');
  if (!to) return false;
  await apply(
    trx,
    task,
    'markOverdue',
    to,
    { overdue_since: today },
    {
      content: `整改期限${task.deadline}已过，系统标记逾期。`,
      attachmentIds: [],
      actorId: null,
      actorName: '系统',
      auditBase: { type: 'rectification.transitioned', commissionId: task.commission_id, actorId: null, actorName: '系统' },
      payloadExtra: {},
      dedupe: `rt:${task.id}:overdue:${task.deadline}`,
    },
  );
  return true;
}

interface ApplyOpts {
  content: string;
  attachmentIds: string[];
  actorId: string | null;
  actorName: string;
  auditBase: Parameters<typeof writeAudit>[1];
  payloadExtra: Record<string, unknown>;
  /** Dedupe key prefix of the notices (the job's reminders are sent once per deadline). */
  dedupe?: string;
}

async function apply(trx: Transaction<DB>, task: LockedTask, action: TaskAction, to: TaskState, set: Record<string, unknown>, o: ApplyOpts) {
  await trx
    .updateTable('rectification_task')
    .set({ ...set, state: to, version: task.version + 1, updated_at: sql`now()` })
    .where('id', '=', task.id)
    .execute();
  await trx
    .insertInto('rectification_update')
    .values({
      commission_id: task.commission_id,
      task_id: task.id,
      kind: UPDATE_KIND[action],
      content: o.content,
      attachment_ids: o.attachmentIds,
      from_state: task.state,
      to_state: to,
      actor_id: o.actorId,
    })
    .execute();
  await writeAudit(trx, {
    ...o.auditBase,
    type: action === 'escalate' ? 'rectification.escalated' : 'rectification.transitioned',
    objectType: 'rectification_task',
    objectId: task.id,
    payload: refs({ action, from: task.state, to, ...(set.escalation_step ? { step: set.escalation_step } : {}), ...o.payloadExtra }),
  });
  const title = `整改任务“${short(task.issue)}”：${TASK_ACTION_LABELS[action].zh}`;
  const body = `状态：${TASK_STATE_LABELS[to].zh}。${short(o.content, 120)}（${o.actorName}）`;
  const recipients: { userId: string; link: string }[] = [
    ...(await liaisonsOf(trx, task.unit_org_id)).map((userId) => ({ userId, link: `/portal/tasks/${task.id}` })),
    { userId: task.supervisor_user_id, link: `/rectification/${task.id}` },
  ];
  const done = new Set<string>();
  const allowed = new Set(
    await whoMayOpenTask(
      trx,
      recipients.map((r) => r.userId),
      task.id,
    ),
  );
  for (const r of recipients) {
    if (r.userId === o.actorId || done.has(r.userId) || !allowed.has(r.userId)) continue;
    done.add(r.userId);
    await notify(trx, {
      commissionId: task.commission_id,
      userId: r.userId,
      kind: action === 'markOverdue' ? 'rectification.overdue' : 'rectification.transitioned',
      title,
      body,
      link: r.link,
      ...(o.dedupe ? { dedupeKey: o.dedupe } : {}),
    });
  }
}

/** Evidence must be files of this task (uploaded to it) that the caller may see (else 400 on the field). */
async function checkAttachments(trx: Transaction<DB>, ctx: Ctx, taskId: string, ids: string[]) {
  if (ids.length === 0) return;
  const ok = await ownedAttachmentIds(trx, ctx.actor, { type: 'rectification_task', id: taskId }, ids);
  const issues = ids.flatMap((id, i) => (ok.has(id) ? [] : [{ path: `attachmentIds.${i}`, message: '附件不存在、不属于本整改任务或无权访问' }]));
  if (issues.length) throw validation(issues, '证明材料有误');
}
