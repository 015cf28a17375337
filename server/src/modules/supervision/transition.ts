import type { Adjustment } from '@liandong/domain/supervision/contracts';
import type { FindingDisposition, ListType, Side } from '@liandong/domain/supervision/enums';
import { ITEM_ACTION_LABELS, ITEM_STATE_LABELS, ITEM_TRANSITIONS, type ItemAction, type ItemState, nextState } from '@liandong/domain/supervision/machine';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError, notFound, staleVersion, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify } from '../../platform/inbox';
import { type ActorFacts, type GuardFacts, guardHolds, guardMessage, itemSides, whyNotAction } from './policy';
import { itemVisible, leadersOverseeing, loadActorFacts, usersOfOrg, whoMayOpenItem } from './repo';
import { assertNoIssues, partyIssues } from './validate';

/*
 * The one door through which supervision_item.state changes (style rule 6). In the caller's
 * transaction: lock the row, check visibility (404), version (409), the table (409), the actor's side
 * (403), the guard (409), the comment (400); then write the state, the item event, the typed audit
 * event, the progress report or finding the action carries, and the inbox notices.
 */

export interface TransitionInput {
  /** The version the caller read; omitted when the caller checked a parent's version (list actions). */
  version?: number;
  comment?: string;
  /** requestAdjust: the proposed change. */
  adjustment?: Adjustment;
  /** report: the progress report written with the action. */
  progress?: { id: string; period?: string; content: string; attachmentIds: string[] };
  /** recordFinding: the finding written with the action. */
  finding?: { id: string; description: string; disposition: FindingDisposition; hostUnitId?: string };
  /** Facts of the actor when the caller has them (list actions over many items). */
  facts?: ActorFacts;
}

export interface TransitionResult {
  from: ItemState;
  to: ItemState;
}

interface Locked {
  id: string;
  list_id: string;
  matter: string;
  lead_side: Side;
  lead_org_id: string;
  assist_side: Side | null;
  assist_org_id: string | null;
  state: ItemState;
  previous_state: ItemState | null;
  pending_adjustment: Adjustment | null;
  last_progress_at: Date | null;
  version: number;
  list_type: ListType;
  owner_group_id: string;
  liaison_office_id: string;
  list_host_unit_ids: string[];
  visible: boolean;
  has_consultation: boolean;
}

const AUDIT_TYPE = {
  report: 'supervision.progress_reported',
  recordFinding: 'supervision.finding_recorded',
} as const;

