import { DictionarySelect } from '../../components/DictionarySelect';
import { PlusOutlined } from '@ant-design/icons';
import { CAUSE_CATEGORY_LABELS, REFORM_ORIGIN_LABELS, REFORM_STATE_LABELS } from '@liandong/domain/reform/enums';
import { App, Button, Flex, Form, Input, Modal, Tooltip } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { EnumTags } from '../../components/EnumTag';
import { EnumMultiSelect, EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { CampaignSelect } from '../../components/CampaignSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { useListFilters } from '../../lib/filters';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type RecordFilters, useCreateRecord, useRecords } from './api';
import { ReformStateTag } from './components';

/** 以案促改台账: one record per filed case (opened at filing) or per finding/campaign, with its problems, letters and tasks. */
export function RecordsPage() {
  const { t, label } = useI18n();
  const { filters, set, onPage } = useListFilters<RecordFilters>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = useRecords(filters);
  return (
    <Page
      title={t('reform.menuRecords')}
      description={t('reform.recordsHint')}
      testId="reform-records-page"
      extra={
        <>
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="reform-new">
              {t('reform.newCampaignRecord')}
            </Button>
          ) : null}
          <ExportButton url={exportUrls.records(filters)} filename={t('reform.recordsFile')} success={t('letter.exported')} testId="reform-export">
            {t('letter.exportExcel')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <KeywordSearch width={240} placeholder={t('reform.keyword')} onSearch={(q) => set({ q })} />
        <EnumMultiSelect labels={REFORM_STATE_LABELS} width={220} placeholder={t('reform.state')} value={filters.state} onChange={(state) => set({ state })} />
        <EnumSelect labels={REFORM_ORIGIN_LABELS} width={150} placeholder={t('reform.origin')} value={filters.origin} onChange={(origin) => set({ origin })} />
        <OrgSelect
          style={{ width: 200 }}
          placeholder={t('reform.unit')}
          aria-label={t('reform.unit')}
          value={filters.unitOrgId}
          onChange={(v) => set({ unitOrgId: typeof v === 'string' ? v : undefined })}
        />
        <OrgSelect
          style={{ width: 200 }}
          placeholder={t('reform.ownerOrg')}
          aria-label={t('reform.ownerOrg')}
          kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']}
          value={filters.ownerOrgId}
          onChange={(v) => set({ ownerOrgId: typeof v === 'string' ? v : undefined })}
        />
        <CampaignSelect
          style={{ width: 240 }}
          placeholder={t('campaignLink.all')}
          aria-label={t('campaignLink.all')}
          value={filters.campaignId}
          onChange={(v) => set({ campaignId: typeof v === 'string' ? v : undefined })}
        />
        <YearSelect width={110} placeholder={t('reform.year')} value={filters.year} onChange={(year) => set({ year })} />
      </Flex>
      <LedgerTable
        query={query}
        testId="reform-records-table"
        scroll={{ x: 1500 }}
        rowHref={(r) => `/reform/${r.id}`}
        rowTestId={(r) => `reform-row-${r.id}`}
        paging={filters}
        onPage={onPage}
        onExactTotal={() => set({ exactTotal: true, page: filters.page })}
        columns={[
          {
            key: 'title',
            title: t('reform.title'),
            width: 260,
            ellipsis: true,
            render: (_, r) => (
              <Tooltip title={r.title}>
                <Link to={`/reform/${r.id}`}>{r.title}</Link>
              </Tooltip>
            ),
          },
          {
            key: 'origin',
            title: t('reform.origin'),
            width: 200,
            ellipsis: true,
            render: (_, r) =>
              r.case ? <Link to={`/cases/${r.case.id}`}>{r.case.caseNo ?? r.case.title}</Link> : (r.campaignName ?? label(REFORM_ORIGIN_LABELS, r.origin)),
          },
          { key: 'campaign', title: t('campaignLink.campaign'), width: 200, ellipsis: true, render: (_, r) => r.campaignName ?? '—' },
          { key: 'unit', title: t('reform.unit'), width: 170, ellipsis: true, render: (_, r) => r.unit.name },
          { key: 'owner', title: t('reform.ownerOrgs'), width: 160, ellipsis: true, render: (_, r) => r.ownerOrgs.map((o) => o.name).join('、') },
          { key: 'state', title: t('reform.state'), width: 120, render: (_, r) => <ReformStateTag state={r.state} /> },
          {
            key: 'causes',
            title: t('reform.causeCategories'),
            width: 220,
            render: (_, r) => <EnumTags labels={CAUSE_CATEGORY_LABELS} values={r.causeCategories} />,
          },
          {
            key: 'counts',
            title: t('reform.counts'),
            width: 160,
            render: (_, r) => t('reform.countsText', { problems: r.problemCount, letters: r.letterCount, tasks: r.taskCount }),
          },
          { key: 'createdAt', title: t('reform.createdAt'), width: 110, render: (_, r) => formatDate(r.createdAt) },
        ]}
      />
      <CreateModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

interface CreateValues {
  campaignId: string;
  title?: string;
  unitOrgId: string;
  sector?: string;
}

/** 专项整治 record opened by hand (records of cases open themselves at filing). */
function CreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useCreateRecord();
  const [form] = Form.useForm<CreateValues>();
  const submit = async (v: CreateValues) => {
    try {
      const saved = await create.mutateAsync({
        origin: 'CAMPAIGN',
        campaignId: v.campaignId,
        title: v.title?.trim() || undefined,
        unitOrgId: v.unitOrgId,
        sector: v.sector || undefined,
      });
      message.success(t('common.created'));
      onClose();
      await navigate(`/reform/${saved.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={open} title={t('reform.newCampaignRecord')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="campaignId" label={t('reform.campaignName')} rules={[{ required: true, message: t('campaignLink.requiredHint') }]}>
          <CampaignSelect />
        </Form.Item>
        <Form.Item name="title" label={t('reform.title')} extra={t('reform.titleHint')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unitOrgId" label={t('reform.unit')} rules={[{ required: true, message: t('acc.required') }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="sector" label={t('reform.sector')} extra={t('reform.sectorHint')}>
          <DictionarySelect dictionary="SECTOR" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
