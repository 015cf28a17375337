import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';
import { defineMachine } from '../platform/machine';
import { REPORT_STATE_LABELS, type ReportState } from './enums';

/*
 * The work report's machine (工作报告, issue 11), applied only by the server's workflow kernel:
 * the reporter org drafts and submits it to its head (本单位负责人, recorded on the org; the 分管领导 overseeing
 * the org stands in when none is recorded or the head drafted or submitted it); the head approves it — never the person who drafted or submitted it (四眼原则) — or returns it with a
 * reason; the reporter org then submits (报送) it to the 常委会; it becomes HEARD when the 常委会 meeting whose
 * HEAR_REPORT agenda item links it is held (nobody does that by hand: who is empty).
 */

export const REPORT_ACTION_LABELS = {
  submit: { zh: '提交审批', en: 'Submit for approval' },
  approve: { zh: '审批同意', en: 'Approve' },
  returnDraft: { zh: '退回修改', en: 'Return' },
  submitToCommittee: { zh: '报送常委会', en: 'Submit to the standing committee' },
  hear: { zh: '常委会听取', en: 'Heard by the standing committee' },
} as const satisfies Labelled<string>;
export const ReportActionSchema = z.enum(codesOf(REPORT_ACTION_LABELS), '操作不正确');
export type ReportAction = z.infer<typeof ReportActionSchema>;

/** DRAFTER: staff of the reporter org; HEAD: the org's head (or the overseeing 分管领导 in its stead). */
export type ReportActor = 'DRAFTER' | 'HEAD';
/** notDrafter: the approver is neither the drafter nor the submitter (422); hasContent: the four sections are written (422). */
export type ReportGuard = 'notDrafter' | 'hasContent';

export const REPORT_MACHINE = defineMachine<ReportState, ReportAction, ReportActor, ReportGuard>({
  noun: '工作报告',
  states: REPORT_STATE_LABELS,
  actions: REPORT_ACTION_LABELS,
  table: {
    submit: { from: ['DRAFT', 'RETURNED'], to: 'PENDING_APPROVAL', who: ['DRAFTER'], guard: 'hasContent' },
    approve: { from: ['PENDING_APPROVAL'], to: 'APPROVED', who: ['HEAD'], guard: 'notDrafter' },
    returnDraft: { from: ['PENDING_APPROVAL'], to: 'RETURNED', who: ['HEAD'], needsComment: true },
    submitToCommittee: { from: ['APPROVED'], to: 'SUBMITTED', who: ['DRAFTER'] },
    hear: { from: ['SUBMITTED'], to: 'HEARD', who: [] },
  },
});

/** States in which the report's text may be edited (the statistics are live). */
export const REPORT_EDITABLE_STATES: readonly ReportState[] = ['DRAFT', 'RETURNED'];
/** States in which the report counts as delivered: the slot's light is DONE (grey). */
export const REPORT_DONE_STATES: readonly ReportState[] = ['SUBMITTED', 'HEARD'];
