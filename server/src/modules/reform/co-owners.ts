import type { FieldIssue } from '@liandong/domain/platform/errors';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Ctx } from '../../platform/context';
import { forbidden, validation } from '../../platform/errors';
import { canManageRecordOwners } from './policy';

/*
 * Co-owners of a 以案促改 record (reform_record_co_owner, migration 0016). A jointly run reform — the
 * 联合专案组's investigation office and dispatched group, and the inspection office that analyses the
 * causes after the decision and issues the 建议书 (domain.md g.4 scenario 4) — has one lead owner org
 * (reform_record.owner_org_id) and the co-owners here; visibility and editing treat them all alike.
 */

/** Org kinds that may own a reform record: the commission's own bodies, never a supervised unit. */
const OWNER_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION', 'TOWNSHIP_COMMISSION'];

export interface CoOwnerChange {
  next: string[];
  added: string[];
  removed: string[];
}

/**
 * Checks a PATCH's `coOwnerOrgIds` (403 unless the actor may manage owners; a validation error with the field path for an
 * org that is not an in-force body of this commission, or is the lead). Null when the list is unchanged.
 */
export async function coOwnerChange(
  trx: Transaction<DB>,
  ctx: Ctx,
  r: { owner_org_id: string; co_owner_org_ids: readonly string[] },
  requested: readonly string[],
): Promise<CoOwnerChange | null> {
  const next = [...new Set(requested)];
  const current = new Set(r.co_owner_org_ids);
  const added = next.filter((o) => !current.has(o));
  const removed = [...current].filter((o) => !next.includes(o));
  if (added.length === 0 && removed.length === 0) return null;
  if (!canManageRecordOwners(ctx.actor, r)) throw forbidden('只有牵头承办部门可以调整共同承办部门');
  const rows = next.length
    ? await trx.selectFrom('org').select(['id', 'kind', 'valid_to']).where('commission_id', '=', ctx.actor.commissionId).where('id', 'in', next).execute()
    : [];
  const byId = new Map(rows.map((o) => [o.id, o]));
  const issues: FieldIssue[] = [];
  requested.forEach((orgId, i) => {
    const o = byId.get(orgId);
    const path = `coOwnerOrgIds.${i}`;
    if (orgId === r.owner_org_id) issues.push({ path, message: '牵头承办部门无需列为共同承办部门' });
    else if (!o) issues.push({ path, message: '共同承办部门不存在' });
    else if (o.valid_to !== null) issues.push({ path, message: '共同承办部门已撤销' });
    else if (!OWNER_KINDS.includes(o.kind)) issues.push({ path, message: '共同承办部门须为本委内设机构、派驻机构或县区、乡镇纪委' });
  });
  if (issues.length) throw validation(issues, '不能调整共同承办部门');
  return { next, added, removed };
}

/** Writes the new co-owner list of record `recordId` (inside the PATCH transaction). */
export async function writeCoOwners(trx: Transaction<DB>, ctx: Ctx, recordId: string, change: CoOwnerChange): Promise<void> {
  if (change.removed.length) await trx.deleteFrom('reform_record_co_owner').where('record_id', '=', recordId).where('org_id', 'in', change.removed).execute();
  if (change.added.length) {
    await trx
      .insertInto('reform_record_co_owner')
      .values(change.added.map((orgId) => ({ commission_id: ctx.actor.commissionId, record_id: recordId, org_id: orgId, added_by: ctx.actor.userId })))
      .execute();
  }
}
