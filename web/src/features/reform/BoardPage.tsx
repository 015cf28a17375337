import { PlusOutlined } from '@ant-design/icons';
import { TASK_SOURCE_LABELS } from '@liandong/domain/reform/enums';
import { TASK_STATE_LABELS, type TaskState } from '@liandong/domain/reform/machine';
import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Segmented } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { toColumns } from '../../components/entity';
import { EnumMultiSelect, EnumSelect, ExportButton, KeywordSearch, LedgerTable } from '../../components/Ledger';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { useListFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type TaskFilters, useCreateTask, useTasks } from './api';
import { taskFields } from './components';

const LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];

/** 整改督办: every rectification task the user may see with its light (谁建议谁跟踪), filters and Excel export. */
export function BoardPage() {
  const { t, label } = useI18n();
  // The light comes from the address too: the 工作台's cards link here filtered (/rectification?light=RED).
  const [sp] = useSearchParams();
  const light = LIGHTS.find((l) => l === sp.get('light'));
  // …and the states and the supervising org (the 监督质效 cockpit's links).
  const state = sp.getAll('state').filter((s): s is TaskState => s in TASK_STATE_LABELS);
  const supervisorOrgId = sp.get('supervisorOrgId') || undefined;
  const { filters, set, onPage } = useListFilters<TaskFilters>({
    page: 1,
    pageSize: 20,
    light,
    ...(state.length ? { state } : {}),
    ...(supervisorOrgId ? { supervisorOrgId } : {}),
  });
  const [creating, setCreating] = useState(false);
  const query = useTasks(filters);
  const columns = useMemo(() => toColumns(taskFields(t, label)), [t, label]);
  const counts = query.data?.lights;

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
          <ExportButton url={exportUrls.tasks(filters)} filename={t('rect.boardFile')} success={t('letter.exported')} testId="tasks-export">
            {t('letter.exportExcel')}
          </ExportButton>
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
            ...LIGHTS.map((l) => ({
              value: l,
              label: `${label(LIGHT_LABELS, l)}${counts ? ` ${counts[l as keyof typeof counts]}${query.data?.lightsCapped.includes(l) ? '+' : ''}` : ''}`,
            })),
          ]}
        />
        <KeywordSearch width={220} placeholder={t('rect.keyword')} onSearch={(q) => set({ q })} />
        <EnumMultiSelect labels={TASK_STATE_LABELS} width={200} placeholder={t('rect.state')} value={filters.state} onChange={(state) => set({ state })} />
        <OrgSelect
          style={{ width: 190 }}
          placeholder={t('rect.unit')}
          aria-label={t('rect.unit')}
          value={filters.unitOrgId}
          onChange={(v) => set({ unitOrgId: typeof v === 'string' ? v : undefined })}
        />
        <OrgSelect
          style={{ width: 190 }}
          placeholder={t('rect.supervisorOrg')}
          aria-label={t('rect.supervisorOrg')}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
          value={filters.supervisorOrgId}
          onChange={(v) => set({ supervisorOrgId: typeof v === 'string' ? v : undefined })}
        />
        <EnumSelect labels={TASK_SOURCE_LABELS} width={140} placeholder={t('rect.source')} value={filters.source} onChange={(source) => set({ source })} />
        <CampaignSelect
          style={{ width: 240 }}
          placeholder={t('campaignLink.all')}
          aria-label={t('campaignLink.all')}
          value={filters.campaignId}
          onChange={(v) => set({ campaignId: typeof v === 'string' ? v : undefined })}
        />
      </Flex>
      <LedgerTable
        query={query}
        testId="tasks-table"
        columns={columns}
        scroll={{ x: 1500 }}
        rowHref={(r) => `/rectification/${r.id}`}
        rowTestId={(r) => `task-row-${r.id}`}
        paging={filters}
        onPage={onPage}
        onExactTotal={() => set({ exactTotal: true, page: filters.page })}
      />
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
  campaignId?: string;
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
        campaignId: v.campaignId ?? null,
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
        <Form.Item name="campaignId" label={t('campaignLink.campaign')}>
          <CampaignSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}
