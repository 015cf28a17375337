import { PlusOutlined } from '@ant-design/icons';
import {
  CADRE_SKILL_LABELS,
  type CadreSkill,
  SECONDMENT_STATE_LABELS,
  SECONDMENT_TARGET_LABELS,
  type SecondmentTargetKind,
} from '@liandong/domain/secondments/contracts';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Select, Table, Tabs, Tag } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { ExportButton } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { NotFound, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type BatchRow, type PoolFilters, type PoolRow, secondmentUrls, useBatches, useCreateBatch, usePool, usePutProfile, useTargets } from './api';

const SKILLS = Object.keys(CADRE_SKILL_LABELS) as CadreSkill[];
const KINDS = Object.keys(SECONDMENT_TARGET_LABELS) as SecondmentTargetKind[];
const STATE_COLORS = { PLANNED: 'default', ACTIVE: 'processing', ENDED: 'success' } as const;

/** 抽调与传帮带: the cadre pool and the batch ledger (404 for roles outside the 干部监督室 and leaders). */
export function SecondmentsPage() {
  const { t } = useI18n();
  const batches = useBatches();
  if (isApiError(batches.error) && batches.error.status === 404) return <NotFound />;
  return (
    <Page title={t('secondment.title')} description={t('secondment.hint')} testId="secondments">
      <Tabs
        items={[
          { key: 'batches', label: t('secondment.tabBatches'), children: <BatchLedger /> },
          { key: 'pool', label: t('secondment.tabPool'), children: <PoolLedger /> },
        ]}
      />
    </Page>
  );
}

