import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { EVIDENCE_SOURCE_LABELS, INTEGRITY_CONCLUSION_LABELS, INTEGRITY_STATE_LABELS, type IntegrityConclusion } from '@liandong/domain/integrity/enums';
import { INTEGRITY_ACTION_LABELS, type IntegrityAction } from '@liandong/domain/integrity/machine';
import { App, Button, Card, Descriptions, Form, Input, List, Modal, Radio, Space, Tag, Typography, Watermark } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { downloadFile, isApiError } from '../../api/client';
import { EventTimeline } from '../../components/EventTimeline';
import { Page } from '../../components/Page';
import { NotFound, PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { DueTag } from './DueTag';
import { useMe } from '../../lib/me';
import { type Cadre, type IntegrityDetail, integrityUrls, useCollect, useConclude, useReply, useReplyAction } from './api';
import { SharedNotice } from '../shares/SharedNotice';

const CONCLUSIONS = Object.keys(INTEGRITY_CONCLUSION_LABELS) as IntegrityConclusion[];
const CONCLUSION_COLORS: Record<IntegrityConclusion, string> = { CLEAR: 'green', CONCERNS: 'orange', NOT_TO_BE_USED: 'red' };

/** 党风廉政意见回复: the request, each cadre with the records found and the conclusion, sign-off actions, the letter. */
export function ReplyPage() {
  const { id } = useParams();
  const { t, label } = useI18n();
  const me = useMe();
  const q = useReply(id);
  if (q.isLoading) return <PageLoading />;
  if (isApiError(q.error) && q.error.status === 404) return <NotFound />;
  if (q.error || !q.data) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const eventName = (action: string) =>
    action === 'register'
      ? t('integrity.eventRegister')
      : action === 'collect'
        ? t('integrity.eventCollect')
        : action in INTEGRITY_ACTION_LABELS
          ? label(INTEGRITY_ACTION_LABELS, action as IntegrityAction)
          : action;
  return (
    <Watermark content={`${me.user.displayName} ${me.user.username}`}>
      <Page
        title={`${t('integrity.title')}：${r.requestingOrg}`}
        description={t('integrity.secrecy')}
        bare
        testId="integrity-reply"
        extra={<Toolbar reply={r} />}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <SharedNotice shared={r.shared} />
          <Header reply={r} />
          {r.cadres.map((c) => (
            <CadreCard key={c.id} reply={r} cadre={c} />
          ))}
          <Card size="small" title={t('integrity.timeline')}>
            <EventTimeline
              entries={r.events.map((e, i) => ({
                key: i,
                color: e.toState === 'RETURNED' ? 'orange' : 'blue',
                heading: <strong>{eventName(e.action)}</strong>,
                who: e.actor ?? '',
                at: e.at,
                text: e.comment,
              }))}
            />
          </Card>
        </Space>
      </Page>
    </Watermark>
  );
}

function Header({ reply: r }: { reply: IntegrityDetail }) {
  const { t, label } = useI18n();
  return (
    <Card size="small">
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('integrity.state')}>
          <Tag data-testid="integrity-state">{label(INTEGRITY_STATE_LABELS, r.state)}</Tag>
          <DueTag r={r} />
        </Descriptions.Item>
        <Descriptions.Item label={t('integrity.docNo')}>
          <span data-testid="integrity-docno">{r.docNo ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('integrity.issuedOn')}>{r.issuedOn ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.requestDocNo')}>{r.requestDocNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.purpose')}>{r.purpose}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.receivedOn')}>{r.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.dueOn')}>{r.dueOn}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.drafting')}>{r.draftingOrg.name}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.createdBy')}>{r.createdBy.name}</Descriptions.Item>
        <Descriptions.Item label={t('integrity.approvedBy')}>{r.approvedBy?.name ?? '—'}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** Buttons from the reply's abilities: collect, the machine's actions, the letter. */
