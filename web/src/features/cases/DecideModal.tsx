import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ADMIN_SANCTION_LABELS, ORG_MEASURE_LABELS, OUTCOME_KIND_LABELS, PARTY_SANCTION_LABELS } from '@liandong/domain/cases/enums';
import { FOUR_FORMS_LABELS, type FourForm } from '@liandong/domain/cases/machine';
import { FIRST_FORM_MEASURE_LABELS } from '@liandong/domain/clues/enums';
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import type { CaseActionInput, CaseDetail, OutcomeInput } from './api';
import { FourFormTag, previewFourForm } from './components';

/** Kinds a decision may record (撤销案件 is the revoke action, not an outcome). */
const KINDS = Object.keys(OUTCOME_KIND_LABELS).filter((k) => k !== 'REVOCATION') as OutcomeInput['kind'][];
const ORDER: FourForm[] = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'];

type Row = Partial<{ kind: OutcomeInput['kind']; sanction: string; measure: string; detail: string; note: string }>;

/** The outcome as the contract wants it: only the field its kind carries. */
function toInput(row: Row): OutcomeInput {
  const note = row.note?.trim() || undefined;
  switch (row.kind) {
    case 'FIRST_FORM_MEASURE':
    case 'ORGANISATIONAL_MEASURE':
      return { kind: row.kind, measure: row.measure, note } as OutcomeInput;
    case 'PARTY_SANCTION':
    case 'ADMIN_SANCTION':
      return { kind: row.kind, sanction: row.sanction, note } as OutcomeInput;
    case 'ACCOUNTABILITY':
    case 'RECOMMENDATION':
      return { kind: row.kind, detail: (row.detail ?? '').trim(), note };
    default:
      return { kind: 'PROSECUTION', note };
  }
}

/** 作出处理决定: one or more outcomes (kind + sanction/measure), each shown with the 四种形态 it counts as. */
export function DecideModal({
  open,
  detail,
  onClose,
  onSubmit,
  loading,
  error,
}: {
  open: boolean;
  detail: CaseDetail;
  onClose: () => void;
  onSubmit: (body: CaseActionInput) => Promise<void>;
  loading: boolean;
  error: string | null;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<{ outcomes: Row[]; comment?: string; fundsRecovered?: number | null }>();
  const rows = Form.useWatch('outcomes', form) ?? [];
  const forms = rows.map((r) => previewFourForm(r as Partial<OutcomeInput>));
  const heaviest = ORDER.filter((f) => forms.includes(f)).at(-1) ?? null;
  useEffect(() => {
    if (open) form.setFieldsValue({ outcomes: [{}], comment: undefined, fundsRecovered: null });
  }, [open, form]);

  const submit = async () => {
    const v = await form.validateFields();
    await onSubmit({
      action: 'decide',
      outcomes: v.outcomes.map(toInput),
      comment: v.comment?.trim() || undefined,
      ...(typeof v.fundsRecovered === 'number' ? { fundsRecovered: v.fundsRecovered } : {}),
    });
  };

  return (
    <Modal
      open={open}
      width={760}
      title={`${t('cases.decideTitle')} · ${detail.subjectName}`}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={loading}
      okButtonProps={{ 'data-testid': 'case-decide-confirm' }}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="case-decide-form">
        <Form.List name="outcomes">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => {
                const kind = rows[i]?.kind;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    title={
                      <Flex gap={8} align="center">
                        <span>{t('cases.outcomeNo', { n: i + 1 })}</span>
                        {forms[i] ? <FourFormTag form={forms[i]} /> : kind ? <Typography.Text type="secondary">{t('cases.noFourForm')}</Typography.Text> : null}
                      </Flex>
                    }
                    extra={
                      fields.length > 1 ? (
                        <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('cases.remove')} />
                      ) : null
                    }
                  >
                    <Flex gap={8} wrap>
                      <Form.Item
                        name={[field.name, 'kind']}
                        label={t('cases.outcomeKind')}
                        rules={[{ required: true, message: t('cases.outcomeKindRequired') }]}
                        style={{ minWidth: 220, flex: 1 }}
                      >
                        <Select
                          options={KINDS.map((k) => ({ value: k, label: label(OUTCOME_KIND_LABELS, k) }))}
                          onChange={(v) => form.setFieldValue(['outcomes', field.name], { kind: v })}
                          data-testid={`outcome-kind-${i}`}
                        />
                      </Form.Item>
                      <DetailField kind={kind} name={field.name} index={i} />
                    </Flex>
                    <Form.Item name={[field.name, 'note']} label={t('cases.outcomeNote')} style={{ marginBottom: 0 }}>
                      <Input maxLength={2000} />
                    </Form.Item>
                  </Card>
                );
              })}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="outcome-add">
                {t('cases.addOutcome')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Form.Item name="fundsRecovered" label={t('cases.fundsRecovered')} extra={t('cases.fundsRecoveredHint')} style={{ marginTop: 12 }}>
          <InputNumber min={0} precision={2} style={{ width: 220 }} addonAfter="元" data-testid="case-funds-recovered" />
        </Form.Item>
        <Form.Item name="comment" label={t('cases.comment')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
      <Alert
        type="info"
        showIcon
        data-testid="case-decide-four-form"
        title={
          heaviest ? (
            <span>
              {t('cases.fourFormOfCase')} <FourFormTag form={heaviest} /> {label(FOUR_FORMS_LABELS, heaviest)}
            </span>
          ) : (
            t('cases.fourFormHint')
          )
        }
      />
      {error ? <Alert style={{ marginTop: 8 }} type="error" showIcon title={error} data-testid="case-decide-error" /> : null}
    </Modal>
  );
}

