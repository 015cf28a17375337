import { PlusOutlined } from '@ant-design/icons';
import { ACCOUNTABILITY_METHOD_LABELS, ACCOUNTABILITY_TARGET_LABELS } from '@liandong/domain/reform/enums';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Drawer, Flex, Form, Select, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { CampaignSelect } from '../../components/CampaignSelect';
import { EnumTag } from '../../components/EnumTag';
import { EnumSelect, ExportButton, KeywordSearch, LedgerTable, YearSelect } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { useListFilters } from '../../lib/filters';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type Accountability, type AccountabilityFilters, exportUrls, useAccountabilities, useCreateAccountability, usePatchAccountability } from './api';
import { AccountabilityFields, type AccountabilityValues, accountabilityBody } from './components';

const METHOD_COLORS = {
  INSPECTION: 'blue',
  BULLETIN: 'gold',
  REORGANISATION: 'volcano',
  ADMONITION: 'orange',
  ORG_ADJUSTMENT: 'red',
  DISCIPLINARY: 'magenta',
} as const;

/** 问责台账: accountability decided under the 问责条例 (target, method, basis, deciding body), linked to cases, campaigns, tasks and letters; Excel export. */
export function AccountabilityPage() {
  const { t, label } = useI18n();
  const { filters, set, onPage } = useListFilters<AccountabilityFilters>({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<Accountability | 'new' | null>(null);
  const query = useAccountabilities(filters);
  return (
    <Page
      title={t('reform.menuAccountability')}
      description={t('acc.hint')}
      testId="accountability-page"
      extra={
        <>
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="acc-new">
              {t('acc.new')}
            </Button>
          ) : null}
          <ExportButton url={exportUrls.accountabilities(filters)} filename={t('acc.file')} success={t('letter.exported')} testId="acc-export">
            {t('letter.exportExcel')}
          </ExportButton>
        </>
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <KeywordSearch width={240} placeholder={t('acc.keyword')} onSearch={(q) => set({ q })} />
        <EnumSelect
          labels={ACCOUNTABILITY_TARGET_LABELS}
          width={140}
          placeholder={t('acc.targetKind')}
          value={filters.targetKind}
          onChange={(targetKind) => set({ targetKind })}
        />
        <EnumSelect
          labels={ACCOUNTABILITY_METHOD_LABELS}
          width={180}
          placeholder={t('acc.method')}
          value={filters.method}
          onChange={(method) => set({ method })}
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
        testId="acc-table"
        scroll={{ x: 1500 }}
        paging={filters}
        onPage={onPage}
        columns={[
          { key: 'target', title: t('acc.target'), width: 200, render: (_, a) => `${a.targetName}${a.targetPosition ? `（${a.targetPosition}）` : ''}` },
          { key: 'kind', title: t('acc.targetKind'), width: 100, render: (_, a) => label(ACCOUNTABILITY_TARGET_LABELS, a.targetKind) },
          {
            key: 'method',
            title: t('acc.method'),
            width: 160,
            render: (_, a) => <EnumTag labels={ACCOUNTABILITY_METHOD_LABELS} value={a.method} colors={METHOD_COLORS} />,
          },
          { key: 'org', title: t('acc.targetOrg'), width: 160, ellipsis: true, render: (_, a) => a.targetOrg?.name ?? '—' },
          { key: 'basis', title: t('acc.basis'), width: 220, ellipsis: true, render: (_, a) => <Tooltip title={a.basis}>{a.basis}</Tooltip> },
          { key: 'body', title: t('acc.decidingBody'), width: 150, ellipsis: true, render: (_, a) => a.decidingBody },
          { key: 'decidedOn', title: t('acc.decidedOn'), width: 110, render: (_, a) => formatDate(a.decidedOn) },
          { key: 'procedureDue', title: t('acc.procedureDue'), width: 110, render: (_, a) => formatDate(a.procedureDue) },
          { key: 'campaign', title: t('campaignLink.campaign'), width: 180, ellipsis: true, render: (_, a) => a.campaignName ?? '—' },
          { key: 'links', title: t('acc.links'), width: 200, render: (_, a) => <Links item={a} /> },
          {
            key: 'edit',
            title: t('common.actions'),
            width: 80,
            fixed: 'right',
            render: (_, a) =>
              a.abilities.update ? (
                <Button size="small" type="link" onClick={() => setEditing(a)} data-testid={`acc-edit-${a.id}`}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
      <AccountabilityDrawer item={editing} onClose={() => setEditing(null)} />
    </Page>
  );
}

function Links({ item }: { item: Accountability }) {
  const links = [
    item.case ? (
      <Link key="c" to={`/cases/${item.case.id}`}>
        {item.case.caseNo ?? item.case.title}
      </Link>
    ) : null,
    item.letter ? (
      <Link key="r" to={`/letters/${item.letter.id}`}>
        {item.letter.docNo ?? item.letter.title}
      </Link>
    ) : null,
    item.rectificationTask ? (
      <Link key="t" to={`/rectification/${item.rectificationTask.id}`}>
        {item.rectificationTask.issue}
      </Link>
    ) : null,
  ].filter(Boolean);
  return links.length ? (
    <Flex vertical gap={0}>
      {links}
    </Flex>
  ) : (
    <>—</>
  );
}

interface LinkValues {
  caseId?: string | null;
  letterId?: string | null;
  rectificationTaskId?: string | null;
  campaignId?: string | null;
}
type DrawerValues = AccountabilityValues & LinkValues;

function AccountabilityDrawer({ item, onClose }: { item: Accountability | 'new' | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const create = useCreateAccountability();
  const patch = usePatchAccountability();
  const [form] = Form.useForm<DrawerValues>();
  const existing = item && item !== 'new' ? item : null;
  const initial: Partial<DrawerValues> = existing
    ? {
        targetKind: existing.targetKind,
        method: existing.method,
        targetName: existing.targetName,
        targetPosition: existing.targetPosition ?? undefined,
        targetOrgId: existing.targetOrg?.id,
        decidingBody: existing.decidingBody,
        decidedOn: dayjs(existing.decidedOn),
        procedureDue: existing.procedureDue ? dayjs(existing.procedureDue) : null,
        basis: existing.basis,
        facts: existing.facts,
        caseId: existing.case?.id ?? null,
        letterId: existing.letter?.id ?? null,
        rectificationTaskId: existing.rectificationTask?.id ?? null,
        campaignId: existing.campaignId ?? null,
      }
    : { targetKind: 'LEADER', decidedOn: dayjs() };
  const submit = async (v: DrawerValues) => {
    const links = {
      caseId: v.caseId ?? null,
      letterId: v.letterId ?? null,
      rectificationTaskId: v.rectificationTaskId ?? null,
      campaignId: v.campaignId ?? null,
    };
    try {
      if (existing) await patch.mutateAsync({ item: existing, body: { ...accountabilityBody(v), facts: v.facts?.trim() ?? '', ...links } });
      else await create.mutateAsync({ ...accountabilityBody(v), ...links });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open={item !== null}
      title={existing ? t('acc.edit') : t('acc.new')}
      size={760}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending || patch.isPending} onClick={() => form.submit()} data-testid="acc-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void submit(v)}>
        <AccountabilityFields form={form} />
        <Form.Item name="campaignId" label={t('acc.campaignName')}>
          <CampaignSelect known={existing?.campaignId ? { id: existing.campaignId, name: existing.campaignName ?? '' } : null} />
        </Form.Item>
        <Form.Item name="caseId" label={t('acc.case')}>
          <RemotePicker
            path="/api/v1/cases"
            toOption={(c) => ({ value: String(c.id), label: `${c.caseNo ?? ''} ${c.title}` })}
            known={existing?.case ? { value: existing.case.id, label: existing.case.title } : undefined}
          />
        </Form.Item>
        <Form.Item name="letterId" label={t('acc.recommendation')}>
          <RemotePicker
            path="/api/v1/letters"
            toOption={(l) => ({ value: String(l.id), label: `${l.docNo ?? ''} ${l.title}` })}
            known={existing?.letter ? { value: existing.letter.id, label: existing.letter.title } : undefined}
          />
        </Form.Item>
        <Form.Item name="rectificationTaskId" label={t('acc.task')}>
          <RemotePicker
            path="/api/v1/rectification-tasks"
            toOption={(x) => ({ value: String(x.id), label: String(x.issue) })}
            known={existing?.rectificationTask ? { value: existing.rectificationTask.id, label: existing.rectificationTask.issue } : undefined}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

type Row = Record<string, string | null> & { id: string };

/** A searchable picker over a list route (?q=) for the links of an accountability. */
function RemotePicker({
  path,
  toOption,
  known,
  value,
  onChange,
}: {
  path: string;
  toOption: (row: Row) => { value: string; label: string };
  known?: { value: string; label: string };
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useQuery({
    queryKey: ['reform', 'picker', path, q],
    queryFn: ({ signal }) => api.get<{ items: Row[] }>(path, { q: q || undefined, pageSize: 20 }, signal),
    staleTime: 30_000,
  });
  const options = (query.data?.items ?? []).map(toOption);
  if (known && !options.some((o) => o.value === known.value)) options.push(known);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      options={options}
      loading={query.isFetching}
      placeholder={t('acc.pickHint')}
      aria-label={t('acc.pickHint')}
      notFoundContent={query.isError ? t('acc.pickUnavailable') : t('common.noMatch')}
    />
  );
}
