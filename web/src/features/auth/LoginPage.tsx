import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, applyFieldErrors } from '../../api/client';
import { type Lang, useI18n } from '../../lib/i18n';
import { useLogin } from './api';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** 登录: username and password; a second step asks for the 6-digit 动态口令 when the server requires it. */
export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const [form] = Form.useForm<LoginForm>();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);
  const login = useLogin();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // Whatever the previous session loaded stays out of the next one.
  useEffect(() => queryClient.clear(), [queryClient]);

  const submit = async (values: LoginForm) => {
    setError(null);
    try {
      const result = await login.mutateAsync({
        username: values.username.trim(),
        password: values.password,
        totp: step === 'totp' ? values.totp : undefined,
      });
      queryClient.clear();
      if (result.restriction === 'TOTP_ENROLMENT') await navigate('/account/totp', { replace: true });
      else if (result.restriction === 'PASSWORD_CHANGE') await navigate('/account/password', { replace: true });
      else await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setStep('totp');
        form.setFieldValue('totp', '');
        return;
      }
      if (err instanceof ApiError && err.code === 'TOTP_INVALID') form.setFieldValue('totp', '');
      if (applyFieldErrors(form, err)) return;
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const backToPassword = () => {
    setStep('password');
    setError(null);
    form.setFieldsValue({ password: '', totp: '' });
  };

  return (
    <div className="ld-login">
      <Card className="ld-login-card">
        <Typography.Title level={3} className="ld-login-title" style={{ marginBottom: 4 }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('login.subtitle')}
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        {step === 'totp' && !error ? <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} /> : null}
        <Form<LoginForm> form={form} layout="vertical" size="large" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]} hidden={step === 'totp'}>
            <Input prefix={<UserOutlined />} placeholder={t('login.username')} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" rules={[{ required: true, message: t('login.passwordRequired') }]} hidden={step === 'totp'}>
            <Input.Password prefix={<LockOutlined />} placeholder={t('login.password')} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          {step === 'totp' ? (
            <Form.Item
              name="totp"
              label={t('login.totp')}
              rules={[
                { required: true, message: t('login.totpRequired') },
                { pattern: /^\d{6}$/, message: t('login.totpFormat') },
              ]}
            >
              <Input
                prefix={<SafetyCertificateOutlined />}
                placeholder={t('login.totpPlaceholder')}
                maxLength={6}
                inputMode="numeric"
                autoComplete="one-time-code"
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          ) : null}
          <Form.Item style={{ marginBottom: 8 }}>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {step === 'totp' ? t('login.verify') : t('login.submit')}
            </Button>
          </Form.Item>
          {step === 'totp' ? (
            <Button type="link" block onClick={backToPassword}>
              {t('login.back')}
            </Button>
          ) : null}
        </Form>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('login.notice')}
          </Typography.Text>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh-CN', label: '中' },
              { value: 'en-US', label: 'EN' },
            ]}
          />
        </div>
      </Card>
    </div>
  );
}
