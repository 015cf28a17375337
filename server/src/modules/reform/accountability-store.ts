import { addMonths } from '@liandong/domain/clues/deadlines';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { AccountabilityMethod, AccountabilityTarget } from '@liandong/domain/reform/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { inOrgScope } from '../../platform/access';
import { validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { caseVisible, letterVisible, taskVisible } from '../visibility';
import { existingIds } from './repo';

/*
 * Writing 问责 records (问责条例), shared by POST /accountabilities and the 问责 rung of a task's
 * escalation (one insert, one set of link checks, one audit event).
 */

/** 组织调整或组织处理: the procedure is to be completed within one month of the decision. */
export function defaultProcedureDue(method: AccountabilityMethod, decidedOn: string): string | null {
  return method === 'ORG_ADJUSTMENT' ? addMonths(decidedOn, 1) : null;
}

export interface AccountabilityValues {
  targetKind: AccountabilityTarget;
  targetName: string;
  targetOrgId: string | null;
  targetPosition: string | null;
  method: AccountabilityMethod;
  basis: string;
  facts: string;
  decidingBody: string;
  decidedOn: string;
  procedureDue: string | null;
  caseId: string | null;
  /** 所属专项整治 (checked by the caller with campaign-links). */
  campaignId: string | null;
  rectificationTaskId: string | null;
  letterId: string | null;
  ownerOrgId: string;
}

export interface LinkRefs {
  caseId?: string | null;
  rectificationTaskId?: string | null;
  letterId?: string | null;
  targetOrgId?: string | null;
  ownerOrgId?: string | null;
}

/** Every link must name something the caller sees (else 400 on that field); the owner org must be in scope. */
export async function checkLinks(trx: Transaction<DB>, ctx: Ctx, l: LinkRefs, prefix = ''): Promise<void> {
  const a = ctx.actor;
  const issues: FieldIssue[] = [];
  const seen = async (q: ReturnType<typeof sql<{ ok: boolean }>>) => (await q.execute(trx)).rows[0]?.ok === true;
  if (
    l.caseId &&
    !(await seen(sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM case_file c WHERE c.id = ${l.caseId}::uuid AND ${caseVisible(a, 'c')}) AS ok`))
  ) {
    issues.push({ path: `${prefix}caseId`, message: '案件不存在或无权访问' });
  }
  if (
    l.rectificationTaskId &&
    !(await seen(
      sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM rectification_task t WHERE t.id = ${l.rectificationTaskId}::uuid AND ${taskVisible(a, 't')}) AS ok`,
    ))
  ) {
    issues.push({ path: `${prefix}rectificationTaskId`, message: '整改任务不存在或无权访问' });
  }
  if (
    l.letterId &&
    !(await seen(sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM letter r WHERE r.id = ${l.letterId}::uuid AND ${letterVisible(a, 'r')}) AS ok`))
  ) {
    issues.push({ path: `${prefix}letterId`, message: '建议书不存在或无权访问' });
  }
  if (l.targetOrgId && !(await existingIds(trx, 'org', a.commissionId, [l.targetOrgId])).has(l.targetOrgId)) {
    issues.push({ path: `${prefix}targetOrgId`, message: '单位不存在' });
  }
  if (
    l.ownerOrgId &&
    !(await seen(sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.id = ${l.ownerOrgId}::uuid AND o.commission_id = ${a.commissionId}::uuid
      AND ${inOrgScope(a, 'o.id')}) AS ok`))
  ) {
    issues.push({ path: `${prefix}ownerOrgId`, message: '承办部门不存在或不在本人职责范围内' });
  }
  if (issues.length) throw validation(issues, '关联对象有误');
}

/** Inserts the record (links already checked) and writes `accountability.recorded`. */
export async function insertAccountability(trx: Transaction<DB>, ctx: Ctx, v: AccountabilityValues, via: string): Promise<string> {
  const row = await trx
    .insertInto('accountability')
    .values({
      commission_id: ctx.actor.commissionId,
      target_kind: v.targetKind,
      target_name: v.targetName,
      target_org_id: v.targetOrgId,
      target_position: v.targetPosition,
      method: v.method,
      basis: v.basis,
      facts: v.facts,
      deciding_body: v.decidingBody,
      decided_on: v.decidedOn,
      procedure_due: v.procedureDue ?? defaultProcedureDue(v.method, v.decidedOn),
      case_id: v.caseId,
      campaign_id: v.campaignId,
      rectification_task_id: v.rectificationTaskId,
      letter_id: v.letterId,
      owner_org_id: v.ownerOrgId,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, ctx, {
    type: 'accountability.recorded',
    objectType: 'accountability',
    objectId: row.id,
    payload: refs({
      via,
      targetKind: v.targetKind,
      method: v.method,
      decidedOn: v.decidedOn,
      caseId: v.caseId,
      campaignId: v.campaignId,
      rectificationTaskId: v.rectificationTaskId,
      letterId: v.letterId,
    }),
  });
  return row.id;
}
