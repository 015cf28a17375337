import { VERIFICATION_MEASURE_LABELS, VERIFICATION_PROPOSAL_LABELS, type VerificationMeasure, type VerificationProposal } from '@liandong/domain/clues/enums';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ClueVerification, useUpdateVerification } from './api';

interface PlanValues {
  plan?: string;
  measures?: VerificationMeasure[];
  targetDue?: Dayjs | null;
}

/** 初核方案: plan, measures and the internal target date. */
export function PlanModal({ v, onClose }: { v: ClueVerification | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateVerification();
  const [form] = Form.useForm<PlanValues>();
  const submit = async (values: PlanValues) => {
    if (!v) return;
    try {
      await update.mutateAsync({
        id: v.id,
        version: v.version,
        plan: values.plan?.trim() ?? '',
        measures: values.measures ?? [],
        targetDue: values.targetDue ? values.targetDue.format('YYYY-MM-DD') : null,
      });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={v !== null}
      title={t('clueVer.plan')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'clue-plan-save' }}
      destroyOnHidden
      width={680}
    >
      {v ? (
        <Form<PlanValues>
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={(x) => void submit(x)}
          initialValues={{ plan: v.plan, measures: v.measures, targetDue: v.targetDue ? dayjs(v.targetDue) : null }}
        >
          <Form.Item name="plan" label={t('clueVer.plan')} rules={[{ max: 10_000 }]}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} />
          </Form.Item>
          <Form.Item name="measures" label={t('clueVer.measures')}>
            <Select mode="multiple" options={enumOptions(VERIFICATION_MEASURE_LABELS, label)} />
          </Form.Item>
          <Form.Item name="targetDue" label={t('clueVer.targetDue')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}

interface ReportValues {
  subjectBasics?: string;
  mainAllegations?: string;
  basis?: string;
  findings?: string;
  doubts?: string;
  proposal: VerificationProposal;
}

const REPORT_TEXTS = [
  ['subjectBasics', 5000],
  ['mainAllegations', 10_000],
  ['basis', 10_000],
  ['findings', 20_000],
  ['doubts', 10_000],
] as const;

/** 初步核实情况报告: editing it clears every signature (the server does so; the dialog says so). */
export function ReportModal({ v, onClose }: { v: ClueVerification | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const update = useUpdateVerification();
  const [form] = Form.useForm<ReportValues>();
  const signed = v?.team.some((m) => m.signedAt && !m.leftOn) ?? false;
  const submit = async (values: ReportValues) => {
    if (!v) return;
    try {
      await update.mutateAsync({
        id: v.id,
        version: v.version,
        report: {
          subjectBasics: values.subjectBasics?.trim() ?? '',
          mainAllegations: values.mainAllegations?.trim() ?? '',
          basis: values.basis?.trim() ?? '',
          findings: values.findings?.trim() ?? '',
          doubts: values.doubts?.trim() ?? '',
          proposal: values.proposal,
        },
      });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      // The report's fields sit at the top of this form: report.findings → findings.
      if (err && typeof err === 'object' && 'details' in err) {
        const issues = (err as { details: { issues?: { path: string }[] } }).details.issues ?? [];
        for (const issue of issues) issue.path = issue.path.replace(/^report\./, '');
      }
      onError(err, form);
    }
  };
  return (
    <Modal
      open={v !== null}
      title={t('clueVer.report')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'clue-report-save' }}
      destroyOnHidden
      width={760}
    >
      {signed ? <Alert type="warning" showIcon title={t('clueVer.reportEditHint')} style={{ marginBottom: 12 }} /> : null}
      {v ? (
        <Form<ReportValues> form={form} layout="vertical" preserve={false} onFinish={(x) => void submit(x)} initialValues={v.report ?? { proposal: 'CLOSE' }}>
          {REPORT_TEXTS.map(([name, max]) => (
            <Form.Item key={name} name={name} label={t(`clueVer.${name}`)} rules={[{ max, message: t('clueForm.tooLong', { max }) }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
            </Form.Item>
          ))}
          <Form.Item name="proposal" label={t('clueVer.proposal')} rules={[{ required: true, message: t('clueAct.methodRequired') }]}>
            <Select options={enumOptions(VERIFICATION_PROPOSAL_LABELS, label)} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
