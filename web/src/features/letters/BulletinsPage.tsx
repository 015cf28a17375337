import type { Role } from '@liandong/domain/access/enums';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { BULLETIN_SCOPE_LABELS, BULLETIN_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { CampaignSelect } from '../../components/CampaignSelect';
import { EnumTag } from '../../components/EnumTag';
import { EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useFilterUpdater, useListFilters } from '../../lib/filters';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions } from '../../lib/options';
import {
  type BulletinDetail,
  type BulletinFilters,
  letterUrls,
  useBulletin,
  useBulletins,
  useCampaignName,
  useCreateBulletin,
  useIssueBulletin,
  useSignBulletin,
} from './api';

const BULLETIN_WRITERS: readonly Role[] = ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'SECRETARY'];
const SCOPE_COLORS = { INTERNAL: 'default', SYSTEM: 'blue', PUBLIC: 'green' } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 通报: the commission's bulletins (典型问题通报曝光, 专项整治进展, 问责情况 …), signed off (签发) by the 书记 or the 分管领导,
 * then numbered 兰纪通〔年〕N号 at issue; DOCX in the official layout. The campaign filter lives in the address
 * (`?campaignId=`), so the campaign cockpit links straight to its bulletins; it shows as a removable tag.
 */
export function BulletinsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const updateUrl = useFilterUpdater();
  const fromUrl = params.get('campaignId') ?? '';
  const campaignId = UUID.test(fromUrl) ? fromUrl.toLowerCase() : undefined;
  const campaignName = useCampaignName(campaignId);
  const { filters: local, set, onPage } = useListFilters<BulletinFilters>({ page: 1, pageSize: 20 });
  const filters: BulletinFilters = { ...local, campaignId };
  const setCampaign = (id: string | undefined) => {
    set({});
    updateUrl({ campaignId: id });
  };
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const query = useBulletins(filters);
  // Bulletins are written by the drafting departments and the 书记 (server: BULLETIN_WRITE_ROLES).
  const canWrite = useMe().user.roles.some((r) => BULLETIN_WRITERS.includes(r));
  return (
    <Page
      title={t('reform.menuBulletins')}
      description={t('bulletin.hint')}
      testId="bulletins-page"
      extra={
        <>
          {canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="bulletin-new">
              {t('bulletin.new')}
            </Button>
          ) : null}
          <ExportButton url={letterUrls.bulletinsExport(filters)} filename={t('bulletin.file')} success={t('letter.exported')} testId="bulletins-export">
            {t('letter.exportExcel')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <KeywordSearch width={240} placeholder={t('bulletin.keyword')} onSearch={(q) => set({ q })} />
        <EnumSelect labels={BULLETIN_TYPE_LABELS} width={180} placeholder={t('bulletin.type')} value={filters.type} onChange={(type) => set({ type })} />
        <EnumSelect labels={BULLETIN_SCOPE_LABELS} width={130} placeholder={t('bulletin.scope')} value={filters.scope} onChange={(scope) => set({ scope })} />
        <CampaignSelect
          style={{ width: 240 }}
          placeholder={t('campaignLink.all')}
          aria-label={t('campaignLink.all')}
          value={filters.campaignId}
          known={campaignId && campaignName.data ? { id: campaignId, name: campaignName.data } : null}
          onChange={(v) => setCampaign(typeof v === 'string' ? v : undefined)}
          data-testid="bulletins-campaign-filter"
        />
        <YearSelect width={110} placeholder={t('letter.year')} value={filters.year} onChange={(year) => set({ year })} />
      </Flex>
      {campaignId ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('bulletin.filteredBy')}</Typography.Text>
          <Tag closable color="blue" onClose={() => setCampaign(undefined)} data-testid="bulletins-campaign-tag">
            {t('campaignLink.campaign')}：{campaignName.isError ? t('bulletin.campaignUnavailable') : (campaignName.data ?? '…')}
          </Tag>
        </Flex>
      ) : null}
      <LedgerTable
        query={query}
        testId="bulletins-table"
        paging={filters}
        onPage={onPage}
        sizeChanger={false}
        onRow={(b) => ({ onClick: () => setOpenId(b.id), style: { cursor: 'pointer' }, 'data-testid': `bulletin-row-${b.id}` })}
        columns={[
          { key: 'docNo', title: t('letter.docNo'), width: 160, render: (_, b) => b.docNo ?? <Tag>{t('bulletin.unissued')}</Tag> },
          { key: 'title', title: t('bulletin.title'), ellipsis: true, render: (_, b) => b.title },
          { key: 'type', title: t('bulletin.type'), width: 160, render: (_, b) => <EnumTag labels={BULLETIN_TYPE_LABELS} value={b.type} /> },
          {
            key: 'scope',
            title: t('bulletin.scope'),
            width: 100,
            render: (_, b) => <EnumTag labels={BULLETIN_SCOPE_LABELS} value={b.scope} colors={SCOPE_COLORS} />,
          },
          { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (_, b) => b.campaignName ?? '—' },
          { key: 'owner', title: t('bulletin.owner'), width: 160, ellipsis: true, render: (_, b) => b.ownerOrg.name },
          { key: 'issuedOn', title: t('bulletin.issuedOn'), width: 110, render: (_, b) => formatDate(b.issuedOn) },
        ]}
      />
      <BulletinForm open={creating} onClose={() => setCreating(false)} onCreated={(id) => setOpenId(id)} />
      <BulletinDrawer id={openId} onClose={() => setOpenId(null)} />
    </Page>
  );
}

