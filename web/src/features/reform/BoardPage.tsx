import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { TASK_SOURCE_LABELS } from '@liandong/domain/reform/enums';
import { TASK_STATE_LABELS, type TaskState } from '@liandong/domain/reform/machine';
import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Segmented, Select, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { downloadFile } from '../../api/client';
import { toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { exportUrls, type TaskFilters, useCreateTask, useTasks } from './api';
import { taskFields } from './components';

const LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];

/** 整改督办: every rectification task the user may see with its light (谁建议谁跟踪), filters and Excel export. */
export function BoardPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<TaskFilters>({ page: 1, pageSize: 20 });
  const [q, setQ] = useState('');
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const query = useTasks(filters);
  const columns = useMemo(() => toColumns(taskFields(t, label)), [t, label]);
  const set = (patch: Partial<TaskFilters>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const counts = query.data?.lights;

  const doExport = async () => {
    setExporting(true);
    try {
      await downloadFile(exportUrls.tasks(filters), t('rect.boardFile'));
      message.success(t('letter.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('reform.menuRectification')}
      description={t('rect.boardHint')}
      testId="rect-board-page"
      extra={
        <>
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
              {t('rect.new')}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="tasks-export">
            {t('letter.exportExcel')}
          </Button>
        </>
      }
    >
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={filters.light ?? 'ALL'}
          onChange={(v) => set({ light: v === 'ALL' ? undefined : (v as Light) })}
          data-testid="tasks-lights"
          options={[
            { value: 'ALL', label: t('rect.allLights') },
            ...LIGHTS.map((l) => ({ value: l, label: `${label(LIGHT_LABELS, l)}${counts ? ` ${counts[l as keyof typeof counts]}` : ''}` })),
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('rect.keyword')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(v) => set({ q: v.trim() || undefined })}
        />
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          style={{ width: 200 }}
          placeholder={t('rect.state')}
          value={filters.state ?? []}
          onChange={(v: TaskState[]) => set({ state: v.length ? v : undefined })}
          options={enumOptions(TASK_STATE_LABELS, label)}
        />
        <OrgSelect
          style={{ width: 190 }}
          placeholder={t('rect.unit')}
          value={filters.unitOrgId}
          onChange={(v) => set({ unitOrgId: typeof v === 'string' ? v : undefined })}
        />
        <OrgSelect
          style={{ width: 190 }}
          placeholder={t('rect.supervisorOrg')}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
          value={filters.supervisorOrgId}
          onChange={(v) => set({ supervisorOrgId: typeof v === 'string' ? v : undefined })}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('rect.source')}
          value={filters.source}
          onChange={(v) => set({ source: v })}
          options={enumOptions(TASK_SOURCE_LABELS, label)}
        />
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          data-testid="tasks-table"
          loading={query.isFetching}
          columns={columns}
          dataSource={query.data?.items ?? []}
          scroll={{ x: 1300 }}
          onRow={(r) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              void navigate(`/rectification/${r.id}`);
            },
            style: { cursor: 'pointer' },
            'data-testid': `task-row-${r.id}`,
          })}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      )}
      <CreateTaskModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

interface CreateValues {
  unitOrgId: string;
  issue: string;
  requiredOutcome?: string;
  deadline: Dayjs;
  responsiblePerson?: string;
}

/** 交办整改任务 by hand (the supervisor is the caller: 谁建议谁跟踪). */
function CreateTaskModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const create = useCreateTask();
  const [form] = Form.useForm<CreateValues>();
  const submit = async (v: CreateValues) => {
    try {
      const saved = await create.mutateAsync({
        unitOrgId: v.unitOrgId,
        issue: v.issue.trim(),
        requiredOutcome: v.requiredOutcome?.trim() || undefined,
        deadline: v.deadline.format('YYYY-MM-DD'),
        responsiblePerson: v.responsiblePerson?.trim() || undefined,
      });
      message.success(t('common.created'));
      onClose();
      await navigate(`/rectification/${saved.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  const required = { required: true, message: t('acc.required') };
  return (
    <Modal open={open} title={t('rect.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="unitOrgId" label={t('rect.unit')} rules={[required]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="issue" label={t('rect.issue')} rules={[{ ...required, whitespace: true }, { max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="requiredOutcome" label={t('rect.requiredOutcome')} rules={[{ max: 5000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="deadline" label={t('rect.deadline')} rules={[required]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('rect.responsiblePerson')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
