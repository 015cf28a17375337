import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type SelfResponse, useResponseAction, useResponses, useSaveAnswer } from './api';
import { AnswerView, SelfLightDot } from './shared';

/** /portal/self-inspection/:roundId — one card per aspect: answer, save the draft, submit. */
export function PortalRoundPage() {
  const { roundId } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const query = useResponses(roundId);
  const first = query.data?.items[0];
  return (
    <Page
      title={first ? `${first.roundTitle}` : t('selfInspection.menuPortal')}
      description={first ? `${first.unitName} · ${t('selfInspection.dueOn')} ${formatDate(first.dueOn)}` : undefined}
      extra={<Button onClick={() => void navigate('/portal/self-inspection')}>{t('selfInspection.back')}</Button>}
      testId="portal-self-round-page"
    >
      {query.isError ? <QueryError error={query.error} onRetry={() => void query.refetch()} /> : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(query.data?.items ?? []).map((r) => (
          <AspectCard key={`${r.id}:${r.version}`} r={r} />
        ))}
      </Space>
    </Page>
  );
}

type AnswerForm = { problemsText: string; problemsCount: number; correctedCount: number; correctedText: string; plan: string };

function AspectCard({ r }: { r: SelfResponse }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const save = useSaveAnswer();
  const act = useResponseAction();
  const [form] = Form.useForm<AnswerForm>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const title = (
    <Flex gap={8} align="center">
      <span>
        {r.aspect.order}. {r.aspect.title}
      </span>
      <SelfLightDot light={r.light} />
    </Flex>
  );
  if (!r.abilities.answer) {
    return (
      <Card title={title} size="small" data-testid={`portal-aspect-${r.aspect.code}`}>
        <AnswerView r={r} />
      </Card>
    );
  }
  const saveDraft = async (v: AnswerForm) => {
    try {
      await save.mutateAsync({
        response: r,
        body: { ...v, problemsText: v.problemsText ?? '', correctedText: v.correctedText ?? '', plan: v.plan ?? '' },
        files: files.map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => Boolean(f)),
      });
      message.success(t('selfInspection.saved'));
    } catch (err) {
      onError(err, form);
    }
  };
  const submit = async () => {
    try {
      await act.mutateAsync({ id: r.id, body: { action: 'submit', version: r.version } });
      message.success(t('selfInspection.submitted'));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card title={title} size="small" data-testid={`portal-aspect-${r.aspect.code}`}>
      <Typography.Paragraph type="secondary">
        {t('selfInspection.guidance')}：{r.aspect.guidance}
      </Typography.Paragraph>
      {r.reviewComment && r.status === 'RETURNED' ? (
        <Typography.Paragraph type="danger">
          {t('selfInspection.reviewComment')}：{r.reviewComment}
        </Typography.Paragraph>
      ) : null}
      <Form<AnswerForm>
        form={form}
        layout="vertical"
        initialValues={{
          problemsText: r.problemsText,
          problemsCount: r.problemsCount,
          correctedCount: r.correctedCount,
          correctedText: r.correctedText,
          plan: r.plan,
        }}
        onFinish={(v) => void saveDraft(v)}
      >
        <Flex gap={16}>
          <Form.Item name="problemsCount" label={t('selfInspection.problemsCount')} rules={[{ required: true, message: t('selfInspection.required') }]}>
            <InputNumber min={0} max={100000} precision={0} data-testid="portal-aspect-problems-count" />
          </Form.Item>
          <Form.Item name="correctedCount" label={t('selfInspection.correctedCount')} rules={[{ required: true, message: t('selfInspection.required') }]}>
            <InputNumber min={0} max={100000} precision={0} data-testid="portal-aspect-corrected-count" />
          </Form.Item>
        </Flex>
        <Form.Item name="problemsText" label={t('selfInspection.problemsText')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid="portal-aspect-problems-text" />
        </Form.Item>
        <Form.Item name="correctedText" label={t('selfInspection.correctedText')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid="portal-aspect-corrected-text" />
        </Form.Item>
        <Form.Item name="plan" label={t('selfInspection.plan')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} data-testid="portal-aspect-plan" />
        </Form.Item>
        <Form.Item label={t('selfInspection.evidence')}>
          {r.evidence.map((e) => (
            <div key={e.id}>
              <a href={`/api/v1/attachments/${e.id}/content`}>{e.filename}</a>
            </div>
          ))}
          <Upload multiple fileList={files} beforeUpload={() => false} onChange={({ fileList }) => setFiles(fileList)}>
            <Button icon={<UploadOutlined />}>{t('selfInspection.chooseFiles')}</Button>
          </Upload>
        </Form.Item>
        <Flex gap={8}>
          <Button htmlType="submit" loading={save.isPending} data-testid="portal-aspect-save">
            {t('selfInspection.saveDraft')}
          </Button>
          <Button type="primary" disabled={!r.abilities.submit} loading={act.isPending} onClick={() => void submit()} data-testid="portal-aspect-submit">
            {t('selfInspection.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
