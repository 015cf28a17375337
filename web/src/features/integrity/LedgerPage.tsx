import { PlusOutlined } from '@ant-design/icons';
import { INTEGRITY_STATE_LABELS, type IntegrityState } from '@liandong/domain/integrity/enums';
import { Alert, Button, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { ExportButton } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { NotFound, QueryError } from '../../components/Results';
import { useI18n } from '../../lib/i18n';
import { DueTag } from './DueTag';
import { type IntegrityFilters, type IntegritySummary, integrityUrls, useReplies } from './api';
import { CreateDrawer } from './CreateDrawer';

const STATES = Object.keys(INTEGRITY_STATE_LABELS) as IntegrityState[];
const COLORS: Record<IntegrityState, string> = { DRAFT: 'default', SUBMITTED: 'processing', RETURNED: 'warning', APPROVED: 'cyan', ISSUED: 'success' };

/** 党风廉政意见回复台账: the replies the caller may see (404 for anyone else), filters, Excel export, registering. */
export function LedgerPage() {
  const { t, label } = useI18n();
  const [filters, setFilters] = useState<IntegrityFilters>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const q = useReplies(filters);
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns = [
    {
      key: 'requestingOrg',
      title: t('integrity.requestingOrg'),
      render: (r: IntegritySummary) => <Link to={`/integrity/${r.id}`}>{r.requestingOrg}</Link>,
    },
    { key: 'purpose', title: t('integrity.purpose'), dataIndex: 'purpose' },
    { key: 'cadres', title: t('integrity.cadres'), render: (r: IntegritySummary) => r.cadreNames.join('、') },
    { key: 'receivedOn', title: t('integrity.receivedOn'), dataIndex: 'receivedOn', width: 110 },
    {
      key: 'dueOn',
      title: t('integrity.dueOn'),
      width: 130,
      render: (r: IntegritySummary) => (
        <span>
          {r.dueOn} <DueTag r={r} />
        </span>
      ),
    },
    {
      key: 'state',
      title: t('integrity.state'),
      width: 110,
      render: (r: IntegritySummary) => <Tag color={COLORS[r.state]}>{label(INTEGRITY_STATE_LABELS, r.state)}</Tag>,
    },
    { key: 'docNo', title: t('integrity.docNo'), dataIndex: 'docNo', width: 170 },
    { key: 'flagged', title: t('integrity.flagged'), dataIndex: 'flagged', width: 100 },
  ];
  return (
    <Page
      title={t('integrity.title')}
      description={t('integrity.hint')}
      testId="integrity-ledger"
      extra={
        <>
          <ExportButton url={integrityUrls.export(filters)} filename={t('integrity.exportFile')} success={t('integrity.exported')}>
            {t('integrity.export')}
          </ExportButton>
          {q.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="integrity-create">
              {t('integrity.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Alert type="warning" showIcon title={t('integrity.secrecy')} style={{ marginBottom: 12 }} />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('integrity.search')}
          aria-label={t('integrity.search')}
          onSearch={(v) => setFilters({ ...filters, q: v || undefined, page: 1 })}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('integrity.state')}
          aria-label={t('integrity.state')}
          value={filters.state}
          onChange={(v) => setFilters({ ...filters, state: v, page: 1 })}
          options={STATES.map((s) => ({ value: s, label: label(INTEGRITY_STATE_LABELS, s) }))}
        />
      </Flex>
      <Table
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('integrity.empty') }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: q.data?.total ?? 0,
          onChange: (page, pageSize) => setFilters({ ...filters, page, pageSize }),
        }}
      />
      <CreateDrawer open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
