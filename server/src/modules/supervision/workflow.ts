import type { Adjustment } from '@liandong/domain/supervision/contracts';
import type { FindingDisposition, ListType, Side } from '@liandong/domain/supervision/enums';
import { ITEM_MACHINE, type ItemAction } from '@liandong/domain/supervision/machine';
import { type Selectable, sql } from 'kysely';
import type { SupervisionItem } from '../../db/types';
import { addRow, NOW, on, orgStaff, type RowOf, short, type TransitionInput, type WorkflowOf } from '../../platform/workflow';
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
type Locked = RowOf<typeof ITEM_MACHINE, Selectable<SupervisionItem>, LockedColumns>;
interface LockedColumns {
  lead_side: Side;
  assist_side: Side | null;
  pending_adjustment: Adjustment | null;
  list_type: ListType;
  owner_group_id: string;
  liaison_office_id: string;
  list_host_unit_ids: string[];
  has_consultation: boolean;
}

/** The columns an approved adjustment changes. */
type Adjusted = [keyof Adjustment, string][];
const ADJUSTED = Object.entries({ matter: 'matter', dueDate: 'due_date', leadOrgId: 'lead_org_id', assistOrgId: 'assist_org_id' }) as Adjusted;

export const itemWorkflow: WorkflowOf<typeof ITEM_MACHINE, Locked, ItemInput> = {
  machine: ITEM_MACHINE,
  table: 'supervision_item',
  scope: { alias: 'i', join: sql`JOIN supervision_list l ON l.id = i.list_id`, visible: itemVisible },
  events: { table: 'supervision_item_event', key: 'item_id', payload: false },
  rowFacts: { listId: 'list_id' },
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

  effects: {
    async requestAdjust(ctx, item, input) {
      const adj = Object.fromEntries(Object.entries(input.adjustment ?? {}).filter(([, v]) => v !== undefined)) as Adjustment;
      if (Object.keys(adj).length === 0) throw validation([{ path: 'adjustment', message: '请填写调整内容' }]);
      if (adj.assistOrgId && !item.assist_side) throw validation([{ path: 'adjustment.assistOrgId', message: '该事项没有协助方' }]);
      const issues = await partyIssues(
        ctx.trx,
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
      return { set: { pending_adjustment: JSON.stringify(adj) }, payload: { adjustment: adj } };
    },
    approveAdjust(_ctx, item) {
      const adj = item.pending_adjustment ?? {};
      const applied = Object.fromEntries(ADJUSTED.flatMap(([k, col]) => (adj[k] === undefined ? [] : [[col, adj[k]]])));
      return { set: { ...applied, pending_adjustment: null }, payload: Object.keys(applied).length ? { applied } : {} };
    },
    rejectAdjust: () => ({ set: { pending_adjustment: null } }),
    async report(ctx, item, { progress: p }) {
      if (!p) throw validation([{ path: 'action', message: '报告进展请使用进展报告接口' }]);
      const values = { id: p.id, item_id: item.id, period: p.period ?? null, content: p.content, attachment_ids: p.attachmentIds };
      await addRow(ctx, 'item_progress', 'reported_by', values);
      return { payload: { progressId: p.id, attachmentIds: p.attachmentIds } };
    },
    async recordFinding(ctx, item, { finding: f }) {
      if (!f) throw validation([{ path: 'action', message: '记录发现问题请使用问题记录接口' }]);
      await addRow(ctx, 'supervision_finding', 'created_by', {
        id: f.id,
        item_id: item.id,
        org_id: item.lead_org_id,
        description: f.description,
        disposition: f.disposition,
        host_unit_id: f.hostUnitId ?? null,
        sector_code: f.sector ?? null,
      });
      return { payload: { findingId: f.id, disposition: f.disposition } };
    },
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
