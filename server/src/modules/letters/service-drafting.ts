import type { FieldIssue } from '@liandong/domain/platform/errors';
import { type LetterDraftingDefaults, REPLY_DAYS_WITHOUT_REASON } from '@liandong/domain/reform/contracts-letters';
import type { LetterCreateBody, LetterDetail, LetterItemInput, LetterOpinionBody, LetterPatchBody } from '@liandong/domain/reform/contracts-letters';
import { LETTER_EDITABLE_STATES, LETTER_STATE_LABELS } from '@liandong/domain/reform/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import { AppError, businessRule, forbidden, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { asPeriodUnit, getSettings } from '../../platform/settings';
import { todayIso } from '../../platform/calendar';
import { loadOrganNames } from '../../platform/organs';
import { caseVisible, reformVisible } from '../visibility';
import { DRAFTER_ROLES, letterSides } from './policy';
import { loadLetter, orgName, recordLetterEvent } from './repo';
import { getLetter } from './service-detail';
import { checkCampaignLink } from '../campaign-links';
import { CAMPAIGN_LINK_REFUSED, CAMPAIGN_LINK_REQUIRED } from '@liandong/domain/campaigns/links';

/*
 * 起草 (c.6 DRAFTING/CONSULTING): a draft with its numbered recommendations (each with a deadline not
 * before today), edits while DRAFTING/CONSULTING (and AMENDING after an upheld objection) with the version, and the opinions — 征求意见 recorded
 * by the drafter, the legal/trial review opinion by 审理室/案管室.
 */

/** Org kinds that are bodies of the commission itself, never the recipient of a letter. */
const COMMISSION_BODIES = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP'];
/** Org kinds that draft letters (offices, groups, county commissions and their offices). */
const DRAFTING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'MUNICIPAL_COMMISSION', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION'];

function itemIssues(items: readonly LetterItemInput[], today: string): FieldIssue[] {
  return items.flatMap((it, i) => (it.deadline < today ? [{ path: `items.${i}.deadline`, message: '整改期限不能早于今天' }] : []));
}

async function recipientIssue(trx: Transaction<DB>, ctx: Ctx, orgId: string): Promise<{ name: string } | FieldIssue> {
  const o = await orgName(trx, ctx.actor.commissionId, orgId);
  if (!o) return { path: 'recipientOrgId', message: '收文单位不存在' };
  if (COMMISSION_BODIES.includes(o.kind)) return { path: 'recipientOrgId', message: '建议书应主送被监督单位或党组织，不能主送本委内设机构或派驻组' };
  return { name: o.name };
}

