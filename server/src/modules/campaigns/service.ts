import type {
  CampaignActionBody,
  CampaignCreateBodySchema,
  CampaignDetail,
  CampaignPatchBody,
  ParticipantInput,
  ParticipantPutBodySchema,
} from '@liandong/domain/campaigns/contracts';
import { PARTICIPANT_KIND_LABELS, type ParticipantKind } from '@liandong/domain/campaigns/enums';
import { CAMPAIGN_MACHINE } from '@liandong/domain/campaigns/machine';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { sql, type Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { lockRow, transition } from '../../platform/workflow';
import { canCreateFor } from './policy';
import { getCampaign } from './read';
import { type LockedCampaign, campaignWorkflow } from './workflow';

/*
 * Writes of the register: create (lead office 党风政风监督室 by default), PATCH while PLANNED (optimistic
 * locking), participants with their 分工, and the machine's actions through the kernel. Every change is
 * one transaction with its audit entry; a participant change also bumps the campaign's version.
 */

/** The org kinds a participant kind accepts (OFFICE = 委机关内设室, GROUP = 派驻组, COUNTY = 县区纪委监委, DEPARTMENT = 职能部门). */
const ORG_KINDS: Record<ParticipantKind, readonly string[]> = {
  OFFICE: ['INTERNAL_OFFICE'],
  GROUP: ['DISPATCHED_GROUP'],
  COUNTY: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
  DEPARTMENT: ['HOST_UNIT', 'PARTY_COMMITTEE', 'EXTERNAL_AGENCY'],
};

type Trx = Transaction<DB>;

/** Field issues of a participant list: the orgs exist in the commission, match their kind, are not the lead, appear once. */
async function participantIssues(trx: Trx, commissionId: string, leadOrgId: string, list: ParticipantInput[], prefix: string): Promise<FieldIssue[]> {
  const ids = [...new Set(list.map((p) => p.orgId))];
  const orgs = ids.length ? await trx.selectFrom('org').select(['id', 'kind']).where('commission_id', '=', commissionId).where('id', 'in', ids).execute() : [];
  const kindOf = new Map(orgs.map((o) => [o.id, o.kind]));
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  list.forEach((p, i) => {
    const path = prefix ? `${prefix}.${i}.orgId` : 'orgId';
    const kind = kindOf.get(p.orgId);
    if (!kind) issues.push({ path, message: '单位不存在' });
    else if (!ORG_KINDS[p.kind].includes(kind)) issues.push({ path, message: `该单位不是${PARTICIPANT_KIND_LABELS[p.kind].zh}` });
    else if (p.orgId === leadOrgId) issues.push({ path, message: '牵头部门不必再列为参与单位' });
    else if (seen.has(p.orgId)) issues.push({ path, message: '参与单位重复' });
    seen.add(p.orgId);
  });
  return issues;
}

function dateIssues(startsOn: string | null | undefined, endsOn: string | null | undefined): FieldIssue[] {
  return startsOn && endsOn && endsOn < startsOn ? [{ path: 'endsOn', message: '结束日期不能早于开始日期' }] : [];
}

async function assertUniqueName(trx: Trx, commissionId: string, name: string, year: number, except?: string): Promise<void> {
  let q = trx.selectFrom('campaign').select('id').where('commission_id', '=', commissionId).where('name', '=', name).where('year', '=', year);
  if (except) q = q.where('id', '<>', except);
  if (await q.executeTakeFirst()) {
    throw new AppError('DUPLICATE', '本年度已登记同名专项整治', { issues: [{ path: 'name', message: '本年度已登记同名专项整治' }] });
  }
}

/** POST /api/v1/campaigns */
export async function createCampaign(ctx: Ctx, b: z.output<typeof CampaignCreateBodySchema>): Promise<CampaignDetail> {
  return ctx.db.transaction().execute(async (trx) => getCampaign(ctx, await createCampaignIn(ctx, trx, b), trx));
}

/**
 * A PLANNED campaign inside the caller's transaction (POST /campaigns, and a problem turned into a campaign
 * by the problems module): the same checks, event and audit entry; answers the new campaign's id. `sector`
 * is the 行业领域 when it is not the domain's own code (a problem's sector outside the campaign domains).
 */
export async function createCampaignIn(ctx: Ctx, trx: Trx, b: z.output<typeof CampaignCreateBodySchema>, sector?: string): Promise<string> {
  {
    const cid = ctx.actor.commissionId;
    let leadOrgId = b.leadOrgId;
    const issues: FieldIssue[] = [];
    if (leadOrgId) {
      const lead = await trx.selectFrom('org').select('kind').where('id', '=', leadOrgId).where('commission_id', '=', cid).executeTakeFirst();
      if (!lead) issues.push({ path: 'leadOrgId', message: '牵头部门不存在' });
      else if (lead.kind !== 'INTERNAL_OFFICE') issues.push({ path: 'leadOrgId', message: '牵头部门须为委机关内设室' });
    } else {
      const dfzf = await trx
        .selectFrom('org')
        .select('id')
        .where('commission_id', '=', cid)
        .where('kind', '=', 'INTERNAL_OFFICE')
        .where('office_kind', '=', 'PARTY_CONDUCT')
        .orderBy('sort_order')
        .executeTakeFirst();
      if (!dfzf) issues.push({ path: 'leadOrgId', message: '本委未设置党风政风监督室，请选择牵头部门' });
      leadOrgId = dfzf?.id;
    }
    if (issues.length || !leadOrgId) throw validation(issues, '不能登记专项整治');
    if (!canCreateFor(ctx.actor, leadOrgId)) throw forbidden('专项整治由牵头部门或委领导登记');
    issues.push(...dateIssues(b.startsOn, b.endsOn), ...(await participantIssues(trx, cid, leadOrgId, b.participants, 'participants')));
    if (issues.length) throw validation(issues, '不能登记专项整治');
    await assertUniqueName(trx, cid, b.name, b.year);
    const row = await trx
      .insertInto('campaign')
      .values({
        commission_id: cid,
        name: b.name,
        domain: b.domain,
        // 行业领域: a campaign's sector is its domain (the SECTOR dictionary starts with the domains' codes)
        sector_code: sector ?? b.domain,
        year: b.year,
        goal: b.goal,
        plan: b.plan,
        lead_org_id: leadOrgId,
        starts_on: b.startsOn ?? null,
        ends_on: b.endsOn ?? null,
        bulletin_schedule: b.bulletinSchedule,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (b.participants.length) {
      await trx
        .insertInto('campaign_participant')
        .values(b.participants.map((p) => ({ campaign_id: row.id, org_id: p.orgId, kind: p.kind, division: p.division })))
        .execute();
    }
    await trx
      .insertInto('campaign_event')
      .values({ commission_id: cid, campaign_id: row.id, action: 'create', from_state: null, to_state: 'PLANNED', comment: null, actor_id: ctx.actor.userId })
      .execute();
    await audit(trx, ctx, {
      type: 'campaign.created',
      objectType: 'campaign',
      objectId: row.id,
      payload: refs({ domain: b.domain, year: b.year, leadOrgId, participants: b.participants.map((p) => p.orgId) }),
    });
    return row.id;
  }
}

/** Locks the campaign in the caller's scope (404) and checks the version (409) and the caller's side (403). */
async function lockForEdit(trx: Trx, ctx: Ctx, id: string, version: number, what: string): Promise<LockedCampaign> {
  const row = await lockRow(inTx(ctx, trx), campaignWorkflow, id);
  if (!row) throw notFound('专项整治');
  const sides = new Set(await campaignWorkflow.roles(inTx(ctx, trx), row));
  if (!sides.has('LEAD') && !sides.has('APPROVER')) throw forbidden(`只有牵头部门或委领导可以${what}`);
  if (row.version !== version) throw staleVersion();
  return row;
}

/** PATCH /api/v1/campaigns/:id — while PLANNED; a changed plan text clears an earlier approval. */
export async function patchCampaign(ctx: Ctx, id: string, b: CampaignPatchBody): Promise<CampaignDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, ctx, id, b.version, '修改专项整治');
    if (row.state !== 'PLANNED') throw new AppError('ILLEGAL_TRANSITION', '专项整治已动员部署，登记信息不能再修改');
    const cur = await trx.selectFrom('campaign').select(['name', 'year', 'starts_on', 'ends_on', 'plan']).where('id', '=', id).executeTakeFirstOrThrow();
    const issues = dateIssues(b.startsOn === undefined ? cur.starts_on : b.startsOn, b.endsOn === undefined ? cur.ends_on : b.endsOn);
    if (issues.length) throw validation(issues, '不能修改专项整治');
    if (b.name !== undefined || b.year !== undefined) await assertUniqueName(trx, ctx.actor.commissionId, b.name ?? cur.name, b.year ?? cur.year, id);
    const set: Record<string, unknown> = {};
    if (b.name !== undefined) set.name = b.name;
    if (b.domain !== undefined) {
      set.domain = b.domain;
      set.sector_code = b.domain;
    }
    if (b.year !== undefined) set.year = b.year;
    if (b.goal !== undefined) set.goal = b.goal;
    if (b.plan !== undefined) set.plan = b.plan;
    if (b.startsOn !== undefined) set.starts_on = b.startsOn;
    if (b.endsOn !== undefined) set.ends_on = b.endsOn;
    if (b.bulletinSchedule !== undefined) set.bulletin_schedule = b.bulletinSchedule;
    const replan = b.plan !== undefined && b.plan !== cur.plan && row.plan_approval !== null;
    if (replan) Object.assign(set, { plan_approval: null, plan_approved_by: null, plan_approved_on: null, plan_decision_ref: null });
    if (Object.keys(set).length === 0) return getCampaign(ctx, id, trx);
    await trx
      .updateTable('campaign')
      .set({ ...set, version: row.version + 1, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, {
      type: 'campaign.updated',
      objectType: 'campaign',
      objectId: id,
      payload: refs({ changed: Object.keys(set).filter((k) => !k.startsWith('plan_')), approvalCleared: replan }),
    });
    return getCampaign(ctx, id, trx);
  });
}

