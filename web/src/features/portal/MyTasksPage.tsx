import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type TaskListItem, useMyTasks } from './api';
import { PlainLight, TaskNextStep } from './components';

/** 我的整改任务: the unit's rectification tasks, what is due next and by when. */
export function MyTasksPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  // ?light=RED|YELLOW: the 工作台's card shows the unit's overdue or due-soon tasks here, the filter stays visible.
  const [sp, setSp] = useSearchParams();
  const light = (['RED', 'YELLOW', 'GREEN', 'DONE'] as Light[]).find((l) => l === sp.get('light'));
  const query = useMyTasks(page.page, page.pageSize, undefined, light);
  return (
    <Page title={t('portal.menuTasks')} description={t('portal.tasksIntro')} testId="portal-tasks-page">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('portal.tasksHowTo')} />
      {light ? (
        <Tag closable onClose={() => setSp({}, { replace: true })} style={{ marginBottom: 12 }} data-testid="portal-tasks-light">
          {t('portal.onlyLight', { light: label(LIGHT_LABELS, light) })}
        </Tag>
      ) : null}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<TaskListItem>
          rowKey="id"
          size="middle"
          data-testid="portal-tasks-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: t('portal.noTasks') }}
          onRow={(task) => ({
            onClick: () => void navigate(`/portal/tasks/${task.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `portal-task-row-${task.id}`,
          })}
          columns={[
            { key: 'light', title: t('portal.timing'), width: 100, render: (_, task) => <PlainLight light={task.light} /> },
            {
              key: 'issue',
              title: t('portal.taskIssue'),
              ellipsis: true,
              render: (_, task) => (
                <Link to={`/portal/tasks/${task.id}`} data-testid={`portal-task-link-${task.id}`}>
                  {task.issue}
                </Link>
              ),
            },
            {
              key: 'from',
              title: t('portal.fromLetter'),
              width: 200,
              ellipsis: true,
              render: (_, task) =>
                task.letter ? (
                  <Typography.Text>
                    {task.letter.docNo ?? task.letter.title}
                    {task.letterItemNo ? ` · ${t('portal.itemNo', { no: task.letterItemNo })}` : ''}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
            { key: 'deadline', title: t('portal.finishBy'), width: 120, render: (_, task) => formatDate(task.deadline) },
            { key: 'next', title: t('portal.nextStep'), width: 200, render: (_, task) => <TaskNextStep task={task} /> },
            {
              key: 'open',
              title: '',
              width: 90,
              render: (_, task) => (
                <Button type="link" onClick={() => void navigate(`/portal/tasks/${task.id}`)}>
                  {t('portal.open')}
                </Button>
              ),
            },
          ]}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, pageSize) => setPage({ page: p, pageSize }),
          }}
        />
      )}
    </Page>
  );
}
