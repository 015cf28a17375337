import type { EscalationAccountability } from '@liandong/domain/reform/contracts-accountability';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { forbidden, validation } from '../../platform/errors';
import { notify } from '../../platform/inbox';
import { whoMayOpenTask } from '../visibility';
import { checkLinks, insertAccountability } from './accountability-store';
import { canCreate } from './policy';
import { earlier, liaisonsOf, short } from './repo';
import { PLAN_DUE_WORKING_DAYS } from './tasks-from-letter';

/*
 * 以案促改 objects born from a 专项整治's check finding, handed over in one step by the inspections module:
 * a rectification task (交办整改) or an accountability record (问责), tagged with the campaign. They are
 * written here, in the caller's transaction, because only the reform module writes its tables.
 */

/** A rectification task for a campaign's finding. */
export interface CampaignTask {
  campaignId: string;
  unitOrgId: string;
  issue: string;
  requiredOutcome: string;
  deadline: string;
  responsiblePerson: string | null;
  /** What the task came from (audit reference), e.g. `inspection_finding:<id>`. */
  sourceRef: { type: string; id: string };
}

/**
 * Creates the task (supervised by the caller: 谁建议谁跟踪), its first timeline entry and audit event, and
 * tells the unit's contact persons who may open it. 403 without the right to assign tasks; 400 on a
 * deadline before today.
 */
export async function createCampaignTask(ctx: Ctx, trx: Transaction<DB>, t: CampaignTask): Promise<string> {
  if (!canCreate(ctx.actor)) throw forbidden('无权交办整改任务');
  const today = todayIso();
  if (t.deadline < today) throw validation([{ path: 'deadline', message: '整改期限不能早于今天' }], '不能交办整改任务');
  const calendar = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const task = await trx
    .insertInto('rectification_task')
    .values({
      commission_id: ctx.actor.commissionId,
      source: 'MANUAL',
      unit_org_id: t.unitOrgId,
      issue: t.issue,
      required_outcome: t.requiredOutcome,
      deadline: t.deadline,
      plan_due: earlier(calendar.addWorkingDays(today, PLAN_DUE_WORKING_DAYS), t.deadline),
      responsible_person: t.responsiblePerson,
      supervisor_user_id: ctx.actor.userId,
      supervisor_org_id: ctx.actor.orgId,
      state: 'ASSIGNED',
      campaign_id: t.campaignId,
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
      content: `根据专项整治检查发现问题交办整改任务，整改期限${t.deadline}。`,
      from_state: null,
      to_state: 'ASSIGNED',
      actor_id: ctx.actor.userId,
    })
    .execute();
  await audit(trx, ctx, {
    type: 'rectification.created',
    objectType: 'rectification_task',
    objectId: task.id,
    payload: refs({ source: 'CAMPAIGN_FINDING', campaignId: t.campaignId, sourceRef: t.sourceRef, unitOrgId: t.unitOrgId, deadline: t.deadline }),
  });
  for (const userId of await whoMayOpenTask(trx, await liaisonsOf(trx, t.unitOrgId), task.id)) {
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'rectification.assigned',
      title: `整改任务：${short(t.issue)}`,
      body: `请于${task.plan_due}前报送整改方案，整改期限${t.deadline}。`,
      link: `/portal/tasks/${task.id}`,
      dedupeKey: `rt:${task.id}:assigned`,
    });
  }
  return task.id;
}

/** Records 问责 decided on a campaign's finding (owner: the caller's org), tagged with the campaign. */
export async function recordCampaignAccountability(
  ctx: Ctx,
  trx: Transaction<DB>,
  a: EscalationAccountability & { campaignId: string; targetOrgId: string | null },
): Promise<string> {
  if (!canCreate(ctx.actor)) throw forbidden('无权登记问责');
  await checkLinks(trx, ctx, { targetOrgId: a.targetOrgId }, 'accountability.');
  if (a.procedureDue && a.procedureDue < a.decidedOn) throw validation([{ path: 'accountability.procedureDue', message: '程序办结期限不能早于决定日期' }]);
  const id = await insertAccountability(
    trx,
    ctx,
    {
      targetKind: a.targetKind,
      targetName: a.targetName,
      targetOrgId: a.targetOrgId,
      targetPosition: a.targetPosition ?? null,
      method: a.method,
      basis: a.basis,
      facts: a.facts ?? '',
      decidingBody: a.decidingBody,
      decidedOn: a.decidedOn,
      procedureDue: a.procedureDue ?? null,
      caseId: null,
      campaignId: a.campaignId,
      rectificationTaskId: null,
      letterId: null,
      ownerOrgId: ctx.actor.orgId,
    },
    'campaign_finding',
  );
  return id;
}
