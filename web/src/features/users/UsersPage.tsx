import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role, USER_STATUS_LABELS, type UserStatus } from '@liandong/domain/access/enums';
import { App, Button, Dropdown, Form, Input, type MenuProps, Select, Space, Table } from 'antd';
import { useMemo, useState } from 'react';
import { toColumns } from '../../components/entity';
import { FilterBar } from '../../components/FilterBar';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { isPendingReset, type User, type UserAction, useUserAction, useUsers } from './api';
import { userFields } from './columns';
import { type UserFormTarget, UserFormDrawer } from './UserFormDrawer';
import { ResetRequests } from './ResetRequests';
import { ClearanceModal, ResetPasswordModal, RolesModal } from './UserModals';

interface Filters {
  q?: string;
  orgId?: string;
  role?: Role;
  status?: UserStatus;
}

/** Version-only actions, the ability that shows each, and its confirmation text. */
const SIMPLE_ACTIONS: { action: UserAction; ability: keyof User['abilities']; label: MessageKey; confirm: MessageKey; danger?: boolean }[] = [
  { action: 'unlock', ability: 'unlock', label: 'users.unlock', confirm: 'users.unlockConfirm' },
  { action: 'enable', ability: 'enable', label: 'users.enable', confirm: 'users.enableConfirm' },
  { action: 'disable', ability: 'disable', label: 'users.disable', confirm: 'users.disableConfirm', danger: true },
  { action: 'reset-totp', ability: 'resetTotp', label: 'users.resetTotp', confirm: 'users.resetTotpConfirm', danger: true },
];

/** 用户与角色: accounts of the commission; every button follows the row's `abilities`. */
export function UsersPage() {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Filters>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ page: 1, pageSize: 50 });
  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [rolesFor, setRolesFor] = useState<User | null>(null);
  const [passwordFor, setPasswordFor] = useState<User | null>(null);
  const [clearanceFor, setClearanceFor] = useState<User | null>(null);
  const query = useUsers({ ...filters, q: filters.q?.trim() || undefined, ...page });
  const act = useUserAction();
  const onError = useApiErrorHandler();
  const fields = useMemo(() => userFields(t), [t]);

  const runAction = (u: User, a: (typeof SIMPLE_ACTIONS)[number]) =>
    modal.confirm({
      title: t(a.label),
      content: t(a.confirm, { name: `${u.displayName}（${u.username}）` }),
      okButtonProps: { danger: a.danger },
      onOk: () =>
        act.mutateAsync({ id: u.id, version: u.version, action: a.action }).then(
          (result) => (isPendingReset(result) ? message.info(t('users.resetPending')) : message.success(t('common.done'))),
          (err: unknown) => onError(err),
        ),
    });

  const actions = (u: User) => {
    const more: NonNullable<MenuProps['items']> = [];
    if (u.abilities.setClearance) more.push({ key: 'clearance', label: t('users.setClearance') });
    if (u.abilities.resetPassword) more.push({ key: 'reset-password', label: t('users.resetPassword') });
    for (const a of SIMPLE_ACTIONS) if (u.abilities[a.ability]) more.push({ key: a.action, label: t(a.label), danger: a.danger });
    return (
      <Space size={0}>
        {u.abilities.update ? (
          <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', user: u })}>
            {t('common.edit')}
          </Button>
        ) : null}
        {u.abilities.assignRoles ? (
          <Button type="link" size="small" onClick={() => setRolesFor(u)} data-testid="user-assign-roles">
            {t('users.assignRoles')}
          </Button>
        ) : null}
        {more.length ? (
          <Dropdown
            menu={{
              items: more,
              onClick: ({ key }) => {
                if (key === 'reset-password') setPasswordFor(u);
                if (key === 'clearance') setClearanceFor(u);
                const a = SIMPLE_ACTIONS.find((s) => s.action === key);
                if (a) runAction(u, a);
              },
            }}
          >
            <Button type="link" size="small">
              {t('common.more')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
      </Space>
    );
  };

  const columns = [
    ...toColumns(fields),
    { key: 'actions', title: t('common.actions'), width: 190, fixed: 'right' as const, render: (_: unknown, u: User) => actions(u) },
  ];
  return (
    <Page
      title={t('menu.adminUsers')}
      extra={
        query.data?.abilities.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormTarget({ mode: 'create' })} data-testid="user-create">
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <ResetRequests />
      <FilterBar<Filters>
        form={form}
        onSearch={(v) => {
          setFilters(v);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear placeholder={t('users.qPlaceholder')} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')}>
          <OrgSelect style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 160 }}
            options={Object.keys(ROLE_LABELS).map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select allowClear style={{ width: 110 }} options={Object.keys(USER_STATUS_LABELS).map((s) => ({ value: s, label: label(USER_STATUS_LABELS, s) }))} />
        </Form.Item>
      </FilterBar>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items}
          columns={columns}
          scroll={{ x: 1400 }}
          pagination={{
            current: page.page,
            pageSize: page.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => setPage({ page: size === page.pageSize ? p : 1, pageSize: size }),
          }}
        />
      )}
      <UserFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <RolesModal user={rolesFor} onClose={() => setRolesFor(null)} />
      <ResetPasswordModal user={passwordFor} onClose={() => setPasswordFor(null)} />
      <ClearanceModal user={clearanceFor} onClose={() => setClearanceFor(null)} />
    </Page>
  );
}
