import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { ReformProblemBody, ReformRecordCreateBody, ReformRecordDetail, ReformRecordPatchBody } from '@liandong/domain/reform/contracts-reform';
import { REFORM_STATE_LABELS } from '@liandong/domain/reform/enums';
import { RECORD_MACHINE, recordActionTo } from '@liandong/domain/reform/record-machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { inOrgScope } from '../../platform/access';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { todayIso } from '../../platform/calendar';
import { lockRow, transition } from '../../platform/workflow';
import { lockFindingForHandOver, markFindingHandedOver } from './findings';
import { canCreate, canEditRecord } from './policy';
import { coOwnerChange, writeCoOwners } from './co-owners';
import { existingIds, short } from './repo';
import { type LockedRecord, recordWorkflow } from './record-workflow';
import { getRecord, isCaseTeamMember } from './service-records-read';
import { checkCampaignLink, resolveCampaignLink } from '../campaign-links';
import { CAMPAIGN_LINK_REQUIRED } from '@liandong/domain/campaigns/links';
import { dictionaryCodeIssues } from '../dictionaries';

/*
 * 以案促改 records: opened when a case is filed (the hook below), or by hand from a supervision finding
 * (disposition 提出纪检监察建议 or 督促整改; the finding is marked handed over) or for a campaign; then the
 * 问题清单 grows during the investigation ("边查处、边发现、边剖析、边建议"), the causes are analysed,
 * recommendations made, and the record closed — COLLECTING → ANALYSED → RECOMMENDED → CLOSED.
 */

/**
 * Hook of cases/filing.ts `fileCaseForClue`: the filed case's reform record, in the filing transaction —
 * owned by the case's lead org, concerning the subject's unit (or the lead org when none is recorded).
 * Idempotent: a case has at most one record.
 */