interface FormValues {
  type: keyof typeof BULLETIN_TYPE_LABELS;
  scope: keyof typeof BULLETIN_SCOPE_LABELS;
  title: string;
  recipients?: string;
  body: string;
  campaignId?: string;
}

function BulletinForm({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const create = useCreateBulletin();
  const [form] = Form.useForm<FormValues>();
  const type = Form.useWatch('type', form);
  const submit = async (v: FormValues) => {
    try {
      const saved = await create.mutateAsync({
        ...v,
        campaignId: v.campaignId ?? null,
        title: v.title.trim(),
        recipients: v.recipients?.trim() || undefined,
        body: v.body.trim(),
      });
      message.success(t('common.created'));
      onClose();
      onCreated(saved.id);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open={open}
      title={t('bulletin.new')}
      size={720}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="bulletin-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ type: 'TYPICAL_CASES_EXPOSURE', scope: 'SYSTEM' }}>
        <Space.Compact block>
          <Form.Item name="type" label={t('bulletin.type')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={enumOptions(BULLETIN_TYPE_LABELS, label)} data-testid="bulletin-type" />
          </Form.Item>
          <Form.Item name="scope" label={t('bulletin.scope')} rules={[{ required: true }]} style={{ flex: 1, marginInlineStart: 12 }}>
            <Select options={enumOptions(BULLETIN_SCOPE_LABELS, label)} data-testid="bulletin-scope" />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="campaignId"
          label={t('campaignLink.campaign')}
          rules={[{ required: type === 'CAMPAIGN_PROGRESS', message: t('campaignLink.requiredHint') }]}
        >
          <CampaignSelect data-testid="bulletin-campaign" />
        </Form.Item>
        <Form.Item name="title" label={t('bulletin.title')} rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max: 200 }]}>
          <Input data-testid="bulletin-title" />
        </Form.Item>
        <Form.Item name="recipients" label={t('bulletin.recipients')} extra={t('bulletin.recipientsHint')} rules={[{ max: 1000 }]}>
          <Input data-testid="bulletin-recipients" />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('bulletin.body')}
          extra={t('bulletin.bodyHint')}
          rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max: 50000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} data-testid="bulletin-body" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

function BulletinDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const query = useBulletin(id);
  return (
    <Drawer
      open={id !== null}
      title={query.data?.title ?? t('bulletin.detail')}
      size={760}
      onClose={onClose}
      destroyOnHidden
      extra={query.data ? <BulletinButtons bulletin={query.data} /> : null}
    >
      {query.isError ? <QueryError error={query.error} /> : query.data ? <BulletinBody bulletin={query.data} /> : null}
    </Drawer>
  );
}

function BulletinBody({ bulletin }: { bulletin: BulletinDetail }) {
  const { t, label } = useI18n();
  return (
    <div data-testid="bulletin-detail">
      <Descriptions
        size="small"
        bordered
        column={2}
        items={[
          { key: 'no', label: t('letter.docNo'), children: <span data-testid="bulletin-doc-no">{bulletin.docNo ?? t('bulletin.unissued')}</span> },
          { key: 'issued', label: t('bulletin.issuedOn'), children: formatDate(bulletin.issuedOn) },
          { key: 'type', label: t('bulletin.type'), children: label(BULLETIN_TYPE_LABELS, bulletin.type) },
          { key: 'scope', label: t('bulletin.scope'), children: label(BULLETIN_SCOPE_LABELS, bulletin.scope) },
          { key: 'owner', label: t('bulletin.owner'), children: bulletin.ownerOrg.name },
          { key: 'campaign', label: t('campaignLink.campaign'), children: bulletin.campaignName ?? '—' },
          { key: 'by', label: t('bulletin.createdBy'), children: bulletin.createdBy?.name ?? '—' },
          {
            key: 'signed',
            label: t('bulletin.signedBy'),
            children: (
              <span data-testid="bulletin-signed-by">
                {bulletin.signedBy ? `${bulletin.signedBy.name} · ${formatDateTime(bulletin.signedAt)}` : bulletin.docNo ? '—' : t('bulletin.unsigned')}
              </span>
            ),
          },
          { key: 'to', label: t('bulletin.recipients'), children: bulletin.recipients || '—', span: 2 },
        ]}
      />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>{bulletin.body}</Typography.Paragraph>
    </div>
  );
}

function BulletinButtons({ bulletin }: { bulletin: BulletinDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const issue = useIssueBulletin();
  const sign = useSignBulletin();
  const [downloading, setDownloading] = useState(false);
  return (
    <Space>
      {bulletin.abilities.sign ? (
        <Popconfirm
          title={t('bulletin.signConfirm')}
          onConfirm={async () => {
            try {
              await sign.mutateAsync(bulletin);
              message.success(t('letter.actionDone', { action: t('bulletin.sign') }));
            } catch (err) {
              onError(err);
            }
          }}
        >
          <Button type="primary" loading={sign.isPending} data-testid="bulletin-sign">
            {t('bulletin.sign')}
          </Button>
        </Popconfirm>
      ) : null}
      {bulletin.abilities.issue ? (
        <Popconfirm
          title={t('bulletin.issueConfirm')}
          onConfirm={async () => {
            try {
              const saved = await issue.mutateAsync(bulletin);
              message.success(t('letter.issuedNo', { docNo: saved.docNo ?? '' }));
            } catch (err) {
              onError(err);
            }
          }}
        >
          <Button type="primary" loading={issue.isPending} data-testid="bulletin-issue">
            {t('bulletin.issue')}
          </Button>
        </Popconfirm>
      ) : null}
      {bulletin.abilities.exportDocx ? (
        <Button
          icon={<FileWordOutlined />}
          loading={downloading}
          data-testid="bulletin-docx"
          onClick={async () => {
            setDownloading(true);
            try {
              await downloadFile(letterUrls.bulletinDocx(bulletin.id), `${bulletin.docNo ?? bulletin.title}.docx`);
            } catch (err) {
              onError(err);
            } finally {
              setDownloading(false);
            }
          }}
        >
          {t('letter.downloadDocx')}
        </Button>
      ) : null}
    </Space>
  );
}
