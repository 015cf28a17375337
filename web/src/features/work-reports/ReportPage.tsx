import { REPORT_ACTION_LABELS, REPORT_MACHINE, type ReportAction } from '@liandong/domain/work-reports/machine';
import { REPORT_STATE_LABELS, type ReportState, STAT_LABELS } from '@liandong/domain/work-reports/enums';
import { App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading, QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime, orDash } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { type ReportDetail, useReport, useReportAction, useUpdateReport } from './api';
import { ReportStateTag } from './shared';

const SECTIONS = ['practices', 'results', 'shortcomings', 'suggestions'] as const;
type Section = (typeof SECTIONS)[number];
const SECTION_KEYS: Record<Section, MessageKey> = {
  practices: 'workReport.practices',
  results: 'workReport.results',
  shortcomings: 'workReport.shortcomings',
  suggestions: 'workReport.suggestions',
};
const NUMERALS = ['一', '二', '三', '四', '五'];

/** 工作报告: the editor (four sections), the pulled statistics, the preview as the 常委会 reads it, and the actions the server allows. */
export function ReportPage() {
  const { id = '' } = useParams();
  const query = useReport(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading />;
  return <ReportView r={query.data} key={`${query.data.id}:${query.data.version}`} />;
}

type Values = Pick<ReportDetail, 'title' | Section>;

function ReportView({ r }: { r: ReportDetail }) {
  const { t, label } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateReport(r.id);
  const act = useReportAction(r.id);
  const [form] = Form.useForm<Values>();
  const [draft, setDraft] = useState<Values>({
    title: r.title,
    practices: r.practices,
    results: r.results,
    shortcomings: r.shortcomings,
    suggestions: r.suggestions,
  });
  const [returning, setReturning] = useState(false);
  const [reasonForm] = Form.useForm<{ comment: string }>();

  const save = async (v: Values) => {
    try {
      await update.mutateAsync({ version: r.version, ...v });
      message.success(t('workReport.saved'));
    } catch (err) {
      onError(err, form);
    }
  };
  const run = async (action: ReportAction, comment?: string) => {
    try {
      await act.mutateAsync({ action, version: r.version, comment: comment ?? null });
      message.success(t('workReport.actionDone'));
      setReturning(false);
    } catch (err) {
      onError(err, reasonForm);
    }
  };
  const onAction = (a: ReportAction) => {
    if (REPORT_MACHINE.table[a].needsComment) return setReturning(true);
    modal.confirm({ title: t('workReport.confirmAction', { action: label(REPORT_ACTION_LABELS, a) }), onOk: () => run(a) });
  };

  return (
    <Page
      title={r.title}
      testId="report-page"
      bare
      extra={
        <Space>
          <Button
            onClick={() => void downloadFile(`/api/v1/work-reports/${r.id}/report.docx`, `${r.title}.docx`).catch((err: unknown) => onError(err))}
            data-testid="report-docx"
          >
            {t('workReport.docx')}
          </Button>
          {r.abilities.actions.map((a) => (
            <Button key={a} type="primary" danger={a === 'returnDraft'} onClick={() => onAction(a)} loading={act.isPending} data-testid={`report-action-${a}`}>
              {label(REPORT_ACTION_LABELS, a)}
            </Button>
          ))}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        <Card>
          <Descriptions column={{ xs: 1, md: 3 }} size="small">
            <Descriptions.Item label={t('workReport.reporterOrg')}>{r.reporterOrg.name}</Descriptions.Item>
            <Descriptions.Item label={t('workReport.period')}>{r.periodLabel}</Descriptions.Item>
            <Descriptions.Item label={t('workReport.dueOn')}>{formatDate(r.dueOn)}</Descriptions.Item>
            <Descriptions.Item label={t('workReport.state')}>
              <ReportStateTag value={r.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('workReport.approvedBy')}>{orDash(r.approvedBy)}</Descriptions.Item>
            <Descriptions.Item label={t('workReport.submittedOn')}>{orDash(formatDate(r.submittedOn))}</Descriptions.Item>
            {r.heardMeeting ? (
              <Descriptions.Item label={t('workReport.heardAt')} span={2}>
                <Link to={`/meetings/${r.heardMeeting.id}`}>{r.heardMeeting.name}</Link>（{formatDate(r.heardOn)}）
              </Descriptions.Item>
            ) : null}
            {r.returnReason && r.state === 'RETURNED' ? (
              <Descriptions.Item label={t('workReport.returnReason')} span={3}>
                <Typography.Text type="danger">{r.returnReason}</Typography.Text>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Flex vertical gap={12}>
              {r.abilities.edit ? (
                <Card title={t('workReport.title')}>
                  <Form<Values> form={form} layout="vertical" initialValues={draft} onValuesChange={(_, all) => setDraft(all)} onFinish={(v) => void save(v)}>
                    <Form.Item
                      name="title"
                      label={t('workReport.title')}
                      rules={[{ required: true, whitespace: true, message: t('workReport.required') }, { max: 200 }]}
                    >
                      <Input data-testid="report-title" />
                    </Form.Item>
                    {SECTIONS.map((s) => (
                      <Form.Item key={s} name={s} label={t(SECTION_KEYS[s])} rules={[{ max: 20_000 }]}>
                        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid={`report-${s}`} />
                      </Form.Item>
                    ))}
                    <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="report-save">
                      {t('workReport.save')}
                    </Button>
                  </Form>
                </Card>
              ) : null}
              <Card
                title={t('workReport.stats')}
                extra={
                  <Typography.Text type="secondary">
                    {r.stats.frozen
                      ? t('workReport.statsFrozen', { at: formatDateTime(r.stats.frozenAt), start: r.stats.periodStart, end: r.stats.periodEnd })
                      : t('workReport.statsLive', { start: r.stats.periodStart, end: r.stats.periodEnd })}
                  </Typography.Text>
                }
              >
                <Table
                  rowKey="key"
                  size="small"
                  pagination={false}
                  dataSource={r.stats.items}
                  data-testid="report-stats"
                  columns={[
                    { key: 'label', title: t('workReport.statItem'), render: (_, i) => label(STAT_LABELS, i.key) },
                    { key: 'value', title: t('workReport.statValue'), dataIndex: 'value', width: 100, align: 'right' },
                  ]}
                />
              </Card>
              <Card title={t('workReport.timeline')}>
                <Timeline
                  items={r.timeline.map((e) => ({
                    children: `${formatDateTime(e.at)} ${e.actor ?? ''} ${
                      e.action === 'create' ? t('workReport.created') : label(REPORT_ACTION_LABELS, e.action as ReportAction)
                    } ${e.toState ? `→ ${label(REPORT_STATE_LABELS, e.toState as ReportState)}` : ''} ${e.comment ?? ''}`,
                  }))}
                />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('workReport.preview')} extra={<Tag>{t('workReport.previewHint')}</Tag>} data-testid="report-preview">
              <Preview r={r} v={r.abilities.edit ? draft : r} />
            </Card>
          </Col>
        </Row>
      </Flex>
      <Modal
        open={returning}
        title={label(REPORT_ACTION_LABELS, 'returnDraft')}
        onCancel={() => setReturning(false)}
        onOk={() => reasonForm.submit()}
        confirmLoading={act.isPending}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical" onFinish={(v) => void run('returnDraft', v.comment.trim())}>
          <Form.Item
            name="comment"
            label={t('workReport.comment')}
            rules={[{ required: true, whitespace: true, message: t('workReport.commentRequired') }, { max: 1000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="report-return-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}

/** The report as it will be read: title, sections numbered 一、二、…, and the key figures (non-zero ones) in a sentence. */
function Preview({ r, v }: { r: ReportDetail; v: Values }) {
  const { t } = useI18n();
  const figures = r.stats.items.filter((i) => i.value > 0).map((i) => `${i.label}${i.value}`);
  /** Paragraphs keyed by their offset in the text (stable while typing before them is rare; no array index). */
  const paragraphs = (text: string) => {
    let at = 0;
    return text
      .split('\n')
      .map((p) => {
        const key = at;
        at += p.length + 1;
        return { key, p };
      })
      .filter(({ p }) => p.trim())
      .map(({ key, p }) => (
        <Typography.Paragraph key={key} style={{ textIndent: '2em', fontFamily: 'FangSong, STFangsong, serif', fontSize: 16 }}>
          {p}
        </Typography.Paragraph>
      ));
  };
  return (
    <div style={{ padding: '8px 16px' }}>
      <Typography.Title level={3} style={{ textAlign: 'center', fontFamily: 'STZhongsong, SimSun, serif' }}>
        {v.title}
      </Typography.Title>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        {r.reporterOrg.name}　{r.periodLabel}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ fontFamily: 'FangSong, STFangsong, serif', fontSize: 16 }}>市纪委常委会：</Typography.Paragraph>
      {SECTIONS.map((s, i) => (
        <div key={s}>
          <Typography.Title level={5} style={{ fontFamily: 'SimHei, sans-serif' }}>
            {NUMERALS[i]}、{t(SECTION_KEYS[s])}
          </Typography.Title>
          {s === 'results' && figures.length ? (
            <Typography.Paragraph style={{ textIndent: '2em', fontFamily: 'FangSong, STFangsong, serif', fontSize: 16 }}>
              {t('workReport.previewStats')}（{r.stats.periodStart}至{r.stats.periodEnd}）：{figures.join('，')}。
            </Typography.Paragraph>
          ) : null}
          {paragraphs(v[s])}
        </div>
      ))}
      <Typography.Paragraph style={{ textAlign: 'right', marginTop: 24 }}>{r.reporterOrg.name}</Typography.Paragraph>
    </div>
  );
}
