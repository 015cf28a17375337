import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { RESPONSE_STATUS_LABELS, type ResponseStatus } from './enums';

/**
 * 自查反馈状态机 (issue 10, domain.md c.4): the unit's contact starts an answer (PENDING → DRAFT), saves it
 * as often as needed (a returned answer stays RETURNED while it is reworked, so the 专班 still sees that it
 * was sent back), and submits it; the 专班 returns it with a comment or accepts it. Only the server's
 * workflow kernel (server/src/platform/workflow.ts) writes self_inspection_response.state.
 */
export const RESPONSE_ACTION_LABELS = {
  /** The first save of an answer not yet started. */
  start: { zh: '开始填报', en: 'Start answering' },
  save: { zh: '保存草稿', en: 'Save draft' },
  submit: { zh: '报送', en: 'Submit' },
  return: { zh: '退回', en: 'Return' },
  accept: { zh: '认可', en: 'Accept' },
} as const satisfies Labelled<string>;
export const ResponseActionSchema = z.enum(codesOf(RESPONSE_ACTION_LABELS));
export type ResponseAction = z.infer<typeof ResponseActionSchema>;

/**
 * Who acts on an answer, relative to it: UNIT (a contact of the answering unit, UNIT_LIAISON and no staff
 * role), REVIEWER (staff of the campaign's lead office, its 专班 co-leaders and the 专班 members active today).
 */
export type ResponseActor = 'UNIT' | 'REVIEWER';

/** answerComplete: problems found are described, and what is not yet corrected has a plan (422 otherwise). */
export type ResponseGuard = 'answerComplete';

/** The answer's machine: the kernel applies it; the answer's `abilities` come from it. */
export const RESPONSE_MACHINE = defineMachine<ResponseStatus, ResponseAction, ResponseActor, ResponseGuard>({
  noun: '自查反馈',
  states: RESPONSE_STATUS_LABELS,
  actions: RESPONSE_ACTION_LABELS,
  table: {
    start: { from: ['PENDING'], to: 'DRAFT', who: ['UNIT'] },
    save: { from: ['DRAFT', 'RETURNED'], to: 'stay', who: ['UNIT'] },
    submit: { from: ['DRAFT', 'RETURNED'], to: 'SUBMITTED', who: ['UNIT'], guard: 'answerComplete' },
    return: { from: ['SUBMITTED'], to: 'RETURNED', who: ['REVIEWER'], needsComment: true },
    accept: { from: ['SUBMITTED'], to: 'ACCEPTED', who: ['REVIEWER'] },
  },
});

/** The action a PUT of the answer takes from `state`: the first save starts it, later ones save. */
export function saveActionOf(state: ResponseStatus): 'start' | 'save' {
  return state === 'PENDING' ? 'start' : 'save';
}

/**
 * The answer's abilities as the API reports them (answer, submit, review), from the actions the machine
 * allows the caller (the kernel's abilitiesOf): the screens show exactly what the kernel would accept.
 */
export function responseAbilities(actions: readonly ResponseAction[]): { answer: boolean; submit: boolean; review: boolean } {
  const able = new Set(actions);
  return { answer: able.has('start') || able.has('save'), submit: able.has('submit'), review: able.has('return') || able.has('accept') };
}
