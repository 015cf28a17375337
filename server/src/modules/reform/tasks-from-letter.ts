import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { businessRule } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { earlier, liaisonsOf, short } from './repo';
import { whoMayOpenTask } from '../visibility';

/** 整改方案 is due this many 工作日 after the task is assigned. */
export const PLAN_DUE_WORKING_DAYS = 10;

/**
 * 采纳建议 → 整改任务 (c.5, c.6 `adopt`): one rectification task per numbered recommendation of the letter,
 * in the letter's transaction. The unit is the letter's recipient; the supervisor is the letter's
 * supervisor or, failing that, its drafter (谁建议谁跟踪), of the drafting org; the plan is due 10 working
 * days later on the commission's 工作日历. Each task gets its first timeline entry, an audit event, and
 * the unit's contact persons a notice. Idempotent per item: an item that already has a task is skipped.
 * Returns the ids of the tasks created.
 */
export async function spawnTasksForLetter(trx: Transaction<DB>, ctx: Ctx, letterId: string): Promise<string[]> {
  const letter = await trx
    .selectFrom('letter')
    .select(['id', 'title', 'doc_no', 'recipient_org_id', 'drafting_org_id', 'supervisor_user_id', 'created_by', 'campaign_id'])
    .where('id', '=', letterId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirst();
  if (!letter) throw businessRule('建议书不存在');
  const items = await trx
    .selectFrom('letter_item as ri')
    .select(['ri.id', 'ri.no', 'ri.text', 'ri.deadline'])
    .where('ri.letter_id', '=', letterId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('rectification_task as t').select('t.id').whereRef('t.letter_item_id', '=', 'ri.id'))))
    .orderBy('ri.no')
    .execute();
  if (items.length === 0) return [];

  const calendar = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const planDue = calendar.addWorkingDays(todayIso(), PLAN_DUE_WORKING_DAYS);
  const supervisor = letter.supervisor_user_id ?? letter.created_by ?? ctx.actor.userId;
  const liaisons = await liaisonsOf(trx, letter.recipient_org_id);
  const ids: string[] = [];
  for (const item of items) {
    const due = earlier(planDue, item.deadline);
    const task = await trx
      .insertInto('rectification_task')
      .values({
        commission_id: ctx.actor.commissionId,
        source: 'RECOMMENDATION',
        letter_id: letter.id,
        letter_item_id: item.id,
        // The letter's campaign: the rectification it asks for is the campaign's.
        campaign_id: letter.campaign_id,
        unit_org_id: letter.recipient_org_id,
        issue: item.text,
        required_outcome: '',
        deadline: item.deadline,
        plan_due: due,
        supervisor_user_id: supervisor,
        supervisor_org_id: letter.drafting_org_id,
        state: 'ASSIGNED',
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(task.id);
    await trx
      .insertInto('rectification_update')
      .values({
        commission_id: ctx.actor.commissionId,
        task_id: task.id,
        kind: 'REVIEW',
        content: `采纳${letter.doc_no ?? '建议书'}第${item.no}条建议，交办整改任务，整改期限${item.deadline}。`,
        from_state: null,
        to_state: 'ASSIGNED',
        actor_id: ctx.actor.userId,
      })
      .execute();
    await audit(trx, ctx, {
      type: 'rectification.created',
      objectType: 'rectification_task',
      objectId: task.id,
      payload: refs({ source: 'RECOMMENDATION', letterId: letter.id, itemNo: item.no, deadline: item.deadline }),
    });
    for (const userId of await whoMayOpenTask(trx, liaisons, task.id)) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'rectification.assigned',
        title: `整改任务：${short(item.text)}`,
        body: `根据${letter.doc_no ?? `“${letter.title}”`}第${item.no}条建议交办整改任务，请于${due}前报送整改方案，整改期限${item.deadline}。`,
        link: `/portal/tasks/${task.id}`,
        dedupeKey: `rt:${task.id}:assigned`,
      });
    }
  }
  return ids;
}
