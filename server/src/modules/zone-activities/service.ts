import type { FieldIssue } from '@liandong/domain/platform/errors';
import type {
  ZoneActivity,
  ZoneActivityCreateBody,
  ZoneActivityDetail,
  ZoneActivityPatchBody,
  ZoneActivityQuery,
  ZoneFindingBody,
} from '@liandong/domain/zone-activities/contracts';
import { AppError, businessRule, forbidden, notFound, staleVersion } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { allowedParticipants, findVisibleZone, listActivities, listFindings, writesAnyZone, type ZoneRow } from './repo';

type Row = Awaited<ReturnType<typeof listActivities>>[number];

function present(r: Row): ZoneActivity {
  const { writable, createdAt, ...rest } = r;
  return { ...rest, createdAt: createdAt.toISOString(), abilities: { update: writable, addFinding: writable } };
}

const rule = (issues: FieldIssue[]) => businessRule(`不符合业务规则：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, { issues });

/** Mode among the zone's modes, dates in order, participants from the zone or its county. */
async function issuesOf(ctx: Ctx, zone: ZoneRow, v: { mode: string; heldFrom: string; heldTo: string | null; participantOrgIds: string[] }) {
  const issues: FieldIssue[] = [];
  if (!zone.modes.includes(v.mode as never)) issues.push({ path: 'mode', message: '该片区未采用此协作模式' });
  if (v.heldTo && v.heldTo < v.heldFrom) issues.push({ path: 'heldTo', message: '结束日期不得早于开始日期' });
  const allowed = await allowedParticipants(ctx.db, zone);
  v.participantOrgIds.forEach((id, i) => {
    if (!allowed.has(id)) issues.push({ path: `participantOrgIds.${i}`, message: '参加单位须为片区成员、牵头单位或本县区的纪检监察室、乡镇纪委' });
  });
  if (new Set(v.participantOrgIds).size !== v.participantOrgIds.length) issues.push({ path: 'participantOrgIds', message: '参加单位重复' });
  if (issues.length) throw rule(issues);
}

async function loadOne(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await listActivities(ctx.db, ctx.actor, { id });
  if (!row) throw notFound('片区协作活动');
  return row;
}

/** GET /zone-activities */
export async function listZoneActivities(ctx: Ctx, q: ZoneActivityQuery) {
  const rows = await listActivities(ctx.db, ctx.actor, q);
  return { items: rows.map(present), abilities: { create: await writesAnyZone(ctx.db, ctx.actor) } };
}

/** GET /zone-activities/:id */
export async function getZoneActivity(ctx: Ctx, id: string): Promise<ZoneActivityDetail> {
  const row = await loadOne(ctx, id);
  const findings = await listFindings(ctx.db, id);
  return {
    ...present(row),
    findings: findings.map((f) => ({
      id: f.id,
      description: f.description,
      disposition: f.disposition as ZoneActivityDetail['findings'][number]['disposition'],
      hostUnit: f.hu_id ? { id: f.hu_id, name: f.hu_name ?? '' } : null,
      createdBy: { id: f.by_id ?? '', name: f.by_name ?? '系统' },
      createdAt: f.created_at.toISOString(),
    })),
  };
}

async function writableZone(ctx: Ctx, zoneId: string, path = 'zoneId'): Promise<ZoneRow> {
  const zone = await findVisibleZone(ctx.db, ctx.actor, zoneId);
  if (!zone) {
    if (path === 'zoneId') throw rule([{ path, message: '片区不存在或无权访问' }]);
    throw notFound('片区协作活动');
  }
  if (!zone.writable) throw forbidden('只有片区成员单位和本县区纪委监委干部可以记录片区协作活动');
  return zone;
}

/** POST /zone-activities */
export async function createZoneActivity(ctx: Ctx, body: ZoneActivityCreateBody): Promise<ZoneActivity> {
  const zone = await writableZone(ctx, body.zoneId);
  if (zone.valid_to) throw new AppError('ILLEGAL_TRANSITION', '该片区已撤销，不能新增协作活动');
  await issuesOf(ctx, zone, { mode: body.mode, heldFrom: body.heldFrom, heldTo: body.heldTo ?? null, participantOrgIds: body.participantOrgIds });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('zone_activity')
      .values({
        commission_id: ctx.actor.commissionId,
        zone_id: zone.id,
        mode: body.mode,
        title: body.title,
        held_from: body.heldFrom,
        held_to: body.heldTo ?? null,
        participant_org_ids: body.participantOrgIds,
        summary: body.summary,
        outcomes: body.outcomes,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'zone.activity_created',
      objectType: 'zone_activity',
      objectId: r.id,
      payload: refs({ zoneId: zone.id, mode: body.mode, title: body.title, heldFrom: body.heldFrom, participants: body.participantOrgIds.length }),
    });
    return r.id;
  });
  return present(await loadOne(ctx, id));
}

/** PATCH /zone-activities/:id */
export async function updateZoneActivity(ctx: Ctx, id: string, body: ZoneActivityPatchBody): Promise<ZoneActivity> {
  const before = await loadOne(ctx, id);
  const zone = await writableZone(ctx, before.zoneId, 'id');
  const next = {
    mode: body.mode ?? before.mode,
    title: body.title ?? before.title,
    heldFrom: body.heldFrom ?? before.heldFrom,
    heldTo: body.heldTo === undefined ? before.heldTo : body.heldTo,
    participantOrgIds: body.participantOrgIds ?? before.participants.map((p) => p.id),
    summary: body.summary ?? before.summary,
    outcomes: body.outcomes ?? before.outcomes,
  };
  await issuesOf(ctx, zone, next);
  const changed = Object.keys(body).filter((k) => k !== 'version');
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('zone_activity')
      .set({
        mode: next.mode,
        title: next.title,
        held_from: next.heldFrom,
        held_to: next.heldTo,
        participant_org_ids: next.participantOrgIds,
        summary: next.summary,
        outcomes: next.outcomes,
        version: body.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw staleVersion();
    await audit(trx, ctx, { type: 'zone.activity_updated', objectType: 'zone_activity', objectId: id, payload: refs({ fields: changed }) });
  });
  return present(await loadOne(ctx, id));
}

/** POST /zone-activities/:id/findings */
export async function recordZoneFinding(ctx: Ctx, id: string, body: ZoneFindingBody): Promise<ZoneActivityDetail> {
  const activity = await loadOne(ctx, id);
  await writableZone(ctx, activity.zoneId, 'id');
  if (body.hostUnitId) {
    const hu = await ctx.db
      .selectFrom('org')
      .select('id')
      .where('id', '=', body.hostUnitId)
      .where('commission_id', '=', ctx.actor.commissionId)
      .executeTakeFirst();
    if (!hu) throw rule([{ path: 'hostUnitId', message: '被监督单位不存在' }]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const f = await trx
      .insertInto('supervision_finding')
      .values({
        commission_id: ctx.actor.commissionId,
        zone_activity_id: id,
        org_id: ctx.actor.orgId,
        description: body.description,
        disposition: body.disposition,
        host_unit_id: body.hostUnitId ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'zone.finding_recorded',
      objectType: 'zone_activity',
      objectId: id,
      payload: refs({ findingId: f.id, disposition: body.disposition }),
    });
  });
  return getZoneActivity(ctx, id);
}
