import { TASK_FORCE_ROLE_LABELS } from '@liandong/domain/taskforces/enums';
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Modal, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { EnumTag } from '../../components/EnumTag';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, toIsoDay } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { exportRoster, type TaskForce, type TaskForceMember, type TaskForceView, useAddMember, useEndMember } from './api';
import { type Candidate, FromOrgSelect, UserPicker } from './pickers';

const today = () => dayjs().format('YYYY-MM-DD');

function StatusTag({ m }: { m: TaskForceMember }) {
  const t = useT();
  if (m.active) return <Tag color="green">{t('taskforce.active')}</Tag>;
  if (m.validFrom > today()) return <Tag color="blue">{t('taskforce.upcoming')}</Tag>;
  return <Tag>{t(m.ended ? 'taskforce.ended' : 'taskforce.expired')}</Tag>;
}

/**
 * The members of the 专班, history included (ended terms stay, with who ended them), with the actions the
 * server allows: add a member (from-org and dates), end a member's term on a chosen last day.
 */
export function MembersCard({ view, tf }: { view: TaskForceView; tf: TaskForce }) {
  const t = useT();
  const [history, setHistory] = useState(true);
  const [adding, setAdding] = useState(false);
  const [ending, setEnding] = useState<TaskForceMember | null>(null);
  const onError = useApiErrorHandler();
  const rows = history ? tf.members : tf.members.filter((m) => !m.ended && m.validTo >= today());
  return (
    <>
      <Flex justify="space-between" align="center" style={{ margin: '16px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('taskforce.members')}
        </Typography.Title>
        <Flex gap={12} align="center">
          <span>
            <Switch size="small" checked={history} onChange={setHistory} /> {t('taskforce.history')}
          </span>
          <Button icon={<DownloadOutlined />} onClick={() => exportRoster(view.campaign.id).catch(onError)} data-testid="tf-export">
            {t('taskforce.exportRoster')}
          </Button>
          {view.abilities.addMember ? (
            <Button type="primary" onClick={() => setAdding(true)} data-testid="tf-add-member">
              {t('taskforce.addMember')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Table<TaskForceMember>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        data-testid="tf-members"
        columns={[
          { title: t('taskforce.member'), render: (_, m) => m.user.name },
          { title: t('taskforce.position'), render: (_, m) => m.user.position },
          { title: t('taskforce.role'), render: (_, m) => <EnumTag labels={TASK_FORCE_ROLE_LABELS} value={m.role} colors={{ CO_LEADER: 'gold' }} /> },
          { title: t('taskforce.fromOrg'), render: (_, m) => m.fromOrg?.name ?? '—' },
          { title: t('taskforce.period'), render: (_, m) => `${formatDate(m.validFrom)} — ${formatDate(m.validTo)}` },
          { title: t('taskforce.status'), render: (_, m) => <StatusTag m={m} /> },
          { title: t('taskforce.addedBy'), render: (_, m) => (m.addedBy ? `${m.addedBy.name} ${formatDateTime(m.addedAt)}` : '—') },
          { title: t('taskforce.endedBy'), render: (_, m) => (m.endedBy ? `${m.endedBy.name} ${formatDateTime(m.endedAt)}` : '—') },
          {
            title: t('common.actions'),
            render: (_, m) =>
              view.abilities.endMember && m.role === 'MEMBER' && !m.ended && m.validTo >= dayjs().subtract(1, 'day').format('YYYY-MM-DD') ? (
                <Button size="small" onClick={() => setEnding(m)}>
                  {t('taskforce.end')}
                </Button>
              ) : null,
          },
        ]}
      />
      {adding ? <AddMemberModal view={view} tf={tf} onClose={() => setAdding(false)} /> : null}
      {ending ? <EndMemberModal view={view} tf={tf} member={ending} onClose={() => setEnding(null)} /> : null}
    </>
  );
}

function AddMemberModal({ view, tf, onClose }: { view: TaskForceView; tf: TaskForce; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ userId: string; fromOrgId?: string; validFrom?: Dayjs; validTo?: Dayjs }>();
  const [picked, setPicked] = useState<Candidate>();
  const add = useAddMember(view.campaign.id);
  const start = dayjs(tf.validFrom).isAfter(dayjs()) ? dayjs(tf.validFrom) : dayjs();
  return (
    <Modal
      open
      title={t('taskforce.addMember')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'tf-member-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validFrom: start, validTo: tf.validTo ? dayjs(tf.validTo) : undefined }}
        onFinish={async (v) => {
          try {
            await add.mutateAsync({
              version: tf.version,
              userId: v.userId,
              fromOrgId: v.fromOrgId ?? null,
              validFrom: toIsoDay(v.validFrom),
              validTo: toIsoDay(v.validTo),
            });
            message.success(t('taskforce.added'));
            onClose();
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Form.Item name="userId" label={t('taskforce.member')} rules={[{ required: true }]}>
          <UserPicker
            testId="tf-member-user"
            onPick={(c) => {
              setPicked(c);
              form.setFieldValue('fromOrgId', undefined);
            }}
          />
        </Form.Item>
        <Form.Item name="fromOrgId" label={t('taskforce.fromOrg')}>
          <FromOrgSelect candidate={picked} />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="validFrom" label={t('taskforce.validFrom')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validTo" label={t('taskforce.validTo')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function EndMemberModal({ view, tf, member, onClose }: { view: TaskForceView; tf: TaskForce; member: TaskForceMember; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<{ validTo: Dayjs }>();
  const end = useEndMember(view.campaign.id);
  return (
    <Modal
      open
      title={t('taskforce.endTitle', { name: member.user.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={end.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('taskforce.endHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ validTo: dayjs() }}
        onFinish={async (v) => {
          try {
            await end.mutateAsync({ memberId: member.id, version: tf.version, validTo: toIsoDay(v.validTo) ?? '' });
            message.success(t('taskforce.endedOk'));
            onClose();
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Form.Item name="validTo" label={t('taskforce.endDate')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} data-testid="tf-end-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
