import {
  ADMIN_ROLES,
  BUSINESS_ROLES,
  CLASSIFICATION_LABELS,
  type Classification,
  ClassificationSchema,
  classificationRank,
  ROLE_LABELS,
  type Role,
  SYSTEM_MAX_CLASSIFICATION,
} from '@liandong/domain/access/enums';
import { Alert, App, Checkbox, Col, Divider, Form, Input, Modal, Radio, Row } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { isPendingReset, type User, useAssignRoles, useResetPassword, useSetClearance } from './api';

/**
 * The modal that edits one field of a user: filled from the user when it opens, saved with the version
 * the list showed (a stale version is refused by the server, not overwritten), server field errors put
 * on the form. Roles and clearance differ only in their field, hint and mutation.
 */
function UserFieldModal<F extends object>({
  user,
  onClose,
  title,
  hint,
  saved,
  width,
  fill,
  save,
  saving,
  children,
}: {
  user: User | null;
  onClose: () => void;
  title: string;
  hint: string;
  saved: string;
  width?: number;
  fill: (user: User) => F;
  save: (user: User, values: F) => Promise<unknown>;
  saving: boolean;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<F>();
  const onError = useApiErrorHandler();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is filled when another user opens, not on each render's new `fill`
  useEffect(() => {
    if (user) form.setFieldsValue(fill(user) as Parameters<typeof form.setFieldsValue>[0]);
  }, [user, form]);
  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    try {
      await save(user, values);
      message.success(saved);
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={user !== null} title={title} onOk={submit} onCancel={onClose} confirmLoading={saving} width={width} destroyOnHidden>
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}

/** 分配角色 (安全管理员). The 三员 roles are shown apart: they do not mix with business roles. */
export function RolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const assign = useAssignRoles();
  const group = (roles: readonly Role[]) => (
    <Row gutter={[8, 8]}>
      {roles.map((r) => (
        <Col span={12} key={r}>
          <Checkbox value={r}>{label(ROLE_LABELS, r)}</Checkbox>
        </Col>
      ))}
    </Row>
  );
  return (
    <UserFieldModal<{ roles: Role[] }>
      user={user}
      onClose={onClose}
      title={t('users.rolesTitle', { name: user?.displayName ?? '' })}
      hint={t('users.rolesHint')}
      saved={t('users.rolesSaved')}
      width={560}
      fill={(u) => ({ roles: u.roles })}
      save={(u, { roles }) => assign.mutateAsync({ id: u.id, version: u.version, roles })}
      saving={assign.isPending}
    >
      <Form.Item name="roles" rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
        <Checkbox.Group style={{ display: 'block' }}>
          <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
            {t('users.businessRoles')}
          </Divider>
          {group(BUSINESS_ROLES)}
          <Divider titlePlacement="start" plain>
            {t('users.adminRoles')}
          </Divider>
          {group(ADMIN_ROLES)}
        </Checkbox.Group>
      </Form.Item>
    </UserFieldModal>
  );
}

/** 重置密码: the user must change it at next sign-in. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ newPassword: string; confirm: string }>();
  const reset = useResetPassword();
  const onError = useApiErrorHandler();
  const submit = async () => {
    if (!user) return;
    const v = await form.validateFields();
    try {
      const result = await reset.mutateAsync({ id: user.id, version: user.version, newPassword: v.newPassword });
      if (isPendingReset(result)) message.info(t('users.resetPending'));
      else message.success(t('users.passwordReset'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={user !== null}
      title={t('users.resetPasswordTitle', { name: user?.displayName ?? '' })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" autoComplete="off" preserve={false}>
        <Form.Item name="newPassword" label={t('password.new')} extra={t('users.resetHint')} rules={[{ required: true, message: t('password.newRequired') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The platform is non-classified (domain.md e.1): clearances above the system maximum are not offered. */
const CLEARANCES = ClassificationSchema.options.filter((c) => classificationRank(c) <= classificationRank(SYSTEM_MAX_CLASSIFICATION));

/** 涉密等级 (安全管理员, 三员分立). */
export function ClearanceModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const save = useSetClearance();
  return (
    <UserFieldModal<{ clearance: Classification }>
      user={user}
      onClose={onClose}
      title={t('users.clearanceTitle', { name: user?.displayName ?? '' })}
      hint={t('users.clearanceHint')}
      saved={t('users.clearanceSaved')}
      fill={(u) => ({ clearance: u.clearance })}
      save={(u, { clearance }) => save.mutateAsync({ id: u.id, version: u.version, clearance })}
      saving={save.isPending}
    >
      <Form.Item name="clearance" label={t('users.clearance')} rules={[{ required: true }]}>
        <Radio.Group options={CLEARANCES.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))} />
      </Form.Item>
    </UserFieldModal>
  );
}