async function changeParticipants(ctx: Ctx, id: string, version: number, change: (trx: Trx, row: LockedCampaign) => Promise<Record<string, unknown>>) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await lockForEdit(trx, ctx, id, version, '调整参与单位与分工');
    if (CAMPAIGN_MACHINE.terminal().includes(row.state)) throw new AppError('ILLEGAL_TRANSITION', '专项整治已结束，参与单位不能再调整');
    const payload = await change(trx, row);
    await trx
      .updateTable('campaign')
      .set({ version: row.version + 1, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(trx, ctx, { type: 'campaign.participants_changed', objectType: 'campaign', objectId: id, payload: refs(payload) });
    return getCampaign(ctx, id, trx);
  });
}

/** PUT /api/v1/campaigns/:id/participants/:orgId — adds the participant or changes its kind and 分工. */
export function putParticipant(ctx: Ctx, id: string, orgId: string, b: z.output<typeof ParticipantPutBodySchema>) {
  return changeParticipants(ctx, id, b.version, async (trx, row) => {
    const issues = await participantIssues(trx, ctx.actor.commissionId, row.lead_org_id, [{ orgId, kind: b.kind, division: b.division }], '');
    if (issues.length) throw validation(issues, '不能调整参与单位');
    const existing = await trx.selectFrom('campaign_participant').select('org_id').where('campaign_id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
    await trx
      .insertInto('campaign_participant')
      .values({ campaign_id: id, org_id: orgId, kind: b.kind, division: b.division })
      .onConflict((oc) => oc.columns(['campaign_id', 'org_id']).doUpdateSet({ kind: b.kind, division: b.division }))
      .execute();
    return { orgId, kind: b.kind, change: existing ? 'changed' : 'added' };
  });
}

/** DELETE /api/v1/campaigns/:id/participants/:orgId?version= */
export function removeParticipant(ctx: Ctx, id: string, orgId: string, version: number) {
  return changeParticipants(ctx, id, version, async (trx) => {
    const gone = await trx.deleteFrom('campaign_participant').where('campaign_id', '=', id).where('org_id', '=', orgId).executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) throw notFound('参与单位');
    return { orgId, change: 'removed' };
  });
}

/** POST /api/v1/campaigns/:id/actions — the machine's actions through the kernel. */
export async function actOnCampaign(ctx: Ctx, id: string, b: CampaignActionBody): Promise<CampaignDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    await transition(inTx(ctx, trx), campaignWorkflow, id, b);
    return getCampaign(ctx, id, trx);
  });
}
