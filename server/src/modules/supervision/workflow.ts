import type { Adjustment } from '@liandong/domain/supervision/contracts';
import type { FindingDisposition, ListType, Side } from '@liandong/domain/supervision/enums';
import { ITEM_MACHINE, type ItemAction, type ItemState } from '@liandong/domain/supervision/machine';
import { type Selectable, sql } from 'kysely';
import type { SupervisionItem } from '../../db/types';
import { NOW, on, orgStaff, short, type TransitionInput, type WorkflowOf } from '../../platform/workflow';
import { validation } from '../../platform/errors';
import { type ActorFacts, itemSides } from './policy';
import { itemVisible, leadersOverseeing, loadActorFacts } from './repo';
import { assertNoIssues, partyIssues } from './validate';

/*
 * The supervision item's workflow (c.3): what the kernel (platform/workflow.ts) needs to apply
 * ITEM_MACHINE — the scoped lock, the caller's sides, the guards, the adjustment / progress / finding
 * an action carries, and the notices. The kernel is the only writer of supervision_item.state.
 */

export interface ItemInput extends TransitionInput<ItemAction> {
  /** requestAdjust: the proposed change. */
  adjustment?: Adjustment;
  /** report: the progress report written with the action. */
  progress?: { id: string; period?: string; content: string; attachmentIds: string[] };
  /** recordFinding: the finding written with the action. */
  finding?: { id: string; description: string; disposition: FindingDisposition; hostUnitId?: string; sector?: string };
  /** Facts of the actor when the caller has them (list actions over many items). */
  facts?: ActorFacts;
}

/** The item as locked: its row (typed states and sides) and the list facts the rules read. */
type Locked = Omit<Selectable<SupervisionItem>, 'state' | 'previous_state' | 'lead_side' | 'assist_side' | 'pending_adjustment'> & {
  state: ItemState;
  previous_state: ItemState | null;
  lead_side: Side;
  assist_side: Side | null;
  pending_adjustment: Adjustment | null;
  list_type: ListType;
  owner_group_id: string;
  liaison_office_id: string;
  list_host_unit_ids: string[];
  has_consultation: boolean;
};

export const itemWorkflow: WorkflowOf<typeof ITEM_MACHINE, Locked, ItemInput> = {
  machine: ITEM_MACHINE,
  table: 'supervision_item',
  scope: { alias: 'i', join: sql`JOIN supervision_list l ON l.id = i.list_id`, visible: itemVisible },
  events: { table: 'supervision_item_event', key: 'item_id', payload: false },
  audit: { default: 'supervision.item_transitioned', report: 'supervision.progress_reported', recordFinding: 'supervision.finding_recorded' },
  lock: sql`i.*, l.type AS list_type, l.owner_group_id, l.liaison_office_id, l.host_unit_ids AS list_host_unit_ids,
    EXISTS (SELECT 1 FROM list_consultation lc WHERE lc.list_id = i.list_id) AS has_consultation`,

  async roles(ctx, item, input) {
    const facts = input?.facts ?? (await loadActorFacts(ctx.db, ctx.actor));
    return itemSides(facts, {
      ownerGroupId: item.owner_group_id,
      liaisonOfficeId: item.liaison_office_id,
      leadOrgId: item.lead_org_id,
      assistOrgId: item.assist_org_id,
    });
  },

  guards: {
    hasConsultation: (_ctx, item) => item.has_consultation,
    hasProgress: (_ctx, item) => item.last_progress_at !== null,
    hasPendingAdjustment: (_ctx, item) => item.pending_adjustment !== null,
  },
  columns: { report: { last_progress_at: NOW }, complete: { completed_at: NOW }, reopen: { completed_at: null }, close: { closed_at: NOW } },

  async guard(_ctx, _item, input) {
    if (input.action === 'report' && !input.progress) throw validation([{ path: 'action', message: '报告进展请使用进展报告接口' }]);
    if (input.action === 'recordFinding' && !input.finding) throw validation([{ path: 'action', message: '记录发现问题请使用问题记录接口' }]);
  },

  async effects(ctx, item, input) {
    const { trx } = ctx;
    const action = input.action;
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
          sector_code: fd.sector ?? null,
          created_by: ctx.actor.userId,
        })
        .execute();
    }
    return {
      set: {
        ...applied,
        ...(pending !== undefined ? { pending_adjustment: pending === null ? null : JSON.stringify(pending) } : {}),
      },
      payload: {
        listId: item.list_id,
        ...(pending ? { adjustment: pending } : {}),
        ...(Object.keys(applied).length ? { applied } : {}),
        ...(input.progress ? { progressId: input.progress.id, attachmentIds: input.progress.attachmentIds } : {}),
        ...(input.finding ? { findingId: input.finding.id, disposition: input.finding.disposition } : {}),
      },
    };
  },

  notices: {
    kind: 'supervision.item',
    name: (item) => `监督事项“${short(item.matter)}”`,
    link: (item) => `/supervision/items/${item.id}`,
    // The overseeing leaders of an adjustment request, the liaison office of a completion, the lead side of a decision.
    to: {
      requestAdjust: [(ctx, item) => leadersOverseeing(ctx.trx, item.liaison_office_id)],
      complete: [orgStaff('liaison_office_id')],
      ...on(['approveAdjust', 'rejectAdjust', 'reopen', 'cancel', 'close'], orgStaff<Locked>('lead_org_id')),
    },
  },
};
