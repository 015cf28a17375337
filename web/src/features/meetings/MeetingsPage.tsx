import { PlusOutlined } from '@ant-design/icons';
import { MEETING_STATE_LABELS, MEETING_TYPE_LABELS } from '@liandong/domain/meetings/enums';
import { Badge, Button, Calendar, Flex, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EnumSelect, ExportButton, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDateTime } from '../../lib/format';
import { useListFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { type CalendarEntry, exportUrls, type MeetingFilters, type MeetingSummary, useCalendar, useMeetings } from './api';
import { MeetingForm } from './MeetingForm';
import { ClassificationTag, MeetingStateTag, MeetingTypeTag } from './shared';
import { CalendarHeader } from '../../components/CalendarHeader';

const KIND_STATUS = { MEETING: 'processing', LIST_CONSULTATION: 'success', CLUE_MEETING: 'warning' } as const;

/** 会议日历: one month of meetings plus the linked 室组会商 and 集体排查 (to their own pages); and the meetings ledger. */
export function MeetingsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [creating, setCreating] = useState(false);
  const { filters, set, onPage } = useListFilters<MeetingFilters>({ page: 1, pageSize: 20 });
  const calendar = useCalendar(month.format('YYYY-MM'));
  const ledger = useMeetings(filters);
  const byDay = useMemo(() => {
    const m = new Map<string, CalendarEntry[]>();
    for (const e of calendar.data?.entries ?? []) m.set(e.date, [...(m.get(e.date) ?? []), e]);
    return m;
  }, [calendar.data]);
  const kindLabel = (e: CalendarEntry) =>
    e.kind === 'MEETING' ? t('meeting.kindMeeting') : e.kind === 'LIST_CONSULTATION' ? t('meeting.kindConsultation') : t('meeting.kindClueMeeting');

  const calendarTab = calendar.isError ? (
    <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
  ) : (
    <div data-testid="meeting-calendar">
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        headerRender={(props) => <CalendarHeader {...props} />}
        onSelect={(d, info) => info.source !== 'date' && setMonth(d)}
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const entries = byDay.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {entries.map((e) => (
                <li key={`${e.kind}:${e.id}`} title={`${kindLabel(e)}：${e.title}`}>
                  <Badge
                    status={KIND_STATUS[e.kind]}
                    text={
                      <Link to={e.link} data-testid={`cal-${e.kind}-${e.id}`}>
                        {e.time ? `${e.time} ` : ''}
                        {e.title}
                      </Link>
                    }
                  />
                </li>
              ))}
            </ul>
          );
        }}
      />
    </div>
  );

  const ledgerTab = (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <EnumSelect labels={MEETING_TYPE_LABELS} width={200} placeholder={t('meeting.type')} value={filters.type} onChange={(type) => set({ type })} />
        <EnumSelect labels={MEETING_STATE_LABELS} width={160} placeholder={t('meeting.state')} value={filters.state} onChange={(state) => set({ state })} />
        <ExportButton url={exportUrls.meetings(filters)} filename={t('meeting.ledgerFile')} success={t('meeting.exported')} testId="meetings-export">
          {t('meeting.exportExcel')}
        </ExportButton>
      </Flex>
      <LedgerTable<MeetingSummary>
        query={ledger}
        testId="meetings-table"
        paging={filters}
        onPage={onPage}
        rowHref={(m) => `/meetings/${m.id}`}
        columns={[
          { key: 'startsAt', title: t('meeting.startsAt'), width: 150, render: (_, m) => formatDateTime(m.startsAt) },
          { key: 'type', title: t('meeting.type'), width: 170, render: (_, m) => <MeetingTypeTag value={m.type} /> },
          { key: 'title', title: t('meeting.title'), render: (_, m) => <Link to={`/meetings/${m.id}`}>{m.title}</Link> },
          { key: 'chair', title: t('meeting.chair'), width: 110, render: (_, m) => m.chair.name },
          { key: 'state', title: t('meeting.state'), width: 120, render: (_, m) => <MeetingStateTag value={m.state} /> },
          { key: 'classification', title: t('meeting.classification'), width: 100, render: (_, m) => <ClassificationTag value={m.classification} /> },
          { key: 'decisions', title: t('meeting.decisions'), width: 90, render: (_, m) => m.decisionCount },
        ]}
      />
    </>
  );

  return (
    <Page
      title={t('meeting.menuCalendar')}
      description={<Typography.Text type="secondary">{t('meeting.calendarHint')}</Typography.Text>}
      testId="meetings-page"
      extra={
        ledger.data?.abilities.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="meeting-new">
            {t('meeting.new')}
          </Button>
        ) : null
      }
    >
      <Tabs
        items={[
          { key: 'calendar', label: t('meeting.tabCalendar'), children: calendarTab },
          { key: 'ledger', label: t('meeting.tabLedger'), children: ledgerTab },
        ]}
      />
      <MeetingForm
        open={creating}
        onClose={(id) => {
          setCreating(false);
          if (id) void navigate(`/meetings/${id}`);
        }}
      />
    </Page>
  );
}
