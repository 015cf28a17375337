import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { AGENDA_KIND_LABELS, ATTENDANCE_LABELS, MEETING_STATE_LABELS } from '@liandong/domain/meetings/enums';
import { MEETING_ACTION_LABELS, type MeetingAction } from '@liandong/domain/meetings/machine';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, List, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type Decision, exportUrls, type MeetingDetail, useAddDecision, useMeeting, useMeetingAction, useUpdateMeeting } from './api';
import { MeetingForm } from './MeetingForm';
import { ClassificationTag, DecisionStateTag, LightTag, MeetingStateTag, MeetingTypeTag } from './shared';

/** A meeting: overview, agenda, attendance, the 纪要 (edit, issue, DOCX), its decisions and the actions the server allows. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const query = useMeeting(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading />;
  return <MeetingView m={query.data} key={`${query.data.id}:${query.data.version}`} t={t} />;
}

function MeetingView({ m, t }: { m: MeetingDetail; t: ReturnType<typeof useI18n>['t'] }) {
  const { label } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useMeetingAction(m.id);
  const update = useUpdateMeeting(m.id);
  const [minutes, setMinutes] = useState(m.minutes);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  const reason = useRef('');

  const run = async (action: MeetingAction, comment?: string) => {
    try {
      await act.mutateAsync({ action, version: m.version, comment: comment ?? null });
      message.success(t('meeting.actionDone'));
    } catch (err) {
      onError(err);
    }
  };
  const onAction = (action: MeetingAction) => {
    if (action !== 'cancel') return void run(action);
    modal.confirm({
      title: label(MEETING_ACTION_LABELS, action),
      content: (
        <Input.TextArea
          placeholder={t('meeting.cancelReason')}
          onChange={(e) => {
            reason.current = e.target.value;
          }}
          data-testid="meeting-cancel-reason"
        />
      ),
      onOk: () => run('cancel', reason.current),
    });
  };
  const saveMinutes = async () => {
    try {
      await update.mutateAsync({ version: m.version, minutes });
      message.success(t('meeting.saved'));
    } catch (err) {
      onError(err);
    }
  };

  return (
    <Page
      title={m.title}
      testId="meeting-page"
      bare
      extra={
        <Space wrap>
          {m.abilities.edit ? (
            <Button onClick={() => setEditing(true)} data-testid="meeting-edit">
              {t('meeting.edit')}
            </Button>
          ) : null}
          {m.abilities.actions.map((a) => (
            <Button
              key={a}
              type={a === 'cancel' ? 'default' : 'primary'}
              danger={a === 'cancel'}
              loading={act.isPending}
              onClick={() => onAction(a)}
              data-testid={`meeting-action-${a}`}
            >
              {label(MEETING_ACTION_LABELS, a)}
            </Button>
          ))}
          {m.abilities.minutesDocx ? (
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void downloadFile(exportUrls.minutes(m.id), `${m.title}${t('meeting.minutesFile')}`).catch(onError)}
              data-testid="meeting-docx"
            >
              {t('meeting.minutesDocx')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('meeting.type')}>
              <MeetingTypeTag value={m.type} />
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.state')}>
              <span data-testid="meeting-state" data-state={m.state}>
                <MeetingStateTag value={m.state} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('meeting.startsAt')}>{formatDateTime(m.startsAt)}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.place')}>{orDash(m.place)}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.chair')}>{m.chair.name}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.organiser')}>{m.organiser.name}</Descriptions.Item>
            <Descriptions.Item label={t('meeting.classification')}>
              <ClassificationTag value={m.classification} />
            </Descriptions.Item>
            {m.minutesIssuedOn ? <Descriptions.Item label={t('meeting.minutesIssuedOn')}>{formatDate(m.minutesIssuedOn)}</Descriptions.Item> : null}
            {m.cancelReason ? <Descriptions.Item label={t('meeting.cancelReason')}>{m.cancelReason}</Descriptions.Item> : null}
          </Descriptions>
        </Card>
        <Card title={t('meeting.agenda')}>
          <List
            size="small"
            dataSource={m.agenda}
            renderItem={(a) => (
              <List.Item>
                <Space>
                  <Tag>{label(AGENDA_KIND_LABELS, a.kind)}</Tag>
                  {a.seq}. {a.title}
                  {a.reporterOrg ? <Typography.Text type="secondary">（{a.reporterOrg.name}）</Typography.Text> : null}
                  {a.workReport ? <Link to={`/work-reports/${a.workReport.id}`}>{a.workReport.title}</Link> : null}
                </Space>
              </List.Item>
            )}
          />
        </Card>
        <Card title={t('meeting.attendees')}>
          <Table
            size="small"
            rowKey={(a) => `${a.userId ?? ''}:${a.name}`}
            pagination={false}
            dataSource={m.attendees}
            columns={[
              { key: 'name', title: t('meeting.attendeeName'), render: (_, a) => a.name },
              { key: 'unit', title: t('meeting.attendeeUnit'), render: (_, a) => orDash(a.unit) },
              { key: 'attendance', title: t('meeting.attendance'), width: 100, render: (_, a) => label(ATTENDANCE_LABELS, a.attendance) },
              { key: 'reason', title: t('meeting.leaveReason'), render: (_, a) => orDash(a.leaveReason) },
            ]}
          />
        </Card>
        <Card
          title={t('meeting.minutes')}
          extra={
            m.abilities.edit ? (
              <Button onClick={() => void saveMinutes()} loading={update.isPending} disabled={minutes === m.minutes} data-testid="meeting-minutes-save">
                {t('meeting.saveMinutes')}
              </Button>
            ) : null
          }
        >
          {m.abilities.edit ? (
            <Input.TextArea
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              autoSize={{ minRows: 4, maxRows: 16 }}
              placeholder={t('meeting.minutesHint')}
              data-testid="meeting-minutes"
            />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{orDash(m.minutes)}</Typography.Paragraph>
          )}
        </Card>
        <Card
          title={t('meeting.decisions')}
          extra={
            m.abilities.addDecision ? (
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="decision-add">
                {t('meeting.addDecision')}
              </Button>
            ) : null
          }
        >
          <Table<Decision>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.decisions}
            columns={[
              { key: 'light', title: t('meeting.light'), width: 80, render: (_, d) => <LightTag value={d.light} /> },
              {
                key: 'content',
                title: t('meeting.decisionContent'),
                render: (_, d) => <Link to={`/meetings/decisions/${d.id}`}>{`${d.seq}. ${d.content}`}</Link>,
              },
              { key: 'owner', title: t('meeting.ownerOrg'), width: 180, render: (_, d) => d.ownerOrg.name },
              { key: 'deadline', title: t('meeting.deadline'), width: 110, render: (_, d) => formatDate(d.deadline) },
              { key: 'state', title: t('meeting.state'), width: 100, render: (_, d) => <DecisionStateTag value={d.state} /> },
            ]}
          />
        </Card>
        <Card title={t('meeting.timeline')}>
          <Timeline
            items={m.timeline.map((e) => ({
              children: `${formatDateTime(e.at)} ${e.actor ?? ''} ${e.toState ? label(MEETING_STATE_LABELS, e.toState as keyof typeof MEETING_STATE_LABELS) : ''} ${e.comment ?? ''}`,
            }))}
          />
        </Card>
      </Flex>
      <DecisionModal meetingId={m.id} open={adding} onClose={() => setAdding(false)} />
      {editing ? <MeetingForm open meeting={m} onClose={() => setEditing(false)} /> : null}
    </Page>
  );
}

interface DecisionValues {
  content: string;
  ownerOrgId: string;
  deadline: Dayjs;
}

/** 交办议定事项: content, owner org and deadline; the owner org is told at once. */
function DecisionModal({ meetingId, open, onClose }: { meetingId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddDecision(meetingId);
  const [form] = Form.useForm<DecisionValues>();
  const submit = async (v: DecisionValues) => {
    try {
      await add.mutateAsync({ content: v.content.trim(), ownerOrgId: v.ownerOrgId, deadline: v.deadline.format('YYYY-MM-DD') });
      message.success(t('meeting.saved'));
      form.resetFields();
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={open} title={t('meeting.addDecision')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={add.isPending} destroyOnHidden>
      <Form<DecisionValues> form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="decision-form">
        <Form.Item
          name="content"
          label={t('meeting.decisionContent')}
          rules={[{ required: true, whitespace: true, message: t('meeting.contentRequired') }, { max: 2000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="decision-content" />
        </Form.Item>
        <Form.Item name="ownerOrgId" label={t('meeting.ownerOrg')} rules={[{ required: true, message: t('meeting.ownerRequired') }]}>
          <OrgSelect kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']} data-testid="decision-owner" />
        </Form.Item>
        <Form.Item name="deadline" label={t('meeting.deadline')} rules={[{ required: true, message: t('meeting.deadlineRequired') }]}>
          <DatePicker style={{ width: '100%' }} data-testid="decision-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
