import { CREDENTIAL_RESET_KIND_LABELS, CREDENTIAL_RESET_STATUS_LABELS } from '@liandong/domain/users/contracts';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type CredentialReset, useCredentialResets, useDecideReset } from './api';

const STATUS_COLORS: Record<CredentialReset['status'], string> = { PENDING: 'gold', APPROVED: 'green', REJECTED: 'default', EXPIRED: 'default' };

/**
 * 凭据重置申请 (双人复核): resets of leaders' and administrators' credentials wait here for a second
 * security or system administrator; the buttons follow each request's abilities (never the requester's own).
 */
export function ResetRequests() {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const query = useCredentialResets();
  const decide = useDecideReset();
  const onError = useApiErrorHandler();
  const items = query.data?.items ?? [];
  if (!query.isSuccess || items.length === 0) return null;

  const run = (r: CredentialReset, decision: 'approve' | 'reject') =>
    decide.mutateAsync({ id: r.id, decision }).then(
      () => message.success(t(decision === 'approve' ? 'users.resetApproved' : 'users.resetRejected')),
      (err: unknown) => onError(err),
    );
  const approve = (r: CredentialReset) =>
    modal.confirm({
      title: t('users.approve'),
      content: t('users.approveConfirm', { name: `${r.displayName}（${r.username}）`, kind: label(CREDENTIAL_RESET_KIND_LABELS, r.kind) }),
      okButtonProps: { danger: true },
      onOk: () => run(r, 'approve'),
    });

  return (
    <Card size="small" title={t('users.resetsTitle')} style={{ marginBottom: 16 }} data-testid="credential-resets">
      <Table<CredentialReset>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { key: 'account', title: t('users.resetsAccount'), render: (_, r) => `${r.displayName}（${r.username}）` },
          { key: 'kind', title: t('users.resetsKind'), render: (_, r) => label(CREDENTIAL_RESET_KIND_LABELS, r.kind) },
          {
            key: 'status',
            title: t('common.status'),
            render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{label(CREDENTIAL_RESET_STATUS_LABELS, r.status)}</Tag>,
          },
          { key: 'by', title: t('users.resetsRequestedBy'), dataIndex: 'requestedByName' },
          { key: 'at', title: t('users.resetsRequestedAt'), render: (_, r) => new Date(r.requestedAt).toLocaleString() },
          { key: 'until', title: t('users.resetsExpiresAt'), render: (_, r) => new Date(r.expiresAt).toLocaleString() },
          { key: 'decided', title: t('users.resetsDecidedBy'), render: (_, r) => r.decidedByName ?? '—' },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) => (
              <Space size={0}>
                {r.abilities.approve ? (
                  <Button type="link" size="small" onClick={() => approve(r)} data-testid="reset-approve">
                    {t('users.approve')}
                  </Button>
                ) : null}
                {r.abilities.reject ? (
                  <Button type="link" size="small" danger onClick={() => void run(r, 'reject')}>
                    {t('users.reject')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