/** The field the outcome kind carries: a sanction, a measure or a text. */
function DetailField({ kind, name, index }: { kind: Row['kind']; name: number; index: number }) {
  const { t, label } = useI18n();
  const common = { style: { minWidth: 260, flex: 2 } };
  const required = (msg: string) => [{ required: true, whitespace: true, message: msg }];
  switch (kind) {
    case 'FIRST_FORM_MEASURE':
      return (
        <Form.Item {...common} name={[name, 'measure']} label={t('cases.measureOf')} rules={required(t('cases.detailRequired'))}>
          <Select options={enumOptions(FIRST_FORM_MEASURE_LABELS, label)} data-testid={`outcome-detail-${index}`} />
        </Form.Item>
      );
    case 'ORGANISATIONAL_MEASURE':
      return (
        <Form.Item {...common} name={[name, 'measure']} label={t('cases.measureOf')} rules={required(t('cases.detailRequired'))}>
          <Select options={enumOptions(ORG_MEASURE_LABELS, label)} data-testid={`outcome-detail-${index}`} />
        </Form.Item>
      );
    case 'PARTY_SANCTION':
      return (
        <Form.Item {...common} name={[name, 'sanction']} label={t('cases.sanction')} rules={required(t('cases.detailRequired'))}>
          <Select options={enumOptions(PARTY_SANCTION_LABELS, label)} data-testid={`outcome-detail-${index}`} />
        </Form.Item>
      );
    case 'ADMIN_SANCTION':
      return (
        <Form.Item {...common} name={[name, 'sanction']} label={t('cases.sanction')} rules={required(t('cases.detailRequired'))}>
          <Select options={enumOptions(ADMIN_SANCTION_LABELS, label)} data-testid={`outcome-detail-${index}`} />
        </Form.Item>
      );
    case 'ACCOUNTABILITY':
    case 'RECOMMENDATION':
      return (
        <Form.Item {...common} name={[name, 'detail']} label={t('cases.outcomeDetail')} rules={required(t('cases.detailRequired'))}>
          <Input maxLength={kind === 'ACCOUNTABILITY' ? 500 : 2000} data-testid={`outcome-detail-${index}`} />
        </Form.Item>
      );
    default:
      return null;
  }
}