export async function transition(ctx: Ctx, trx: Transaction<DB>, itemId: string, action: ItemAction, input: TransitionInput): Promise<TransitionResult> {
  const { rows } = await sql<Locked>`SELECT i.id, i.list_id, i.matter, i.lead_side, i.lead_org_id, i.assist_side, i.assist_org_id, i.state,
      i.previous_state, i.pending_adjustment, i.last_progress_at, i.version, l.type AS list_type, l.owner_group_id,
      l.liaison_office_id, l.host_unit_ids AS list_host_unit_ids, ${itemVisible(ctx.actor)} AS visible,
      EXISTS (SELECT 1 FROM list_consultation lc WHERE lc.list_id = i.list_id) AS has_consultation
    FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id
    WHERE i.id = ${itemId}::uuid AND i.commission_id = ${ctx.actor.commissionId}::uuid
    FOR UPDATE OF i`.execute(trx);
  const item = rows[0];
  if (!item?.visible) throw notFound('监督事项');
  if (input.version !== undefined && item.version !== input.version) throw staleVersion();

  const facts = input.facts ?? (await loadActorFacts(ctx.db, ctx.actor));
  const sides = itemSides(facts, {
    ownerGroupId: item.owner_group_id,
    liaisonOfficeId: item.liaison_office_id,
    leadOrgId: item.lead_org_id,
    assistOrgId: item.assist_org_id,
  });
  const denial = whyNotAction(sides, { state: item.state, previousState: item.previous_state }, action);
  if (denial) throw new AppError(denial.code, denial.message, { state: item.state, action });
  const to = nextState(item.state, action, item.previous_state)!;

  const t = ITEM_TRANSITIONS[action];
  const guards: GuardFacts = {
    hasConsultation: item.has_consultation,
    hasProgress: item.last_progress_at !== null,
    hasPendingAdjustment: item.pending_adjustment !== null,
  };
  if (t.guard && !guardHolds(t.guard, guards)) throw new AppError('ILLEGAL_TRANSITION', guardMessage(t.guard), { guard: t.guard });
  const comment = input.comment?.trim() || null;
  if (t.needsComment && !comment) throw validation([{ path: 'comment', message: '请填写理由' }]);
  if (action === 'report' && !input.progress) throw validation([{ path: 'action', message: '报告进展请使用进展报告接口' }]);
  if (action === 'recordFinding' && !input.finding) throw validation([{ path: 'action', message: '记录发现问题请使用问题记录接口' }]);

  let pending: Adjustment | null | undefined; // undefined: unchanged
  const applied: Record<string, unknown> = {};
  if (action === 'requestAdjust') {
    const adj = Object.fromEntries(Object.entries(input.adjustment ?? {}).filter(([, v]) => v !== undefined)) as Adjustment;
    if (Object.keys(adj).length === 0) throw validation([{ path: 'adjustment', message: '请填写调整内容' }]);
    if (adj.assistOrgId && !item.assist_side) throw validation([{ path: 'adjustment.assistOrgId', message: '该事项没有协助方' }]);
    const issues = await partyIssues(
      trx,
      ctx.actor.commissionId,
      { type: item.list_type, ownerGroupId: item.owner_group_id, liaisonOfficeId: item.liaison_office_id, hostUnitIds: item.list_host_unit_ids },
      {
        leadSide: item.lead_side,
        leadOrgId: adj.leadOrgId ?? item.lead_org_id,
        assistSide: item.assist_side,
        assistOrgId: adj.assistOrgId ?? item.assist_org_id,
      },
    );
    assertNoIssues(
      issues.map((i) => ({ ...i, path: `adjustment.${i.path}` })),
      '调整内容不符合规则',
    );
    pending = adj;
  } else if (action === 'approveAdjust') {
    const adj = item.pending_adjustment ?? {};
    if (adj.matter !== undefined) applied.matter = adj.matter;
    if (adj.dueDate !== undefined) applied.due_date = adj.dueDate;
    if (adj.leadOrgId !== undefined) applied.lead_org_id = adj.leadOrgId;
    if (adj.assistOrgId !== undefined) applied.assist_org_id = adj.assistOrgId;
    pending = null;
  } else if (action === 'rejectAdjust') {
    pending = null;
  }

  await trx
    .updateTable('supervision_item')
    .set({
      ...applied,
      state: to,
      previous_state: item.state,
      version: item.version + 1,
      updated_at: sql`now()`,
      ...(pending !== undefined ? { pending_adjustment: pending === null ? null : JSON.stringify(pending) } : {}),
      ...(action === 'report' ? { last_progress_at: sql`now()` } : {}),
      ...(to === 'COMPLETED' ? { completed_at: sql`now()` } : {}),
      ...(action === 'reopen' ? { completed_at: null } : {}),
      ...(to === 'CLOSED' ? { closed_at: sql`now()` } : {}),
    })
    .where('id', '=', item.id)
    .execute();

  if (input.progress) {
    const p = input.progress;
    await trx
      .insertInto('item_progress')
      .values({
        id: p.id,
        commission_id: ctx.actor.commissionId,
        item_id: item.id,
        period: p.period ?? null,
        content: p.content,
        attachment_ids: p.attachmentIds,
        reported_by: ctx.actor.userId,
      })
      .execute();
  }
  if (input.finding) {
    const fd = input.finding;
    await trx
      .insertInto('supervision_finding')
      .values({
        id: fd.id,
        commission_id: ctx.actor.commissionId,
        item_id: item.id,
        org_id: item.lead_org_id,
        description: fd.description,
        disposition: fd.disposition,
        host_unit_id: fd.hostUnitId ?? null,
        created_by: ctx.actor.userId,
      })
      .execute();
  }

  await trx
    .insertInto('supervision_item_event')
    .values({ commission_id: ctx.actor.commissionId, item_id: item.id, action, from_state: item.state, to_state: to, comment, actor_id: ctx.actor.userId })
    .execute();
  await audit(trx, ctx, {
    type: action === 'report' || action === 'recordFinding' ? AUDIT_TYPE[action] : 'supervision.item_transitioned',
    objectType: 'supervision_item',
    objectId: item.id,
    payload: refs({
      listId: item.list_id,
      action,
      from: item.state,
      to,
      comment,
      ...(pending ? { adjustment: pending } : {}),
      ...(Object.keys(applied).length ? { applied } : {}),
      ...(input.progress ? { progressId: input.progress.id, attachmentIds: input.progress.attachmentIds } : {}),
      ...(input.finding ? { findingId: input.finding.id, disposition: input.finding.disposition } : {}),
    }),
  });
  await sendNotices(ctx, trx, item, action, to);
  return { from: item.state, to };
}

/** Inbox notices where a user would expect them. */
async function sendNotices(ctx: Ctx, trx: Transaction<DB>, item: Locked, action: ItemAction, to: ItemState) {
  let recipients: string[] = [];
  if (action === 'requestAdjust') recipients = await leadersOverseeing(trx, item.liaison_office_id);
  else if (action === 'complete') recipients = await usersOfOrg(trx, item.liaison_office_id);
  else if (['approveAdjust', 'rejectAdjust', 'reopen', 'cancel', 'close'].includes(action)) recipients = await usersOfOrg(trx, item.lead_org_id);
  const matter = item.matter.length > 30 ? `${item.matter.slice(0, 30)}…` : item.matter;
  for (const userId of await whoMayOpenItem(trx, recipients, item.id)) {
    if (userId === ctx.actor.userId) continue;
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'supervision.item',
      title: `监督事项“${matter}”：${ITEM_ACTION_LABELS[action].zh}`,
      body: `状态变为“${ITEM_STATE_LABELS[to].zh}”，操作人：${ctx.actor.displayName}`,
      link: `/supervision/items/${item.id}`,
    });
  }
}
