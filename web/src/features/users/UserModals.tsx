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
import { useEffect } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { isPendingReset, type User, useAssignRoles, useResetPassword, useSetClearance } from './api';

/** 分配角色 (安全管理员). The 三员 roles are shown apart: they do not mix with business roles. */
export function RolesModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ roles: Role[] }>();
  const assign = useAssignRoles();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (user) form.setFieldsValue({ roles: user.roles });
  }, [user, form]);
  const submit = async () => {
    if (!user) return;
    const { roles } = await form.validateFields();
    try {
      await assign.mutateAsync({ id: user.id, version: user.version, roles });
      message.success(t('users.rolesSaved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
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
    <Modal
      open={user !== null}
      title={t('users.rolesTitle', { name: user?.displayName ?? '' })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      width={560}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.rolesHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
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
      </Form>
    </Modal>
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
  const { message } = App.useApp();
  const [form] = Form.useForm<{ clearance: Classification }>();
  const save = useSetClearance();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (user) form.setFieldsValue({ clearance: user.clearance });
  }, [user, form]);
  const submit = async () => {
    if (!user) return;
    const { clearance } = await form.validateFields();
    try {
      await save.mutateAsync({ id: user.id, version: user.version, clearance });
      message.success(t('users.clearanceSaved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={user !== null}
      title={t('users.clearanceTitle', { name: user?.displayName ?? '' })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('users.clearanceHint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical">
        <Form.Item name="clearance" label={t('users.clearance')} rules={[{ required: true }]}>
          <Radio.Group options={CLEARANCES.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
