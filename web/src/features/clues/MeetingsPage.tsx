import { PlusOutlined } from '@ant-design/icons';
import { DISPOSITION_METHOD_LABELS } from '@liandong/domain/clues/enums';
import { Button, Descriptions, Drawer, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { yearOptions } from '../../lib/options';
import { type ClueMeeting, type ClueMeetingSummary, useMeeting, useMeetings } from './api';
import { ClueStateTag } from './components';
import { MeetingForm } from './MeetingForm';
import { CampaignSelect } from '../../components/CampaignSelect';

/** 集体排查: the clue-screening meetings of the user's departments, and the form to record one. */
export function MeetingsPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const year = Number(sp.get('year')) || undefined;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20));
  const campaignId = sp.get('campaignId') || undefined;
  const query = useMeetings(year, page, pageSize, campaignId);
  const [creating, setCreating] = useState(false);
  const openId = sp.get('open');
  const set = (patch: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setSp(next, { replace: true });
  };

  return (
    <Page
      title={t('clue.menuMeetings')}
      description={t('clue.meetingsHint')}
      testId="clue-meetings-page"
      extra={
        <>
          <Select
            allowClear
            placeholder={t('clue.allYears')}
            style={{ width: 120 }}
            value={year}
            onChange={(v) => set({ year: v, page: undefined })}
            options={yearOptions()}
            aria-label={t('clue.year')}
          />
          <CampaignSelect
            style={{ width: 240 }}
            placeholder={t('campaignLink.all')}
            aria-label={t('campaignLink.all')}
            value={campaignId}
            onChange={(v) => set({ campaignId: typeof v === 'string' ? v : undefined, page: undefined })}
          />
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="clue-meeting-new">
              {t('clueMeet.add')}
            </Button>
          ) : null}
        </>
      }
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ClueMeetingSummary>
          size="small"
          rowKey="id"
          data-testid="clue-meetings-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          onRow={(m) => ({ onClick: () => set({ open: m.id }), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'heldOn', title: t('clueMeet.heldOn'), width: 110, render: (_, m) => formatDate(m.heldOn) },
            { key: 'title', title: t('clueMeet.title'), render: (_, m) => <Typography.Link>{m.title}</Typography.Link> },
            { key: 'org', title: t('clueMeet.org'), width: 180, dataIndex: 'orgName' },
            { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (_, m) => orDash(m.campaignName) },
            { key: 'place', title: t('clueMeet.place'), width: 160, render: (_, m) => orDash(m.place) },
            { key: 'chair', title: t('clueMeet.chair'), width: 100, render: (_, m) => orDash(m.chair?.name) },
            { key: 'count', title: t('clueMeet.count'), width: 80, dataIndex: 'itemCount' },
          ]}
          pagination={{
            current: page,
            pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => set({ page: p, pageSize: s }),
          }}
        />
      )}
      <MeetingForm
        open={creating}
        onClose={(created) => {
          setCreating(false);
          if (created) set({ open: created });
        }}
      />
      <MeetingDrawer id={openId} onClose={() => set({ open: undefined })} />
    </Page>
  );
}

function MeetingDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const query = useMeeting(id);
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size={820} title={query.data?.title ?? t('clueMeet.detail')} destroyOnHidden>
      {query.isPending ? <PageLoading /> : query.isError ? <QueryError error={query.error} /> : <MeetingView meeting={query.data} />}
    </Drawer>
  );
}

function MeetingView({ meeting: m }: { meeting: ClueMeeting }) {
  const { t, label } = useI18n();
  const people = [...m.participants.map((p) => p.name), m.participantsText].filter(Boolean).join('、');
  return (
    <div data-testid="clue-meeting-view">
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'heldOn', label: t('clueMeet.heldOn'), children: formatDate(m.heldOn) },
          { key: 'place', label: t('clueMeet.place'), children: orDash(m.place) },
          { key: 'org', label: t('clueMeet.org'), children: m.orgName },
          { key: 'campaign', label: t('campaignLink.campaign'), children: orDash(m.campaignName) },
          { key: 'chair', label: t('clueMeet.chair'), children: orDash(m.chair?.name) },
          { key: 'participants', label: t('clueMeet.participants'), children: orDash(people), span: 2 },
          { key: 'minutes', label: t('clueMeet.minutes'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(m.minutes)}</span>, span: 2 },
          {
            key: 'created',
            label: t('clueMeet.recordedBy'),
            children: `${m.createdBy?.name ?? t('clue.system')} · ${formatDateTime(m.createdAt)}`,
            span: 2,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('clueMeet.items')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="clueId"
        pagination={false}
        dataSource={m.items}
        columns={[
          {
            key: 'clue',
            title: t('clueMeet.clue'),
            render: (_, i) => (
              <Link to={`/clues/${i.clueId}`}>
                {i.clueNo ?? t('clue.noNumber')} · {i.title}
              </Link>
            ),
          },
          { key: 'subject', title: t('clue.subject'), width: 90, dataIndex: 'subjectName' },
          { key: 'state', title: t('clue.state'), width: 130, render: (_, i) => <ClueStateTag state={i.state} /> },
          { key: 'method', title: t('clueMeet.method'), width: 110, render: (_, i) => (i.method ? label(DISPOSITION_METHOD_LABELS, i.method) : '—') },
          { key: 'decision', title: t('clueMeet.decision'), render: (_, i) => <span style={{ whiteSpace: 'pre-wrap' }}>{i.decision}</span> },
        ]}
      />
    </div>
  );
}
