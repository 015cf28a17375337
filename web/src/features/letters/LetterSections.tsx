import { PlusOutlined } from '@ant-design/icons';
import { LETTER_ORIGIN_LABELS } from '@liandong/domain/reform/enums';
import { LETTER_ACTION_LABELS, LETTER_REFERRAL_LABELS, LETTER_STATE_LABELS, TASK_STATE_LABELS } from '@liandong/domain/reform/machine';
import { LIGHT_LABELS, type Light } from '@liandong/domain/supervision/enums';
import { App, Button, Card, Empty, Form, Input, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { EntityDescriptions, type FieldDef } from '../../components/entity';
import { EnumTag } from '../../components/EnumTag';
import { EventTimelineCard } from '../../components/EventTimeline';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { type LetterDetail, useAddOpinion, useLetterTasks } from './api';
import { LetterStateTag, ReplyStatus } from './components';

const LIGHT_TAG: Record<Light, string> = { GREEN: 'success', YELLOW: 'warning', RED: 'error', DONE: 'processing', NONE: 'default' };

/** 办理要素: origin, drafting office, supervisor, dates of service, objection and reply, the evaluation. */
export function FactsCard({ letter }: { letter: LetterDetail }) {
  const { t, label } = useI18n();
  const fields: FieldDef<LetterDetail>[] = [
    { key: 'docNo', title: t('letter.docNo'), render: (l) => <span data-testid="letter-doc-no">{l.docNo ?? t('letter.unnumbered')}</span> },
    { key: 'origin', title: t('letter.origin'), render: (l) => label(LETTER_ORIGIN_LABELS, l.origin) },
    { key: 'campaign', title: t('campaignLink.campaign'), render: (l) => l.campaignName ?? '—' },
    { key: 'draftingOrg', title: t('letter.draftingOrg'), render: (l) => l.draftingOrg.name },
    { key: 'supervisor', title: t('letter.supervisor'), render: (l) => l.supervisor?.name ?? '—' },
    { key: 'recipientName', title: t('letter.recipient') },
    { key: 'approvedBy', title: t('letter.approvedBy'), render: (l) => (l.approvedBy ? `${l.approvedBy.name} · ${formatDateTime(l.approvedAt)}` : '—') },
    { key: 'issuedOn', title: t('letter.issuedOn'), render: (l) => formatDate(l.issuedOn) },
    { key: 'amendmentNo', title: t('letter.amendmentNo'), render: (l) => (l.amendmentNo > 0 ? t('letter.amendedTimes', { n: l.amendmentNo }) : '—') },
    {
      key: 'referredTo',
      title: t('letter.referredTo'),
      render: (l) => (l.referredTo ? `${label(LETTER_REFERRAL_LABELS, l.referredToKind)}：${l.referredTo}（${formatDate(l.referredOn)}）` : '—'),
    },
    {
      key: 'served',
      title: t('letter.servedOn'),
      render: (l) => (l.servedOn ? `${formatDate(l.servedOn)}（${t('letter.receiptBy', { name: l.receiptSignedBy ?? '—' })}）` : '—'),
    },
    { key: 'objectionDue', title: t('letter.objectionDue'), render: (l) => formatDate(l.objectionDue) },
    { key: 'replyDue', title: t('letter.replyDue'), render: (l) => formatDate(l.replyDue) },
    { key: 'replyStatus', title: t('letter.replyStatus'), render: (l) => <ReplyStatus letter={l} /> },
    { key: 'record', title: t('letter.record'), render: (l) => (l.recordId ? <Link to={`/reform/${l.recordId}`}>{t('letter.openRecord')}</Link> : '—') },
  ];
  const texts: [string, string | null][] = [
    [t('letter.objection'), letter.objection],
    [t('letter.objectionAnswer'), letter.objectionAnswer],
    [t('letter.reply'), letter.reply],
    [letter.evaluationScore !== null ? t('letter.evaluationWithScore', { score: letter.evaluationScore }) : t('letter.evaluation'), letter.evaluation],
    [t('letter.escalation'), letter.escalation],
  ];
  return (
    <Card size="small" title={t('letter.facts2')} style={{ marginBottom: 12 }} data-testid="letter-facts-card">
      <EntityDescriptions fields={fields} record={letter} column={{ xs: 1, md: 2 }} />
      {texts
        .filter(([, v]) => Boolean(v))
        .map(([title, v]) => (
          <div key={title} style={{ marginTop: 12 }}>
            <Typography.Text strong>{title}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{v}</Typography.Paragraph>
          </div>
        ))}
    </Card>
  );
}

/** 征求意见 and 审核意见: recorded by the drafter (offices, groups, the unit's Party group) or the reviewer. */
export function OpinionsCard({ letter }: { letter: LetterDetail }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const can = letter.abilities.addConsultation || letter.abilities.addReview;
  return (
    <Card
      size="small"
      title={t('letter.opinions')}
      style={{ marginBottom: 12 }}
      data-testid="letter-opinions"
      extra={
        can ? (
          <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="letter-opinion-add">
            {t('letter.addOpinion')}
          </Button>
        ) : null
      }
    >
      {letter.opinions.length ? (
        <List
          size="small"
          dataSource={letter.opinions}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <List.Item.Meta
                title={
                  <Space size={4} wrap>
                    <Tag color={o.kind === 'REVIEW' ? 'purple' : 'cyan'}>
                      {o.kind === 'REVIEW' ? t('letter.opinionReview') : t('letter.opinionConsultation')}
                    </Tag>
                    <span>{o.orgName}</span>
                  </Space>
                }
                description={`${o.recordedBy?.name ?? '—'} · ${formatDateTime(o.recordedAt)}`}
              />
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, maxWidth: 560 }}>{o.opinion}</Typography.Paragraph>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('letter.noOpinions')} />
      )}
      {can ? <OpinionModal letter={letter} open={open} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

function OpinionModal({ letter, open, onClose }: { letter: LetterDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddOpinion(letter.id);
  const me = useMe();
  const kind = letter.abilities.addReview ? 'REVIEW' : 'CONSULTATION';
  /** A review opinion is the reviewer's own office's; a consultation names the office, group or Party group consulted. */
  const own = kind === 'REVIEW' ? { id: me.user.org.id, name: me.user.org.nameZh } : null;
  const [form] = Form.useForm<{ orgId?: string; orgName?: string; opinion: string }>();
  const submit = async (v: { orgId?: string; orgName?: string; opinion: string }) => {
    try {
      await add.mutateAsync({ kind, orgId: v.orgId, orgName: v.orgName?.trim() || undefined, opinion: v.opinion.trim() });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={kind === 'REVIEW' ? t('letter.opinionReview') : t('letter.opinionConsultation')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'letter-opinion-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false} initialValues={own ? { orgId: own.id } : undefined}>
        <Form.Item name="orgId" label={t('letter.opinionOrg')}>
          <OrgSelect known={own ? [own] : undefined} data-testid="letter-opinion-org" />
        </Form.Item>
        <Form.Item
          name="orgName"
          label={t('letter.opinionOrgName')}
          extra={t('letter.opinionOrgNameHint')}
          dependencies={['orgId']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, v?: string) => {
                if (!getFieldValue('orgId') && !v?.trim()) throw new Error(t('letter.opinionOrgRequired'));
              },
            }),
            { max: 200 },
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="opinion" label={t('letter.opinion')} rules={[{ required: true, whitespace: true, message: t('letter.required') }, { max: 5000 }]}>
          <Input.TextArea rows={5} maxLength={5000} showCount data-testid="letter-opinion-text" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 整改任务: one per recommendation once the unit adopts the letter, with the board's light. */
export function TasksCard({ letter }: { letter: LetterDetail }) {
  const { t, label } = useI18n();
  const tasks = useLetterTasks(letter.id, letter.tasks.length > 0);
  const lights = new Map((tasks.data?.items ?? []).map((x) => [x.id, x.light]));
  return (
    <Card size="small" title={t('letter.tasks')} style={{ marginBottom: 12 }} data-testid="letter-tasks">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={letter.tasks}
        locale={{ emptyText: t('letter.noTasks') }}
        columns={[
          { key: 'no', title: t('letter.itemNo'), width: 60, render: (_, r) => r.itemNo ?? '—' },
          {
            key: 'light',
            title: t('letter.light'),
            width: 90,
            render: (_, r) => {
              const light = lights.get(r.id);
              return light ? (
                <Tag color={LIGHT_TAG[light]} data-testid={`letter-task-light-${r.id}`} data-light={light}>
                  {label(LIGHT_LABELS, light)}
                </Tag>
              ) : (
                '—'
              );
            },
          },
          { key: 'issue', title: t('letter.taskIssue'), ellipsis: true, render: (_, r) => <Link to={`/rectification/${r.id}`}>{r.issue}</Link> },
          { key: 'deadline', title: t('letter.itemDeadline'), width: 110, render: (_, r) => formatDate(r.deadline) },
          { key: 'state', title: t('letter.state'), width: 120, render: (_, r) => <EnumTag labels={TASK_STATE_LABELS} value={r.state} /> },
        ]}
      />
    </Card>
  );
}

/** 办理记录: every event of the letter, newest first. */
export function LetterTimeline({ letter }: { letter: LetterDetail }) {
  const { t, label } = useI18n();
  const events = [...letter.timeline].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <EventTimelineCard
      title={t('letter.timeline')}
      testId="letter-timeline"
      events={events}
      color={(e) => (e.action === 'returnDraft' || e.action === 'refuse' ? 'red' : 'blue')}
      actionText={(e) => (e.action in LETTER_ACTION_LABELS ? label(LETTER_ACTION_LABELS, e.action) : t('letter.eventEdit'))}
      stateLabel={(s) => label(LETTER_STATE_LABELS, s)}
      stateTag={(s) => <LetterStateTag state={s} />}
      systemName={t('letter.system')}
      eventTestId={(e) => `letter-event-${e.action}`}
    />
  );
}
