import type { ReportState } from '@liandong/domain/work-reports/enums';
import { REPORT_ACTION_LABELS, REPORT_MACHINE, type ReportAction, type ReportActor } from '@liandong/domain/work-reports/machine';
import { todayIso } from '../../platform/calendar';
import { businessRule } from '../../platform/errors';
import { type Effects, isJob, short, type TransitionInput, type Workflow, type WorkflowCtx } from '../../platform/workflow';
import { reportRoles, reportVisible } from './access';
import { approverCandidates, coordinatorsOf, findReport, findReportForJob, type ReportRow, reporterStaffOf } from './repo';
import { computeStats } from './stats';

/*
 * The work report's workflow on the kernel (platform/workflow.ts), the only writer of work_report.state.
 * submit freezes the statistics of the org and period (the head approves the figures it sees); a return
 * clears them and records the reason; approve is four-eyes (never the drafter or the submitter); submitting to
 * the 常委会 stamps the day; `hear` is taken only by the system when the 常委会 meeting linking the report is
 * held (meetings' hold effect, same transaction).
 */

export type ReportInput = TransitionInput<ReportAction> & { today?: string; meetingId?: string };

const SECTIONS = [
  ['practices', '主要做法'],
  ['results', '工作成效'],
  ['shortcomings', '短板差距'],
  ['suggestions', '对策建议'],
] as const;

export const reportWorkflow: Workflow<ReportRow, ReportState, ReportAction, ReportActor, ReportInput, WorkflowCtx> = {
  machine: REPORT_MACHINE,
  table: 'work_report',
  objectType: 'work_report',
  auditType: () => 'report.transitioned',
  scope: { alias: 'r', visible: (a) => reportVisible(a, 'r') },
  lock: (ctx, id) => (isJob(ctx) ? findReportForJob(ctx.trx, ctx.job.commissionId, id) : findReport(ctx.trx, ctx.actor, id, true)),
  roles: (ctx, row) => reportRoles(ctx.actor, row),
  deniedMessage: (action) => {
    if (action === 'hear') return '常委会听取汇报由会议召开时自动记录，不能手工操作';
    if (REPORT_MACHINE.table[action].who.includes('HEAD')) return `“${REPORT_ACTION_LABELS[action].zh}”须由汇报单位负责人（未设负责人时由分管领导）办理`;
    return `“${REPORT_ACTION_LABELS[action].zh}”须由汇报单位办理`;
  },

  async guard(ctx, row, input) {
    const guard = REPORT_MACHINE.table[input.action].guard;
    if (guard === 'hasContent') {
      const empty = SECTIONS.filter(([k]) => row[k].trim() === '').map(([, zh]) => zh);
      if (empty.length) throw businessRule(`请先填写：${empty.join('、')}`, { sections: empty.length });
    }
    if (guard === 'notDrafter' && !isJob(ctx) && (row.created_by === ctx.actor.userId || row.submitted_by === ctx.actor.userId)) {
      throw businessRule('审批人不能是起草人或提交人（四眼原则），请由其他负责人审批');
    }
  },

  async effects(ctx, row, input): Promise<Effects> {
    switch (input.action) {
      case 'submit': {
        const stats = await computeStats(ctx.trx, row.reporter_org_id, row.period_start, row.period_end);
        const by = isJob(ctx) ? null : ctx.actor.userId;
        return { set: { stats: JSON.stringify(stats), stats_frozen_at: new Date(), submitted_by: by, return_reason: null } };
      }
      case 'returnDraft':
        return { set: { stats: null, stats_frozen_at: null, return_reason: input.comment?.trim() ?? null, approved_by: null, approved_at: null } };
      case 'approve':
        return { set: { approved_by: isJob(ctx) ? null : ctx.actor.userId, approved_at: new Date() } };
      case 'submitToCommittee':
        return { set: { submitted_on: input.today ?? todayIso() } };
      case 'hear':
        if (!input.meetingId) throw businessRule('须由常委会会议听取');
        return { set: { heard_meeting_id: input.meetingId, heard_on: input.today ?? todayIso() }, payload: { meetingId: input.meetingId } };
    }
  },

  events: { table: 'work_report_event', key: 'report_id', payload: true },

  notices: {
    kind: 'work_report',
    name: (r) => `工作报告“${short(r.title)}”`,
    link: (r) => `/work-reports/${r.id}`,
    async audiences(ctx, r, { action }) {
      if (action === 'submit') return [{ users: await approverCandidates(ctx.trx, r, isJob(ctx) ? null : ctx.actor.userId) }];
      if (action === 'submitToCommittee') return [{ users: await coordinatorsOf(ctx.trx, r.commission_id) }];
      return [{ users: [r.created_by, ...(await reporterStaffOf(ctx.trx, r.reporter_org_id))] }];
    },
  },
};
