import { EditOutlined } from '@ant-design/icons';
import type { WorkCalendar } from '@liandong/domain/calendar/calendar';
import { FIRST_FORM_MEASURE_LABELS, INQUIRY_FORM_LABELS, INQUIRY_OUTCOME_LABELS, type InquiryOutcome } from '@liandong/domain/clues/enums';
import { App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ClueInquiry, useUpdateInquiry } from './api';
import { DueText } from './components';

/** 谈话函询 rounds: who talked or wrote when, the reply and report deadlines, the report and outcome. */
export function InquiryPanel({ inquiries, cal }: { inquiries: ClueInquiry[]; cal: WorkCalendar | null }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<ClueInquiry | null>(null);
  if (!inquiries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clueInq.none')} />;
  const rounds = [...inquiries].sort((a, b) => b.round - a.round);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="clue-inquiries">
      {rounds.map((q) => (
        <Card
          key={q.id}
          size="small"
          data-testid={`clue-inquiry-${q.round}`}
          title={
            <Space>
              {t('clueInq.round', { n: q.round })}
              <Tag color="purple">{label(INQUIRY_FORM_LABELS, q.form)}</Tag>
              {q.outcome ? <Tag color="blue">{label(INQUIRY_OUTCOME_LABELS, q.outcome)}</Tag> : null}
            </Space>
          }
          extra={
            q.abilities.update ? (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(q)} data-testid={`clue-inquiry-edit-${q.round}`}>
                {t('common.edit')}
              </Button>
            ) : null
          }
        >
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'talkedBy', label: t('clueInq.talkedBy'), children: orDash(q.talkedBy) },
              { key: 'accompaniedBy', label: t('clueInq.accompaniedBy'), children: orDash(q.accompaniedBy) },
              { key: 'talkOn', label: t('clueInq.talkOn'), children: formatDate(q.talkOn) },
              { key: 'letterSentOn', label: t('clueInq.letterSentOn'), children: formatDate(q.letterSentOn) },
              { key: 'letterReceivedOn', label: t('clueInq.letterReceivedOn'), children: formatDate(q.letterReceivedOn) },
              {
                key: 'replyDue',
                label: t('clueInq.replyDue'),
                children: <DueText due={q.replyDue} cal={cal} done={Boolean(q.repliedOn)} testId={`clue-inquiry-reply-due-${q.round}`} />,
              },
              { key: 'repliedOn', label: t('clueInq.repliedOn'), children: formatDate(q.repliedOn) },
              { key: 'replySigned', label: t('clueInq.replySigned'), children: q.replySignedByUnitLeader ? t('clue.yes') : t('clue.no') },
              {
                key: 'reportDue',
                label: t('clueInq.reportDue'),
                children: <DueText due={q.reportDue} cal={cal} done={Boolean(q.reportedOn)} testId={`clue-inquiry-report-due-${q.round}`} />,
              },
              { key: 'reportedOn', label: t('clueInq.reportedOn'), children: formatDate(q.reportedOn) },
              { key: 'outcome', label: t('clueInq.outcome'), children: q.outcome ? label(INQUIRY_OUTCOME_LABELS, q.outcome) : '—' },
              {
                key: 'firstForm',
                label: t('clueInq.firstFormMeasure'),
                children: q.firstFormMeasure ? label(FIRST_FORM_MEASURE_LABELS, q.firstFormMeasure) : '—',
              },
              { key: 'integrity', label: t('clueInq.filedToIntegrityFile'), children: q.filedToIntegrityFile ? t('clue.yes') : t('clue.no'), span: 2 },
              { key: 'report', label: t('clueInq.report'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{orDash(q.report)}</span>, span: 2 },
            ]}
          />
        </Card>
      ))}
      <InquiryModal inquiry={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}

interface InquiryValues {
  talkedBy?: string;
  accompaniedBy?: string;
  talkOn?: Dayjs | null;
  letterSentOn?: Dayjs | null;
  letterReceivedOn?: Dayjs | null;
  repliedOn?: Dayjs | null;
  replySignedByUnitLeader?: boolean;
  report?: string;
  outcome?: InquiryOutcome | null;
  firstFormMeasure?: string | null;
  filedToIntegrityFile?: boolean;
}

