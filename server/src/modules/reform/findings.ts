import { FINDING_DISPOSITION_LABELS, type FindingDisposition } from '@liandong/domain/supervision/enums';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { inOrgScope } from '../../platform/access';
import { AppError, notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { itemVisible } from '../supervision';

/*
 * Hand-over of a 监督发现问题 to 以案促改 (a reform record or a rectification task), like the clue
 * hand-over of clues/service-intake.ts: the finding is locked, must be visible (404), not yet handed over
 * (409, whatever it went to) and of a fitting disposition (422); then it is marked handed_over_* in the
 * same transaction as the object it became.
 */

export interface LockedFinding {
  id: string;
  description: string;
  disposition: FindingDisposition;
  org_id: string;
  host_unit_id: string | null;
  handed_over_type: string | null;
  handed_over_id: string | null;
}

export async function lockFindingForHandOver(
  trx: Transaction<DB>,
  ctx: Ctx,
  findingId: string,
  allowed: readonly FindingDisposition[],
): Promise<LockedFinding> {
  const { rows } = await sql<LockedFinding>`SELECT f.id, f.description, f.disposition, f.org_id, f.host_unit_id, f.handed_over_type, f.handed_over_id
      FROM supervision_finding f
     WHERE f.id = ${findingId}::uuid AND f.commission_id = ${ctx.actor.commissionId}::uuid
       AND (${inOrgScope(ctx.actor, 'f.org_id')} OR EXISTS (SELECT 1 FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
             WHERE i.id = f.item_id AND ${itemVisible(ctx.actor)}))
     FOR UPDATE OF f`.execute(trx);
  const f = rows[0];
  if (!f) throw notFound('监督发现问题');
  if (f.handed_over_id) {
    throw new AppError('CONFLICT', '该问题已移交处置，不能重复移交', { handedOver: { type: f.handed_over_type, id: f.handed_over_id } });
  }
  if (!allowed.includes(f.disposition)) {
    throw new AppError('BUSINESS_RULE', `只有处置方式为“${allowed.map((d) => FINDING_DISPOSITION_LABELS[d].zh).join('”或“')}”的发现问题才能移交`);
  }
  return f;
}

export async function markFindingHandedOver(trx: Transaction<DB>, findingId: string, type: 'reform' | 'rectification', id: string) {
  await trx
    .updateTable('supervision_finding')
    .set({ handed_over_type: type, handed_over_id: id, handed_over_at: sql`now()` })
    .where('id', '=', findingId)
    .execute();
}
