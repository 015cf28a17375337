import type { ClueCreateBody, ClueCreated, CluePatchBody, Complainant, HandOverBody } from '@liandong/domain/clues/contracts';
import { clueDeadlines } from '@liandong/domain/clues/deadlines';
import type { ClueSource } from '@liandong/domain/clues/enums';
import type { FieldIssue } from '@liandong/domain/platform/errors';
import { CAMPAIGN_LINK_REQUIRED } from '@liandong/domain/campaigns/links';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import { AppError, forbidden, notFound, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx, type TxCtx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { searchVector } from '../../platform/search';
import { itemVisible } from '../supervision';
import { canIntake, INTAKE_ROLES, isPetitionSource } from './policy';
import type { ClueRow, Q } from './repo';
import { clueWorkflow } from './workflow';
import { canReadComplainant, clueVisible } from '../visibility';
import { hasAnyRole } from '../../platform/access';
import { checkTypology, resolveCampaignLink } from '../campaign-links';
import { SECTOR_DICTIONARY } from '@liandong/domain/problems/dictionaries';
import { dictionaryCodeIssues } from '../dictionaries';

/*
 * 受理 (intake) from every source, edits while RECEIVED/REGISTERED, the one-click hand-over of a
 * supervision finding, and the 信访室's audited read of the sealed complainant identity.
 */

/** Referenced orgs and persons must exist in the caller's commission (400 otherwise, never a 500). */
async function checkRefs(db: Q, commissionId: string, refs: { path: string; table: 'org' | 'person'; id: string | null | undefined }[]) {
  const issues: FieldIssue[] = [];
  for (const r of refs) {
    if (!r.id) continue;
    const hit = await db.selectFrom(r.table).select('id').where('id', '=', r.id).where('commission_id', '=', commissionId).executeTakeFirst();
    if (!hit) issues.push({ path: r.path, message: r.table === 'org' ? '单位不存在' : '人员不存在' });
  }
  if (issues.length) throw validation(issues);
}

async function deadlinesFor(ctx: Ctx, source: ClueSource, receivedOn: string, realName: boolean) {
  const cal = await loadWorkCalendar(ctx.db, ctx.actor.commissionId);
  const d = clueDeadlines(cal.calendar, { receivedOn, realName: realName && isPetitionSource(source), upperAssigned: source === 'SUPERIOR_ASSIGNED' });
  return { propose_due: d.proposeBy, acknowledge_due: d.acknowledgeBy, assigned_case_due: d.assignedCaseBy };
}

function checkReceivedOn(day: string) {
  if (day > todayIso()) throw validation([{ path: 'receivedOn', message: '受理日期不能晚于今天' }]);
}

export interface NewClue extends Omit<ClueCreateBody, 'sourceRef'> {
  sourceRef?: { type: string; id: string };
}

/**
 * The campaign link and typology of an intake, checked (400 on `campaignId` / `typology`): a
 * CAMPAIGN_SCREENING clue must name a campaign the caller sees in the commission.
 */
async function checkCampaignFields(ctx: Ctx, b: Pick<NewClue, 'source' | 'campaignId' | 'typology' | 'sector'>) {
  await checkSector(ctx, b.sector);
  return {
    campaignId: await resolveCampaignLink(ctx.db, ctx.actor, b.campaignId, { required: b.source === 'CAMPAIGN_SCREENING' }),
    typology: await checkTypology(ctx.db, ctx.actor.commissionId, b.typology ?? []),
  };
}

/** 行业领域: a code of the commission's SECTOR dictionary (400 on `sector` otherwise). */
async function checkSector(ctx: Ctx, sector: string | null | undefined) {
  const issues = await dictionaryCodeIssues(ctx.db, ctx.actor.commissionId, SECTOR_DICTIONARY, [{ path: 'sector', code: sector }]);
  if (issues.length) throw validation(issues);
}

/** Inserts a RECEIVED clue with its deadlines, sealed complainant, search vector and first event. */
export async function insertClue(ctx: Ctx, trx: Transaction<DB>, b: NewClue): Promise<ClueCreated> {
  const complainant: Complainant | undefined = b.realName ? b.complainant : undefined;
  const row = await trx
    .insertInto('clue')
    .values({
      commission_id: ctx.actor.commissionId,
      year: Number(b.receivedOn.slice(0, 4)),
      source: b.source,
      source_ref_type: b.sourceRef?.type ?? null,
      source_ref_id: b.sourceRef?.id ?? null,
      received_on: b.receivedOn,
      received_by: ctx.actor.userId,
      receiving_org_id: ctx.actor.orgId,
      real_name: b.realName,
      complainant_cipher: complainant ? ctx.cipher.encrypt(JSON.stringify(complainant)) : null,
      title: b.title,
      summary: b.summary,
      issue_types: b.issueTypes,
      subject_name: b.subjectName,
      subject_person_id: b.subjectPersonId ?? null,
      subject_org_id: b.subjectOrgId ?? null,
      subject_position: b.subjectPosition ?? null,
      cadre_management: b.cadreManagement,
      is_subordinate_top_leader: b.isSubordinateTopLeader,
      proposed_undertaking_org_id: b.proposedUndertakingOrgId ?? null,
      campaign_id: b.campaignId ?? null,
      typology: b.typology ?? [],
      sector_code: b.sector ?? null,
      state: 'RECEIVED',
      ...(await deadlinesFor(ctx, b.source, b.receivedOn, b.realName)),
      search_tsv: searchVector([b.title, b.summary, b.subjectName, b.subjectPosition]),
      created_by: ctx.actor.userId,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('clue_event')
    .values({ commission_id: ctx.actor.commissionId, clue_id: row.id, action: 'receive', from_state: null, to_state: 'RECEIVED', actor_id: ctx.actor.userId })
    .execute();
  await audit(trx, ctx, {
    type: 'clue.received',
    objectType: 'clue',
    objectId: row.id,
    payload: refs({
      source: b.source,
      realName: b.realName,
      sourceRef: b.sourceRef ?? null,
      campaignId: b.campaignId ?? null,
      typology: b.typology ?? [],
      sector: b.sector ?? null,
    }),
  });
  return { id: row.id, version: row.version };
}

/** POST /clues */
export async function createClue(ctx: Ctx, b: ClueCreateBody): Promise<ClueCreated> {
  if (!canIntake(ctx.actor, b.source)) {
    throw forbidden(isPetitionSource(b.source) ? '信访举报由信访室归口受理' : '此来源的线索由案管室或发现线索的部门受理');
  }
  checkReceivedOn(b.receivedOn);
  await checkRefs(ctx.db, ctx.actor.commissionId, [
    { path: 'subjectOrgId', table: 'org', id: b.subjectOrgId },
    { path: 'subjectPersonId', table: 'person', id: b.subjectPersonId },
    { path: 'proposedUndertakingOrgId', table: 'org', id: b.proposedUndertakingOrgId },
  ]);
  const links = await checkCampaignFields(ctx, b);
  return ctx.db.transaction().execute((trx) => insertClue(ctx, trx, { ...b, ...links }));
}

/** PATCH /clues/:id — the receiving department or the 案管室, while RECEIVED or REGISTERED (the `update` record). */
export async function patchClue(ctx: Ctx, id: string, b: CluePatchBody): Promise<ClueCreated> {
  await checkRefs(ctx.db, ctx.actor.commissionId, [
    { path: 'subjectOrgId', table: 'org', id: b.subjectOrgId },
    { path: 'subjectPersonId', table: 'person', id: b.subjectPersonId },
    { path: 'proposedUndertakingOrgId', table: 'org', id: b.proposedUndertakingOrgId },
  ]);
  if (b.receivedOn) checkReceivedOn(b.receivedOn);
  if (b.campaignId) await resolveCampaignLink(ctx.db, ctx.actor, b.campaignId, { required: false });
  if (b.typology) await checkTypology(ctx.db, ctx.actor.commissionId, b.typology);
  await checkSector(ctx, b.sector);
  const r = await ctx.db.transaction().execute((trx) => transition(inTx(ctx, trx), clueWorkflow, id, { action: 'update', version: b.version, patch: b }));
  return { id, version: r.version };
}

/** The columns an intake edit writes (deadlines again when the date or the source changes) and the fields it names. */
export async function intakePatch(ctx: TxCtx, clue: ClueRow, b: CluePatchBody): Promise<{ set: Record<string, unknown>; changed: string[] }> {
  const full = await ctx.trx.selectFrom('clue').selectAll().where('id', '=', clue.id).executeTakeFirstOrThrow();
  const source = b.source ?? clue.source;
  const next = {
    title: b.title ?? full.title,
    summary: b.summary ?? full.summary,
    subject_name: b.subjectName ?? full.subject_name,
    subject_position: b.subjectPosition === undefined ? full.subject_position : b.subjectPosition,
  };
  const set: Record<string, unknown> = {
    ...next,
    source,
    ...(b.issueTypes ? { issue_types: b.issueTypes } : {}),
    ...(b.subjectPersonId !== undefined ? { subject_person_id: b.subjectPersonId } : {}),
    ...(b.subjectOrgId !== undefined ? { subject_org_id: b.subjectOrgId } : {}),
    ...(b.cadreManagement ? { cadre_management: b.cadreManagement } : {}),
    ...(b.isSubordinateTopLeader !== undefined ? { is_subordinate_top_leader: b.isSubordinateTopLeader } : {}),
    ...(b.proposedUndertakingOrgId !== undefined ? { proposed_undertaking_org_id: b.proposedUndertakingOrgId } : {}),
    ...(b.campaignId !== undefined ? { campaign_id: b.campaignId } : {}),
    ...(b.typology ? { typology: [...new Set(b.typology)] } : {}),
    ...(b.sector !== undefined ? { sector_code: b.sector } : {}),
    search_tsv: searchVector([full.clue_no, next.title, next.summary, next.subject_name, next.subject_position]),
  };
  // A CAMPAIGN_SCREENING clue keeps a campaign: the edit may change it, never drop it.
  const campaignAfter = b.campaignId !== undefined ? b.campaignId : full.campaign_id;
  if (source === 'CAMPAIGN_SCREENING' && !campaignAfter) throw validation([{ path: 'campaignId', message: CAMPAIGN_LINK_REQUIRED }]);
  if (b.receivedOn || b.source) {
    const receivedOn = b.receivedOn ?? clue.received_on;
    Object.assign(set, { received_on: receivedOn, ...(await deadlinesFor(ctx, source, receivedOn, clue.real_name)) });
    if (!full.clue_no) set.year = Number(receivedOn.slice(0, 4));
  }
  return { set, changed: Object.keys(b).filter((k) => k !== 'version') };
}

/** POST /supervision/findings/:id/hand-over — once; the finding must be a CLUE disposition the caller sees. */
export async function handOverFinding(ctx: Ctx, findingId: string, b: HandOverBody): Promise<ClueCreated> {
  if (!hasAnyRole(ctx.actor, INTAKE_ROLES)) throw notFound('监督发现问题');
  await checkRefs(ctx.db, ctx.actor.commissionId, [{ path: 'subjectPersonId', table: 'person', id: b.subjectPersonId }]);
  return ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      id: string;
      description: string;
      disposition: string;
      host_unit_id: string | null;
      handed_over_id: string | null;
      sector_code: string | null;
      created_at: Date;
    }>`
      SELECT f.id, f.description, f.disposition, f.host_unit_id, f.handed_over_id, f.sector_code, f.created_at
        FROM supervision_finding f
        JOIN supervision_item i ON i.id = f.item_id
        JOIN supervision_list l ON l.id = i.list_id
       WHERE f.id = ${findingId}::uuid AND f.commission_id = ${ctx.actor.commissionId}::uuid AND ${itemVisible(ctx.actor)}
       FOR UPDATE OF f`.execute(trx);
    const f = rows[0];
    if (!f) throw notFound('监督发现问题');
    if (f.handed_over_id) throw new AppError('CONFLICT', '该问题已移交为问题线索，不能重复移交', { clueId: f.handed_over_id });
    if (f.disposition !== 'CLUE') throw new AppError('BUSINESS_RULE', '只有处置方式为“问题线索”的发现问题才能移交');
    const created = await insertClue(ctx, trx, {
      source: 'FOUND_IN_SUPERVISION',
      receivedOn: todayIso(),
      realName: false,
      title: b.title ?? (f.description.length > 60 ? `${f.description.slice(0, 60)}…` : f.description),
      summary: f.description,
      issueTypes: b.issueTypes ?? [],
      subjectName: b.subjectName,
      subjectPersonId: b.subjectPersonId ?? null,
      subjectOrgId: f.host_unit_id,
      subjectPosition: b.subjectPosition ?? null,
      cadreManagement: b.cadreManagement ?? 'OTHER',
      isSubordinateTopLeader: b.isSubordinateTopLeader ?? false,
      // the finding's 行业领域 goes with it
      sector: f.sector_code,
      sourceRef: { type: 'supervision_finding', id: f.id },
    });
    await trx
      .updateTable('supervision_finding')
      .set({ handed_over_type: 'clue', handed_over_id: created.id, handed_over_at: sql`now()` })
      .where('id', '=', f.id)
      .execute();
    await audit(trx, ctx, { type: 'clue.handed_over', objectType: 'clue', objectId: created.id, payload: refs({ findingId: f.id }) });
    return created;
  });
}

/** GET /clues/:id/complainant — 信访室 only (404 for everyone else); every read audited. */
export async function readComplainant(ctx: Ctx, id: string): Promise<Complainant> {
  if (!canReadComplainant(ctx.actor)) throw notFound('举报人信息');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('clue as c')
      .select(['c.id', 'c.complainant_cipher'])
      .where('c.id', '=', id)
      .where('c.commission_id', '=', ctx.actor.commissionId)
      .where(clueVisible(ctx.actor, 'c'))
      .executeTakeFirst();
    if (!row?.complainant_cipher) throw notFound('举报人信息');
    const identity = JSON.parse(ctx.cipher.decrypt(row.complainant_cipher)) as Complainant;
    await audit(trx, ctx, { type: 'clue.complainant_read', objectType: 'clue', objectId: id, payload: refs({}) });
    return identity;
  });
}