export async function openReformRecordForCase(trx: Transaction<DB>, ctx: Ctx, caseId: string): Promise<string> {
  const existing = await trx.selectFrom('reform_record').select('id').where('case_id', '=', caseId).executeTakeFirst();
  if (existing) return existing.id;
  const c = await trx
    .selectFrom('case_file')
    .select(['id', 'case_no', 'title', 'lead_org_id', 'subject_org_id', 'classification'])
    .where('id', '=', caseId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirstOrThrow();
  const unit = await trx
    .selectFrom('org')
    .select('name_zh')
    .where('id', '=', c.subject_org_id ?? c.lead_org_id)
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('reform_record')
    .values({
      commission_id: ctx.actor.commissionId,
      origin: 'CASE',
      case_id: c.id,
      // Named after the unit, not the case: from the decision on the record is seen by the supervising side,
      // who may not see the case (its title stays behind caseVisible).
      title: `以案促改：${unit.name_zh}`,
      unit_org_id: c.subject_org_id ?? c.lead_org_id,
      owner_org_id: c.lead_org_id,
      // A case found in a campaign (through its clues) keeps the campaign on its 以案促改.
      campaign_id: sql<string | null>`(SELECT cl.campaign_id FROM clue cl WHERE cl.case_id = ${c.id}::uuid AND cl.campaign_id IS NOT NULL
        ORDER BY cl.received_on, cl.id LIMIT 1)`,
      classification: c.classification,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await audit(trx, ctx, {
    type: 'reform.record_opened',
    objectType: 'reform_record',
    objectId: row.id,
    payload: refs({ origin: 'CASE', caseId, caseNo: c.case_no }),
  });
  return row.id;
}

/** POST /reform-records — by hand from a finding or a campaign. */
export async function openRecord(ctx: Ctx, b: ReformRecordCreateBody): Promise<ReformRecordDetail> {
  if (!canCreate(ctx.actor)) throw forbidden('无权建立以案促改台账');
  const campaign = b.campaignId ? await checkCampaignLink(ctx.db, ctx.actor, b.campaignId) : null;
  if (b.origin === 'CAMPAIGN' && !campaign) throw validation([{ path: 'campaignId', message: CAMPAIGN_LINK_REQUIRED }]);
  return ctx.db.transaction().execute(async (trx) => {
    const finding = b.origin === 'FINDING' ? await lockFindingForHandOver(trx, ctx, b.findingId, ['RECOMMENDATION', 'RECTIFY']) : null;
    const unitOrgId = b.unitOrgId ?? finding?.host_unit_id ?? null;
    const ownerOrgId = b.ownerOrgId ?? finding?.org_id ?? ctx.actor.orgId;
    const issues: FieldIssue[] = [];
    if (!unitOrgId) issues.push({ path: 'unitOrgId', message: '请选择以案促改的单位' });
    else if (!(await existingIds(trx, 'org', ctx.actor.commissionId, [unitOrgId])).has(unitOrgId)) issues.push({ path: 'unitOrgId', message: '单位不存在' });
    const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.id = ${ownerOrgId}::uuid
      AND o.commission_id = ${ctx.actor.commissionId}::uuid AND ${inOrgScope(ctx.actor, 'o.id')}) AS ok`.execute(trx);
    if (!rows[0]?.ok) issues.push({ path: 'ownerOrgId', message: '承办部门不存在或不在本人职责范围内' });
    issues.push(...(await dictionaryCodeIssues(trx, ctx.actor.commissionId, 'SECTOR', [{ path: 'sector', code: b.sector }])));
    if (issues.length || !unitOrgId) throw validation(issues, '不能建立以案促改台账');
    const title = b.title ?? (finding ? `以案促改：${short(finding.description, 60)}` : `以案促改：${campaign?.name ?? ''}`);
    const row = await trx
      .insertInto('reform_record')
      .values({
        commission_id: ctx.actor.commissionId,
        origin: b.origin,
        finding_id: finding?.id ?? null,
        campaign_id: campaign?.id ?? null,
        title,
        unit_org_id: unitOrgId,
        owner_org_id: ownerOrgId,
        sector_code: b.sector ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (finding) await markFindingHandedOver(trx, finding.id, 'reform', row.id);
    await audit(trx, ctx, {
      type: 'reform.record_opened',
      objectType: 'reform_record',
      objectId: row.id,
      payload: refs({ origin: b.origin, findingId: finding?.id ?? null, campaignId: campaign?.id ?? null }),
    });
    return getRecord(ctx, row.id, trx);
  });
}

async function lockRecord(trx: Transaction<DB>, ctx: Ctx, id: string): Promise<LockedRecord> {
  const r = await lockRow(inTx(ctx, trx), recordWorkflow, id);
  if (!r) throw notFound('以案促改台账');
  return r;
}

/**
 * PATCH /reform-records/:id — owner org staff; the state only moves one step forward. A requested state
 * is the machine's action leading there, applied by the kernel together with the fields sent.
 */
export async function patchRecord(ctx: Ctx, id: string, b: ReformRecordPatchBody): Promise<ReformRecordDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, ctx, id);
    if (!canEditRecord(ctx.actor, r)) throw forbidden('只有承办部门可以修改以案促改台账');
    if (r.version !== b.version) throw staleVersion();
    if (r.state === 'CLOSED') throw new AppError('ILLEGAL_TRANSITION', '以案促改台账已完成，不能修改');
    const changed: Record<string, unknown> = {};
    if (b.title !== undefined) changed.title = b.title;
    if (b.rootCauses !== undefined) changed.root_causes = b.rootCauses;
    if (b.causeCategories !== undefined) changed.cause_categories = [...new Set(b.causeCategories)];
    if (b.sector !== undefined) {
      const bad = await dictionaryCodeIssues(trx, ctx.actor.commissionId, 'SECTOR', [{ path: 'sector', code: b.sector }]);
      if (bad.length) throw validation(bad, '不能修改以案促改台账');
      changed.sector_code = b.sector;
    }
    if (b.campaignId !== undefined) {
      changed.campaign_id = await resolveCampaignLink(trx, ctx.actor, b.campaignId, { required: r.origin === 'CAMPAIGN' });
    }
    const owners = b.coOwnerOrgIds === undefined ? null : await coOwnerChange(trx, ctx, r, b.coOwnerOrgIds);
    if (b.state !== undefined && b.state !== r.state) {
      const action = recordActionTo(b.state);
      if (!action || RECORD_MACHINE.next(r.state, action) === null) {
        throw new AppError('ILLEGAL_TRANSITION', `不能从“${REFORM_STATE_LABELS[r.state].zh}”改为“${REFORM_STATE_LABELS[b.state].zh}”`, {
          from: r.state,
          to: b.state,
        });
      }
      // The state step and the fields sent with it are one kernel transition (one UPDATE, one audit entry).
      await transition(inTx(ctx, trx), recordWorkflow, id, { action, version: b.version, changes: changed });
      for (const k of Object.keys(changed)) delete changed[k];
    } else if (Object.keys(changed).length > 0 || owners) {
      await trx
        .updateTable('reform_record')
        .set({ ...changed, version: r.version + 1, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    }
    if (owners) await writeCoOwners(trx, ctx, id, owners);
    if (Object.keys(changed).length > 0 || owners) {
      await audit(trx, ctx, {
        type: 'reform.record_updated',
        objectType: 'reform_record',
        objectId: id,
        payload: refs({
          changed: [...Object.keys(changed), ...(owners ? ['coOwnerOrgIds'] : [])],
          ...(owners ? { coOwnersAdded: owners.added, coOwnersRemoved: owners.removed } : {}),
        }),
      });
    }
    return getRecord(ctx, id, trx);
  });
}

/** POST /reform-records/:id/problems — owner org staff and the case's team add to the 问题清单. */
export async function addProblem(ctx: Ctx, id: string, b: ReformProblemBody): Promise<ReformRecordDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const r = await lockRecord(trx, ctx, id);
    if (!canEditRecord(ctx.actor, r) && !(r.case_id && (await isCaseTeamMember(trx, r.case_id, ctx.actor.userId)))) {
      throw forbidden('只有承办部门和案件组成员可以记录问题清单');
    }
    if (r.state === 'CLOSED') throw new AppError('ILLEGAL_TRANSITION', '以案促改台账已完成，不能再记录问题');
    const foundOn = b.foundOn ?? todayIso();
    if (foundOn > todayIso()) throw validation([{ path: 'foundOn', message: '发现日期不能晚于今天' }]);
    const { rows } = await sql<{ seq: number }>`SELECT COALESCE(max(seq), 0) + 1 AS seq FROM reform_problem WHERE record_id = ${id}::uuid`.execute(trx);
    const seq = rows[0]!.seq;
    const p = await trx
      .insertInto('reform_problem')
      .values({
        commission_id: ctx.actor.commissionId,
        record_id: id,
        seq,
        description: b.description,
        category: b.category,
        found_on: foundOn,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('reform_record').set({ updated_at: sql`now()` }).where('id', '=', id).execute();
    await audit(trx, ctx, {
      type: 'reform.problem_added',
      objectType: 'reform_record',
      objectId: id,
      payload: refs({ problemId: p.id, seq, category: b.category }),
    });
    return getRecord(ctx, id, trx);
  });
}
