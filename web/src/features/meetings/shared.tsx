import { CLASSIFICATION_LABELS, type Classification } from '@liandong/domain/access/enums';
import { MEETING_STATE_LABELS, MEETING_TYPE_LABELS, DECISION_STATE_LABELS } from '@liandong/domain/meetings/enums';
import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { Select, type SelectProps, Tag } from 'antd';
import { useMemo } from 'react';
import { EnumTag } from '../../components/EnumTag';
import { StaffSearchSelect, type StaffSearchSelectProps } from '../../components/StaffSearchSelect';
import { useI18n } from '../../lib/i18n';
import { useLinkableReports, useMeetingStaff } from './api';

export const MEETING_STATE_COLORS = { PLANNED: 'blue', HELD: 'gold', MINUTES_ISSUED: 'green', CANCELLED: 'default' } as const;
export const MEETING_TYPE_COLORS = { STANDING_COMMITTEE: 'red', DISPATCHED_HEADS: 'purple', EXCHANGE: 'cyan', ZONE_JOINT: 'geekblue' } as const;
export const DECISION_STATE_COLORS = { ASSIGNED: 'blue', IN_PROGRESS: 'gold', DONE: 'green', OVERDUE: 'red' } as const;
const LIGHT_COLORS: Record<Light, string> = { RED: 'red', YELLOW: 'gold', GREEN: 'green', DONE: 'default', NONE: 'default' };

/** 密级 of a meeting (工作秘密 stands out, as on the accounts' clearance). */
export function ClassificationTag({ value }: { value: Classification }) {
  return <EnumTag labels={CLASSIFICATION_LABELS} value={value} colors={{ WORK_SECRET: 'orange' }} />;
}
export function MeetingStateTag({ value }: { value: keyof typeof MEETING_STATE_COLORS }) {
  return <EnumTag labels={MEETING_STATE_LABELS} value={value} colors={MEETING_STATE_COLORS} />;
}
export function MeetingTypeTag({ value }: { value: keyof typeof MEETING_TYPE_COLORS }) {
  return <EnumTag labels={MEETING_TYPE_LABELS} value={value} colors={MEETING_TYPE_COLORS} />;
}
export function DecisionStateTag({ value }: { value: keyof typeof DECISION_STATE_COLORS }) {
  return <EnumTag labels={DECISION_STATE_LABELS} value={value} colors={DECISION_STATE_COLORS} />;
}
/** 督办灯 as a coloured tag. */
export function LightTag({ value }: { value: Light }) {
  const { label } = useI18n();
  return (
    <Tag color={LIGHT_COLORS[value]} data-testid={`light-${value}`}>
      {label(LIGHT_LABELS, value)}
    </Tag>
  );
}

/** GET /meetings/staff as a staff search (always enabled). */
const useMeetingStaffSearch = (q: string) => useMeetingStaff(q, true);

/** A searchable picker of business accounts (chair, attendees), from GET /meetings/staff. */
export function StaffPicker(props: Omit<StaffSearchSelectProps, 'useSearch'>) {
  return <StaffSearchSelect useSearch={useMeetingStaffSearch} {...props} />;
}

/**
 * 关联工作报告 of a 常委会's 听取汇报 item: the reporter org's reports submitted to the 常委会 and on no other live
 * agenda (GET /work-reports?linkable=true), plus the one already linked.
 */
export function ReportPicker({ orgId, current, ...rest }: Omit<SelectProps, 'options'> & { orgId?: string; current?: { id: string; title: string } }) {
  const { t } = useI18n();
  const query = useLinkableReports(orgId);
  const options = useMemo(() => {
    const items = (query.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.title}（${r.periodLabel}）` }));
    return current && !items.some((o) => o.value === current.id) ? [{ value: current.id, label: current.title }, ...items] : items;
  }, [query.data, current]);
  return (
    <Select
      allowClear
      loading={query.isFetching}
      placeholder={t('meeting.workReport')}
      options={options}
      disabled={!orgId}
      data-testid="agenda-report"
      {...rest}
    />
  );
}
