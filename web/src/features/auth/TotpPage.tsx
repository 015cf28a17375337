import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Result, Row, Steps, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { useApiErrorHandler } from '../../lib/errors';
import { useT } from '../../lib/i18n';
import { refreshMe, useMe } from '../../lib/me';
import { type TotpEnrolment, useConfirmTotp, useStartTotpEnrolment } from './api';

/** 动态口令: bind an authenticator app (QR code or manual secret), then confirm with a code. */
export function TotpPage() {
  const t = useT();
  const me = useMe();
  const enforced = me.restriction === 'TOTP_ENROLMENT';
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const start = useStartTotpEnrolment();
  const onError = useApiErrorHandler();

  const [rebinding, setRebinding] = useState(false);
  const begin = async () => {
    try {
      setEnrolment(await start.mutateAsync(undefined));
    } catch (err) {
      onError(err);
    }
  };
  // A restricted session can do nothing else: fetch the key straight away (once, even under StrictMode).
  const started = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once when the page opens restricted
  useEffect(() => {
    if (!enforced || started.current) return;
    started.current = true;
    void begin();
  }, [enforced]);

  return (
    <Page title={t('totp.title')} description={t('totp.description')}>
      {enforced ? <Alert type="warning" showIcon title={t('totp.enforced')} style={{ marginBottom: 16 }} /> : null}
      {!enrolment && enforced ? (
        start.isError ? (
          <Result status="error" title={t('common.loadFailed')} subTitle={start.error.message} extra={<Button onClick={begin}>{t('common.retry')}</Button>} />
        ) : (
          <Result status="info" title={t('totp.loading')} />
        )
      ) : !enrolment ? (
        me.user.totpEnabled && !enforced ? (
          <Result
            status="success"
            icon={<SafetyCertificateOutlined />}
            title={t('totp.enabled')}
            subTitle={t('totp.enabledText')}
            extra={
              rebinding ? null : (
                <Button onClick={() => setRebinding(true)} data-testid="totp-rebind">
                  {t('totp.rebind')}
                </Button>
              )
            }
          >
            {rebinding ? <RebindForm onStarted={setEnrolment} /> : null}
          </Result>
        ) : (
          <Result
            status="info"
            icon={<SafetyCertificateOutlined />}
            title={t('totp.notEnabled')}
            subTitle={t('totp.notEnabledText')}
            extra={
              <Button type="primary" onClick={begin} loading={start.isPending} data-testid="totp-start">
                {t('totp.start')}
              </Button>
            }
          />
        )
      ) : (
        <EnrolSteps enrolment={enrolment} />
      )}
    </Page>
  );
}

/** The `code` field of a form: a current six-digit code of an authenticator, checked before it is sent. */
function TotpCodeItem({ label, testId }: { label: string; testId: string }) {
  const t = useT();
  return (
    <Form.Item
      name="code"
      label={label}
      rules={[
        { required: true, message: t('login.totpRequired') },
        { pattern: /^\d{6}$/, message: t('login.totpFormat') },
      ]}
    >
      <Input maxLength={6} inputMode="numeric" autoComplete="one-time-code" placeholder="000000" data-testid={testId} />
    </Form.Item>
  );
}

/** 换绑: the password and a current code of the bound authenticator, then a new key. */
function RebindForm({ onStarted }: { onStarted: (e: TotpEnrolment) => void }) {
  const t = useT();
  const [form] = Form.useForm<{ password: string; code: string }>();
  const start = useStartTotpEnrolment();
  const onError = useApiErrorHandler();
  const submit = async (v: { password: string; code: string }) => {
    try {
      onStarted(await start.mutateAsync({ password: v.password, code: v.code }));
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Card size="small" title={t('totp.rebindTitle')} style={{ maxWidth: 360, margin: '0 auto', textAlign: 'left' }}>
      <Typography.Paragraph type="secondary">{t('totp.rebindHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="password" label={t('totp.rebindPassword')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="totp-rebind-password" />
        </Form.Item>
        <TotpCodeItem label={t('totp.rebindCode')} testId="totp-rebind-code" />
        <Button type="primary" htmlType="submit" loading={start.isPending} data-testid="totp-rebind-submit">
          {t('totp.rebindSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

function EnrolSteps({ enrolment }: { enrolment: TotpEnrolment }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();
  const confirm = useConfirmTotp();
  const onError = useApiErrorHandler();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const submit = async ({ code }: { code: string }) => {
    try {
      await confirm.mutateAsync(code);
      message.success(t('totp.done'));
      const fresh = await refreshMe(queryClient).catch(() => null);
      await navigate(fresh?.restriction === 'PASSWORD_CHANGE' ? '/account/password' : '/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'TOTP_INVALID' || err.code === 'VALIDATION' || err.code === 'BAD_REQUEST')) {
        form.setFields([{ name: 'code', errors: [err.message], value: '' }]);
        return;
      }
      onError(err, form);
    }
  };

  return (
    <>
      <Steps current={1} style={{ marginBottom: 24 }} items={[{ title: t('totp.step1') }, { title: t('totp.step2') }, { title: t('totp.step3') }]} />
      <Row gutter={24}>
        <Col xs={24} md={10}>
          <Card size="small" title={t('totp.scan')}>
            <img
              src={enrolment.qrDataUrl}
              alt={t('totp.scan')}
              width={200}
              height={200}
              data-testid="totp-qr"
              style={{ display: 'block', border: '1px solid #f0f0f0' }}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {t('totp.manual')}
            </Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: enrolment.secret }}>
              <span className="ld-mono" data-testid="totp-secret">
                {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
              </span>
            </Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card size="small" title={t('totp.confirmTitle')}>
            <Form form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 320 }}>
              <TotpCodeItem label={t('totp.code')} testId="totp-code" />
              <Button type="primary" htmlType="submit" loading={confirm.isPending} data-testid="totp-confirm">
                {t('totp.confirm')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}
