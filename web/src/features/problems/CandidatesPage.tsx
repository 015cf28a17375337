import { EVIDENCE_TYPE_LABELS } from '@liandong/domain/problems/contracts';
import { App, Button, Card, Empty, Flex, Form, Input, InputNumber, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DictionarySelect } from '../../components/DictionarySelect';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Candidate, useCandidates, useCreateProblem } from './api';

/** 相似问题聚类: candidate systemic problems from similar findings and clues across units, each confirmed by a person. */
export function CandidatesPage() {
  const { t, label } = useI18n();
  const [sector, setSector] = useState<string | undefined>();
  const [threshold, setThreshold] = useState(0.35);
  const [confirming, setConfirming] = useState<Candidate | null>(null);
  const query = useCandidates({ sector, threshold });
  return (
    <Page title={t('problem.candidates')} description={t('problem.candidatesHint')} testId="problem-candidates-page" bare>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <DictionarySelect
          dictionary="SECTOR"
          style={{ width: 160 }}
          placeholder={t('problem.sector')}
          aria-label={t('problem.sector')}
          value={sector}
          onChange={(v) => setSector(v ?? undefined)}
        />
        <Space>
          <span>{t('problem.threshold')}</span>
          <InputNumber min={0.1} max={0.95} step={0.05} value={threshold} onChange={(v) => setThreshold(v ?? 0.35)} aria-label={t('problem.threshold')} />
        </Space>
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <PageLoading />
      ) : query.data.items.length === 0 ? (
        <Card>
          <Empty description={t('problem.noCandidates', { n: query.data.considered })} />
        </Card>
      ) : (
        query.data.items.map((c) => (
          <Card
            key={c.key}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`candidate-${c.key}`}
            title={
              <Space wrap>
                {c.keywords.map((k) => (
                  <Tag key={k} color="blue">
                    {k}
                  </Tag>
                ))}
              </Space>
            }
            extra={
              <Space>
                <Typography.Text type="secondary">{t('problem.candidateCounts', { members: c.memberCount, units: c.units.length })}</Typography.Text>
                <Button type="primary" size="small" onClick={() => setConfirming(c)} data-testid={`candidate-confirm-${c.key}`}>
                  {t('problem.confirm')}
                </Button>
              </Space>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('problem.units')}：{c.units.map((u) => u.name).join('、')}
            </Typography.Paragraph>
            <List
              size="small"
              dataSource={c.members}
              renderItem={(m) => (
                <List.Item>
                  <Space wrap>
                    <Tag>{label(EVIDENCE_TYPE_LABELS, m.type)}</Tag>
                    <span>{m.ref ? `${m.ref} ${m.title}` : m.title}</span>
                    {m.unit ? <Typography.Text type="secondary">{m.unit.name}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        ))
      )}
      {confirming ? <ConfirmModal candidate={confirming} onClose={() => setConfirming(null)} /> : null}
    </Page>
  );
}

function ConfirmModal({ candidate, onClose }: { candidate: Candidate; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const create = useCreateProblem();
  type V = { title: string; sector: string; type: string };
  const [form] = Form.useForm<V>();
  const submit = async (v: V) => {
    try {
      const saved = await create.mutateAsync({
        title: v.title.trim(),
        sector: v.sector,
        type: v.type,
        origin: 'CLUSTER',
        evidence: candidate.members.map((m) => ({ type: m.type, id: m.id })),
      });
      message.success(t('common.created'));
      onClose();
      await navigate(`/problems/${saved.id}`);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal open title={t('problem.confirmCandidate')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ title: candidate.keywords.slice(0, 3).join('、'), sector: candidate.sector ?? undefined, type: 'SYSTEMIC' }}
        preserve={false}
      >
        <Form.Item name="title" label={t('problem.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="candidate-title" />
        </Form.Item>
        <Form.Item name="sector" label={t('problem.sector')} rules={[{ required: true }]}>
          <DictionarySelect dictionary="SECTOR" />
        </Form.Item>
        <Form.Item name="type" label={t('problem.type')} rules={[{ required: true }]}>
          <DictionarySelect dictionary="PROBLEM_TYPE" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
