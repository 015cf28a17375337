import { splitAnalysis } from '@liandong/domain/problems/analysis';
import { EVIDENCE_TYPE_LABELS, PROBLEM_STATE_LABELS } from '@liandong/domain/problems/contracts';
import type { ProblemAction } from '@liandong/domain/problems/machine';
import { LETTER_TYPE_LABELS, type LetterType } from '@liandong/domain/reform/enums';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, List, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { EditableCard } from '../../components/EditableCard';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ProblemDetail, useConvertProblem, usePatchProblem, useProblem, useProblemAction, useProblemToCampaign, useProblemToLetter } from './api';

const EVIDENCE_LINK: Record<string, (id: string) => string | null> = {
  finding: () => null,
  clue: (id) => `/clues/${id}`,
  case: (id) => `/cases/${id}`,
  letter: (id) => `/letters/${id}`,
};

const CONVERSION_LINK: Record<string, (id: string) => string | null> = {
  common_item: () => null,
  letter: (id) => `/letters/${id}`,
  campaign: (id) => `/campaigns/${id}`,
};

/** A problem: its evidence (only what the reader may see), the joint analysis, confirmation and conversion. */
export function ProblemPage() {
  const { id = '' } = useParams();
  const { t, label } = useI18n();
  const query = useProblem(id);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <PageLoading />;
  const p = query.data;
  return (
    <Page title={p.title} testId="problem-page" bare extra={<Actions p={p} />}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('problem.sector')}>{p.sectorLabel}</Descriptions.Item>
          <Descriptions.Item label={t('problem.type')}>{p.typeLabel}</Descriptions.Item>
          <Descriptions.Item label={t('problem.state')}>
            <Tag data-testid="problem-state">{label(PROBLEM_STATE_LABELS, p.state)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('problem.owner')}>{p.ownerOrg.name}</Descriptions.Item>
          <Descriptions.Item label={t('problem.units')}>{p.units.map((u) => u.name).join('、') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('problem.createdAt')}>{formatDate(p.createdAt)}</Descriptions.Item>
        </Descriptions>
        {p.description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{p.description}</Typography.Paragraph> : null}
      </Card>
      <Card size="small" title={t('problem.evidence')} style={{ marginBottom: 12 }} data-testid="problem-evidence">
        <List
          size="small"
          dataSource={p.evidence}
          locale={{ emptyText: t('problem.noEvidence') }}
          renderItem={(e) => {
            const href = EVIDENCE_LINK[e.type]?.(e.id);
            return (
              <List.Item>
                <Space wrap>
                  <Tag>{label(EVIDENCE_TYPE_LABELS, e.type)}</Tag>
                  {href ? <Link to={href}>{e.ref ?? e.title}</Link> : <span>{e.title}</span>}
                  {e.unit ? <Typography.Text type="secondary">{e.unit.name}</Typography.Text> : null}
                </Space>
              </List.Item>
            );
          }}
        />
      </Card>
      <AnalysisCard p={p} />
      {p.conversions.length ? (
        <Card size="small" title={t('problem.conversions')} data-testid="problem-conversions">
          <List
            size="small"
            dataSource={p.conversions}
            renderItem={(c) => {
              const href = CONVERSION_LINK[c.targetType]?.(c.targetId);
              return (
                <List.Item>
                  <Space wrap>
                    <span>{formatDate(c.at)}</span>
                    {href ? (
                      <Link to={href} data-testid={`problem-conversion-${c.targetType}`}>
                        {c.ref}
                      </Link>
                    ) : (
                      <span>{c.ref}</span>
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        </Card>
      ) : null}
    </Page>
  );
}

function Actions({ p }: { p: ProblemDetail }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useProblemAction(p);
  const [converting, setConverting] = useState<null | 'convert' | 'toLetter' | 'toCampaign'>(null);
  const can = (a: ProblemAction) => p.abilities.actions.includes(a);
  const take = (action: 'confirm' | 'dismiss') =>
    modal.confirm({
      title: action === 'confirm' ? t('problem.confirmTitle') : t('problem.dismissTitle'),
      onOk: async () => {
        try {
          await act.mutateAsync({ action });
          message.success(t('common.saved'));
        } catch (err) {
          onError(err);
        }
      },
    });
  return (
    <Space>
      {can('confirm') ? (
        <Button type="primary" onClick={() => take('confirm')} data-testid="problem-confirm">
          {t('problem.confirm')}
        </Button>
      ) : null}
      {can('dismiss') ? (
        <Button danger onClick={() => take('dismiss')} data-testid="problem-dismiss">
          {t('problem.dismiss')}
        </Button>
      ) : null}
      {can('convert') ? (
        <Button type="primary" onClick={() => setConverting('convert')} data-testid="problem-convert">
          {t('problem.convert')}
        </Button>
      ) : null}
      {can('toLetter') ? (
        <Button onClick={() => setConverting('toLetter')} data-testid="problem-to-letter">
          {t('problem.toLetter')}
        </Button>
      ) : null}
      {can('toCampaign') ? (
        <Button onClick={() => setConverting('toCampaign')} data-testid="problem-to-campaign">
          {t('problem.toCampaign')}
        </Button>
      ) : null}
      <ConvertModal p={p} open={converting === 'convert'} onClose={() => setConverting(null)} />
      <ToLetterModal p={p} open={converting === 'toLetter'} onClose={() => setConverting(null)} />
      <ToCampaignModal p={p} open={converting === 'toCampaign'} onClose={() => setConverting(null)} />
    </Space>
  );
}

function AnalysisCard({ p }: { p: ProblemDetail }) {
  const { t } = useI18n();
  const patch = usePatchProblem(p);
  type V = { analysis: string; analysedOn?: dayjs.Dayjs | null; analysisOrgIds: string[] };
  return (
    <EditableCard<V>
      title={t('problem.analysis')}
      testId="problem-analysis"
      canEdit={p.abilities.update}
      initialValues={{ analysis: p.analysis, analysedOn: p.analysedOn ? dayjs(p.analysedOn) : null, analysisOrgIds: p.analysisOrgs.map((o) => o.id) }}
      onSave={(v) =>
        patch.mutateAsync({
          analysis: v.analysis.trim(),
          analysedOn: v.analysedOn ? v.analysedOn.format('YYYY-MM-DD') : null,
          analysisOrgIds: v.analysisOrgIds,
        })
      }
      saving={patch.isPending}
      fields={
        <>
          <Form.Item name="analysisOrgIds" label={t('problem.analysisOrgs')}>
            <OrgSelect mode="multiple" kinds={['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']} known={p.analysisOrgs} />
          </Form.Item>
          <Form.Item name="analysedOn" label={t('problem.analysedOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="analysis" label={t('problem.analysisText')} rules={[{ max: 20000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} data-testid="problem-analysis-text" />
          </Form.Item>
        </>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('problem.analysisOrgs')}：{p.analysisOrgs.map((o) => o.name).join('、') || '—'}
        {p.analysedOn ? `　${t('problem.analysedOn')}：${formatDate(p.analysedOn)}` : ''}
      </Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} type={p.analysis ? undefined : 'secondary'}>
        {p.analysis || t('problem.noAnalysis')}
      </Typography.Paragraph>
    </EditableCard>
  );
}

function ConvertModal({ p, open, onClose }: { p: ProblemDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const convert = useConvertProblem(p);
  type V = { matter: string; year: number };
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    try {
      await convert.mutateAsync({ year: Number(v.year), matter: v.matter.trim(), bases: ['SECTOR_FEATURE'], methods: ['DOCUMENT_REVIEW', 'FIELD_CHECK'] });
      message.success(t('problem.converted'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open={open} title={t('problem.convert')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={convert.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('problem.convertHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ year: new Date().getFullYear() + 1, matter: `监督${p.title}整改落实情况` }}
        preserve={false}
      >
        <Form.Item name="year" label={t('problem.year')} rules={[{ required: true }]}>
          <Input type="number" />
        </Form.Item>
        <Form.Item name="matter" label={t('problem.matter')} rules={[{ required: true, max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="problem-convert-matter" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** toLetter: the recipient chosen here, the recommendations prefilled from the joint analysis (editable). */
function ToLetterModal({ p, open, onClose }: { p: ProblemDetail; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const toLetter = useProblemToLetter(p);
  type V = { recipientOrgId: string; type: LetterType; recommendations: string; deadline: dayjs.Dayjs };
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    const deadline = v.deadline.format('YYYY-MM-DD');
    const lines = v.recommendations
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    try {
      const done = await toLetter.mutateAsync({
        recipientOrgId: v.recipientOrgId,
        type: v.type,
        deadline,
        ...(lines.length ? { items: lines.map((text) => ({ text, deadline })) } : {}),
      });
      message.success(t('problem.toLetterDone'));
      onClose();
      navigate(`/letters/${done.letter.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('problem.toLetter')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'problem-to-letter-ok' }}
      confirmLoading={toLetter.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('problem.toLetterHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ type: 'COMBINED', recommendations: splitAnalysis(p.analysis).recommendations.join('\n'), deadline: dayjs().add(90, 'day') }}
        preserve={false}
      >
        <Form.Item name="recipientOrgId" label={t('problem.recipient')} rules={[{ required: true }]}>
          <OrgSelect known={p.units} data-testid="problem-to-letter-recipient" />
        </Form.Item>
        <Form.Item name="type" label={t('problem.letterType')} rules={[{ required: true }]}>
          <Select options={enumOptions(LETTER_TYPE_LABELS, label)} />
        </Form.Item>
        <Form.Item name="recommendations" label={t('problem.recommendations')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="problem-to-letter-items" />
        </Form.Item>
        <Form.Item name="deadline" label={t('problem.deadline')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** toCampaign: the campaign's name and year; sector, theme and participants come from the problem. */
function ToCampaignModal({ p, open, onClose }: { p: ProblemDetail; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const toCampaign = useProblemToCampaign(p);
  type V = { name: string; year: number };
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    try {
      const done = await toCampaign.mutateAsync({ name: v.name.trim(), year: Number(v.year) });
      message.success(t('problem.toCampaignDone'));
      onClose();
      navigate(`/campaigns/${done.campaign.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('problem.toCampaign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'problem-to-campaign-ok' }}
      confirmLoading={toCampaign.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('problem.toCampaignHint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ year: new Date().getFullYear(), name: `${p.title}专项整治`.slice(0, 100) }}
        preserve={false}
      >
        <Form.Item name="name" label={t('problem.campaignName')} rules={[{ required: true, min: 2, max: 100 }]}>
          <Input data-testid="problem-to-campaign-name" />
        </Form.Item>
        <Form.Item name="year" label={t('problem.year')} rules={[{ required: true }]}>
          <Input type="number" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
