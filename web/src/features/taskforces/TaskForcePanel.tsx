import { TASK_FORCE_PURPOSE_LABELS } from '@liandong/domain/taskforces/enums';
import { Alert, Button, Descriptions, Empty, Flex, Space, Tag } from 'antd';
import { useState } from 'react';
import { EnumTag } from '../../components/EnumTag';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { useTaskForce } from './api';
import { MembersCard } from './MembersCard';
import { TaskForceForm } from './TaskForceForm';

/**
 * 工作专班 of one campaign (issue 10): form it with its 双组长, change it, add members with their 抽调单位 and
 * dates, end a member's term; the history of terms stays visible. Buttons follow the server's abilities.
 * Mounted as a tab of the campaign page and on its own at /campaigns/:id/task-force.
 */
export function TaskForcePanel({ campaignId }: { campaignId: string }) {
  const t = useT();
  const query = useTaskForce(campaignId);
  const [editing, setEditing] = useState(false);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const view = query.data;
  const tf = view.taskForce;
  const leaders = (tf?.members ?? []).filter((m) => m.role === 'CO_LEADER' && !m.ended && m.active);
  return (
    <div data-testid="tf-panel">
      <Alert type="info" showIcon title={t('taskforce.hint')} style={{ marginBottom: 12 }} />
      {tf ? (
        <>
          <Flex justify="flex-end" style={{ marginBottom: 8 }}>
            {view.abilities.update ? (
              <Button onClick={() => setEditing(true)} data-testid="tf-edit">
                {t('taskforce.edit')}
              </Button>
            ) : null}
          </Flex>
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('taskforce.name')}>{tf.name}</Descriptions.Item>
            <Descriptions.Item label={t('taskforce.purpose')}>
              <EnumTag labels={TASK_FORCE_PURPOSE_LABELS} value={tf.purpose} />
            </Descriptions.Item>
            <Descriptions.Item label={t('taskforce.dates')}>{`${formatDate(tf.validFrom)} — ${formatDate(tf.validTo)}`}</Descriptions.Item>
            <Descriptions.Item label={t('taskforce.coLeaders')}>
              <Space wrap>
                {leaders.map((m) => (
                  <Tag key={m.id} color="gold">{`${m.user.name}（${m.fromOrg?.name ?? ''}${m.user.position ? ` · ${m.user.position}` : ''}）`}</Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('taskforce.note')} span={2}>
              {tf.note || '—'}
            </Descriptions.Item>
          </Descriptions>
          <MembersCard view={view} tf={tf} />
        </>
      ) : (
        <Empty description={t('taskforce.notFormed')}>
          {view.abilities.create ? (
            <Button type="primary" onClick={() => setEditing(true)} data-testid="tf-form">
              {t('taskforce.form')}
            </Button>
          ) : null}
        </Empty>
      )}
      {editing ? <TaskForceForm view={view} open onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
