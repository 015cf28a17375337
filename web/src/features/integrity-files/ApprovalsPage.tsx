import { DEFAULT_READ_DAYS, INTEGRITY_SECTION_LABELS, MAX_READ_DAYS } from '@liandong/domain/integrity-files/enums';
import type { FileRequestAction } from '@liandong/domain/integrity-files/machine';
import { App, Button, DatePicker, Form, Input, Modal, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { EnumTags } from '../../components/EnumTag';
import { LedgerTable } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDateTime, orDash, toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type RequestRow, useActOnRequest, useRequests } from './api';
import { RequestStateTag } from './RequestStateTag';

/**
 * 查阅审批 (the leader overseeing the 干部监督室, b.6): the requests waiting for a decision — the same list the
 * 工作台 card counts — and every request decided; approve with an end date, reject or revoke with a reason.
 */
export function ApprovalsPage() {
  const { t } = useI18n();
  const [view, setView] = useState<'toApprove' | 'all'>('toApprove');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [deciding, setDeciding] = useState<{ r: RequestRow; action: FileRequestAction } | null>(null);
  const q = useRequests({ view, ...paging, ...(view === 'toApprove' ? { state: 'PENDING' as const } : {}) });
  const columns = [
    { key: 'person', title: t('integrityFile.cadre'), render: (r: RequestRow) => `${r.person.name}（${r.person.unitName ?? ''}）` },
    { key: 'requester', title: t('integrityFile.requester'), render: (r: RequestRow) => `${r.requester.name}（${r.requesterOrg.name}）` },
    { key: 'sections', title: t('integrityFile.sections'), render: (r: RequestRow) => <EnumTags labels={INTEGRITY_SECTION_LABELS} values={r.sections} /> },
    { key: 'reason', title: t('integrityFile.reason'), dataIndex: 'reason' },
    { key: 'created', title: t('integrityFile.requestedAt'), width: 150, render: (r: RequestRow) => formatDateTime(r.createdAt) },
    { key: 'state', title: t('integrityFile.state'), width: 100, render: (r: RequestRow) => <RequestStateTag r={r} /> },
    { key: 'until', title: t('integrityFile.validUntil'), width: 110, render: (r: RequestRow) => orDash(r.validUntil) },
    {
      key: 'actions',
      title: t('integrityFile.actions'),
      width: 190,
      render: (r: RequestRow) => (
        <Space>
          {r.abilities.actions.includes('approve') ? (
            <Button size="small" type="primary" onClick={() => setDeciding({ r, action: 'approve' })} data-testid={`approve-${r.person.name}`}>
              {t('integrityFile.approve')}
            </Button>
          ) : null}
          {r.abilities.actions.includes('reject') ? (
            <Button size="small" danger onClick={() => setDeciding({ r, action: 'reject' })}>
              {t('integrityFile.reject')}
            </Button>
          ) : null}
          {r.abilities.actions.includes('revoke') && r.live ? (
            <Button size="small" onClick={() => setDeciding({ r, action: 'revoke' })}>
              {t('integrityFile.revoke')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page title={t('integrityFile.menuApprovals')} description={t('integrityFile.approvalsHint')} testId="integrity-file-approvals">
      <Segmented
        style={{ marginBottom: 12 }}
        value={view}
        onChange={(v) => {
          setView(v as 'toApprove' | 'all');
          setPaging({ ...paging, page: 1 });
        }}
        options={[
          { value: 'toApprove', label: t('integrityFile.viewToApprove') },
          { value: 'all', label: t('integrityFile.viewAll') },
        ]}
      />
      <LedgerTable<RequestRow>
        query={q}
        testId="approvals-table"
        columns={columns}
        paging={paging}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
        locale={{ emptyText: t('integrityFile.noRequests') }}
      />
      {deciding ? <DecideModal r={deciding.r} action={deciding.action} onClose={() => setDeciding(null)} /> : null}
    </Page>
  );
}

function DecideModal({ r, action, onClose }: { r: RequestRow; action: FileRequestAction; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ validUntil?: dayjs.Dayjs; comment?: string }>();
  const act = useActOnRequest();
  const onError = useApiErrorHandler();
  const approving = action === 'approve';
  const submit = async (v: { validUntil?: dayjs.Dayjs; comment?: string }) => {
    try {
      await act.mutateAsync({
        id: r.id,
        body: { action, version: r.version, comment: v.comment, ...(approving && v.validUntil ? { validUntil: toIsoDay(v.validUntil) } : {}) },
      });
      message.success(t('integrityFile.decided'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const titles = {
    approve: t('integrityFile.approve'),
    reject: t('integrityFile.reject'),
    revoke: t('integrityFile.revoke'),
    withdraw: t('integrityFile.withdraw'),
  };
  return (
    <Modal
      open
      title={`${titles[action]}：${r.person.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={act.isPending}
      okButtonProps={{ 'data-testid': 'decide-ok' } as Record<`data-${string}`, string>}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={approving ? { validUntil: dayjs(r.validUntil ?? dayjs().add(DEFAULT_READ_DAYS, 'day').format('YYYY-MM-DD')) } : {}}
      >
        {approving ? (
          <Form.Item name="validUntil" label={t('integrityFile.validUntil')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(MAX_READ_DAYS, 'day'), 'day')} />
          </Form.Item>
        ) : null}
        <Form.Item name="comment" label={t('integrityFile.comment')} rules={approving ? [] : [{ required: true, message: t('integrityFile.commentRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="decide-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
