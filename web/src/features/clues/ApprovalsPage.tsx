import { APPROVER_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_ACTION_LABELS } from '@liandong/domain/clues/machine';
import { Empty, Popover, Segmented, Space, Table, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type ClueRequest, useClueRequests } from './api';
import { ChainSteps, DecisionButtons, PayloadView } from './approvals';

/** 待我审批: pending requests whose next step the user may decide, with quick 同意 / 不同意. */
export function ApprovalsPage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const mine = sp.get('scope') !== 'all';
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20));
  const query = useClueRequests(mine, page, pageSize);
  const set = (patch: Record<string, string | number>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) next.set(k, String(v));
    setSp(next, { replace: true });
  };

  return (
    <Page
      title={t('clue.menuApprovals')}
      description={t('clue.approvalsHint')}
      testId="clue-approvals-page"
      extra={
        <Segmented<string>
          value={mine ? 'mine' : 'all'}
          onChange={(v) => set({ scope: v, page: 1 })}
          options={[
            { value: 'mine', label: t('clueReq.mine') },
            { value: 'all', label: t('clueReq.allPending') },
          ]}
          data-testid="clue-approvals-scope"
        />
      }
    >
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<ClueRequest>
          size="small"
          rowKey="id"
          data-testid="clue-approvals-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueReq.empty')} /> }}
          expandable={{
            expandedRowRender: (r) => (
              <div style={{ maxWidth: 720 }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                  <Typography.Text type="secondary">{t('clueReq.rationale')}：</Typography.Text>
                  {r.rationale}
                </Typography.Paragraph>
                <PayloadView request={r} />
                <ChainSteps request={r} />
              </div>
            ),
          }}
          columns={[
            {
              key: 'clue',
              title: t('clueReq.clue'),
              render: (_, r) => (
                <Link to={`/clues/${r.clueId}?tab=approvals`} data-testid={`clue-approvals-open-${r.id}`}>
                  {r.clueNo ?? t('clue.noNumber')} · {r.clueTitle}
                </Link>
              ),
            },
            { key: 'subject', title: t('clue.subject'), width: 100, dataIndex: 'subjectName' },
            {
              key: 'action',
              title: t('clueReq.action'),
              width: 150,
              render: (_, r) => (
                <Popover content={<PayloadView request={r} />} trigger="hover">
                  <Typography.Text strong>{label(CLUE_ACTION_LABELS, r.action)}</Typography.Text>
                </Popover>
              ),
            },
            {
              key: 'step',
              title: t('clueReq.nextStep'),
              width: 170,
              render: (_, r) =>
                r.nextApprover ? `${t('clueReq.stepOf', { n: r.nextStep + 1, total: r.chain.length })} · ${label(APPROVER_LABELS, r.nextApprover)}` : '—',
            },
            {
              key: 'requested',
              title: t('clueReq.requestedBy'),
              width: 170,
              render: (_, r) => (
                <Space orientation="vertical" size={0}>
                  <span>{r.requestedBy?.name ?? t('clue.system')}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.requestedAt)}
                  </Typography.Text>
                </Space>
              ),
            },
            { key: 'ops', title: t('common.actions'), width: 190, render: (_, r) => <DecisionButtons request={r} size="small" /> },
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
    </Page>
  );
}
