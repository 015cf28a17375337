import { PlusOutlined } from '@ant-design/icons';
import { ALL_SECTIONS, DEFAULT_READ_DAYS, INTEGRITY_SECTION_LABELS, MAX_READ_DAYS } from '@liandong/domain/integrity-files/enums';
import type { IntegritySection } from '@liandong/domain/integrity-files/enums';
import { Alert, App, Button, Checkbox, DatePicker, Drawer, Form, type GetProps, Input, Popconfirm, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EnumTags } from '../../components/EnumTag';
import { LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { PersonPicker } from '../../components/PersonPicker';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDateTime, orDash, toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type RequestRow, useActOnRequest, useCreateRequest, useRequests } from './api';
import { RequestStateTag } from './RequestStateTag';

/** 我的查阅申请: ask to consult a cadre's 廉政档案; open it while the approval holds; withdraw while it waits. */
export function RequestsPage() {
  const { t } = useI18n();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [asking, setAsking] = useState(false);
  // a notice links here with ?open=<request>: that row stands out
  const [sp] = useSearchParams();
  const opened = sp.get('open');
  const q = useRequests({ view: 'mine', ...paging });
  const act = useActOnRequest();
  const onError = useApiErrorHandler();
  const columns = [
    { key: 'person', title: t('integrityFile.cadre'), render: (r: RequestRow) => `${r.person.name}（${r.person.unitName ?? ''}）` },
    { key: 'sections', title: t('integrityFile.sections'), render: (r: RequestRow) => <EnumTags labels={INTEGRITY_SECTION_LABELS} values={r.sections} /> },
    { key: 'reason', title: t('integrityFile.reason'), dataIndex: 'reason' },
    { key: 'created', title: t('integrityFile.requestedAt'), width: 150, render: (r: RequestRow) => formatDateTime(r.createdAt) },
    { key: 'state', title: t('integrityFile.state'), width: 100, render: (r: RequestRow) => <RequestStateTag r={r} /> },
    { key: 'until', title: t('integrityFile.validUntil'), width: 110, render: (r: RequestRow) => orDash(r.validUntil) },
    {
      key: 'decided',
      title: t('integrityFile.decidedBy'),
      render: (r: RequestRow) => (r.decidedBy ? `${r.decidedBy.name}${r.decisionComment ? `：${r.decisionComment}` : ''}` : '—'),
    },
    {
      key: 'actions',
      title: t('integrityFile.actions'),
      width: 150,
      render: (r: RequestRow) => (
        <Space>
          {r.fileId ? (
            <Link to={`/integrity-files/${r.fileId}`} data-testid={`open-file-${r.person.name}`}>
              {t('integrityFile.open')}
            </Link>
          ) : null}
          {r.abilities.actions.includes('withdraw') ? (
            <Popconfirm
              title={t('integrityFile.withdrawConfirm')}
              onConfirm={() => act.mutateAsync({ id: r.id, body: { action: 'withdraw', version: r.version } }).catch(onError)}
            >
              <Button size="small">{t('integrityFile.withdraw')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={t('integrityFile.menuRequests')}
      description={t('integrityFile.requestsHint')}
      testId="integrity-file-requests"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAsking(true)} data-testid="request-new">
          {t('integrityFile.newRequest')}
        </Button>
      }
    >
      <LedgerTable<RequestRow>
        query={q}
        testId="requests-table"
        columns={columns}
        paging={paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        locale={{ emptyText: t('integrityFile.noRequests') }}
        rowClassName={(r) => (r.id === opened ? 'ant-table-row-selected' : '')}
      />
      {asking ? <RequestDrawer onClose={() => setAsking(false)} /> : null}
    </Page>
  );
}

interface RequestForm {
  personId: string;
  reason: string;
  sections: IntegritySection[];
  validUntil?: dayjs.Dayjs | null;
}

/** 查阅申请: cadre, reason, the sections asked for and, optionally, until when (default 7 days from approval). */
function RequestDrawer({ onClose }: { onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestForm>();
  const create = useCreateRequest();
  const onError = useApiErrorHandler();
  const submit = async (v: RequestForm) => {
    try {
      await create.mutateAsync({
        personId: v.personId,
        reason: v.reason,
        sections: v.sections,
        ...(v.validUntil ? { validUntil: toIsoDay(v.validUntil) } : {}),
      });
      message.success(t('integrityFile.requested'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open
      onClose={onClose}
      width={640}
      title={t('integrityFile.newRequest')}
      extra={
        <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="request-submit">
          {t('integrityFile.submitRequest')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('integrityFile.requestRule', { days: DEFAULT_READ_DAYS, max: MAX_READ_DAYS })} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="personId" label={t('integrityFile.cadre')} rules={[{ required: true, message: t('integrityFile.cadreRequired') }]}>
          <PersonPicker onPick={() => undefined} width={360} placeholder={t('integrityFile.cadrePlaceholder')} testId="request-person" />
        </Form.Item>
        <Form.Item name="reason" label={t('integrityFile.reason')} rules={[{ required: true, min: 4, message: t('integrityFile.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="request-reason" />
        </Form.Item>
        <Form.Item name="sections" label={t('integrityFile.sections')} rules={[{ required: true, message: t('integrityFile.sectionsRequired') }]}>
          <SectionsGroup
            aria-label={t('integrityFile.sections')}
            options={ALL_SECTIONS.map((s) => ({ value: s, label: label(INTEGRITY_SECTION_LABELS, s) }))}
          />
        </Form.Item>
        <Form.Item name="validUntil" label={t('integrityFile.validUntil')} extra={t('integrityFile.validUntilHint', { days: DEFAULT_READ_DAYS })}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(MAX_READ_DAYS, 'day'), 'day')} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/**
 * The sections to ask for: a labelled group of checkboxes. Form.Item marks its control `aria-required`, which ARIA
 * allows on a single checkbox but not on a group (axe: aria-allowed-attr); the group drops it (the label's asterisk
 * and the error message say it), keeping `aria-invalid` and `aria-describedby` (global attributes).
 */
function SectionsGroup({ 'aria-required': _required, ...props }: GetProps<typeof Checkbox.Group> & { 'aria-required'?: unknown; 'aria-label': string }) {
  return <Checkbox.Group role="group" data-testid="request-sections" {...props} />;
}
