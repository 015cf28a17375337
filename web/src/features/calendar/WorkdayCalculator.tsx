import { Button, Card, DatePicker, Divider, Flex, InputNumber, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { useAddWorkingDays, useCountWorkingDays } from './api';

/** 工作日计算器: a date plus N working days, and the working days between two dates (server's calendar). */
export function WorkdayCalculator() {
  const t = useT();
  const onError = useApiErrorHandler();
  const add = useAddWorkingDays();
  const count = useCountWorkingDays();
  const [from, setFrom] = useState<Dayjs | null>(dayjs());
  const [days, setDays] = useState<number | null>(15);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>([dayjs(), dayjs().add(1, 'month')]);

  return (
    <Card size="small" title={t('calendar.calculator')} data-testid="workday-calculator">
      <Typography.Text strong>{t('calendar.addTitle')}</Typography.Text>
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <DatePicker value={from} onChange={setFrom} allowClear={false} />
        <span>+</span>
        <InputNumber min={0} max={3650} value={days} onChange={setDays} style={{ width: 90 }} aria-label={t('calendar.daysLabel')} />
        <span>{t('calendar.workingDaysUnit')}</span>
        <Button
          type="primary"
          disabled={!from || days === null}
          loading={add.isPending}
          onClick={() => from && days !== null && add.mutateAsync({ from: from.format('YYYY-MM-DD'), days }).catch(onError)}
        >
          {t('calendar.compute')}
        </Button>
      </Flex>
      {add.data ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="calendar-add-result">
          {t('calendar.addResult', { day: dayjs(add.data.day).format('YYYY-MM-DD ddd') })}{' '}
          {add.data.calendarUnconfirmed ? (
            <Tag color="orange" data-testid="calendar-unconfirmed">
              {t('calendar.unconfirmed')}
            </Tag>
          ) : null}
        </Typography.Paragraph>
      ) : null}
      <Divider style={{ margin: '12px 0' }} />
      <Typography.Text strong>{t('calendar.countTitle')}</Typography.Text>
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowClear={false} />
        <Button
          type="primary"
          disabled={!range?.[0] || !range[1]}
          loading={count.isPending}
          onClick={() => range?.[0] && range[1] && count.mutateAsync({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }).catch(onError)}
        >
          {t('calendar.compute')}
        </Button>
      </Flex>
      {count.data ? (
        <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="calendar-count-result">
          {t('calendar.countResult', { count: count.data.count })}
        </Typography.Paragraph>
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t('calendar.convention')}
      </Typography.Paragraph>
    </Card>
  );
}
