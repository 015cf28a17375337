import { RECORD_MACHINE, type RecordAction, type RecordActor, type ReformState } from '@liandong/domain/reform/record-machine';
import { sql } from 'kysely';
import { businessRule } from '../../platform/errors';
import type { TransitionInput, Workflow } from '../../platform/workflow';
import { recordRoles } from './policy';
import { reformVisible } from '../visibility';

/*
 * The 以案促改 record's workflow (c.5): COLLECTING → ANALYSED → RECOMMENDED → CLOSED through the kernel,
 * the only writer of reform_record.state. The PATCH that asks for the next state (service-records.ts)
 * names the action leading there and hands over the fields changed with it, written in the same UPDATE.
 */

export interface RecordInput extends TransitionInput<RecordAction> {
  /** Columns the same PATCH changes (title, root_causes, cause_categories, sector, campaign_id). */
  changes?: Record<string, unknown>;
}

export interface LockedRecord {
  id: string;
  commission_id: string;
  owner_org_id: string;
  co_owner_org_ids: string[];
  case_id: string | null;
  origin: string;
  state: ReformState;
  root_causes: string;
  version: number;
}

export const recordWorkflow: Workflow<LockedRecord, ReformState, RecordAction, RecordActor, RecordInput> = {
  machine: RECORD_MACHINE,
  table: 'reform_record',
  objectType: 'reform_record',
  auditType: () => 'reform.record_updated',

  scope: { alias: 'r', visible: (a) => reformVisible(a, 'r') },
  lock: sql`r.id, r.commission_id, r.owner_org_id, r.case_id, r.origin, r.state, r.root_causes, r.version,
    ARRAY(SELECT rco.org_id FROM reform_record_co_owner rco WHERE rco.record_id = r.id ORDER BY rco.org_id) AS co_owner_org_ids`,

  roles: (ctx, r) => recordRoles(ctx.actor, r),
  deniedMessage: () => '只有承办部门可以修改以案促改台账',

  /** hasRootCauses: the analysis (written before or in the same PATCH) must not be empty (422). */
  async guard(_ctx, r, input) {
    if (RECORD_MACHINE.table[input.action].guard !== 'hasRootCauses') return;
    const rootCauses = (input.changes?.root_causes as string | undefined) ?? r.root_causes;
    if (rootCauses.trim() === '') throw businessRule('请先填写原因剖析，再标记为已剖析原因');
  },

  effects: async (_ctx, _r, input) => ({
    set: input.changes ?? {},
    payload: { changed: [...Object.keys(input.changes ?? {}), 'state'] },
  }),
  // No `events`: the record has no timeline table, its history is the audit trail (reform.record_updated).
};
