import { resolveCampaignLink } from '../campaign-links';
import type { TaskActionBody, TaskActionResult, TaskCreateBody, TaskDetail } from '@liandong/domain/reform/contracts-reform';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql } from 'kysely';
import { inOrgScope } from '../../platform/access';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { forbidden, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { transition } from '../../platform/workflow';
import { lockFindingForHandOver, markFindingHandedOver } from './findings';
import { canCreate } from './policy';
import { earlier, existingIds, liaisonsOf, short } from './repo';
import { getTask } from './service-tasks-read';
import { PLAN_DUE_WORKING_DAYS } from './tasks-from-letter';
import { taskWorkflow } from './workflow';
import { whoMayOpenTask } from '../visibility';

/**
 * POST /rectification-tasks — 交办整改任务 by hand or from a supervision finding (which is then marked
 * handed over; a second hand-over answers 409). The supervisor defaults to the caller (谁建议谁跟踪) and
 * must be an active account of an org in the caller's scope; the supervising org is the supervisor's org.
 */
export async function createTask(ctx: Ctx, b: TaskCreateBody): Promise<TaskDetail> {
  if (!canCreate(ctx.actor)) throw forbidden('无权交办整改任务');
  const today = todayIso();
  const campaignId = await resolveCampaignLink(ctx.db, ctx.actor, b.campaignId, { required: false });
  return ctx.db.transaction().execute(async (trx) => {
    const finding = b.findingId ? await lockFindingForHandOver(trx, ctx, b.findingId, ['RECTIFY', 'RECOMMENDATION']) : null;
    const unitOrgId = b.unitOrgId ?? finding?.host_unit_id ?? null;
    const supervisorUserId = b.supervisorUserId ?? ctx.actor.userId;
    const issues: FieldIssue[] = [];
    if (!unitOrgId) issues.push({ path: 'unitOrgId', message: '请选择整改单位' });
    else if (!(await existingIds(trx, 'org', ctx.actor.commissionId, [unitOrgId])).has(unitOrgId)) issues.push({ path: 'unitOrgId', message: '单位不存在' });
    if (b.deadline < today) issues.push({ path: 'deadline', message: '整改期限不能早于今天' });
    const { rows } = await sql<{ org_id: string; in_scope: boolean }>`SELECT u.org_id, ${inOrgScope(ctx.actor, 'u.org_id')} AS in_scope
      FROM app_user u WHERE u.id = ${supervisorUserId}::uuid AND u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'`.execute(trx);
    const supervisor = rows[0];
    if (!supervisor || (!supervisor.in_scope && supervisorUserId !== ctx.actor.userId)) {
      issues.push({ path: 'supervisorUserId', message: '督办人不存在或不在本人职责范围内' });
    }
    if (issues.length || !unitOrgId || !supervisor) throw validation(issues, '不能交办整改任务');

    const calendar = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
    const planDue = calendar.addWorkingDays(today, PLAN_DUE_WORKING_DAYS);
    const task = await trx
      .insertInto('rectification_task')
      .values({
        commission_id: ctx.actor.commissionId,
        source: finding ? 'FINDING' : 'MANUAL',
        finding_id: finding?.id ?? null,
        campaign_id: campaignId,
        unit_org_id: unitOrgId,
        issue: b.issue,
        required_outcome: b.requiredOutcome ?? '',
        deadline: b.deadline,
        plan_due: earlier(planDue, b.deadline),
        responsible_person: b.responsiblePerson || null,
        supervisor_user_id: supervisorUserId,
        supervisor_org_id: supervisor.org_id,
        state: 'ASSIGNED',
        created_by: ctx.actor.userId,
      })
      .returning(['id', 'plan_due'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('rectification_update')
      .values({
        commission_id: ctx.actor.commissionId,
        task_id: task.id,
        kind: 'REVIEW',
        content: finding ? `根据监督发现问题交办整改任务，整改期限${b.deadline}。` : `交办整改任务，整改期限${b.deadline}。`,
        from_state: null,
        to_state: 'ASSIGNED',
        actor_id: ctx.actor.userId,
      })
      .execute();
    if (finding) await markFindingHandedOver(trx, finding.id, 'rectification', task.id);
    await audit(trx, ctx, {
      type: 'rectification.created',
      objectType: 'rectification_task',
      objectId: task.id,
      payload: refs({ source: finding ? 'FINDING' : 'MANUAL', findingId: finding?.id ?? null, unitOrgId, supervisorUserId, deadline: b.deadline }),
    });
    for (const userId of await whoMayOpenTask(trx, await liaisonsOf(trx, unitOrgId), task.id)) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId,
        kind: 'rectification.assigned',
        title: `整改任务：${short(b.issue)}`,
        body: `请于${task.plan_due}前报送整改方案，整改期限${b.deadline}。`,
        link: `/portal/tasks/${task.id}`,
        dedupeKey: `rt:${task.id}:assigned`,
      });
    }
    if (supervisorUserId !== ctx.actor.userId && (await whoMayOpenTask(trx, [supervisorUserId], task.id)).length > 0) {
      await notify(trx, {
        commissionId: ctx.actor.commissionId,
        userId: supervisorUserId,
        kind: 'rectification.assigned',
        title: `督办整改任务：${short(b.issue)}`,
        body: `${ctx.actor.displayName}交办整改任务并指定您督办，整改期限${b.deadline}。`,
        link: `/rectification/${task.id}`,
      });
    }
    return getTask(ctx, task.id, trx);
  });
}

/** POST /rectification-tasks/:id/actions — through the workflow kernel; answers the task as it now is. */
export async function actOnTask(ctx: Ctx, id: string, body: TaskActionBody): Promise<TaskActionResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await transition(inTx(ctx, trx), taskWorkflow, id, body);
    return { task: await getTask(ctx, id, trx), accountabilityId: (r.payload.accountabilityId as string | undefined) ?? null };
  });
}
