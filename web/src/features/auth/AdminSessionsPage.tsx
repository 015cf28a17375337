import type { Session } from '@liandong/domain/auth/contracts';
import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Input, Popconfirm, Table } from 'antd';
import { useMemo, useState } from 'react';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { toColumns } from '../../components/entity';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { useAllSessions, useRevokeSession } from './api';
import { sessionFields } from './columns';

/** 在线用户: every live session of the commission, with forced logout (强制下线). */
export function AdminSessionsPage() {
  const t = useT();
  const { message } = App.useApp();
  const query = useAllSessions();
  const revoke = useRevokeSession();
  const onError = useApiErrorHandler();
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const items = query.data?.items ?? [];
    return q ? items.filter((s) => s.username.toLowerCase().includes(q) || s.displayName.includes(q) || (s.ip ?? '').includes(q)) : items;
  }, [query.data, filter]);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const columns = [
    ...toColumns(sessionFields(t, true)),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      render: (_: unknown, s: Session) =>
        s.current ? null : (
          <Popconfirm
            title={t('sessions.forceConfirm', { name: s.displayName })}
            onConfirm={() =>
              revoke.mutateAsync(s.id).then(
                () => message.success(t('sessions.forced')),
                (err: unknown) => onError(err),
              )
            }
          >
            <Button size="small" danger type="link" data-testid="session-force-logout">
              {t('sessions.force')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Page
      title={t('menu.adminSessions')}
      description={t('sessions.onlineCount', { count: query.data?.items.length ?? 0 })}
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('sessions.filter')}
            aria-label={t('sessions.filter')}
            onSearch={setFilter}
            onChange={(e) => !e.target.value && setFilter('')}
            style={{ width: 240 }}
          />
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
            {t('common.refresh')}
          </Button>
        </>
      }
    >
      <Table<Session>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={rows}
        columns={columns}
        pagination={{ pageSize: 20, showSizeChanger: false }}
      />
    </Page>
  );
}
