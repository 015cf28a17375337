import { CLASSIFICATION_LABELS } from '@liandong/domain/access/enums';
import type { DecisionQuery, MeetingQuery } from '@liandong/domain/meetings/contracts';
import { DECISION_STATE_LABELS, MEETING_STATE_LABELS, MEETING_TYPE_LABELS } from '@liandong/domain/meetings/enums';
import { LIGHT_LABELS } from '@liandong/domain/supervision/enums';
import type { Ctx } from '../../platform/context';
import { exportSheet } from '../../platform/excel';
import { stampOf } from '../../platform/official-doc';
import { selectDecisions } from './decision-rows';
import { decisionLightDates, decisionLightIs } from './light';
import { decisionFilter } from './service-decisions';
import { meetingFilter, meetingRows } from './service-meetings';

/*
 * Excel exports (issue 11): the meetings ledger and the decisions board, the same filters and visibility as
 * the screens, watermarked with the exporter and audited (platform/excel.ts). At most 5,000 rows.
 */

const MAX_ROWS = 5000;
const when = (d: Date) => stampOf(d);

/** GET /meetings/export.xlsx */
export async function exportMeetings(ctx: Ctx, q: MeetingQuery): Promise<Buffer> {
  const rows = await meetingRows(ctx, meetingFilter(ctx, q), { limit: MAX_ROWS, offset: 0 });
  return exportSheet(ctx, {
    sheet: '会议台账',
    title: '会议台账',
    columns: [
      { key: 'startsAt', header: '时间', width: 18 },
      { key: 'type', header: '会议类型', width: 18 },
      { key: 'title', header: '会议名称', width: 40 },
      { key: 'place', header: '地点', width: 20 },
      { key: 'chair', header: '主持人', width: 12 },
      { key: 'organiser', header: '召集单位', width: 24 },
      { key: 'state', header: '状态', width: 12 },
      { key: 'classification', header: '密级', width: 10 },
      { key: 'decisions', header: '议定事项数', width: 12 },
    ],
    rows: rows.map((r) => ({
      startsAt: when(r.starts_at),
      type: MEETING_TYPE_LABELS[r.type].zh,
      title: r.title,
      place: r.place,
      chair: r.chair_name,
      organiser: r.organiser_name,
      state: MEETING_STATE_LABELS[r.state].zh,
      classification: CLASSIFICATION_LABELS[r.classification].zh,
      decisions: r.decision_count,
    })),
    audit: {
      type: 'meeting.exported',
      objectType: 'meeting',
      payload: { rows: rows.length, month: q.month ?? null, year: q.year ?? null, type: q.type ?? null },
    },
  });
}

/** GET /meeting-decisions/export.xlsx */
export async function exportDecisions(ctx: Ctx, q: DecisionQuery): Promise<Buffer> {
  const dates = await decisionLightDates(ctx.db, ctx.actor.commissionId);
  const where = decisionFilter(ctx, q);
  if (q.light) {
    where.push(decisionLightIs(dates, q.light));
  }
  const rows = await selectDecisions(ctx.db, dates, where, { limit: MAX_ROWS, offset: 0 });
  return exportSheet(ctx, {
    sheet: '议定事项督办台账',
    title: '会议议定事项督办台账',
    columns: [
      { key: 'light', header: '督办灯', width: 8 },
      { key: 'meeting', header: '会议', width: 36 },
      { key: 'date', header: '会议时间', width: 18 },
      { key: 'chair', header: '主持人', width: 12 },
      { key: 'seq', header: '序号', width: 6 },
      { key: 'content', header: '议定事项', width: 50 },
      { key: 'owner', header: '承办单位', width: 24 },
      { key: 'deadline', header: '办理时限', width: 12 },
      { key: 'state', header: '状态', width: 10 },
      { key: 'lastReport', header: '最新进展', width: 40 },
    ],
    rows: rows.map((r) => ({
      light: LIGHT_LABELS[r.light].zh,
      meeting: r.meeting_title,
      date: when(r.meeting_starts_at),
      chair: r.chair_name,
      seq: r.seq,
      content: r.content,
      owner: r.owner_org_name,
      deadline: r.deadline,
      state: DECISION_STATE_LABELS[r.state].zh,
      lastReport: r.last_report,
    })),
    audit: { type: 'meeting.decisions_exported', objectType: 'meeting_decision', payload: { rows: rows.length, view: q.view, light: q.light ?? null } },
  });
}
