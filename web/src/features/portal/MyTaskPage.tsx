import { ArrowLeftOutlined } from '@ant-design/icons';
import { CalendarUnconfirmedTag } from '../../components/CalendarUnconfirmedTag';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EventTimeline } from '../../components/EventTimeline';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type TaskDetail, type TaskUpdate, useMyTask } from './api';
import { PlainLight, TaskNextStep } from './components';
import { PlanModal, ReportModal } from './TaskForms';

const KIND: Record<TaskUpdate['kind'], MessageKey> = {
  PLAN: 'portal.kind.PLAN',
  PROGRESS: 'portal.kind.PROGRESS',
  DONE_REPORT: 'portal.kind.DONE_REPORT',
  REVIEW: 'portal.kind.REVIEW',
  ESCALATION: 'portal.kind.ESCALATION',
  REMINDER: 'portal.kind.REMINDER',
};

/** Who took a step, as the unit says it (本单位 / 纪委监委). */
const SIDE: Record<'UNIT' | 'COMMISSION', MessageKey> = { UNIT: 'portal.side.UNIT', COMMISSION: 'portal.side.COMMISSION' };

/** One rectification task of the unit: what is asked, the plan, the reports sent and the commission's answers. */
export function MyTaskPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useMyTask(id);
  const [planOpen, setPlanOpen] = useState(false);
  const [report, setReport] = useState<'reportProgress' | 'reportDone' | null>(null);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const task = query.data;
  const a = task.abilities;
  return (
    <Page
      bare
      testId="portal-task-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/portal/tasks')} aria-label={t('portal.back')} />
          <span data-testid="portal-task-title">{task.issue}</span>
        </Space>
      }
      description={
        task.letter ? `${task.letter.docNo ?? task.letter.title}${task.letterItemNo ? ` · ${t('portal.itemNo', { no: task.letterItemNo })}` : ''}` : undefined
      }
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={16} style={{ marginBottom: 12 }}>
          <PlainLight light={task.light} />
          <TaskNextStep task={task} />
          <span>{t('portal.finishByDate', { date: formatDate(task.deadline) })}</span>
        </Space>
        {a.submitPlan || a.reportProgress || a.reportDone ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={a.submitPlan ? t('portal.planNow', { date: formatDate(task.planDue ?? task.deadline) }) : t('portal.reportNow')}
            action={
              <Space wrap>
                {a.submitPlan ? (
                  <Button type="primary" onClick={() => setPlanOpen(true)} data-testid="portal-task-plan">
                    {task.plan ? t('portal.resubmitPlan') : t('portal.submitPlan')}
                  </Button>
                ) : null}
                {a.reportProgress ? (
                  <Button onClick={() => setReport('reportProgress')} data-testid="portal-task-progress">
                    {t('portal.reportProgress')}
                  </Button>
                ) : null}
                {a.reportDone ? (
                  <Button type="primary" onClick={() => setReport('reportDone')} data-testid="portal-task-done">
                    {t('portal.reportDone')}
                  </Button>
                ) : null}
              </Space>
            }
          />
        ) : null}
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'issue', label: t('portal.taskIssue'), span: 'filled', children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.issue}</span> },
            {
              key: 'outcome',
              label: t('portal.requiredOutcome'),
              span: 'filled',
              children: <span style={{ whiteSpace: 'pre-wrap' }}>{task.requiredOutcome || '—'}</span>,
            },
            { key: 'deadline', label: t('portal.finishBy'), children: formatDate(task.deadline) },
            {
              key: 'planDue',
              label: t('portal.planBy'),
              children: (
                <>
                  {formatDate(task.planDue)} {task.planDueUnconfirmed ? <CalendarUnconfirmedTag /> : null}
                </>
              ),
            },
            { key: 'supervisor', label: t('portal.supervisor'), children: `${task.supervisor.name}（${task.supervisorOrg.name}）` },
            { key: 'responsible', label: t('portal.responsiblePerson'), children: task.responsiblePerson ?? '—' },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <PlanView task={task} />
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('portal.history')} data-testid="portal-task-history">
            <History updates={task.updates} />
          </Card>
        </Col>
      </Row>
      <PlanModal task={task} open={planOpen} onClose={() => setPlanOpen(false)} />
      <ReportModal task={task} kind={report} onClose={() => setReport(null)} />
    </Page>
  );
}

function PlanView({ task }: { task: TaskDetail }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('portal.ourPlan')} style={{ marginBottom: 12 }} data-testid="portal-task-plan-view">
      {task.plan ? (
        <>
          <Typography.Text strong>{t('portal.measures')}</Typography.Text>
          <ol style={{ paddingInlineStart: 20, marginTop: 4 }}>
            {task.plan.measures.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: measures are an ordered list without ids
              <li key={i} style={{ whiteSpace: 'pre-wrap' }}>
                {m}
              </li>
            ))}
          </ol>
          <Typography.Text strong>{t('portal.timetable')}</Typography.Text>
          <Table
            rowKey={(_, i) => String(i)}
            size="small"
            pagination={false}
            dataSource={task.plan.timetable}
            columns={[
              { key: 'step', title: t('portal.step'), render: (_, s) => s.step },
              { key: 'due', title: t('portal.stepDue'), width: 120, render: (_, s) => formatDate(s.due) },
            ]}
          />
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noPlan')} />
      )}
    </Card>
  );
}

function History({ updates }: { updates: TaskUpdate[] }) {
  const { t } = useI18n();
  if (!updates.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...updates].sort((x, y) => y.at.localeCompare(x.at));
  return (
    <EventTimeline
      entries={sorted.map((u) => ({
        key: u.id,
        color: u.kind === 'ESCALATION' || u.kind === 'REMINDER' ? 'red' : u.kind === 'REVIEW' ? 'purple' : 'blue',
        testId: `portal-task-update-${u.kind}`,
        // The unit's own steps (adopting the letter, its plan and reports) read as the unit's, not the commission's.
        heading: <Typography.Text strong>{t(u.side === 'UNIT' && u.kind === 'REVIEW' ? 'portal.kind.UNIT_REVIEW' : KIND[u.kind])}</Typography.Text>,
        who: u.side === 'SYSTEM' || !u.actor ? t('portal.system') : `${t(SIDE[u.side])} · ${u.actor.name}`,
        at: u.at,
        text: u.content,
        attachments: u.attachments,
      }))}
    />
  );
}
