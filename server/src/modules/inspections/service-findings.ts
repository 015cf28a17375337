import type { FastifyRequest } from 'fastify';
import type { FindingCreateBody, FindingPatchBody, InspectionActionBody, InspectionDetail } from '@liandong/domain/inspections/contracts';
import type { InspectionState } from '@liandong/domain/inspections/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import { type Ctx, inTx } from '../../platform/context';
import { AppError, businessRule, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import { transition } from '../../platform/workflow';
import { uploadToOwner } from '../attachments';
import { mayRecordFindings, type Relations, relationColumns } from './relations';
import { getInspection } from './service-read';
import { inspectionVisible } from '../visibility';
import { inspectionWorkflow } from './workflow';

/*
 * Actions on a check (through the workflow kernel) and its findings: recorded by the team or the planners
 * from the visit date on, changed or deleted while the check is not cancelled and the finding not yet
 * handed over. The finding's unit must be one of the check's target units.
 */

/** POST /inspections/:id/actions — approve, complete (with the report) or cancel (with the reason). */
export async function actOnInspection(ctx: Ctx, id: string, body: InspectionActionBody): Promise<InspectionDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    await transition(inTx(ctx, trx), inspectionWorkflow, id, body);
    return getInspection(ctx, id, trx);
  });
}

interface LockedParent extends Relations {
  id: string;
  state: InspectionState;
  visit_on: string;
}

/** Locks the check (visible, else 404) and checks the caller may record findings on it now. */
async function lockParent(trx: Transaction<DB>, ctx: Ctx, inspectionId: string): Promise<LockedParent> {
  const { rows } = await sql<LockedParent>`SELECT i.id, i.state, to_char(i.visit_on, 'YYYY-MM-DD') AS visit_on, ${relationColumns(ctx.actor)}
    FROM inspection i JOIN campaign c ON c.id = i.campaign_id
    WHERE i.id = ${inspectionId}::uuid AND ${inspectionVisible(ctx.actor, 'i')} FOR UPDATE OF i`.execute(trx);
  const p = rows[0];
  if (!p) throw notFound('检查');
  if (!mayRecordFindings(p)) throw forbidden('发现问题由检查组成员或牵头部门记录');
  if (p.state === 'CANCELLED') throw businessRule('检查已取消，不能记录发现问题');
  if (p.visit_on > todayIso()) throw businessRule('检查尚未开展，不能记录发现问题');
  return p;
}

async function checkUnit(trx: Transaction<DB>, inspectionId: string, unitOrgId: string) {
  const hit = await trx
    .selectFrom('inspection_target')
    .select('org_id')
    .where('inspection_id', '=', inspectionId)
    .where('org_id', '=', unitOrgId)
    .executeTakeFirst();
  if (!hit) throw validation([{ path: 'unitOrgId', message: '问题所在单位须为本次检查的被检查单位' }]);
}

/** POST /inspections/:id/findings */
export async function addFinding(ctx: Ctx, inspectionId: string, b: FindingCreateBody): Promise<InspectionDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockParent(trx, ctx, inspectionId);
    await checkUnit(trx, inspectionId, b.unitOrgId);
    const row = await trx
      .insertInto('inspection_finding')
      .values({
        commission_id: ctx.actor.commissionId,
        inspection_id: inspectionId,
        description: b.description,
        severity: b.severity,
        unit_org_id: b.unitOrgId,
        disposition: b.disposition,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'inspection.finding_added',
      objectType: 'inspection_finding',
      objectId: row.id,
      payload: refs({ inspectionId, severity: b.severity, unitOrgId: b.unitOrgId, disposition: b.disposition }),
    });
    return getInspection(ctx, inspectionId, trx);
  });
}

interface LockedFinding {
  id: string;
  inspection_id: string;
  version: number;
  handed_over_id: string | null;
}

/** Locks a finding of a visible check; the check must accept changes and the finding must not be handed over. */
export async function lockFinding(trx: Transaction<DB>, ctx: Ctx, findingId: string, version: number): Promise<LockedFinding & LockedParent> {
  const { rows } = await sql<LockedFinding>`SELECT f.id, f.inspection_id, f.version, f.handed_over_id FROM inspection_finding f
    JOIN inspection i ON i.id = f.inspection_id WHERE f.id = ${findingId}::uuid AND ${inspectionVisible(ctx.actor, 'i')} FOR UPDATE OF f`.execute(trx);
  const f = rows[0];
  if (!f) throw notFound('检查发现问题');
  const parent = await lockParent(trx, ctx, f.inspection_id);
  if (f.handed_over_id) throw new AppError('CONFLICT', '该问题已移交处置，不能再修改或重复移交', { handedOverId: f.handed_over_id });
  if (f.version !== version) throw staleVersion();
  return { ...parent, ...f };
}

/** PATCH /inspection-findings/:id */
export async function patchFinding(ctx: Ctx, findingId: string, b: FindingPatchBody): Promise<InspectionDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockFinding(trx, ctx, findingId, b.version);
    if (b.unitOrgId) await checkUnit(trx, f.inspection_id, b.unitOrgId);
    const set = {
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.severity !== undefined ? { severity: b.severity } : {}),
      ...(b.unitOrgId !== undefined ? { unit_org_id: b.unitOrgId } : {}),
      ...(b.disposition !== undefined ? { disposition: b.disposition } : {}),
    };
    if (Object.keys(set).length) {
      await trx
        .updateTable('inspection_finding')
        .set({ ...set, version: f.version + 1, updated_at: sql`now()` })
        .where('id', '=', findingId)
        .execute();
      await audit(trx, ctx, {
        type: 'inspection.finding_updated',
        objectType: 'inspection_finding',
        objectId: findingId,
        payload: refs({ inspectionId: f.inspection_id, changed: Object.keys(set) }),
      });
    }
    return getInspection(ctx, f.inspection_id, trx);
  });
}

/** DELETE /inspection-findings/:id?version= — the finding and its photos. */
export async function deleteFinding(ctx: Ctx, findingId: string, version: number): Promise<InspectionDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockFinding(trx, ctx, findingId, version);
    const photos = await trx.deleteFrom('attachment').where('owner_type', '=', 'inspection_finding').where('owner_id', '=', findingId).executeTakeFirst();
    await trx.deleteFrom('inspection_finding').where('id', '=', findingId).execute();
    await audit(trx, ctx, {
      type: 'inspection.finding_deleted',
      objectType: 'inspection_finding',
      objectId: findingId,
      payload: refs({ inspectionId: f.inspection_id, photos: Number(photos.numDeletedRows) }),
    });
    return getInspection(ctx, f.inspection_id, trx);
  });
}

const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif'];

/** POST /inspection-findings/:id/photos (multipart: file, classification?) — images only, under the store's size cap. */
export async function uploadFindingPhoto(ctx: Ctx, findingId: string, req: FastifyRequest) {
  return uploadToOwner(ctx, req, {
    type: 'inspection_finding',
    id: findingId,
    refuse: (mime) => (IMAGE_TYPES.includes(mime) ? null : '检查发现问题只能上传图片（JPEG、PNG、GIF）'),
    async lock(trx) {
      const { rows } = await sql<{ version: number }>`SELECT f.version FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id
        WHERE f.id = ${findingId}::uuid AND ${inspectionVisible(ctx.actor, 'i')}`.execute(trx);
      if (!rows[0]) throw notFound('检查发现问题');
      await lockFinding(trx, ctx, findingId, rows[0].version);
    },
  });
}
