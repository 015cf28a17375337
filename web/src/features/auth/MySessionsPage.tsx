import type { Session } from '@liandong/domain/auth/contracts';
import { App, Button, Popconfirm, Table } from 'antd';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { toColumns } from '../../components/entity';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { useMySessions, useRevokeSession } from './api';
import { sessionFields } from './columns';

/** 我的会话: where the account is signed in; other sessions can be ended. */
export function MySessionsPage() {
  const t = useT();
  const { message } = App.useApp();
  const query = useMySessions();
  const revoke = useRevokeSession();
  const onError = useApiErrorHandler();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const columns = [
    ...toColumns(sessionFields(t, false)),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_: unknown, s: Session) =>
        s.current ? null : (
          <Popconfirm
            title={t('sessions.endConfirm')}
            onConfirm={() =>
              revoke.mutateAsync(s.id).then(
                () => message.success(t('sessions.ended')),
                (err: unknown) => onError(err),
              )
            }
          >
            <Button size="small" danger type="link">
              {t('sessions.end')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Page title={t('menu.mySessions')} description={t('sessions.mineHint')}>
      <Table<Session> rowKey="id" size="small" loading={query.isPending} dataSource={query.data?.items} columns={columns} pagination={false} />
    </Page>
  );
}