async function supervisorIssue(trx: Transaction<DB>, ctx: Ctx, userId: string): Promise<FieldIssue | null> {
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM app_user u JOIN user_role r ON r.user_id = u.id
      WHERE u.id = ${userId}::uuid AND u.commission_id = ${ctx.actor.commissionId}::uuid AND u.status = 'ACTIVE'
        AND r.role IN ('OFFICE_STAFF','GROUP_STAFF','COUNTY_STAFF','SECRETARY','DEPUTY_OR_MEMBER')) AS ok`.execute(trx);
  return rows[0]?.ok ? null : { path: 'supervisorUserId', message: '跟踪督促人须为本委在职干部' };
}

/**
 * A reply period above 30 days states its reason (printed in the letter): replyDaysReason is required then.
 */
function replyIssues(replyDays: number, reason: string): FieldIssue[] {
  return replyDays > REPLY_DAYS_WITHOUT_REASON && !reason.trim()
    ? [{ path: 'replyDaysReason', message: `回复期限超过${REPLY_DAYS_WITHOUT_REASON}日的，须说明理由` }]
    : [];
}

/**
 * 抄送 goes to organs: not the drafting office, nor any internal office of the commission (a letter is
 * issued in the commission's name; its own offices are not copied), no name twice.
 */
async function copyToIssues(trx: Transaction<DB>, ctx: Ctx, draftingOrgId: string, names: readonly string[]): Promise<FieldIssue[]> {
  if (!names.length) return [];
  const own = await trx
    .selectFrom('org')
    .select(['id', 'name_zh', 'short_name'])
    .where('commission_id', '=', ctx.actor.commissionId)
    .where((eb) => eb.or([eb('id', '=', draftingOrgId), eb('kind', '=', 'INTERNAL_OFFICE')]))
    .execute();
  const drafting = own.filter((o) => o.id === draftingOrgId).flatMap((o) => [o.name_zh, o.short_name]);
  const offices = new Set(own.flatMap((o) => [o.name_zh, o.short_name]).filter((n): n is string => !!n));
  const issues: FieldIssue[] = [];
  names.forEach((raw, i) => {
    const n = raw.trim();
    if (drafting.includes(n)) issues.push({ path: `copyTo.${i}`, message: '抄送机关不能是起草部门' });
    else if (offices.has(n)) issues.push({ path: `copyTo.${i}`, message: '抄送机关须为机关单位，不能是本委内设机构' });
    else if (names.slice(0, i).some((m) => m.trim() === n)) issues.push({ path: `copyTo.${i}`, message: '抄送机关重复' });
  });
  return issues;
}

async function writeItems(trx: Transaction<DB>, ctx: Ctx, letterId: string, items: readonly LetterItemInput[]) {
  await trx.deleteFrom('letter_item').where('letter_id', '=', letterId).execute();
  await trx
    .insertInto('letter_item')
    .values(items.map((it, i) => ({ commission_id: ctx.actor.commissionId, letter_id: letterId, no: i + 1, text: it.text, deadline: it.deadline })))
    .execute();
}

/**
 * The campaign of a new letter: a reform record's letter takes the record's campaign (another one is
 * refused); otherwise the campaign sent, checked as every campaign link; required for origin CAMPAIGN.
 */
async function letterCampaign(trx: Transaction<DB>, ctx: Ctx, body: LetterCreateBody, issues: FieldIssue[]): Promise<string | null> {
  let recordCampaign: string | null = null;
  if (body.recordId) {
    const rec = await trx.selectFrom('reform_record').select('campaign_id').where('id', '=', body.recordId).executeTakeFirst();
    recordCampaign = rec?.campaign_id ?? null;
  }
  if (recordCampaign) {
    if (body.campaignId && body.campaignId !== recordCampaign) issues.push({ path: 'campaignId', message: '须与以案促改台账所属专项整治一致' });
    return recordCampaign;
  }
  if (!body.campaignId) {
    if (body.origin === 'CAMPAIGN') issues.push({ path: 'campaignId', message: CAMPAIGN_LINK_REQUIRED });
    return null;
  }
  try {
    return (await checkCampaignLink(trx, ctx.actor, body.campaignId)).id;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    issues.push({ path: 'campaignId', message: CAMPAIGN_LINK_REFUSED });
    return null;
  }
}

/** GET /api/v1/letters/drafting-defaults — the settings a new letter starts with and its organs' names. */
export async function draftingDefaults(ctx: Ctx): Promise<LetterDraftingDefaults> {
  const [settings, organs] = await Promise.all([getSettings(ctx.db, ctx.actor.commissionId), loadOrganNames(ctx.db, ctx.actor.commissionId)]);
  return {
    organs: { discipline: organs.discipline, supervision: organs.supervision, office: organs.office },
    objectionDays: settings['letter.objectionPeriod'],
    objectionUnit: asPeriodUnit(settings['letter.objectionUnit']),
    replyDays: settings['letter.replyDays'],
  };
}

/** POST /api/v1/letters */
export async function createLetter(ctx: Ctx, body: LetterCreateBody): Promise<LetterDetail> {
  const id = await ctx.db.transaction().execute((trx) => createLetterIn(ctx, trx, body));
  return getLetter(ctx, id);
}

/**
 * A DRAFTING letter inside the caller's transaction (POST /letters, and a problem turned into a letter by
 * the problems module): the same checks, event and audit entry; answers the new letter's id.
 */
export async function createLetterIn(ctx: Ctx, trx: Transaction<DB>, body: LetterCreateBody): Promise<string> {
  if (!hasAnyRole(ctx.actor, DRAFTER_ROLES)) throw forbidden('建议书由监督检查、审查调查部门或县区纪委监委干部起草');
  const settings = await getSettings(trx, ctx.actor.commissionId);
  {
    const issues: FieldIssue[] = itemIssues(body.items, todayIso());
    const draftingOrgId = body.draftingOrgId ?? ctx.actor.orgId;
    const replyDays = body.replyDays ?? settings['letter.replyDays'];
    issues.push(...replyIssues(replyDays, body.replyDaysReason ?? ''));
    issues.push(...(await copyToIssues(trx, ctx, draftingOrgId, body.copyTo ?? [])));
    const { rows: drafting } = await sql<{ kind: string; in_scope: boolean }>`SELECT o.kind, ${inOrgScope(ctx.actor, 'o.id')} AS in_scope
      FROM org o WHERE o.id = ${draftingOrgId}::uuid AND o.commission_id = ${ctx.actor.commissionId}::uuid AND o.valid_to IS NULL`.execute(trx);
    if (!drafting[0]?.in_scope || !DRAFTING_KINDS.includes(drafting[0].kind))
      issues.push({ path: 'draftingOrgId', message: '起草部门须为本人所在或管辖范围内的本委部门' });
    const recipient = await recipientIssue(trx, ctx, body.recipientOrgId);
    if ('path' in recipient) issues.push(recipient);
    if (body.supervisorUserId) {
      const s = await supervisorIssue(trx, ctx, body.supervisorUserId);
      if (s) issues.push(s);
    }
    if (body.recordId) {
      const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM reform_record rr WHERE rr.id = ${body.recordId}::uuid
        AND ${reformVisible(ctx.actor, 'rr')}) AS ok`.execute(trx);
      if (!rows[0]?.ok) issues.push({ path: 'recordId', message: '以案促改台账不存在或无权访问' });
    }
    if (body.caseId) {
      const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM case_file cf WHERE cf.id = ${body.caseId}::uuid
        AND ${caseVisible(ctx.actor, 'cf')}) AS ok`.execute(trx);
      if (!rows[0]?.ok) issues.push({ path: 'caseId', message: '案件不存在或无权访问' });
    }
    // Only a visible record is consulted for its campaign (an invisible one is already refused above).
    const campaignId = issues.some((i) => i.path === 'recordId') ? null : await letterCampaign(trx, ctx, body, issues);
    if (issues.length) throw validation(issues);
    const r = await trx
      .insertInto('letter')
      .values({
        commission_id: ctx.actor.commissionId,
        record_id: body.recordId ?? null,
        type: body.type,
        origin: body.origin,
        case_id: body.caseId ?? null,
        campaign_id: campaignId,
        drafting_org_id: draftingOrgId,
        supervisor_user_id: body.supervisorUserId ?? null,
        recipient_org_id: body.recipientOrgId,
        recipient_name: body.recipientName ?? (recipient as { name: string }).name,
        title: body.title,
        background: body.background,
        facts: body.facts,
        causes: body.causes,
        legal_basis: body.legalBasis,
        reply_days: replyDays,
        reply_days_reason: body.replyDaysReason?.trim() ?? '',
        objection_days: body.objectionDays ?? settings['letter.objectionPeriod'],
        objection_unit: asPeriodUnit(settings['letter.objectionUnit']),
        objection_channel: body.objectionChannel ?? '',
        copy_to: (body.copyTo ?? []).map((n) => n.trim()),
        contact: body.contact ?? '',
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeItems(trx, ctx, r.id, body.items);
    await recordLetterEvent(trx, ctx, r.id, { action: 'draft', toState: 'DRAFTING' });
    await audit(trx, ctx, {
      type: 'letter.drafted',
      objectType: 'letter',
      objectId: r.id,
      payload: refs({ type: body.type, origin: body.origin, recipientOrgId: body.recipientOrgId, items: body.items.length, campaignId }),
    });
    return r.id;
  }
}

/** The campaign of a record's letter is the record's (letterCampaign): it is not edited on the letter. */
const RECORD_CAMPAIGN_FIXED = '建议书随所属以案促改记录归属专项整治，不能单独修改';

/**
 * A PATCH may not move a reform record's letter to another campaign than its record's (nor unlink it):
 * the letter, and the tasks it spawns, count for the record's campaign and reach its 专班 through it.
 * 422 on `campaignId`; sending the record's own campaign is accepted.
 */
async function checkRecordCampaign(trx: Transaction<DB>, recordId: string | null, campaignId: string | null | undefined): Promise<void> {
  if (campaignId === undefined || !recordId) return;
  const rec = await trx.selectFrom('reform_record').select('campaign_id').where('id', '=', recordId).executeTakeFirst();
  if (rec?.campaign_id && campaignId !== rec.campaign_id)
    throw businessRule(RECORD_CAMPAIGN_FIXED, { issues: [{ path: 'campaignId', message: RECORD_CAMPAIGN_FIXED }] });
}

const COLUMN: Partial<Record<keyof LetterPatchBody, string>> = {
  type: 'type',
  supervisorUserId: 'supervisor_user_id',
  recipientOrgId: 'recipient_org_id',
  recipientName: 'recipient_name',
  title: 'title',
  background: 'background',
  facts: 'facts',
  causes: 'causes',
  legalBasis: 'legal_basis',
  replyDays: 'reply_days',
  replyDaysReason: 'reply_days_reason',
  objectionDays: 'objection_days',
  objectionChannel: 'objection_channel',
  copyTo: 'copy_to',
  contact: 'contact',
  campaignId: 'campaign_id',
};

/** PATCH /api/v1/letters/:id — the drafter, while DRAFTING/CONSULTING, or AMENDING after an upheld objection. */
export async function patchLetter(ctx: Ctx, id: string, body: LetterPatchBody): Promise<LetterDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadLetter(trx, ctx.actor, id, true);
    if (row.version !== body.version) throw staleVersion();
    if (
      !letterSides(ctx.actor, {
        draftingOrgId: row.drafting_org_id,
        recipientOrgId: row.recipient_org_id,
        createdBy: row.created_by,
        overseen: row.overseen,
      }).has('DRAFTER')
    )
      throw forbidden('建议书由起草部门修改');
    if (!LETTER_EDITABLE_STATES.includes(row.state)) throw new AppError('CONFLICT', `建议书处于“${LETTER_STATE_LABELS[row.state].zh}”状态，不能修改`);
    const given = (Object.keys(COLUMN) as (keyof LetterPatchBody)[]).filter((k) => body[k] !== undefined);
    if (given.length === 0 && !body.items) throw validation([{ path: '', message: '请至少修改一项' }]);
    await checkRecordCampaign(trx, row.record_id, body.campaignId);
    const issues: FieldIssue[] = body.items ? itemIssues(body.items, row.today) : [];
    if (body.replyDays !== undefined || body.replyDaysReason !== undefined)
      issues.push(...replyIssues(body.replyDays ?? row.reply_days, body.replyDaysReason ?? row.reply_days_reason));
    if (body.copyTo) issues.push(...(await copyToIssues(trx, ctx, row.drafting_org_id, body.copyTo)));
    const set: Record<string, unknown> = {};
    for (const k of given) set[COLUMN[k]!] = body[k];
    if (body.replyDaysReason !== undefined) set.reply_days_reason = body.replyDaysReason.trim();
    if (body.copyTo) set.copy_to = body.copyTo.map((n) => n.trim());
    if (body.recipientOrgId && body.recipientOrgId !== row.recipient_org_id) {
      const recipient = await recipientIssue(trx, ctx, body.recipientOrgId);
      if ('path' in recipient) issues.push(recipient);
      else if (!body.recipientName) set.recipient_name = recipient.name;
    }
    if (body.supervisorUserId) {
      const s = await supervisorIssue(trx, ctx, body.supervisorUserId);
      if (s) issues.push(s);
    }
    if (body.campaignId === null && row.origin === 'CAMPAIGN') issues.push({ path: 'campaignId', message: CAMPAIGN_LINK_REQUIRED });
    if (body.campaignId) {
      const ok = await checkCampaignLink(trx, ctx.actor, body.campaignId).then(
        () => true,
        (e) => {
          if (e instanceof AppError) return false;
          throw e;
        },
      );
      if (!ok) issues.push({ path: 'campaignId', message: CAMPAIGN_LINK_REFUSED });
    }
    if (issues.length) throw validation(issues);
    await trx
      .updateTable('letter')
      .set({ ...set, version: row.version + 1, updated_at: sql<Date>`now()` })
      .where('id', '=', row.id)
      .execute();
    if (body.items) await writeItems(trx, ctx, row.id, body.items);
    const fields = [...given, ...(body.items ? ['items'] : [])];
    await recordLetterEvent(trx, ctx, row.id, { action: 'update', comment: `修改：${fields.join('、')}` });
    await audit(trx, ctx, { type: 'letter.updated', objectType: 'letter', objectId: row.id, payload: refs({ fields }) });
  });
  return getLetter(ctx, id);
}

/** POST /api/v1/letters/:id/opinions */
export async function addOpinion(ctx: Ctx, id: string, body: LetterOpinionBody): Promise<LetterDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadLetter(trx, ctx.actor, id, true);
    const sides = letterSides(ctx.actor, {
      draftingOrgId: row.drafting_org_id,
      recipientOrgId: row.recipient_org_id,
      createdBy: row.created_by,
      overseen: row.overseen,
    });
    if (body.kind === 'CONSULTATION') {
      if (!sides.has('DRAFTER')) throw forbidden('征求意见情况由起草部门记录');
      if (!LETTER_EDITABLE_STATES.includes(row.state)) throw new AppError('CONFLICT', `建议书处于“${LETTER_STATE_LABELS[row.state].zh}”状态，不能记录征求意见`);
    } else {
      if (!sides.has('REVIEWER')) throw forbidden('审核意见由审理室或案管室提出');
      if (row.state !== 'UNDER_REVIEW') throw new AppError('CONFLICT', `建议书处于“${LETTER_STATE_LABELS[row.state].zh}”状态，不能提出审核意见`);
    }
    let name = body.orgName;
    if (body.orgId) {
      const o = await orgName(trx, ctx.actor.commissionId, body.orgId);
      if (!o) throw validation([{ path: 'orgId', message: '单位不存在' }]);
      name ??= o.name;
    }
    if (!name) throw validation([{ path: 'orgName', message: '请填写提出意见的单位' }]);
    const op = await trx
      .insertInto('letter_opinion')
      .values({
        commission_id: ctx.actor.commissionId,
        letter_id: row.id,
        kind: body.kind,
        org_id: body.orgId ?? null,
        org_name: name,
        opinion: body.opinion,
        recorded_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'letter.opinion_recorded',
      objectType: 'letter',
      objectId: row.id,
      payload: refs({ opinionId: op.id, kind: body.kind, orgId: body.orgId ?? null, orgName: name }),
    });
  });
  return getLetter(ctx, id);
}
