import { PlusOutlined } from '@ant-design/icons';
import { SECONDMENT_STATE_LABELS, SECONDMENT_TARGET_LABELS } from '@liandong/domain/secondments/contracts';
import { App, Button, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { NotFound, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type BatchDetail, useAddMember, useBatch, useEvaluate, usePatchMember, usePool } from './api';

type Member = BatchDetail['members'][number];

/** One secondment batch: members with their mentors (师徒), evaluations, adding a cadre from the pool. */
export function BatchPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const q = useBatch(id);
  const [adding, setAdding] = useState(false);
  const [pairing, setPairing] = useState<Member | null>(null);
  const [evaluating, setEvaluating] = useState<Member | null>(null);
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const b = q.data;
  if (!b) return null;
  const columns = [
    { key: 'user', title: t('secondment.cadre'), render: (m: Member) => m.user.name, width: 100 },
    { key: 'from', title: t('secondment.fromOrg'), render: (m: Member) => m.fromOrg.name },
    { key: 'role', title: t('secondment.role'), dataIndex: 'role', width: 100 },
    { key: 'mentor', title: t('secondment.mentor'), render: (m: Member) => m.mentor?.name ?? '—', width: 100 },
    { key: 'goals', title: t('secondment.goals'), dataIndex: 'goals' },
    {
      key: 'score',
      title: t('secondment.latestScore'),
      width: 120,
      render: (m: Member) => (m.evaluations[0] ? `${m.evaluations[0].score}（${m.evaluations[0].evaluatedOn}）` : '—'),
    },
    { key: 'ended', title: t('secondment.endedOn'), dataIndex: 'endedOn', width: 110 },
    {
      key: 'ops',
      title: '',
      width: 190,
      render: (m: Member) => (
        <Space>
          <Button size="small" onClick={() => setPairing(m)} data-testid={`pair-${m.user.name}`}>
            {t('secondment.pair')}
          </Button>
          <Button size="small" onClick={() => setEvaluating(m)} data-testid={`evaluate-${m.user.name}`}>
            {t('secondment.evaluate')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={b.name}
      testId="secondment-batch"
      extra={
        b.state !== 'ENDED' ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="secondment-add-member">
            {t('secondment.addMember')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('secondment.targetKind')}>{label(SECONDMENT_TARGET_LABELS, b.targetKind)}</Descriptions.Item>
        <Descriptions.Item label={t('secondment.target')}>{b.target.name}</Descriptions.Item>
        <Descriptions.Item label={t('secondment.plannedStart')}>{b.plannedStart}</Descriptions.Item>
        <Descriptions.Item label={t('secondment.plannedEnd')}>{b.plannedEnd}</Descriptions.Item>
        <Descriptions.Item label={t('secondment.state')}>
          <Tag>{label(SECONDMENT_STATE_LABELS, b.state)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('secondment.purpose')}>{b.purpose}</Descriptions.Item>
      </Descriptions>
      <Table
        rowKey="id"
        size="small"
        dataSource={b.members}
        columns={columns}
        locale={{ emptyText: t('secondment.empty') }}
        expandable={{
          rowExpandable: (m: Member) => m.evaluations.length > 0,
          expandedRowRender: (m: Member) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={m.evaluations}
              columns={[
                { key: 'on', title: t('secondment.evaluatedOn'), dataIndex: 'evaluatedOn', width: 110 },
                { key: 'score', title: t('secondment.score'), dataIndex: 'score', width: 70 },
                { key: 'comment', title: t('secondment.comment'), dataIndex: 'comment' },
                { key: 'by', title: '', render: (e: Member['evaluations'][number]) => e.by.name, width: 100 },
              ]}
            />
          ),
        }}
      />
      {adding ? <AddMemberModal batch={b} onClose={() => setAdding(false)} /> : null}
      {pairing ? <PairModal member={pairing} onClose={() => setPairing(null)} /> : null}
      {evaluating ? <EvaluateModal member={{ id: evaluating.id, name: evaluating.user.name }} onClose={() => setEvaluating(null)} /> : null}
    </Page>
  );
}

function CadreSelect({ testId, value, onChange }: { testId: string; value?: string; onChange?: (v: string) => void }) {
  const [search, setSearch] = useState('');
  const pool = usePool({ q: search || undefined });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={pool.isFetching}
      data-testid={testId}
      options={(pool.data?.items ?? []).map((p) => ({ value: p.userId, label: `${p.name}（${p.org.name}）` }))}
    />
  );
}

function AddMemberModal({ batch, onClose }: { batch: BatchDetail; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ userId: string; role: string; mentorId?: string; goals?: string }>();
  const add = useAddMember(batch.id);
  const onError = useApiErrorHandler();
  const submit = async (v: { userId: string; role: string; mentorId?: string; goals?: string }) => {
    try {
      await add.mutateAsync({ ...v, mentorId: v.mentorId || undefined, goals: v.goals || undefined, version: batch.version });
      message.success(t('secondment.memberAdded'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open
      title={t('secondment.addMember')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'secondment-add-ok' } as Record<`data-${string}`, string>}
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="userId" label={t('secondment.cadre')} rules={[{ required: true }]}>
          <CadreSelect testId="secondment-cadre" />
        </Form.Item>
        <Form.Item name="role" label={t('secondment.role')} rules={[{ required: true }]}>
          <Input maxLength={50} placeholder="谈话组" data-testid="secondment-role" />
        </Form.Item>
        <Form.Item name="mentorId" label={t('secondment.mentor')}>
          <CadreSelect testId="secondment-mentor" />
        </Form.Item>
        <Form.Item name="goals" label={t('secondment.goals')}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PairModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ mentorId?: string; goals?: string }>();
  const patch = usePatchMember();
  const onError = useApiErrorHandler();
  const submit = async (v: { mentorId?: string; goals?: string }) => {
    try {
      await patch.mutateAsync({ id: member.id, mentorId: v.mentorId || null, goals: v.goals || null, version: member.version });
      message.success(t('secondment.pairSaved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open title={`${t('secondment.pair')}：${member.user.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={patch.isPending}>
      <Form form={form} layout="vertical" initialValues={{ mentorId: member.mentor?.id, goals: member.goals ?? undefined }} onFinish={(v) => void submit(v)}>
        <Form.Item name="mentorId" label={t('secondment.mentor')}>
          <CadreSelect testId="pair-mentor" />
        </Form.Item>
        <Form.Item name="goals" label={t('secondment.goals')}>
          <Input.TextArea maxLength={1000} rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 登记阶段评价: by the mentor (我带教的干部) or the 干部监督室 (batch page). */
export function EvaluateModal({ member, onClose }: { member: { id: string; name: string }; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ evaluatedOn: dayjs.Dayjs; score: number; comment: string }>();
  const evaluate = useEvaluate();
  const onError = useApiErrorHandler();
  const submit = async (v: { evaluatedOn: dayjs.Dayjs; score: number; comment: string }) => {
    try {
      await evaluate.mutateAsync({ id: member.id, evaluatedOn: toIsoDay(v.evaluatedOn) ?? '', score: v.score, comment: v.comment });
      message.success(t('secondment.evaluated'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open title={`${t('secondment.evaluate')}：${member.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={evaluate.isPending}>
      <Form form={form} layout="vertical" initialValues={{ evaluatedOn: dayjs() }} onFinish={(v) => void submit(v)}>
        <Form.Item name="evaluatedOn" label={t('secondment.evaluatedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="score" label={t('secondment.score')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} data-testid="evaluate-score" />
        </Form.Item>
        <Form.Item name="comment" label={t('secondment.comment')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={2000} rows={3} data-testid="evaluate-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
