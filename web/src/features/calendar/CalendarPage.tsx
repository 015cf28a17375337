import { CALENDAR_DAY_KIND_LABELS } from '@liandong/domain/calendar/calendar';
import { Alert, Calendar, Card, Col, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useI18n } from '../../lib/i18n';
import { type CalendarException, useCalendarYear } from './api';
import { CalendarHeader } from '../../components/CalendarHeader';
import { DayModal } from './DayModal';
import { ImportArrangement } from './ImportArrangement';
import { WorkdayCalculator } from './WorkdayCalculator';

const KIND_COLORS = { HOLIDAY: 'red', MAKEUP_WORKDAY: 'blue' } as const;

/** 工作日历: public holidays (休) and make-up workdays (班) used for 工作日 time limits. */
export function CalendarPage() {
  const { t, label } = useI18n();
  const [value, setValue] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<string | null>(null);
  const year = value.year();
  const query = useCalendarYear(year);
  const byDay = useMemo(() => new Map((query.data?.days ?? []).map((d) => [d.day.slice(0, 10), d])), [query.data]);
  const canEdit = query.data?.abilities.edit === true;

  const dateCell = (date: Dayjs) => {
    const ex = byDay.get(date.format('YYYY-MM-DD'));
    if (!ex) return null;
    return (
      <Tooltip title={`${label(CALENDAR_DAY_KIND_LABELS, ex.kind)}：${ex.nameZh}`}>
        <div className="ld-cal-cell" data-testid={`cal-${ex.day.slice(0, 10)}`}>
          <span className={ex.kind === 'HOLIDAY' ? 'ld-cal-mark-holiday' : 'ld-cal-mark-makeup'}>
            {ex.kind === 'HOLIDAY' ? t('calendar.rest') : t('calendar.work')}
          </span>
          <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: '100%' }}>
            {ex.nameZh}
          </Typography.Text>
        </div>
      </Tooltip>
    );
  };
  const monthCell = (date: Dayjs) => {
    const prefix = date.format('YYYY-MM');
    const inMonth = (query.data?.days ?? []).filter((d) => d.day.startsWith(prefix));
    const holidays = inMonth.filter((d) => d.kind === 'HOLIDAY').length;
    const makeups = inMonth.length - holidays;
    if (!inMonth.length) return null;
    return (
      <div className="ld-cal-cell">
        {holidays ? <span className="ld-cal-mark-holiday">{t('calendar.monthHolidays', { count: holidays })}</span> : null}
        {makeups ? <span className="ld-cal-mark-makeup">{t('calendar.monthMakeups', { count: makeups })}</span> : null}
      </div>
    );
  };

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Page title={t('menu.adminCalendar')} description={canEdit ? t('calendar.editHint') : t('calendar.viewHint')} bare>
      {query.data?.maintenanceWarning ? (
        <Alert type="warning" showIcon title={query.data.maintenanceWarning} style={{ marginBottom: 16 }} data-testid="calendar-maintenance-warning" />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" loading={query.isPending && !query.data}>
            <Calendar
              value={value}
              onChange={setValue}
              onPanelChange={(d) => setValue(d)}
              headerRender={(props) => <CalendarHeader {...props} />}
              cellRender={(date, info) => (info.type === 'date' ? dateCell(date) : info.type === 'month' ? monthCell(date) : info.originNode)}
              onSelect={(date, info) => {
                if (info.source === 'date' && canEdit) setEditing(date.format('YYYY-MM-DD'));
              }}
              data-testid="work-calendar"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={t('calendar.workingDaysOfYear', { year })} value={query.data?.workingDays ?? '—'} />
              </Col>
              <Col span={12}>
                <Statistic title={t('calendar.exceptions')} value={query.data?.days.length ?? '—'} />
              </Col>
            </Row>
          </Card>
          {canEdit ? <ImportArrangement /> : null}
          <WorkdayCalculator />
          <Card size="small" title={t('calendar.listTitle', { year })} style={{ marginTop: 16 }}>
            <Table<CalendarException>
              size="small"
              rowKey="day"
              dataSource={query.data?.days}
              pagination={{ pageSize: 12, showSizeChanger: false, size: 'small' }}
              onRow={(d) => ({ onClick: () => (canEdit ? setEditing(d.day.slice(0, 10)) : setValue(dayjs(d.day))), style: { cursor: 'pointer' } })}
              columns={[
                { key: 'day', title: t('calendar.day'), width: 130, render: (_, d) => dayjs(d.day).format('YYYY-MM-DD ddd') },
                {
                  key: 'kind',
                  title: t('calendar.kind'),
                  width: 120,
                  render: (_, d) => <Tag color={KIND_COLORS[d.kind]}>{label(CALENDAR_DAY_KIND_LABELS, d.kind)}</Tag>,
                },
                { key: 'nameZh', title: t('calendar.name'), dataIndex: 'nameZh' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <DayModal day={editing} existing={editing ? byDay.get(editing) : undefined} onClose={() => setEditing(null)} />
    </Page>
  );
}
