import { CLASSIFICATION_LABELS, type Classification, ClassificationSchema, classificationRank, SYSTEM_MAX_CLASSIFICATION } from '@liandong/domain/access/enums';
import { App, Button, Drawer, Flex, Form, Input, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type User, useCreateUser, useUpdateUser } from './api';

export type UserFormTarget = { mode: 'create' } | { mode: 'edit'; user: User };

interface UserForm {
  username: string;
  displayName: string;
  orgId: string;
  clearance: Classification;
  gender?: 'M' | 'F';
  position?: string;
  initialPassword: string;
}

/** The platform is non-classified (domain.md e.1): clearances above the system maximum are not offered. */
const CLEARANCES = ClassificationSchema.options.filter((c) => classificationRank(c) <= classificationRank(SYSTEM_MAX_CLASSIFICATION));

/** 新增/编辑账号. Roles, clearance and password resets belong to the security administrator (三员). */
export function UserFormDrawer({ target, onClose }: { target: UserFormTarget | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const onError = useApiErrorHandler();
  const editing = target?.mode === 'edit' ? target.user : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ username: editing.username, displayName: editing.displayName, orgId: editing.orgId, clearance: editing.clearance });
    else form.setFieldsValue({ clearance: 'PUBLIC' });
  }, [target, editing, form]);

  const submit = async (v: UserForm) => {
    try {
      if (editing) {
        // The clearance is the security administrator's (三员): shown here, never sent.
        await update.mutateAsync({ id: editing.id, version: editing.version, displayName: v.displayName.trim(), orgId: v.orgId });
      } else {
        await create.mutateAsync({
          username: v.username.trim().toLowerCase(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          clearance: 'PUBLIC',
          gender: v.gender,
          position: v.position?.trim() || undefined,
          initialPassword: v.initialPassword,
        });
      }
      message.success(editing ? t('common.saved') : t('users.createdHint'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Drawer
      open={target !== null}
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.create')}
      size={520}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()} data-testid="user-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^\s*[a-zA-Z0-9._-]{3,40}\s*$/, message: t('users.usernameFormat') },
          ]}
        >
          <Input disabled={editing !== null} className="ld-mono" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgSelect known={editing ? [{ id: editing.orgId, name: editing.orgName }] : undefined} />
        </Form.Item>
        <Form.Item name="clearance" label={t('users.clearance')} extra={t('users.clearanceHint')}>
          <Radio.Group disabled optionType="button" options={CLEARANCES.map((c) => ({ value: c, label: label(CLASSIFICATION_LABELS, c) }))} />
        </Form.Item>
        {!editing ? (
          <>
            <Form.Item name="gender" label={t('people.gender')}>
              <Select
                allowClear
                options={[
                  { value: 'M', label: t('people.male') },
                  { value: 'F', label: t('people.female') },
                ]}
              />
            </Form.Item>
            <Form.Item name="position" label={t('people.position')} rules={[{ max: 60 }]}>
              <Input />
            </Form.Item>
            <Form.Item
              name="initialPassword"
              label={t('users.initialPassword')}
              extra={t('users.initialPasswordHint')}
              rules={[{ required: true, message: t('users.passwordRequired') }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}
