import { z } from 'zod';
import { codesOf, type Labelled } from '../labels';

/**
 * 会议类型 (domain.md b.5 Meeting; issue 11). The 室组会商 and the clue screening meetings (集体排查) are not
 * among them: they live in their own modules and only appear, linked, in the meeting calendar.
 */
export const MEETING_TYPE_LABELS = {
  /** 纪委常委会会议: hears the groups' and counties' work reports, decides. */
  STANDING_COMMITTEE: { zh: '常委会会议', en: 'Standing committee meeting' },
  /** 派驻机构负责人会议, called by a 分管领导 at irregular intervals. */
  DISPATCHED_HEADS: { zh: '派驻机构负责人会议', en: 'Dispatched heads meeting' },
  /** 监督工作交流会, held periodically. */
  EXCHANGE: { zh: '监督工作交流会', en: 'Supervision exchange meeting' },
  /** 片区协作会议 of a work zone. */
  ZONE_JOINT: { zh: '片区联席会议', en: 'Zone joint meeting' },
} as const satisfies Labelled<string>;
export const MeetingTypeSchema = z.enum(codesOf(MEETING_TYPE_LABELS), '会议类型不正确');
export type MeetingType = z.infer<typeof MeetingTypeSchema>;

/** 会议状态. */
export const MEETING_STATE_LABELS = {
  PLANNED: { zh: '已安排', en: 'Planned' },
  HELD: { zh: '已召开', en: 'Held' },
  /** 纪要已印发: the minutes are final, the meeting no longer changes. */
  MINUTES_ISSUED: { zh: '纪要已印发', en: 'Minutes issued' },
  CANCELLED: { zh: '已取消', en: 'Cancelled' },
} as const satisfies Labelled<string>;
export const MeetingStateSchema = z.enum(codesOf(MEETING_STATE_LABELS));
export type MeetingState = z.infer<typeof MeetingStateSchema>;

/** 议程类型. */
export const AGENDA_KIND_LABELS = {
  /** 听取汇报: a county commission or dispatched group reports (f.4). */
  HEAR_REPORT: { zh: '听取汇报', en: 'Hear a report' },
  DELIBERATE: { zh: '研究审议', en: 'Deliberate' },
  BRIEFING: { zh: '通报情况', en: 'Briefing' },
} as const satisfies Labelled<string>;
export const AgendaKindSchema = z.enum(codesOf(AGENDA_KIND_LABELS), '议程类型不正确');
export type AgendaKind = z.infer<typeof AgendaKindSchema>;

/** 出席 / 请假 / 列席 (GB/T 9704 纪要格式 lines). */
export const ATTENDANCE_LABELS = {
  PRESENT: { zh: '出席', en: 'Present' },
  LEAVE: { zh: '请假', en: 'On leave' },
  OBSERVER: { zh: '列席', en: 'Observer' },
} as const satisfies Labelled<string>;
export const AttendanceSchema = z.enum(codesOf(ATTENDANCE_LABELS), '出席情况须为出席、请假或列席');
export type Attendance = z.infer<typeof AttendanceSchema>;

/** 议定事项督办状态. */
export const DECISION_STATE_LABELS = {
  ASSIGNED: { zh: '已交办', en: 'Assigned' },
  IN_PROGRESS: { zh: '办理中', en: 'In progress' },
  DONE: { zh: '已办结', en: 'Done' },
  /** Marked once by the daily job when the deadline has passed; the owner org still reports and finishes. */
  OVERDUE: { zh: '已逾期', en: 'Overdue' },
} as const satisfies Labelled<string>;
export const DecisionStateSchema = z.enum(codesOf(DECISION_STATE_LABELS));
export type DecisionState = z.infer<typeof DecisionStateSchema>;
