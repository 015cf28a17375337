import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type InboxMessage, useInbox, useMarkAllRead, useMarkRead } from './api';

/** 消息: the in-app inbox with unread filter, mark read and read-all. */
export function InboxPage() {
  const t = useT();
  const { message } = App.useApp();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [limit, setLimit] = useState(50);
  const query = useInbox(unreadOnly, limit);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();

  const open = async (m: InboxMessage) => {
    try {
      if (!m.readAt) await markRead.mutateAsync(m.id);
    } catch (err) {
      onError(err);
    }
    if (m.link?.startsWith('/')) await navigate(m.link);
  };

  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  return (
    <Page
      title={t('menu.inbox')}
      description={t('inbox.unreadCount', { count: query.data?.unread ?? 0 })}
      extra={
        <>
          <Segmented<string>
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[
              { value: 'all', label: t('inbox.all') },
              { value: 'unread', label: t('inbox.unread') },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            disabled={!query.data?.unread}
            loading={markAll.isPending}
            onClick={() => markAll.mutateAsync().then(() => message.success(t('inbox.allRead')), onError)}
          >
            {t('inbox.readAll')}
          </Button>
        </>
      }
    >
      <Table<InboxMessage>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} /> }}
        pagination={false}
        onRow={(m) => ({ onClick: () => void open(m), style: { cursor: 'pointer' } })}
        columns={[
          {
            key: 'title',
            title: t('inbox.title'),
            render: (_, m) => (
              <div>
                <Badge status={m.readAt ? 'default' : 'processing'} />
                <Typography.Text className={m.readAt ? undefined : 'ld-unread'}>{m.title}</Typography.Text>
                {m.body ? (
                  <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0 14px', whiteSpace: 'pre-wrap' }}>
                    {m.body}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
          },
          { key: 'kind', title: t('inbox.kind'), width: 140, render: (_, m) => <Tag>{m.kind}</Tag> },
          { key: 'createdAt', title: t('inbox.createdAt'), width: 160, render: (_, m) => formatDateTime(m.createdAt) },
          {
            key: 'readAt',
            title: t('inbox.readAt'),
            width: 160,
            render: (_, m) => (m.readAt ? formatDateTime(m.readAt) : <Tag color="blue">{t('inbox.unread')}</Tag>),
          },
        ]}
        footer={
          items.length >= limit
            ? () => (
                <Button type="link" onClick={() => setLimit((l) => l + 50)}>
                  {t('common.loadMore')}
                </Button>
              )
            : undefined
        }
      />
    </Page>
  );
}
