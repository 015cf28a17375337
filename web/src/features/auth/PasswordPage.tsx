import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { refreshMe, useMe } from '../../lib/me';
import { useChangePassword } from './api';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: forced after a reset or expiry (restriction PASSWORD_CHANGE), available to everyone. */
export function PasswordPage() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  const change = useChangePassword();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const enforced = me.restriction === 'PASSWORD_CHANGE';

  const submit = async (values: PasswordForm) => {
    try {
      await change.mutateAsync({ oldPassword: values.oldPassword, newPassword: values.newPassword });
      message.success(t('password.done'));
      form.resetFields();
      const fresh = await refreshMe(queryClient).catch(() => null);
      if (enforced) await navigate(fresh?.restriction === 'TOTP_ENROLMENT' ? '/account/totp' : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'PASSWORD_POLICY') {
        form.setFields([{ name: 'newPassword', errors: [err.message] }]);
        return;
      }
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'oldPassword', errors: [err.message] }]);
        return;
      }
      onError(err, form);
    }
  };

  return (
    <Page title={t('password.title')}>
      {enforced ? <Alert type="warning" showIcon title={t('password.enforced')} style={{ marginBottom: 16 }} /> : null}
      <Typography.Paragraph type="secondary">{t('password.expires', { date: formatDate(me.user.passwordExpiresAt) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} autoComplete="off">
        <Form.Item name="oldPassword" label={t('password.old')} rules={[{ required: true, message: t('password.oldRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="password-old" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.policyHint')}
          rules={[
            { required: true, message: t('password.newRequired') },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                value && value === getFieldValue('oldPassword') ? Promise.reject(new Error(t('password.sameAsOld'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="password-new" />
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
          <Input.Password autoComplete="new-password" data-testid="password-confirm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
          {t('password.submit')}
        </Button>
      </Form>
    </Page>
  );
}
