import type { ClueActionBody, ClueCreated } from '@liandong/domain/clues/contracts';
import { type Ctx, inTx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { type ClueInput, clueWorkflow } from './workflow';

/*
 * POST /clues/:id/actions: the direct acts of the machine and the 信访室's 受理告知 / 结果反馈 records,
 * all through the workflow kernel.
 */

export async function clueAction(ctx: Ctx, id: string, b: ClueActionBody): Promise<ClueCreated> {
  let input: ClueInput;
  if (b.action === 'acknowledge' || b.action === 'feedback') input = { action: b.action, version: b.version, comment: b.comment ?? null, on: b.on };
  else if (b.action === 'propose') input = { action: b.action, version: b.version, comment: b.rationale, payload: { method: b.method } };
  else if (b.action === 'merge') input = { action: b.action, version: b.version, comment: b.comment ?? null, payload: { targetId: b.targetId, kind: b.kind } };
  else input = { action: b.action, version: b.version, comment: b.comment ?? null, payload: {} };
  const result = await ctx.db.transaction().execute((trx) => transition(inTx(ctx, trx), clueWorkflow, id, input));
  return { id, version: result.version };
}
