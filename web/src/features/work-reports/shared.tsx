import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { REPORT_STATE_LABELS, type ReportState } from '@liandong/domain/work-reports/enums';
import { Tag } from 'antd';
import { EnumTag } from '../../components/EnumTag';
import { useI18n } from '../../lib/i18n';

export const REPORT_STATE_COLORS: Record<ReportState, string> = {
  DRAFT: 'default',
  PENDING_APPROVAL: 'blue',
  RETURNED: 'orange',
  APPROVED: 'cyan',
  SUBMITTED: 'gold',
  HEARD: 'green',
};
const LIGHT_COLORS: Record<Light, string> = { RED: 'red', YELLOW: 'gold', GREEN: 'green', DONE: 'default', NONE: 'default' };

export function ReportStateTag({ value }: { value: ReportState }) {
  return <EnumTag labels={REPORT_STATE_LABELS} value={value} colors={REPORT_STATE_COLORS} />;
}

/** 汇报灯 as a coloured tag (grey once submitted or heard). */
export function SlotLightTag({ value }: { value: Light }) {
  const { label } = useI18n();
  return (
    <Tag color={LIGHT_COLORS[value]} data-testid={`slot-light-${value}`}>
      {label(LIGHT_LABELS, value)}
    </Tag>
  );
}
