import { PlusOutlined } from '@ant-design/icons';
import { INTERFERENCE_CHANNEL_LABELS, INTERFERENCE_KIND_LABELS } from '@liandong/domain/cases/enums';
import type { InterferenceCreateBody } from '@liandong/domain/cases/contracts';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Select, type TableColumnType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeferredValue, useState } from 'react';
import { Link } from 'react-router';
import { EnumSelect, LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { readPaging, useUrlFilters } from '../../lib/filters';
import { formatDateTime, toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { enumOptions } from '../../lib/options';
import { type InterferenceFilters, type InterferenceRecord, useCases, useCreateInterference, useInterferenceRecords } from './api';

const KIND_COLORS = { ENQUIRY: 'blue', INTERCESSION: 'orange', INTERFERENCE: 'red' } as const;
/** Roles whose holders may look cases up (the ledger); others file without picking a case. */
const CASE_READERS = ['SECRETARY', 'CASE_MANAGER', 'DEPUTY_OR_MEMBER', 'COUNTY_STAFF', 'GROUP_STAFF', 'OFFICE_STAFF', 'TRIAL_STAFF', 'CADRE_SUPERVISION'];

function readFilters(sp: URLSearchParams): InterferenceFilters {
  return {
    kind: sp.get('kind') || undefined,
    from: sp.get('from') || undefined,
    to: sp.get('to') || undefined,
    caseId: sp.get('caseId') || undefined,
    ...readPaging(sp),
  };
}

/**
 * 打听案情、说情干预登记: any staff member files what they were asked or told about a case; the
 * 干部监督室 reads the whole register, everyone else their own records.
 */
export function InterferencePage() {
  const { t, label } = useI18n();
  const { filters, update } = useUrlFilters(readFilters);
  const query = useInterferenceRecords(filters);
  const [filing, setFiling] = useState(false);

  const columns: TableColumnType<InterferenceRecord>[] = [
    { key: 'occurredAt', title: t('cases.occurredAt'), width: 140, render: (_, r) => formatDateTime(r.occurredAt) },
    {
      key: 'kind',
      title: t('cases.interferenceKind'),
      width: 100,
      render: (_, r) => <Tag color={KIND_COLORS[r.kind]}>{label(INTERFERENCE_KIND_LABELS, r.kind)}</Tag>,
    },
    {
      key: 'enquirer',
      title: t('cases.enquirer'),
      width: 180,
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>{r.enquirerName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.enquirerUnit, r.enquirerPosition].filter(Boolean).join(' · ') || '—'}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'channel', title: t('cases.channel'), width: 100, render: (_, r) => label(INTERFERENCE_CHANNEL_LABELS, r.channel) },
    {
      key: 'content',
      title: t('cases.content'),
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }} style={{ marginBottom: 0 }}>
          {r.content}
        </Typography.Paragraph>
      ),
    },
    { key: 'reportedTo', title: t('cases.reportedTo'), width: 120, render: (_, r) => r.reportedTo ?? '—' },
    { key: 'handling', title: t('cases.handling'), width: 160, ellipsis: true, render: (_, r) => r.handling || '—' },
    {
      key: 'case',
      title: t('cases.relatedCase'),
      width: 150,
      render: (_, r) =>
        r.case ? (
          <Link to={`/cases/${r.case.id}`}>{r.case.caseNo}</Link>
        ) : r.clue ? (
          <Link to={`/clues/${r.clue.id}`}>{r.clue.clueNo ?? t('cases.clue')}</Link>
        ) : (
          '—'
        ),
    },
    {
      key: 'recordedBy',
      title: t('cases.recordedBy'),
      width: 160,
      render: (_, r) => (
        <Flex vertical gap={0}>
          <span>{r.recordedBy.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.recorderOrg.name} · {formatDateTime(r.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  return (
    <Page
      title={t('cases.menuInterference')}
      description={t('cases.interferenceHint')}
      testId="interference-page"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="interference-new">
          {t('cases.interferenceNew')}
        </Button>
      }
    >
      {query.data ? (
        <Alert
          type={query.data.all ? 'info' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          title={query.data.all ? t('cases.interferenceAll') : t('cases.interferenceOwn')}
          data-testid="interference-scope"
        />
      ) : null}
      <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
        <EnumSelect
          labels={INTERFERENCE_KIND_LABELS}
          width={150}
          placeholder={t('cases.interferenceKind')}
          value={filters.kind}
          onChange={(kind) => update({ kind })}
        />
        <DatePicker.RangePicker
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(r) => update({ from: toIsoDay(r?.[0] ?? null), to: toIsoDay(r?.[1] ?? null) })}
        />
      </Flex>
      <LedgerTable
        query={query}
        testId="interference-table"
        columns={columns}
        scroll={{ x: 1400 }}
        paging={filters}
        onPage={(page, pageSize) => update({ page, pageSize })}
        sizeChanger={false}
      />
      <InterferenceDrawer open={filing} onClose={() => setFiling(false)} />
    </Page>
  );
}

interface FormValues extends Omit<InterferenceCreateBody, 'occurredAt'> {
  occurredAt: Dayjs;
}

/** The 登记 form: who asked or interceded, how, what was said, to whom it was reported and how it was handled. */
function InterferenceDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const me = useMe();
  const create = useCreateInterference();
  const [form] = Form.useForm<FormValues>();
  const [caseQ, setCaseQ] = useState('');
  const q = useDeferredValue(caseQ.trim());
  const mayPickCase = me.user.roles.some((r) => CASE_READERS.includes(r));
  const cases = useCases({ q: q || undefined, page: 1, pageSize: 20 }, open && mayPickCase);

  const submit = async () => {
    const v = await form.validateFields();
    const blank = (s?: string) => s?.trim() || undefined;
    try {
      await create.mutateAsync({
        kind: v.kind,
        enquirerName: v.enquirerName.trim(),
        enquirerUnit: blank(v.enquirerUnit),
        enquirerPosition: blank(v.enquirerPosition),
        channel: v.channel,
        content: v.content.trim(),
        occurredAt: v.occurredAt.toISOString(),
        reportedTo: blank(v.reportedTo),
        handling: blank(v.handling),
        caseId: v.caseId || undefined,
      });
      message.success(t('cases.interferenceSaved'));
      form.resetFields();
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  return (
    <Drawer
      open={open}
      size={560}
      title={t('cases.interferenceNew')}
      onClose={onClose}
      destroyOnHidden
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => void submit()} data-testid="interference-submit">
          {t('common.save')}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t('cases.interferenceRule')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" initialValues={{ occurredAt: dayjs(), channel: 'IN_PERSON' }} data-testid="interference-form">
        <Form.Item name="kind" label={t('cases.interferenceKind')} rules={[{ required: true, message: t('cases.kindRequired') }]}>
          <Select options={enumOptions(INTERFERENCE_KIND_LABELS, label)} data-testid="interference-kind" />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="enquirerName" label={t('cases.enquirerName')} rules={required(t('cases.enquirerRequired'))} style={{ flex: 1 }}>
            <Input maxLength={100} data-testid="interference-name" />
          </Form.Item>
          <Form.Item name="enquirerPosition" label={t('cases.enquirerPosition')} style={{ flex: 1 }}>
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Form.Item name="enquirerUnit" label={t('cases.enquirerUnit')}>
          <Input maxLength={200} data-testid="interference-unit" />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="channel" label={t('cases.channel')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={enumOptions(INTERFERENCE_CHANNEL_LABELS, label)} data-testid="interference-channel" />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('cases.occurredAt')} rules={[{ required: true, message: t('cases.dateRequired') }]} style={{ flex: 1 }}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </Flex>
        <Form.Item name="content" label={t('cases.content')} rules={required(t('cases.contentRequired'))}>
          <Input.TextArea rows={4} maxLength={5000} showCount data-testid="interference-content" />
        </Form.Item>
        <Form.Item name="reportedTo" label={t('cases.reportedTo')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="handling" label={t('cases.handling')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {mayPickCase ? (
          <Form.Item name="caseId" label={t('cases.relatedCase')} extra={t('cases.relatedCaseHint')}>
            <Select
              allowClear
              showSearch={{ filterOption: false, onSearch: setCaseQ }}
              loading={cases.isFetching}
              options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.caseNo} · ${c.subjectName}` }))}
              notFoundContent={t('common.noMatch')}
              data-testid="interference-case"
            />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
