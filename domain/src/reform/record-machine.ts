import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { REFORM_STATE_LABELS, type ReformStateSchema } from './enums';

/**
 * 以案促改台账状态机 (domain.md c.5): the 问题清单 is collected during the investigation, the causes are
 * analysed, recommendations made, and the record closed — COLLECTING → ANALYSED → RECOMMENDED → CLOSED,
 * one step forward at a time, never back. Only the server's workflow kernel writes reform_record.state.
 */
export type ReformState = z.infer<typeof ReformStateSchema>;

export const RECORD_ACTION_LABELS = {
  analyse: { zh: '标记已剖析原因', en: 'Mark causes analysed' },
  recommend: { zh: '标记已提出建议', en: 'Mark recommended' },
  close: { zh: '完成以案促改', en: 'Close' },
} as const satisfies Labelled<string>;
export const RecordActionSchema = z.enum(codesOf(RECORD_ACTION_LABELS));
export type RecordAction = z.infer<typeof RecordActionSchema>;

/** Who changes a record: staff of its owner org (承办部门) or the commission-wide roles (server policy). */
export type RecordActor = 'OWNER';

/** The analysis must be written before the record is marked analysed (422 otherwise). */
export type RecordGuard = 'hasRootCauses';

/** The record's machine: the kernel applies it; the detail's `nextStates` come from it. */
export const RECORD_MACHINE = defineMachine<ReformState, RecordAction, RecordActor, RecordGuard>({
  noun: '以案促改台账',
  states: REFORM_STATE_LABELS,
  actions: RECORD_ACTION_LABELS,
  table: {
    analyse: { from: ['COLLECTING'], to: 'ANALYSED', who: ['OWNER'], guard: 'hasRootCauses' },
    recommend: { from: ['ANALYSED'], to: 'RECOMMENDED', who: ['OWNER'] },
    close: { from: ['RECOMMENDED'], to: 'CLOSED', who: ['OWNER'] },
  },
});

/**
 * The action whose step leads to `to` (the PATCH API names the state it wants; the kernel takes actions),
 * or null when no action leads there (COLLECTING: a record never goes back).
 */
export function recordActionTo(to: ReformState): RecordAction | null {
  return (Object.keys(RECORD_ACTION_LABELS) as RecordAction[]).find((a) => RECORD_MACHINE.table[a].to === to) ?? null;
}

/** The states a holder of `roles` may move the record to from `from` (the detail's `nextStates`). */
export function nextRecordStates(from: ReformState, roles: readonly RecordActor[] = ['OWNER']): ReformState[] {
  return RECORD_MACHINE.abilities(from, roles).map((a) => RECORD_MACHINE.next(from, a)!);
}