function Toolbar({ reply: r }: { reply: IntegrityDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const collect = useCollect(r);
  const act = useReplyAction(r);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const run = async (action: IntegrityAction, comment?: string) => {
    try {
      await act.mutateAsync({ action, ...(comment ? { comment } : {}) });
      message.success(t('integrity.done'));
      setReturning(false);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <>
      {r.abilities.collect ? (
        <Button
          icon={<SearchOutlined />}
          loading={collect.isPending}
          data-testid="integrity-collect"
          onClick={() =>
            collect.mutateAsync(undefined).then(
              () => message.success(t('integrity.collected')),
              (err) => onError(err),
            )
          }
        >
          {t('integrity.collect')}
        </Button>
      ) : null}
      {r.abilities.actions.map((a) => (
        <Button
          key={a}
          type={a === 'returnDraft' ? 'default' : 'primary'}
          loading={act.isPending}
          data-testid={`integrity-action-${a}`}
          onClick={() => (a === 'returnDraft' ? setReturning(true) : void run(a))}
        >
          {label(INTEGRITY_ACTION_LABELS, a)}
        </Button>
      ))}
      <Button
        icon={<DownloadOutlined />}
        onClick={() => void downloadFile(integrityUrls.docx(r.id), `${r.docNo ?? '草稿'}.docx`).catch(onError)}
        data-testid="integrity-docx"
      >
        {r.docNo ? t('integrity.docx') : t('integrity.draftDocx')}
      </Button>
      <Modal
        open={returning}
        title={label(INTEGRITY_ACTION_LABELS, 'returnDraft')}
        onCancel={() => setReturning(false)}
        onOk={() => void run('returnDraft', reason)}
      >
        <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('integrity.returnReason')} />
      </Modal>
    </>
  );
}

function CadreCard({ reply: r, cadre: c }: { reply: IntegrityDetail; cadre: Cadre }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState(false);
  return (
    <Card
      size="small"
      data-testid={`integrity-cadre-${c.seq}`}
      title={
        <Space>
          <strong>{c.name}</strong>
          <Typography.Text type="secondary">
            {c.unitName} {c.position}
          </Typography.Text>
          {c.idNumberMasked ? <Typography.Text type="secondary">{c.idNumberMasked}</Typography.Text> : null}
        </Space>
      }
      extra={
        r.abilities.edit ? (
          <Button size="small" onClick={() => setEditing(true)} data-testid={`integrity-conclude-${c.seq}`}>
            {t('integrity.conclude')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('integrity.conclusion')}>
          {c.conclusion ? <Tag color={CONCLUSION_COLORS[c.conclusion]}>{label(INTEGRITY_CONCLUSION_LABELS, c.conclusion)}</Tag> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('integrity.opinion')}>{c.opinion || '—'}</Descriptions.Item>
      </Descriptions>
      <List
        size="small"
        header={<strong>{t('integrity.evidence')}</strong>}
        locale={{ emptyText: c.collectedAt ? t('integrity.noEvidence') : t('integrity.notCollected') }}
        dataSource={c.evidence}
        renderItem={(e) => (
          <List.Item>
            <Space wrap>
              <Tag>{label(EVIDENCE_SOURCE_LABELS, e.source)}</Tag>
              {e.refNo ? <span>{e.refNo}</span> : null}
              <span>{e.title}</span>
              {e.on ? <Typography.Text type="secondary">{e.on}</Typography.Text> : null}
              <Typography.Text type="secondary">
                {t('integrity.collectedBy')}：{e.collectedBy}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <ConcludeModal open={editing} onClose={() => setEditing(false)} reply={r} cadre={c} />
    </Card>
  );
}

function ConcludeModal({ open, onClose, reply, cadre }: { open: boolean; onClose: () => void; reply: IntegrityDetail; cadre: Cadre }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const conclude = useConclude(reply);
  const [form] = Form.useForm<{ conclusion: IntegrityConclusion; opinion: string }>();
  const save = async (v: { conclusion: IntegrityConclusion; opinion: string }) => {
    try {
      await conclude.mutateAsync({ cadreId: cadre.id, ...v });
      message.success(t('integrity.concluded'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={`${t('integrity.conclude')}：${cadre.name}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={conclude.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ conclusion: cadre.conclusion ?? undefined, opinion: cadre.opinion }} onFinish={(v) => void save(v)}>
        <Form.Item name="conclusion" label={t('integrity.conclusion')} rules={[{ required: true }]}>
          <Radio.Group options={CONCLUSIONS.map((c) => ({ value: c, label: label(INTEGRITY_CONCLUSION_LABELS, c) }))} data-testid="integrity-conclusion" />
        </Form.Item>
        <Form.Item name="opinion" label={t('integrity.opinion')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="integrity-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
