import { INSPECTION_ACTION_LABELS } from '@liandong/domain/inspections/machine';
import { INSPECTION_STATE_LABELS, INSPECTION_TYPE_LABELS, SEVERITY_LABELS, FINDING_DISPOSITION_LABELS } from '@liandong/domain/inspections/enums';
import { App, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { EnumTag } from '../../components/EnumTag';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type InspectionDetail, useAddFinding, useInspection, useInspectionAction } from './api';
import { FindingCard } from './FindingCard';

type Action = 'approve' | 'complete' | 'cancel';

/** One check: facts, team, actions from the server's abilities, findings with photos and hand-over. */
export function InspectionDrawer({ campaignId, id, onClose }: { campaignId: string; id: string | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const query = useInspection(id);
  const d = query.data;
  return (
    <Drawer title={d?.title ?? t('insp.detail')} open={!!id} onClose={onClose} width={760} destroyOnHidden loading={query.isLoading}>
      {d ? (
        <Flex vertical gap={16} data-testid="inspection-detail">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('insp.type')}>{label(INSPECTION_TYPE_LABELS, d.type)}</Descriptions.Item>
            <Descriptions.Item label={t('insp.visitOn')}>{formatDate(d.visitOn)}</Descriptions.Item>
            <Descriptions.Item label={t('insp.state')}>
              <EnumTag labels={INSPECTION_STATE_LABELS} value={d.state} />
              {d.state === 'PLANNED' ? <Tag color={d.approved ? 'green' : 'orange'}>{d.approved ? t('insp.approved') : t('insp.notApproved')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('insp.approvedBy')}>{d.approvedBy ? `${d.approvedBy.name} ${formatDateTime(d.approvedAt)}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('insp.targets')} span={2}>
              {d.targets.map((o) => o.name).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('insp.team')} span={2}>
              {d.team.map((m) => (
                <Tag key={m.userId} color={m.role === 'LEADER' ? 'red' : undefined}>
                  {m.name}（{m.orgName}）{m.role === 'LEADER' ? ` · ${t('insp.leader')}` : ''}
                </Tag>
              ))}
            </Descriptions.Item>
            {d.report ? (
              <Descriptions.Item label={t('insp.report')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{d.report}</Typography.Paragraph>
              </Descriptions.Item>
            ) : null}
            {d.cancelReason ? (
              <Descriptions.Item label={t('insp.cancelReason')} span={2}>
                {d.cancelReason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Actions campaignId={campaignId} d={d} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('insp.findings')}（{d.findingList.length}）
          </Typography.Title>
          {d.findingList.map((f) => (
            <FindingCard key={f.id} campaignId={campaignId} inspection={d} finding={f} />
          ))}
          {d.abilities.addFinding ? <AddFinding campaignId={campaignId} d={d} /> : null}
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('insp.timeline')}
          </Typography.Title>
          <Timeline
            items={d.events.map((e) => ({
              children: `${formatDateTime(e.at)} ${e.actor ?? ''} ${e.action in INSPECTION_ACTION_LABELS ? label(INSPECTION_ACTION_LABELS, e.action) : t('insp.plan')}${e.comment ? `：${e.comment}` : ''}`,
            }))}
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}

function Actions({ campaignId, d }: { campaignId: string; d: InspectionDetail }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useInspectionAction(campaignId, d.id);
  const [asking, setAsking] = useState<Action | null>(null);
  const [text, setText] = useState('');
  const run = (action: Action, value?: string) => {
    const body =
      action === 'approve'
        ? { action, version: d.version }
        : action === 'complete'
          ? { action, version: d.version, report: value ?? '' }
          : { action, version: d.version, comment: value ?? '' };
    act.mutate(body, {
      onSuccess: () => {
        message.success(t('insp.done'));
        setAsking(null);
        setText('');
      },
      onError: (err) => onError(err),
    });
  };
  if (!d.abilities.actions.length) return null;
  return (
    <Flex gap={8}>
      {d.abilities.actions.includes('approve') ? (
        <Button type="primary" data-testid="inspection-approve" onClick={() => modal.confirm({ title: t('insp.confirmApprove'), onOk: () => run('approve') })}>
          {t('insp.approve')}
        </Button>
      ) : null}
      {d.abilities.actions.includes('complete') ? (
        <Button data-testid="inspection-complete" onClick={() => setAsking('complete')}>
          {t('insp.complete')}
        </Button>
      ) : null}
      {d.abilities.actions.includes('cancel') ? (
        <Button danger data-testid="inspection-cancel" onClick={() => setAsking('cancel')}>
          {t('insp.cancel')}
        </Button>
      ) : null}
      <Modal
        open={asking !== null}
        title={asking === 'complete' ? t('insp.complete') : t('insp.cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => asking && run(asking, text)}
        okButtonProps={{ disabled: text.trim().length < (asking === 'complete' ? 2 : 1), loading: act.isPending, 'data-testid': 'inspection-action-ok' }}
        destroyOnHidden
      >
        <Input.TextArea
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="inspection-action-text"
          placeholder={asking === 'complete' ? t('insp.reportPlaceholder') : t('insp.reasonPlaceholder')}
        />
      </Modal>
    </Flex>
  );
}

function AddFinding({ campaignId, d }: { campaignId: string; d: InspectionDetail }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm();
  const onError = useApiErrorHandler();
  const add = useAddFinding(campaignId, d.id);
  return (
    <Form
      form={form}
      layout="vertical"
      data-testid="finding-form"
      initialValues={{ severity: 'MEDIUM', disposition: 'NONE', unitOrgId: d.targets[0]?.id }}
      onFinish={(v) => add.mutate(v, { onSuccess: () => form.resetFields(['description']), onError: (err) => onError(err, form) })}
    >
      <Form.Item name="description" label={t('insp.description')} rules={[{ required: true, min: 2, max: 2000 }]}>
        <Input.TextArea rows={3} maxLength={2000} data-testid="finding-description" />
      </Form.Item>
      <Flex gap={8} wrap>
        <Form.Item name="unitOrgId" label={t('insp.unit')} rules={[{ required: true }]} style={{ minWidth: 220 }}>
          <Select options={d.targets.map((o) => ({ value: o.id, label: o.name }))} />
        </Form.Item>
        <Form.Item name="severity" label={t('insp.severity')} style={{ minWidth: 120 }}>
          <Select options={Object.keys(SEVERITY_LABELS).map((k) => ({ value: k, label: label(SEVERITY_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="disposition" label={t('insp.disposition')} style={{ minWidth: 150 }}>
          <Select options={Object.keys(FINDING_DISPOSITION_LABELS).map((k) => ({ value: k, label: label(FINDING_DISPOSITION_LABELS, k) }))} />
        </Form.Item>
      </Flex>
      <Button htmlType="submit" type="dashed" loading={add.isPending} data-testid="finding-add">
        {t('insp.addFinding')}
      </Button>
    </Form>
  );
}
