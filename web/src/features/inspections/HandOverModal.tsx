import type { FindingHandOverBody } from '@liandong/domain/inspections/contracts';
import type { Finding } from '@liandong/domain/inspections/contracts';
import { ACCOUNTABILITY_METHOD_LABELS, ACCOUNTABILITY_TARGET_LABELS } from '@liandong/domain/reform/enums';
import { App, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { useHandOver } from './api';

export type HandOverTarget = 'clue' | 'rectification_task' | 'accountability';

interface Values {
  source?: 'FOUND_IN_SUPERVISION' | 'CAMPAIGN_SCREENING';
  subjectName?: string;
  title?: string;
  deadline?: dayjs.Dayjs;
  requiredOutcome?: string;
  responsiblePerson?: string;
  targetKind?: 'PARTY_ORG' | 'LEADER';
  targetName?: string;
  method?: keyof typeof ACCOUNTABILITY_METHOD_LABELS;
  basis?: string;
  decidingBody?: string;
  decidedOn?: dayjs.Dayjs;
}

/** 一键移交 with confirmation: the few facts the new clue, task or accountability record needs. */
export function HandOverModal(props: { campaignId: string; inspectionId: string; finding: Finding; target: HandOverTarget | null; onClose: () => void }) {
  const { campaignId, inspectionId, finding, target, onClose } = props;
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const hand = useHandOver(campaignId, inspectionId);
  const title = target === 'clue' ? t('insp.handOverClue') : target === 'rectification_task' ? t('insp.handOverTask') : t('insp.handOverAccountability');
  const body = (v: Values): FindingHandOverBody => {
    if (target === 'clue')
      return {
        to: 'clue',
        version: finding.version,
        source: v.source ?? 'FOUND_IN_SUPERVISION',
        subjectName: v.subjectName || undefined,
        title: v.title || undefined,
      };
    if (target === 'rectification_task')
      return {
        to: 'rectification_task',
        version: finding.version,
        deadline: toIsoDay(v.deadline) ?? '',
        requiredOutcome: v.requiredOutcome || undefined,
        responsiblePerson: v.responsiblePerson || undefined,
      };
    return {
      to: 'accountability',
      version: finding.version,
      accountability: {
        targetKind: v.targetKind ?? 'PARTY_ORG',
        targetName: v.targetName ?? '',
        method: v.method ?? 'BULLETIN',
        basis: v.basis ?? '',
        decidingBody: v.decidingBody ?? '',
        decidedOn: toIsoDay(v.decidedOn) ?? '',
      },
    };
  };
  return (
    <Modal
      open={target !== null}
      title={t('insp.handOverTitle', { to: title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={hand.isPending}
      okButtonProps={{ 'data-testid': 'handover-ok' }}
      destroyOnHidden
      data-testid="handover-modal"
    >
      <Typography.Paragraph type="warning">{t('insp.handOverConfirm')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ source: 'FOUND_IN_SUPERVISION', targetKind: 'PARTY_ORG', method: 'BULLETIN' }}
        onFinish={(v) =>
          hand.mutate(
            { id: finding.id, body: body(v) },
            {
              onSuccess: (r) => {
                message.success(t('insp.handOverDone', { id: r.id.slice(0, 8) }));
                onClose();
              },
              onError: (err) => onError(err, form),
            },
          )
        }
      >
        {target === 'clue' ? (
          <>
            <Form.Item name="source" label={t('insp.clueSource')}>
              <Select
                options={[
                  { value: 'FOUND_IN_SUPERVISION', label: '监督检查中发现' },
                  { value: 'CAMPAIGN_SCREENING', label: '专项整治排查' },
                ]}
              />
            </Form.Item>
            <Form.Item name="subjectName" label={t('insp.subjectName')} extra={t('insp.subjectHint')}>
              <Input maxLength={50} data-testid="handover-subject" />
            </Form.Item>
            <Form.Item name="title" label={t('insp.clueTitle')}>
              <Input maxLength={200} data-testid="handover-title" />
            </Form.Item>
          </>
        ) : null}
        {target === 'rectification_task' ? (
          <>
            <Form.Item name="deadline" label={t('insp.deadline')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="requiredOutcome" label={t('insp.requiredOutcome')}>
              <Input.TextArea rows={3} maxLength={5000} />
            </Form.Item>
            <Form.Item name="responsiblePerson" label={t('insp.responsiblePerson')}>
              <Input maxLength={100} />
            </Form.Item>
          </>
        ) : null}
        {target === 'accountability' ? (
          <>
            <Form.Item name={['targetKind']} label={t('insp.targetKind')}>
              <Select options={Object.keys(ACCOUNTABILITY_TARGET_LABELS).map((k) => ({ value: k, label: label(ACCOUNTABILITY_TARGET_LABELS, k) }))} />
            </Form.Item>
            <Form.Item name="targetName" label={t('insp.targetName')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="method" label={t('insp.method')} rules={[{ required: true }]}>
              <Select options={Object.keys(ACCOUNTABILITY_METHOD_LABELS).map((k) => ({ value: k, label: label(ACCOUNTABILITY_METHOD_LABELS, k) }))} />
            </Form.Item>
            <Form.Item name="basis" label={t('insp.basis')} rules={[{ required: true }]}>
              <Input.TextArea rows={2} maxLength={5000} />
            </Form.Item>
            <Form.Item name="decidingBody" label={t('insp.decidingBody')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="decidedOn" label={t('insp.decidedOn')} rules={[{ required: true }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
