import { OVERDUE_KIND_LABELS, type OverdueKind } from '@liandong/domain/clues/enums';
import { Card, Col, Empty, Flex, Row, Segmented, Statistic, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueOverdueItem, useOverdue } from './api';
import { ClueStateTag, DueText, useWorkCalendar } from './components';

type Which = 'all' | 'overdue' | 'soon';

/** 到期预警: per kind of time limit, how many clues are due or past and how many fall due within 5 working days. */
export function OverduePage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const query = useOverdue();
  const cal = useWorkCalendar();
  const kind = (sp.get('kind') as OverdueKind | null) ?? undefined;
  const which = (['overdue', 'soon'].includes(sp.get('which') ?? '') ? sp.get('which') : 'all') as Which;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSp(next, { replace: true });
  };

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const counts = (data?.counts ?? []).filter((c) => c.overdue + c.dueSoon > 0 || !kind || c.kind === kind);
  const items = (data?.items ?? []).filter((i) => (!kind || i.kind === kind) && (which === 'all' || (which === 'overdue' ? i.overdue : !i.overdue)));

  return (
    <Page
      bare
      title={t('clue.menuOverdue')}
      description={data ? `${t('clue.overdueHint')}（${formatDate(data.today)} — ${formatDate(data.soonUntil)}）` : t('clue.overdueHint')}
      testId="clue-overdue-page"
    >
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="clue-overdue-cards">
        {counts.map((c) => {
          const active = kind === c.kind;
          return (
            <Col key={c.kind} xs={12} md={8} xl={6} xxl={4}>
              <Card
                size="small"
                hoverable
                onClick={() => set({ kind: active ? undefined : c.kind })}
                style={{ borderColor: active ? '#b3161f' : undefined, cursor: 'pointer' }}
                data-testid={`clue-overdue-card-${c.kind}`}
              >
                <Typography.Text strong>{label(OVERDUE_KIND_LABELS, c.kind)}</Typography.Text>
                <Flex gap={24} style={{ marginTop: 8 }}>
                  <Statistic title={t('clueDue.dueNow')} value={c.overdue} styles={{ content: { color: c.overdue ? '#cf1322' : undefined } }} />
                  <Statistic title={t('clueDue.dueSoon')} value={c.dueSoon} styles={{ content: { color: c.dueSoon ? '#d48806' : undefined } }} />
                </Flex>
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{kind ? label(OVERDUE_KIND_LABELS, kind) : t('clueDue.all')}</Typography.Text>
          <Segmented<Which>
            value={which}
            onChange={(v) => set({ which: v === 'all' ? undefined : v })}
            options={[
              { value: 'all', label: t('clueDue.all') },
              { value: 'overdue', label: t('clueDue.dueNow') },
              { value: 'soon', label: t('clueDue.dueSoon') },
            ]}
          />
        </Flex>
        <Table<ClueOverdueItem>
          size="small"
          rowKey={(i) => `${i.clueId}-${i.kind}`}
          loading={query.isFetching}
          dataSource={items}
          data-testid="clue-overdue-table"
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueDue.empty')} /> }}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
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
            { key: 'subject', title: t('clue.subject'), width: 100, dataIndex: 'subjectName' },
            { key: 'kind', title: t('clue.overdueKind'), width: 150, render: (_, i) => label(OVERDUE_KIND_LABELS, i.kind) },
            { key: 'state', title: t('clue.state'), width: 130, render: (_, i) => <ClueStateTag state={i.state} /> },
            { key: 'org', title: t('clue.undertakingOrg'), width: 170, ellipsis: true, render: (_, i) => i.undertakingOrgName ?? '—' },
            { key: 'due', title: t('clueDue.due'), width: 150, render: (_, i) => <DueText due={i.dueOn} cal={cal} unconfirmed={i.calendarUnconfirmed} /> },
          ]}
        />
      </Card>
    </Page>
  );
}
