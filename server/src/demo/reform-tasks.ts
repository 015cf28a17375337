/**
 * 演示数据 — the rectification tasks an adopted demo letter spawns, one per recommendation, each walked
 * through the task machine from ASSIGNED (every step an update row, as the tasks module records them).
 */
import { randomUUID } from 'node:crypto';
import { ESCALATION_STEP_LABELS, nextEscalationStep, nextTaskState, TASK_TRANSITIONS, type TaskState } from '@liandong/domain/reform/machine';
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/types';
import { at, minDay } from './clues-timeline';
import type { Directory } from './reform';
import type { DemoItem, DemoLetter } from './reform-types';

/** Inserts the task of one item of an adopted letter with its update rows, in the state its steps lead to. */
export async function insertTask(
  trx: Transaction<DB>,
  dir: Directory,
  l: DemoLetter,
  it: DemoItem,
  link: { letterId: string; itemId: string; no: number; docNo: string | null; adoptedOn: string; campaignId: string | null },
) {
  const t = it.task ?? fail(`letter ${l.key}: every item of an adopted letter needs its task`);
  const id = randomUUID();
  const supervisor = dir.user(l.supervisor);
  const unitActor = dir.user(l.liaison ?? fail(`letter ${l.key} needs the unit's liaison`)).id;
  const row: Insertable<DB['rectification_task']> = {
    id,
    commission_id: dir.cid,
    source: 'RECOMMENDATION',
    letter_id: link.letterId,
    letter_item_id: link.itemId,
    campaign_id: link.campaignId,
    unit_org_id: dir.org(l.recipientCode),
    issue: t.issue,
    required_outcome: t.requiredOutcome,
    deadline: it.deadline,
    plan_due: minDay(dir.planDue(link.adoptedOn), it.deadline),
    responsible_person: t.responsible,
    supervisor_user_id: supervisor.id,
    supervisor_org_id: dir.org(l.draftingCode),
    created_by: unitActor,
    created_at: at(link.adoptedOn, 15),
  };
  // Adoption spawns the task (as modules/reform/tasks-from-letter.ts records it).
  const updates: Insertable<DB['rectification_update']>[] = [
    {
      commission_id: dir.cid,
      task_id: id,
      kind: 'REVIEW',
      content: `采纳${link.docNo ?? '建议书'}第${link.no}条建议，交办整改任务，整改期限${it.deadline}。`,
      from_state: null,
      to_state: 'ASSIGNED',
      actor_id: unitActor,
      at: at(link.adoptedOn, 15),
    },
  ];
  let state: TaskState = 'ASSIGNED';
  let step: ReturnType<typeof nextEscalationStep> | null = null;
  for (const s of t.steps) {
    const to: TaskState = nextTaskState(state, s.action) ?? fail(`task of letter ${l.key}: ${s.action} is not allowed from ${state}`);
    const who = TASK_TRANSITIONS[s.action].who[0] ?? 'SYSTEM';
    const kind =
      s.action === 'submitPlan'
        ? 'PLAN'
        : s.action === 'reportProgress'
          ? 'PROGRESS'
          : s.action === 'reportDone'
            ? 'DONE_REPORT'
            : s.action === 'markOverdue'
              ? 'REMINDER'
              : s.action === 'escalate'
                ? 'ESCALATION'
                : 'REVIEW';
    if (s.action === 'submitPlan') row.plan = JSON.stringify(t.plan);
    if (s.action === 'markOverdue') row.overdue_since = s.day;
    if (s.action === 'escalate') step = nextEscalationStep(step);
    if (s.action === 'verify') row.verified_on = s.day;
    if (s.action === 'closeOut') row.closed_on = s.day;
    updates.push({
      commission_id: dir.cid,
      task_id: id,
      kind,
      content: s.action === 'escalate' && step ? `【${ESCALATION_STEP_LABELS[step].zh}】${s.content}` : s.content,
      from_state: state,
      to_state: to,
      actor_id: who === 'UNIT' ? unitActor : who === 'SUPERVISOR' ? supervisor.id : null,
      at: at(s.day, who === 'SYSTEM' ? 2 : 15),
    });
    state = to;
  }
  Object.assign(row, {
    state,
    escalation_step: step,
    updated_at: at(t.steps.at(-1)?.day ?? link.adoptedOn, 16),
    version: 1 + t.steps.length,
  });
  await trx.insertInto('rectification_task').values(row).execute();
  if (updates.length) await trx.insertInto('rectification_update').values(updates).execute();
}

function fail(message: string): never {
  throw new Error(`demo reform: ${message}`);
}
