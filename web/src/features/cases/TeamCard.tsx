import { UserAddOutlined } from '@ant-design/icons';
import { CASE_TEAM_LABELS, type CaseTeam, TEAM_ROLE_LABELS, type TeamRole } from '@liandong/domain/cases/enums';
import { Alert, App, Button, Card, Form, Modal, Popconfirm, Select, Spin, Table, type TableColumnType, Tag, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { ApiError } from '../../api/client';
import { EnumTag } from '../../components/EnumTag';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type CaseDetail, type TeamMember, useAddTeamMember, useRemoveTeamMember, useTeamCandidates } from './api';

const ROLE_COLORS: Record<TeamRole, string> = { LEAD: 'red', DEPUTY_LEAD: 'orange', MEMBER: 'blue' };

/** 审查调查组 or 审理组: members with org and role, who joined and left; add and remove when allowed. */
export function TeamCard({ detail, team }: { detail: CaseDetail; team: CaseTeam }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const remove = useRemoveTeamMember(detail.id);
  const [adding, setAdding] = useState(false);
  const [showPast, setShowPast] = useState(false);
  const members = team === 'INVESTIGATION' ? detail.teams.investigation : detail.teams.trial;
  const canManage = team === 'INVESTIGATION' ? detail.abilities.manageInvestigationTeam : detail.abilities.manageTrialTeam;
  const past = members.filter((m) => !m.active).length;
  const rows = showPast ? members : members.filter((m) => m.active);
  const key = team.toLowerCase();

  const columns: TableColumnType<TeamMember>[] = [
    { key: 'name', title: t('cases.memberName'), render: (_, m) => m.user.name },
    { key: 'org', title: t('cases.memberOrg'), render: (_, m) => m.org.name },
    { key: 'role', title: t('cases.memberRole'), width: 100, render: (_, m) => <EnumTag labels={TEAM_ROLE_LABELS} value={m.role} colors={ROLE_COLORS} /> },
    { key: 'joinedOn', title: t('cases.joinedOn'), width: 110, render: (_, m) => formatDate(m.joinedOn) },
    {
      key: 'leftOn',
      title: t('cases.leftOn'),
      width: 110,
      render: (_, m) => (m.active ? <Tag color="green">{t('cases.onTeam')}</Tag> : formatDate(m.leftOn)),
    },
  ];
  if (canManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, m) =>
        m.active ? (
          <Popconfirm
            title={t('cases.removeConfirm', { name: m.user.name })}
            okButtonProps={{ 'data-testid': `team-remove-confirm-${m.id}` }}
            onConfirm={async () => {
              try {
                await remove.mutateAsync(m.id);
                message.success(t('cases.removed'));
              } catch (err) {
                onError(err);
              }
            }}
          >
            <Button type="link" size="small" danger data-testid={`team-remove-${m.id}`}>
              {t('cases.remove')}
            </Button>
          </Popconfirm>
        ) : null,
    });
  }

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={label(CASE_TEAM_LABELS, team)}
      data-testid={`team-${key}`}
      extra={
        <>
          {past ? (
            <Button type="link" size="small" onClick={() => setShowPast(!showPast)}>
              {showPast ? t('cases.hidePast') : t('cases.showPast', { count: past })}
            </Button>
          ) : null}
          {canManage ? (
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid={`team-add-${key}`}>
              {t('cases.addMember')}
            </Button>
          ) : null}
        </>
      }
    >
      {team === 'TRIAL' ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('cases.separationHint')}
        </Typography.Paragraph>
      ) : null}
      <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={rows} data-testid={`team-table-${key}`} />
      {canManage ? <AddMemberModal open={adding} detail={detail} team={team} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

/**
 * Adds a member. The server records the member's org from the account and refuses (422
 * TRIAL_TEAM_CONFLICT) anyone who was ever on the investigation team; that message stays in the dialog.
 */
function AddMemberModal({ open, detail, team, onClose }: { open: boolean; detail: CaseDetail; team: CaseTeam; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddTeamMember(detail.id);
  const [form] = Form.useForm<{ userId: string; role: TeamRole }>();
  const [error, setError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const eligible = useTeamCandidates(detail.id, team, q, open);
  const options = useMemo(() => {
    const active = new Set((team === 'INVESTIGATION' ? detail.teams.investigation : detail.teams.trial).filter((m) => m.active).map((m) => m.user.id));
    const offered = (eligible.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.org.name}）` }));
    const seen = new Set(offered.map((o) => o.value));
    // People of this case's teams the server's list leaves out (the other team): offered so that the
    // server's separation rule answers with its own reason, marked so the user knows before trying.
    const ours: { value: string; label: string }[] = [];
    for (const m of [...detail.teams.investigation, ...detail.teams.trial]) {
      if (active.has(m.user.id) || seen.has(m.user.id)) continue;
      seen.add(m.user.id);
      const note = m.team === team ? '' : ` · ${t(m.team === 'INVESTIGATION' ? 'cases.wasInvestigator' : 'cases.wasTrial')}`;
      const text = `${m.user.name}（${m.org.name}）${note}`;
      if (!q || text.includes(q)) ours.push({ value: m.user.id, label: text });
    }
    return [{ label: t('cases.eligible'), options: offered }, ...(ours.length ? [{ label: t('cases.caseMembers'), options: ours }] : [])];
  }, [detail, team, eligible.data, q, t]);

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    try {
      await add.mutateAsync({ team, userId: v.userId, role: v.role });
      message.success(t('cases.memberAdded'));
      form.resetFields();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && (err.status === 422 || err.status === 409) && err.code !== 'STALE_VERSION') setError(err.message);
      onError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('cases.addMember')} · ${label(CASE_TEAM_LABELS, team)}`}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => void submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'team-add-confirm' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'MEMBER' }} preserve={false}>
        <Form.Item name="userId" label={t('cases.member')} rules={[{ required: true, message: t('cases.memberRequired') }]} extra={t('cases.memberHint')}>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            options={options}
            loading={eligible.isFetching}
            placeholder={t('cases.memberPlaceholder')}
            notFoundContent={eligible.isFetching ? <Spin size="small" /> : t('common.noMatch')}
            data-testid="team-add-user"
          />
        </Form.Item>
        <Form.Item name="role" label={t('cases.memberRole')} rules={[{ required: true }]}>
          <Select options={enumOptions(TEAM_ROLE_LABELS, label)} data-testid="team-add-role" />
        </Form.Item>
      </Form>
      {error ? <Alert type="error" showIcon title={t('cases.addRefused')} description={error} data-testid="team-add-error" /> : null}
    </Modal>
  );
}
