import { DECISION_ACTION_LABELS, type DecisionAction, DECISION_MACHINE } from '@liandong/domain/meetings/machine';
import { DECISION_STATE_LABELS } from '@liandong/domain/meetings/enums';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Space, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useDecision, useDecisionAction } from './api';
import { DecisionStateTag, LightTag, MeetingTypeTag } from './shared';

/**
 * One decision as its owner org and the chair see it: the decision, its light and deadline, of its meeting only
 * type, title, time and chair (never the other agenda items), the reports, and the owner org's actions.
 */
export function DecisionPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const query = useDecision(id);
  const act = useDecisionAction(id);
  const [asking, setAsking] = useState<DecisionAction | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const d = query.data;
  if (!d) return <PageLoading />;

  const run = async (action: DecisionAction, comment?: string) => {
    try {
      await act.mutateAsync({ action, version: d.version, comment: comment ?? null });
      message.success(t('meeting.actionDone'));
      setAsking(null);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    }
  };
  const onAction = (a: DecisionAction) => (DECISION_MACHINE.table[a].needsComment ? setAsking(a) : void run(a));

  return (
    <Page
      title={t('meeting.decisionTitle', { seq: d.seq })}
      testId="decision-page"
      bare
      extra={
        <Space>
          {d.abilities.actions.map((a) => (
            <Button key={a} type="primary" onClick={() => onAction(a)} loading={act.isPending} data-testid={`decision-action-${a}`}>
              {label(DECISION_ACTION_LABELS, a)}
            </Button>
          ))}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('meeting.decisionContent')} span={2}>
              {d.content}
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.light')}>
              <LightTag value={d.light} />
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.state')}>
              <DecisionStateTag value={d.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.ownerOrg')}>{d.ownerOrg.name}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.deadline')}>{formatDate(d.deadline)}</Descriptions.Item>
            {d.overdueSince ? <Descriptions.Item label={t('meeting.overdueSince')}>{formatDate(d.overdueSince)}</Descriptions.Item> : null}
            {d.doneOn ? <Descriptions.Item label={t('meeting.doneOn')}>{formatDate(d.doneOn)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('meeting.meeting')} span={2}>
              <Space>
                <MeetingTypeTag value={d.meeting.type} />
                {d.meeting.title}
                {formatDateTime(d.meeting.startsAt)}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.chair')}>{d.meeting.chair.name}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.lastReport')}>{orDash(d.lastReport)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('meeting.timeline')}>
          <Timeline
            items={d.timeline.map((e) => ({
              children: `${formatDateTime(e.at)} ${e.actor ?? ''} ${e.action === 'assign' ? t('meeting.assign') : label(DECISION_ACTION_LABELS, e.action as DecisionAction)} ${
                e.toState ? `→ ${label(DECISION_STATE_LABELS, e.toState as keyof typeof DECISION_STATE_LABELS)}` : ''
              } ${e.comment ?? ''}`,
            }))}
          />
        </Card>
      </Flex>
      <Modal
        open={asking !== null}
        title={asking ? label(DECISION_ACTION_LABELS, asking) : ''}
        onCancel={() => setAsking(null)}
        onOk={() => form.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => asking && void run(asking, v.comment.trim())}>
          <Form.Item
            name="comment"
            label={t('meeting.report')}
            rules={[{ required: true, whitespace: true, message: t('meeting.reportRequired') }, { max: 5000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="decision-report" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
