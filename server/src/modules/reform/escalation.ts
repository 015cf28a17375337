import type { TaskActionBody } from '@liandong/domain/reform/contracts-reform';
import { ESCALATION_STEP_LABELS, type EscalationStep, nextEscalationStep } from '@liandong/domain/reform/machine';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { validation } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { checkLinks, insertAccountability } from './accountability-store';
import type { LockedTask } from './workflow';

/*
 * 督办 ladder of an overdue task (c.5): each escalation climbs one rung, 催办 → 约谈 → 通报 → 问责
 * (nextEscalationStep), and stays at 问责. At the 问责 rung the supervisor records the accountability
 * decided ("整改走过场、落实打折扣的严肃问责"): the body must carry it, and the record is written in
 * the same transaction, linked to the task (and its letter). Below that rung no accountability is taken.
 */

export interface EscalationResult {
  step: EscalationStep;
  accountabilityId: string | null;
}

export async function escalationEffects(
  trx: Transaction<DB>,
  ctx: Ctx,
  task: LockedTask,
  body: Extract<TaskActionBody, { action: 'escalate' }>,
): Promise<EscalationResult> {
  const step = nextEscalationStep(task.escalation_step);
  if (step !== 'ACCOUNTABILITY') {
    if (body.accountability) {
      throw validation([{ path: 'accountability', message: `本次督办为“${ESCALATION_STEP_LABELS[step].zh}”，尚未到问责环节，不能登记问责` }]);
    }
    return { step, accountabilityId: null };
  }
  const a = body.accountability;
  if (!a) throw validation([{ path: 'accountability', message: '升级至问责环节须登记问责对象、方式、依据和决定机关' }]);
  const targetOrgId = a.targetOrgId ?? task.unit_org_id;
  await checkLinks(trx, ctx, { targetOrgId }, 'accountability.');
  const accountabilityId = await insertAccountability(
    trx,
    ctx,
    {
      targetKind: a.targetKind,
      targetName: a.targetName,
      targetOrgId,
      targetPosition: a.targetPosition ?? null,
      method: a.method,
      basis: a.basis,
      facts: a.facts ?? '',
      decidingBody: a.decidingBody,
      decidedOn: a.decidedOn,
      procedureDue: a.procedureDue ?? null,
      caseId: null,
      // The task's campaign: 问责 at the last rung of a campaign's rectification counts for that campaign.
      campaignId: (await trx.selectFrom('rectification_task').select('campaign_id').where('id', '=', task.id).executeTakeFirst())?.campaign_id ?? null,
      rectificationTaskId: task.id,
      letterId: task.letter_id,
      ownerOrgId: task.supervisor_org_id,
    },
    'rectification.escalated',
  );
  return { step, accountabilityId };
}
