import { Alert, Button, Table, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type PortalRound, usePortalRounds } from './api';

/** /portal/self-inspection — the unit contact's self-inspection rounds, newest first. */
export function PortalRoundsPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = usePortalRounds();
  const open = (r: PortalRound) => void navigate(`/portal/self-inspection/${r.id}`);
  return (
    <Page title={t('selfInspection.menuPortal')} description={t('selfInspection.portalIntro')} testId="portal-self-inspection-page">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('selfInspection.portalHowTo')} />
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<PortalRound>
          rowKey="id"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('selfInspection.noPortalRounds') }}
          onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' }, 'data-testid': `portal-round-${r.seq}` })}
          pagination={false}
          columns={[
            { key: 'campaign', title: t('selfInspection.title'), render: (_, r) => r.campaignName },
            { key: 'round', title: t('selfInspection.round'), render: (_, r) => `${t('selfInspection.roundSeq', { seq: r.seq })} ${r.title}` },
            { key: 'due', title: t('selfInspection.dueOn'), width: 120, render: (_, r) => formatDate(r.dueOn) },
            {
              key: 'state',
              title: t('selfInspection.status'),
              width: 200,
              render: (_, r) => (
                <>
                  {r.overdue ? <Tag color="red">{t('selfInspection.overdue')}</Tag> : null}
                  {r.returned ? (
                    <Tag color="orange">
                      {t('selfInspection.returned')} {r.returned}
                    </Tag>
                  ) : null}
                  {r.toAnswer ? <Tag>{t('selfInspection.toAnswer', { n: r.toAnswer })}</Tag> : <Tag color="green">{t('selfInspection.submitted')}</Tag>}
                </>
              ),
            },
            {
              key: 'open',
              title: '',
              width: 90,
              render: (_, r) => (
                <Button type="link" onClick={() => open(r)}>
                  {t('selfInspection.open')}
                </Button>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
