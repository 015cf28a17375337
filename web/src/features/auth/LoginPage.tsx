import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody, Me } from '@liandong/domain/auth/contracts';
import { Alert, Button, Input, Segmented } from 'antd';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../../api/client';
import { type Lang, useI18n } from '../../lib/i18n';
import { resetSessionData } from '../../lib/session-reset';

type Field = 'username' | 'password' | 'totp';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = ['username', 'password', 'totp'];

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The server's field issues (zod paths) for the fields of this form; null when it named none of them. */
function serverFieldErrors(err: unknown): FieldErrors | null {
  if (!(err instanceof ApiError) || !err.details.issues?.length) return null;
  const out: FieldErrors = {};
  for (const issue of err.details.issues) {
    const head = issue.path.split('.').filter(Boolean)[0] as Field | undefined;
    if (head && FIELDS.includes(head) && !out[head]) out[head] = issue.message;
  }
  return Object.keys(out).length ? out : null;
}

/** One field in antd's vertical form layout: optional label, the control, the error under it. */
function FieldRow({ label, error, hidden, children }: { label?: string; error?: string; hidden?: boolean; children: ReactNode }) {
  return (
    <div className="ld-login-field" hidden={hidden}>
      {label ? <div className="ld-login-label">{label}</div> : null}
      {children}
      {error ? (
        <div className="ld-login-field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/**
 * 登录: username and password; a second step asks for the 6-digit 动态口令 when the server requires it.
 * Plain elements around antd's inputs and buttons (no antd Form, Card, Typography or react-query): this page
 * is the first load of every session and must stay small (issue 12).
 */
export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  const [values, setValues] = useState({ username: '', password: '', totp: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  // Whatever the previous session loaded stays out of the next one.
  useEffect(() => resetSessionData(), []);

  const change = (field: Field) => (e: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: e.target.value }));
    setFieldErrors((f) => ({ ...f, [field]: undefined }));
  };

  const validate = (): FieldErrors => {
    const out: FieldErrors = {};
    if (step === 'password') {
      if (!values.username.trim()) out.username = t('login.usernameRequired');
      if (!values.password) out.password = t('login.passwordRequired');
    } else if (!values.totp) out.totp = t('login.totpRequired');
    else if (!/^\d{6}$/.test(values.totp)) out.totp = t('login.totpFormat');
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    const invalid = validate();
    setFieldErrors(invalid);
    if (Object.keys(invalid).length) return;
    setError(null);
    setPending(true);
    try {
      const body: LoginBody = { username: values.username.trim(), password: values.password, totp: step === 'totp' ? values.totp : undefined };
      const result = await api.post<{ restriction: Me['restriction'] }>('/api/v1/auth/login', body);
      resetSessionData();
      if (result.restriction === 'TOTP_ENROLMENT') await navigate('/account/totp', { replace: true });
      else if (result.restriction === 'PASSWORD_CHANGE') await navigate('/account/password', { replace: true });
      else await navigate(safeNext(params.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setStep('totp');
        setValues((v) => ({ ...v, totp: '' }));
        return;
      }
      if (err instanceof ApiError && err.code === 'TOTP_INVALID') setValues((v) => ({ ...v, totp: '' }));
      const byField = serverFieldErrors(err);
      if (byField) setFieldErrors(byField);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  const backToPassword = () => {
    setStep('password');
    setError(null);
    setFieldErrors({});
    setValues((v) => ({ ...v, password: '', totp: '' }));
  };

  return (
    <div className="ld-login">
      {/* Plain elements, not antd's Card, Typography and Form: those bring Tabs, Menu, Tooltip and the form
          engine into the first load of /login. */}
      {/* Landmarks and one h1: a screen reader user lands on the title and jumps to the form (issue 13). */}
      <div className="ld-login-card">
        <header>
          <h1 className="ld-login-title">{t('app.title')}</h1>
          <p className="ld-login-subtitle">{t('login.subtitle')}</p>
        </header>
        <main>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
          {step === 'totp' && !error ? <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} /> : null}
          <form onSubmit={(e) => void submit(e)} noValidate data-testid="login-form">
            <FieldRow error={fieldErrors.username} hidden={step === 'totp'}>
              <Input
                size="large"
                prefix={<UserOutlined />}
                placeholder={t('login.username')}
                aria-label={t('login.username')}
                autoComplete="username"
                autoFocus
                value={values.username}
                onChange={change('username')}
                status={fieldErrors.username ? 'error' : undefined}
                data-testid="login-username"
              />
            </FieldRow>
            <FieldRow error={fieldErrors.password} hidden={step === 'totp'}>
              <Input.Password
                size="large"
                prefix={<LockOutlined />}
                placeholder={t('login.password')}
                aria-label={t('login.password')}
                autoComplete="current-password"
                value={values.password}
                onChange={change('password')}
                status={fieldErrors.password ? 'error' : undefined}
                data-testid="login-password"
              />
            </FieldRow>
            {step === 'totp' ? (
              <FieldRow label={t('login.totp')} error={fieldErrors.totp}>
                <Input
                  size="large"
                  prefix={<SafetyCertificateOutlined />}
                  placeholder={t('login.totpPlaceholder')}
                  aria-label={t('login.totp')}
                  maxLength={6}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  autoFocus
                  value={values.totp}
                  onChange={change('totp')}
                  status={fieldErrors.totp ? 'error' : undefined}
                  data-testid="login-totp"
                />
              </FieldRow>
            ) : null}
            <div style={{ marginBottom: 8 }}>
              <Button type="primary" size="large" htmlType="submit" block loading={pending} data-testid="login-submit">
                {step === 'totp' ? t('login.verify') : t('login.submit')}
              </Button>
            </div>
            {step === 'totp' ? (
              <Button type="link" size="large" block onClick={backToPassword}>
                {t('login.back')}
              </Button>
            ) : null}
          </form>
        </main>
        <footer style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginTop: 8 }}>
          <span className="ld-login-notice">{t('login.notice')}</span>
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh-CN', label: '中' },
              { value: 'en-US', label: 'EN' },
            ]}
            aria-label={t('login.language')}
          />
        </footer>
      </div>
    </div>
  );
}