const asDay = (s: string | null) => (s ? dayjs(s) : null);
const toDay = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const blank = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** The round editor; the server computes the reply due (+15 working days) and the report due (+1 month). */
function InquiryModal({ inquiry, onClose }: { inquiry: ClueInquiry | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateInquiry();
  const [form] = Form.useForm<InquiryValues>();
  const outcome = Form.useWatch('outcome', form);
  const letter = inquiry?.form !== 'TALK';
  const talk = inquiry?.form !== 'LETTER';

  const submit = async (v: InquiryValues) => {
    if (!inquiry) return;
    try {
      await update.mutateAsync({
        id: inquiry.id,
        version: inquiry.version,
        talkedBy: blank(v.talkedBy),
        accompaniedBy: blank(v.accompaniedBy),
        talkOn: toDay(v.talkOn),
        letterSentOn: toDay(v.letterSentOn),
        letterReceivedOn: toDay(v.letterReceivedOn),
        repliedOn: toDay(v.repliedOn),
        replySignedByUnitLeader: Boolean(v.replySignedByUnitLeader),
        report: blank(v.report),
        outcome: v.outcome ?? null,
        firstFormMeasure: v.outcome === 'FIRST_FORM' ? ((v.firstFormMeasure as 'OTHER' | null | undefined) ?? null) : null,
        filedToIntegrityFile: Boolean(v.filedToIntegrityFile),
      });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Modal
      open={inquiry !== null}
      title={inquiry ? `${t('clueInq.title')} · ${t('clueInq.round', { n: inquiry.round })}` : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'clue-inquiry-save' }}
      destroyOnHidden
      width={760}
    >
      {inquiry ? (
        <Form<InquiryValues>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(v) => void submit(v)}
          initialValues={{
            talkedBy: inquiry.talkedBy ?? undefined,
            accompaniedBy: inquiry.accompaniedBy ?? undefined,
            talkOn: asDay(inquiry.talkOn),
            letterSentOn: asDay(inquiry.letterSentOn),
            letterReceivedOn: asDay(inquiry.letterReceivedOn),
            repliedOn: asDay(inquiry.repliedOn),
            replySignedByUnitLeader: inquiry.replySignedByUnitLeader,
            report: inquiry.report ?? undefined,
            outcome: inquiry.outcome,
            firstFormMeasure: inquiry.firstFormMeasure,
            filedToIntegrityFile: inquiry.filedToIntegrityFile,
          }}
        >
          <Row gutter={16}>
            {talk ? (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="talkedBy" label={t('clueInq.talkedBy')} rules={[{ max: 200 }]}>
                    <Input data-testid="clue-inquiry-talked-by" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="accompaniedBy" label={t('clueInq.accompaniedBy')} rules={[{ max: 200 }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="talkOn" label={t('clueInq.talkOn')} extra={t('clueInq.reportDueHint')}>
                    <DatePicker style={{ width: '100%' }} data-testid="clue-inquiry-talk-on" />
                  </Form.Item>
                </Col>
              </>
            ) : null}
            {letter ? (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name="letterSentOn" label={t('clueInq.letterSentOn')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="letterReceivedOn" label={t('clueInq.letterReceivedOn')} extra={t('clueInq.replyDueHint')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name="repliedOn" label={t('clueInq.repliedOn')} extra={t('clueInq.reportDueHint')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={24}>
                  <Form.Item name="replySignedByUnitLeader" valuePropName="checked">
                    <Checkbox>{t('clueInq.replySigned')}</Checkbox>
                  </Form.Item>
                </Col>
              </>
            ) : null}
          </Row>
          <Form.Item name="report" label={t('clueInq.report')} rules={[{ max: 20_000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} data-testid="clue-inquiry-report" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="outcome" label={t('clueInq.outcome')}>
                <Select allowClear options={enumOptions(INQUIRY_OUTCOME_LABELS, label)} data-testid="clue-inquiry-outcome" />
              </Form.Item>
            </Col>
            {outcome === 'FIRST_FORM' ? (
              <Col xs={24} md={12}>
                <Form.Item
                  name="firstFormMeasure"
                  label={t('clueInq.firstFormMeasure')}
                  rules={[{ required: true, message: t('clueAct.firstFormMeasureRequired') }]}
                >
                  <Select options={enumOptions(FIRST_FORM_MEASURE_LABELS, label)} />
                </Form.Item>
              </Col>
            ) : null}
          </Row>
          <Form.Item name="filedToIntegrityFile" valuePropName="checked">
            <Checkbox>{t('clueInq.filedToIntegrityFile')}</Checkbox>
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