function PoolLedger() {
  const { t, label } = useI18n();
  const [filters, setFilters] = useState<PoolFilters>({});
  const [editing, setEditing] = useState<PoolRow | null>(null);
  const q = usePool(filters);
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns = [
    { key: 'name', title: t('secondment.name'), dataIndex: 'name', width: 100 },
    { key: 'org', title: t('secondment.org'), render: (r: PoolRow) => r.org.name },
    { key: 'position', title: t('secondment.position'), dataIndex: 'position' },
    {
      key: 'skills',
      title: t('secondment.skills'),
      render: (r: PoolRow) => r.skills.map((s) => <Tag key={s}>{label(CADRE_SKILL_LABELS, s)}</Tag>),
    },
    { key: 'secondments', title: t('secondment.secondments'), dataIndex: 'secondments', width: 90 },
    {
      key: 'active',
      title: t('secondment.activeBatch'),
      render: (r: PoolRow) => (r.activeBatch ? <Link to={`/secondments/${r.activeBatch.id}`}>{r.activeBatch.name}</Link> : null),
    },
    {
      key: 'score',
      title: t('secondment.latestScore'),
      width: 130,
      render: (r: PoolRow) => (r.latestScore === null ? null : `${r.latestScore}（${r.latestEvaluatedOn}）`),
    },
    {
      key: 'edit',
      title: '',
      width: 100,
      render: (r: PoolRow) => (
        <Button size="small" onClick={() => setEditing(r)} data-testid={`pool-edit-${r.name}`}>
          {t('secondment.editSkills')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('secondment.search')}
          aria-label={t('secondment.search')}
          onSearch={(v) => setFilters({ ...filters, q: v || undefined })}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('secondment.skillFilter')}
          aria-label={t('secondment.skillFilter')}
          value={filters.skill}
          onChange={(v) => setFilters({ ...filters, skill: v })}
          options={SKILLS.map((s) => ({ value: s, label: label(CADRE_SKILL_LABELS, s) }))}
        />
        <ExportButton url={secondmentUrls.poolExport(filters)} filename={t('secondment.exportPoolFile')} success={t('secondment.exported')}>
          {t('secondment.exportPool')}
        </ExportButton>
      </Flex>
      <Table
        rowKey="userId"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: t('secondment.empty') }}
      />
      {editing ? <SkillsModal row={editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function SkillsModal({ row, onClose }: { row: PoolRow; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ skills: CadreSkill[]; note?: string }>();
  const put = usePutProfile();
  const onError = useApiErrorHandler();
  const submit = async (v: { skills: CadreSkill[]; note?: string }) => {
    try {
      await put.mutateAsync({ userId: row.userId, skills: v.skills ?? [], note: v.note, version: row.version });
      message.success(t('secondment.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open title={`${t('secondment.editSkills')}：${row.name}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={put.isPending}>
      <Form form={form} layout="vertical" initialValues={{ skills: row.skills, note: row.note ?? undefined }} onFinish={(v) => void submit(v)}>
        <Form.Item name="skills" label={t('secondment.skills')}>
          <Select mode="multiple" options={SKILLS.map((s) => ({ value: s, label: label(CADRE_SKILL_LABELS, s) }))} data-testid="pool-skills" />
        </Form.Item>
        <Form.Item name="note" label={t('secondment.comment')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function BatchLedger() {
  const { t, label } = useI18n();
  const [creating, setCreating] = useState(false);
  const q = useBatches();
  if (q.error) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const columns = [
    { key: 'name', title: t('secondment.batchName'), render: (r: BatchRow) => <Link to={`/secondments/${r.id}`}>{r.name}</Link> },
    { key: 'kind', title: t('secondment.targetKind'), width: 150, render: (r: BatchRow) => label(SECONDMENT_TARGET_LABELS, r.targetKind) },
    { key: 'target', title: t('secondment.target'), render: (r: BatchRow) => r.target.name },
    { key: 'start', title: t('secondment.plannedStart'), dataIndex: 'plannedStart', width: 110 },
    { key: 'end', title: t('secondment.plannedEnd'), dataIndex: 'plannedEnd', width: 110 },
    {
      key: 'state',
      title: t('secondment.state'),
      width: 90,
      render: (r: BatchRow) => <Tag color={STATE_COLORS[r.state]}>{label(SECONDMENT_STATE_LABELS, r.state)}</Tag>,
    },
    { key: 'members', title: t('secondment.members'), dataIndex: 'members', width: 70 },
  ];
  return (
    <>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="secondment-create">
          {t('secondment.createBatch')}
        </Button>
        <ExportButton url={secondmentUrls.batchesExport()} filename={t('secondment.exportBatchesFile')} success={t('secondment.exported')}>
          {t('secondment.exportBatches')}
        </ExportButton>
      </Flex>
      <Table rowKey="id" size="small" loading={q.isLoading} dataSource={q.data?.items ?? []} columns={columns} locale={{ emptyText: t('secondment.empty') }} />
      <CreateDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

interface CreateValues {
  name: string;
  purpose: string;
  targetKind: SecondmentTargetKind;
  targetId: string;
  plannedStart: dayjs.Dayjs;
  plannedEnd: dayjs.Dayjs;
}

function CreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<CreateValues>();
  const kind = Form.useWatch('targetKind', form);
  const [search, setSearch] = useState('');
  const targets = useTargets(kind, search);
  const create = useCreateBatch();
  return (
    <FormDrawer<CreateValues>
      open={open}
      onClose={onClose}
      width={640}
      title={t('secondment.createBatch')}
      form={form}
      create={(v) => create.mutateAsync({ ...v, plannedStart: toIsoDay(v.plannedStart) ?? '', plannedEnd: toIsoDay(v.plannedEnd) ?? '' })}
      saving={create.isPending}
      created={t('secondment.created')}
      to={(id) => `/secondments/${id}`}
      submitTestId="secondment-submit"
    >
      <Form.Item name="name" label={t('secondment.batchName')} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="secondment-name" />
      </Form.Item>
      <Form.Item name="purpose" label={t('secondment.purpose')} rules={[{ required: true }]}>
        <Input.TextArea maxLength={1000} rows={3} data-testid="secondment-purpose" />
      </Form.Item>
      <Form.Item name="targetKind" label={t('secondment.targetKind')} rules={[{ required: true }]}>
        <Select
          data-testid="secondment-kind"
          options={KINDS.map((k) => ({ value: k, label: label(SECONDMENT_TARGET_LABELS, k) }))}
          onChange={() => form.setFieldValue('targetId', undefined)}
        />
      </Form.Item>
      <Form.Item name="targetId" label={t('secondment.target')} rules={[{ required: true }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setSearch }}
          disabled={!kind}
          loading={targets.isFetching}
          data-testid="secondment-target"
          options={(targets.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
        />
      </Form.Item>
      <Flex gap={12}>
        <Form.Item name="plannedStart" label={t('secondment.plannedStart')} rules={[{ required: true }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} data-testid="secondment-start" />
        </Form.Item>
        <Form.Item name="plannedEnd" label={t('secondment.plannedEnd')} rules={[{ required: true }]} style={{ flex: 1 }}>
          <DatePicker style={{ width: '100%' }} data-testid="secondment-end" />
        </Form.Item>
      </Flex>
    </FormDrawer>
  );
}
