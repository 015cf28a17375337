import { Tag } from 'antd';
import { useI18n } from '../lib/i18n';

/** 节假日安排未维护，按常规周末计算 — next to a deadline counted into a year without a holiday arrangement. */
export function CalendarUnconfirmedTag() {
  const { t } = useI18n();
  return (
    <Tag color="orange" style={{ fontSize: 11, marginInlineEnd: 0, whiteSpace: 'normal' }} data-testid="calendar-unconfirmed">
      {t('calendar.unconfirmed')}
    </Tag>
  );
}
