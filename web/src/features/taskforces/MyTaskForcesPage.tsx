import { TASK_FORCE_PURPOSE_LABELS, TASK_FORCE_ROLE_LABELS } from '@liandong/domain/taskforces/enums';
import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type MyTaskForces, useMyTaskForces } from './api';

type Row = MyTaskForces['items'][number];

/** 我的专班: the caller's terms on task forces, current first, ended ones kept. */
export function MyTaskForcesPage() {
  const t = useT();
  const query = useMyTaskForces();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Page title={t('taskforce.mine')} description={t('taskforce.mineHint')} testId="tf-mine">
      <Table<Row>
        rowKey="memberId"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('taskforce.none') }}
        columns={[
          {
            title: t('taskforce.name'),
            render: (_, r) => (r.campaign && r.active ? <Link to={`/campaigns/${r.campaign.id}/task-force`}>{r.taskForceName}</Link> : r.taskForceName),
          },
          { title: t('taskforce.purpose'), render: (_, r) => <EnumTag labels={TASK_FORCE_PURPOSE_LABELS} value={r.purpose} /> },
          { title: t('taskforce.campaign'), render: (_, r) => r.campaign?.name ?? '—' },
          { title: t('taskforce.role'), render: (_, r) => <EnumTag labels={TASK_FORCE_ROLE_LABELS} value={r.role} colors={{ CO_LEADER: 'gold' }} /> },
          { title: t('taskforce.fromOrg'), render: (_, r) => r.fromOrg?.name ?? '—' },
          { title: t('taskforce.period'), render: (_, r) => `${formatDate(r.validFrom)} — ${formatDate(r.validTo)}` },
          { title: t('taskforce.status'), render: (_, r) => (r.active ? <Tag color="green">{t('taskforce.active')}</Tag> : <Tag>{t('taskforce.ended')}</Tag>) },
        ]}
      />
    </Page>
  );
}
