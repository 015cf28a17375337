import { ArrowLeftOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, List, Modal, Row, Space, Typography } from 'antd';
import { LETTER_REFERRAL_LABELS } from '@liandong/domain/reform/machine';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type LetterDetail, useMyLetter, useRecipientAction } from './api';
import { LetterNextStep, TaskNextStep } from './components';

type Dialog = 'adopt' | 'object' | 'reply' | null;

/** One letter to the unit: read it, download it, adopt it or object within the window, and write the reply. */
export function MyLetterPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const query = useMyLetter(id);
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const letter = query.data;
  return (
    <Page
      bare
      testId="portal-letter-page"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => void navigate('/portal/letters')} aria-label={t('portal.back')} />
          <span data-testid="portal-letter-title">{letter.title}</span>
        </Space>
      }
      description={<span data-testid="portal-letter-doc-no">{letter.docNo}</span>}
      extra={<DocxButton letter={letter} />}
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size={16} style={{ marginBottom: 12 }}>
          <LetterNextStep letter={letter} />
        </Space>
        <NextStep letter={letter} />
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'served', label: t('portal.receivedOn'), children: formatDate(letter.servedOn ?? letter.issuedOn) },
            { key: 'objectionDue', label: t('portal.objectionBy'), children: formatDate(letter.objectionDue) },
            {
              key: 'replyDue',
              label: t('portal.replyBy'),
              children: <Typography.Text type={letter.replyOverdue ? 'danger' : undefined}>{formatDate(letter.replyDue)}</Typography.Text>,
            },
            { key: 'from', label: t('portal.from'), children: letter.draftingOrg.name },
            { key: 'contact', label: t('portal.contact'), children: letter.contact || '—', span: 2 },
          ]}
        />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('portal.letterText')} style={{ marginBottom: 12 }} data-testid="portal-letter-text">
            <Section title={t('portal.background')} text={letter.background} />
            <Section title={t('portal.facts')} text={letter.facts} />
            <Section title={t('portal.causes')} text={letter.causes} />
            <Typography.Title level={5}>{t('portal.recommendations')}</Typography.Title>
            <List
              size="small"
              dataSource={letter.items}
              renderItem={(i) => (
                <List.Item key={i.id} data-testid={`portal-letter-item-${i.no}`}>
                  <List.Item.Meta title={`${i.no}. ${i.text}`} description={t('portal.itemDeadline', { date: formatDate(i.deadline) })} />
                </List.Item>
              )}
            />
            {letter.legalBasis.length ? (
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('portal.basis')}：{letter.legalBasis.join('；')}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('portal.letterTasks')} style={{ marginBottom: 12 }} data-testid="portal-letter-tasks">
            {letter.tasks.length ? (
              <List
                size="small"
                dataSource={letter.tasks}
                renderItem={(task) => (
                  <List.Item key={task.id} extra={<TaskNextStep task={task} />}>
                    <Link to={`/portal/tasks/${task.id}`} data-testid={`portal-letter-task-${task.id}`}>
                      {task.itemNo ? `${task.itemNo}. ` : ''}
                      {task.issue}
                    </Link>
                  </List.Item>
                )}
              />
            ) : (
              <Typography.Text type="secondary">{t('portal.tasksAfterAdopt')}</Typography.Text>
            )}
          </Card>
          {letter.referredTo ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="portal-letter-referral"
              title={t('portal.referred', {
                to: letter.referredTo,
                kind: letter.referredToKind ? label(LETTER_REFERRAL_LABELS, letter.referredToKind) : '',
                date: formatDate(letter.referredOn),
              })}
              description={letter.escalation ?? undefined}
            />
          ) : null}
          {letter.objection || letter.objectionAnswer || letter.reply ? (
            <Card size="small" title={t('portal.ourAnswers')} data-testid="portal-letter-answers">
              <Section title={t('portal.ourObjection')} text={letter.objection} />
              <Section title={t('portal.objectionAnswer')} text={letter.objectionAnswer} />
              <Section title={t('portal.ourReply')} text={letter.reply} />
            </Card>
          ) : null}
        </Col>
      </Row>
    </Page>
  );
}

function Section({ title, text }: { title: string; text: string | null }) {
  if (!text?.trim()) return null;
  return (
    <>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text}</Typography.Paragraph>
    </>
  );
}

function DocxButton({ letter }: { letter: LetterDetail }) {
  const { t } = useI18n();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  if (!letter.abilities.exportDocx) return null;
  return (
    <Button
      icon={<FileWordOutlined />}
      loading={busy}
      data-testid="portal-letter-docx"
      onClick={async () => {
        setBusy(true);
        try {
          await downloadFile(`/api/v1/letters/${encodeURIComponent(letter.id)}/document.docx`, `${letter.docNo ?? letter.title}.docx`);
        } catch (err) {
          onError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('portal.downloadLetter')}
    </Button>
  );
}

/** What the unit may do now, explained, with the buttons the server allows (采纳 / 提出异议 / 书面回复). */
function NextStep({ letter }: { letter: LetterDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const action = useRecipientAction(letter);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ text: string }>();
  const can = (a: 'adopt' | 'object' | 'reply') => letter.abilities.actions.includes(a);
  if (!can('adopt') && !can('object') && !can('reply')) return null;
  const submit = async () => {
    if (!dialog) return;
    const v = dialog === 'adopt' ? { text: '' } : await form.validateFields();
    const text = v.text.trim();
    try {
      if (dialog === 'adopt') await action.mutateAsync({ action: 'adopt' });
      else if (dialog === 'object') await action.mutateAsync({ action: 'object', objection: text });
      else await action.mutateAsync({ action: 'reply', reply: text });
      message.success(t(`portal.done.${dialog}`));
      setDialog(null);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={can('reply') ? t('portal.replyNow') : t('portal.decideNow', { date: formatDate(letter.objectionDue) })}
        action={
          <Space direction="vertical">
            {can('adopt') ? (
              <Button type="primary" onClick={() => setDialog('adopt')} data-testid="portal-letter-adopt">
                {t('portal.adopt')}
              </Button>
            ) : null}
            {can('object') ? (
              <Button onClick={() => setDialog('object')} data-testid="portal-letter-object">
                {t('portal.object')}
              </Button>
            ) : null}
            {can('reply') ? (
              <Button type="primary" onClick={() => setDialog('reply')} data-testid="portal-letter-reply">
                {t('portal.reply')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Modal
        open={dialog !== null}
        title={dialog ? t(`portal.dialog.${dialog}`) : ''}
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        okText={dialog ? t(`portal.confirm.${dialog}`) : undefined}
        confirmLoading={action.isPending}
        okButtonProps={{ 'data-testid': 'portal-letter-confirm' }}
        destroyOnHidden
        width={640}
      >
        <Typography.Paragraph>{dialog ? t(`portal.explain.${dialog}`) : ''}</Typography.Paragraph>
        {dialog === 'object' || dialog === 'reply' ? (
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="text"
              label={dialog === 'object' ? t('portal.objectionText') : t('portal.replyText')}
              rules={[{ required: true, whitespace: true, message: t('portal.required') }, { max: dialog === 'object' ? 5000 : 20000 }]}
            >
              <Input.TextArea
                rows={dialog === 'reply' ? 10 : 6}
                showCount
                maxLength={dialog === 'object' ? 5000 : 20000}
                data-testid="portal-letter-text-input"
              />
            </Form.Item>
          </Form>
        ) : null}
      </Modal>
    </>
  );
}
