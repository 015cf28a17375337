import { Flex, Segmented, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../lib/i18n';

interface CalendarHeaderProps {
  value: Dayjs;
  type: 'month' | 'year';
  onChange: (date: Dayjs) => void;
  onTypeChange: (type: 'month' | 'year') => void;
}

/**
 * The work calendar's header: year, month and 月/年 view like antd's own, but each control named for screen
 * readers (antd's built-in header selects have no label: axe `label`, critical; issue 13).
 */
export function CalendarHeader({ value, type, onChange, onTypeChange }: CalendarHeaderProps) {
  const { t } = useI18n();
  const years = Array.from({ length: 21 }, (_, i) => value.year() - 10 + i);
  return (
    <Flex justify="end" gap={8} style={{ padding: '8px 0' }}>
      <Select
        size="small"
        style={{ width: 90 }}
        value={value.year()}
        onChange={(y: number) => onChange(value.year(y))}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        aria-label={t('calendar.yearLabel')}
      />
      {type === 'month' ? (
        <Select
          size="small"
          style={{ width: 80 }}
          value={value.month()}
          onChange={(m: number) => onChange(value.month(m))}
          options={Array.from({ length: 12 }, (_, m) => ({ value: m, label: value.month(m).format('MMM') }))}
          aria-label={t('calendar.monthLabel')}
        />
      ) : null}
      <Segmented<'month' | 'year'>
        size="small"
        value={type}
        onChange={onTypeChange}
        options={[
          { value: 'month', label: t('calendar.monthView') },
          { value: 'year', label: t('calendar.yearView') },
        ]}
        aria-label={t('calendar.viewLabel')}
      />
    </Flex>
  );
}
