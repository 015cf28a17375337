import { ArrowLeftOutlined } from '@ant-design/icons';
import { CalendarUnconfirmedTag } from '../../components/CalendarUnconfirmedTag';
import { ACCOUNTABILITY_METHOD_LABELS, TASK_SOURCE_LABELS } from '@liandong/domain/reform/enums';
import { TASK_STATE_LABELS } from '@liandong/domain/reform/machine';
import { Button, Card, Col, Descriptions, Empty, Flex, List, Row, Space, Table, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { EventTimeline, StateChangeHeading } from '../../components/EventTimeline';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type TaskDetail, type TaskUpdate, useTask } from './api';
import { Deadline, EscalationLadder, LightBadge, TaskStateTag } from './components';
import { TaskActions } from './TaskActions';

const UPDATE_KIND: Record<TaskUpdate['kind'], MessageKey> = {
  PLAN: 'rect.kind.PLAN',
  PROGRESS: 'rect.kind.PROGRESS',
  DONE_REPORT: 'rect.kind.DONE_REPORT',
  REVIEW: 'rect.kind.REVIEW',
  ESCALATION: 'rect.kind.ESCALATION',
  REMINDER: 'rect.kind.REMINDER',
};
const UPDATE_COLOR: Record<TaskUpdate['kind'], string> = {
  PLAN: 'blue',
  PROGRESS: 'cyan',
  DONE_REPORT: 'green',
  REVIEW: 'purple',
  ESCALATION: 'red',
  REMINDER: 'orange',
};

/** 整改任务: the issue and deadline, the unit's plan, progress and evidence, the supervisor's actions and the timeline. */
export function TaskPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useTask(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const task = query.data;
  return (
    <Page
      bare
      testId="task-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('letter.back')} />
          <span data-testid="task-title">{task.issue}</span>
        </Space>
      }
      description={`${task.unit.name} · ${t('rect.supervisor')}：${task.supervisor.name}（${task.supervisorOrg.name}）`}
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={16} justify="space-between" align="center">
          <Space size={16} wrap>
            <LightBadge light={task.light} taskId={task.id} />
            <span data-testid="task-state" data-state={task.state}>
              <TaskStateTag state={task.state} />
            </span>
            <Deadline date={task.deadline} light={task.light} />
          </Space>
          <TaskActions task={task} />
        </Flex>
        {task.escalationStep || task.state === 'OVERDUE' ? (
          <div style={{ marginTop: 12 }}>
            <EscalationLadder current={task.escalationStep} />
          </div>
        ) : null}
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <BasicsCard task={task} />
          <PlanCard task={task} />
          {task.accountabilities.length ? (
            <Card size="small" title={t('rect.accountabilities')} style={{ marginBottom: 12 }} data-testid="task-accountabilities">
              <List
                size="small"
                dataSource={task.accountabilities}
                renderItem={(a) => (
                  <List.Item key={a.id}>
                    <Link to="/accountability">{`${a.targetName} · ${label(ACCOUNTABILITY_METHOD_LABELS, a.method)} · ${formatDate(a.decidedOn)}`}</Link>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('rect.timeline')} data-testid="task-timeline">
            <TaskTimeline updates={task.updates} />
          </Card>
        </Col>
      </Row>
    </Page>
  );
}

function BasicsCard({ task }: { task: TaskDetail }) {
  const { t, label } = useI18n();
  return (
    <Card size="small" title={t('rect.basics')} style={{ marginBottom: 12 }}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'source',
            label: t('rect.source'),
            children: task.letter ? (
              <Link to={`/letters/${task.letter.id}`}>
                {`${task.letter.docNo ?? task.letter.title}${task.letterItemNo ? ` · ${t('rect.itemNo', { no: task.letterItemNo })}` : ''}`}
              </Link>
            ) : (
              label(TASK_SOURCE_LABELS, task.source)
            ),
          },
          { key: 'unit', label: t('rect.unit'), children: task.unit.name },
          { key: 'responsible', label: t('rect.responsiblePerson'), children: task.responsiblePerson ?? '—' },
          {
            key: 'planDue',
            label: t('rect.planDue'),
            children: (
              <>
                {formatDate(task.planDue)} {task.planDueUnconfirmed ? <CalendarUnconfirmedTag /> : null}
              </>
            ),
          },
          { key: 'verifiedOn', label: t('rect.verifiedOn'), children: formatDate(task.verifiedOn) },
          { key: 'closedOn', label: t('rect.closedOn'), children: formatDate(task.closedOn) },
          { key: 'issue', label: t('rect.issue'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.issue}</span> },
          {
            key: 'outcome',
            label: t('rect.requiredOutcome'),
            span: 'filled',
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.requiredOutcome || '—'}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** 整改方案: 任务图 (measures) and 时间表 (timetable) as the unit submitted them. */
function PlanCard({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('rect.plan')} style={{ marginBottom: 12 }} data-testid="task-plan">
      {task.plan ? (
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Typography.Text strong>{t('rect.measures')}</Typography.Text>
            <ol style={{ paddingInlineStart: 20, marginTop: 4 }}>
              {task.plan.measures.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: measures are an ordered list without ids
                <li key={i} style={{ whiteSpace: 'pre-wrap' }}>
                  {m}
                </li>
              ))}
            </ol>
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text strong>{t('rect.timetable')}</Typography.Text>
            <Table
              rowKey={(_, i) => String(i)}
              size="small"
              pagination={false}
              dataSource={task.plan.timetable}
              columns={[
                { key: 'step', title: t('rect.step'), render: (_, s) => s.step },
                { key: 'due', title: t('rect.stepDue'), width: 110, render: (_, s) => formatDate(s.due) },
              ]}
            />
          </Col>
        </Row>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rect.noPlan')} />
      )}
    </Card>
  );
}

/** 整改过程: plans, progress and completion reports with evidence, reviews, escalations and reminders, newest first. */
export function TaskTimeline({ updates }: { updates: TaskUpdate[] }) {
  const { t, label } = useI18n();
  if (!updates.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...updates].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <EventTimeline
      entries={sorted.map((u) => ({
        key: u.id,
        color: UPDATE_COLOR[u.kind],
        testId: `task-update-${u.kind}`,
        heading: (
          <StateChangeHeading
            action={t(UPDATE_KIND[u.kind])}
            from={u.fromState}
            to={u.toState}
            stateLabel={(s) => label(TASK_STATE_LABELS, s)}
            stateTag={(s) => <TaskStateTag state={s} />}
          />
        ),
        who: u.actor?.name ?? t('letter.system'),
        at: u.at,
        text: u.content,
        attachments: u.attachments,
      }))}
    />
  );
}
