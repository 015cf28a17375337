import { CLOSED_KIND_LABELS, FIRST_FORM_MEASURE_LABELS, INQUIRY_FORM_LABELS, VERIFICATION_MEASURE_LABELS } from '@liandong/domain/clues/enums';
import { CLUE_ACTION_LABELS } from '@liandong/domain/clues/machine';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { type ClueDetail, type ClueRequestAction, type RequestInput, useClueRequest } from './api';
import { StaffSelect } from './pickers';

/** Departments that can undertake (承办) a clue: offices, dispatched groups, county commissions. */
const UNDERTAKING_KINDS = ['INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'] as const;

interface RequestValues {
  rationale: string;
  undertakingOrgId?: string;
  receiver?: string;
  form?: 'TALK' | 'LETTER' | 'BOTH';
  plan?: string;
  measures?: string[];
  teamUserIds?: string[];
  leadUserId?: string;
  targetDue?: Dayjs | null;
  reviewDue?: Dayjs | null;
  closedKind?: 'DIRECT' | 'AFTER_INQUIRY' | 'AFTER_VERIFICATION';
  measure?: string;
  partyOrgName?: string;
  newEvidence?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** The request body (rationale + the action's payload) from the dialog's values. */
function toBody(action: ClueRequestAction, v: RequestValues): RequestInput {
  const rationale = v.rationale.trim();
  switch (action) {
    case 'assign':
      return { action, rationale, payload: { undertakingOrgId: v.undertakingOrgId ?? '' } };
    case 'transferOut':
      return { action, rationale, payload: { receiver: v.receiver?.trim() ?? '' } };
    case 'approveTalkInquiry':
      return { action, rationale, payload: { form: v.form ?? 'TALK' } };
    case 'repeatTalkInquiry':
      return { action, rationale, payload: v.form ? { form: v.form } : {} };
    case 'approvePrelim':
      return {
        action,
        rationale,
        payload: {
          plan: v.plan?.trim() ?? '',
          measures: (v.measures ?? []) as never[],
          teamUserIds: v.teamUserIds ?? [],
          leadUserId: v.leadUserId ?? '',
          targetDue: day(v.targetDue),
        },
      };
    case 'approveHold':
      return { action, rationale, payload: { reviewDue: day(v.reviewDue) ?? '' } };
    case 'approveClose':
      return { action, rationale, payload: { closedKind: v.closedKind ?? 'DIRECT' } };
    case 'closeFirstForm':
      return { action, rationale, payload: { measure: (v.measure ?? 'OTHER') as 'OTHER' } };
    case 'transferToPartyOrg':
      return { action, rationale, payload: v.partyOrgName?.trim() ? { partyOrgName: v.partyOrgName.trim() } : {} };
    case 'reopen':
      return { action, rationale, payload: { newEvidence: v.newEvidence?.trim() ?? '' } };
    case 'findFalseAccusation':
    case 'proposeCase':
    case 'fileCase':
      return { action, rationale, payload: {} };
  }
}

/** Default closing situation by where the clue stands (不查而结 / 谈话函询后 / 初核后). */
function defaultClosedKind(clue: ClueDetail): RequestValues['closedKind'] {
  if (clue.state === 'TALK_INQUIRY_REPORTED') return 'AFTER_INQUIRY';
  if (clue.state === 'PRELIM_REPORTED') return 'AFTER_VERIFICATION';
  return 'DIRECT';
}

/**
 * 报批: asks for an action that needs the approval chain (分办, a disposition, 立案 …), with the
 * rationale and what the action needs (the undertaking department, the 初核 plan and team …).
 */
export function RequestModal({ clue, action, onClose }: { clue: ClueDetail; action: ClueRequestAction | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const request = useClueRequest(clue);
  const [form] = Form.useForm<RequestValues>();
  const team = Form.useWatch('teamUserIds', form) ?? [];

  const submit = async (v: RequestValues) => {
    if (!action) return;
    try {
      await request.mutateAsync(toBody(action, v));
      message.success(t('clue.requestSent'));
      onClose();
    } catch (err) {
      // The payload's fields sit at the top of this form: payload.undertakingOrgId → undertakingOrgId.
      if (err instanceof ApiError) for (const issue of err.details.issues ?? []) issue.path = issue.path.replace(/^payload\./, '');
      onError(err, form);
    }
  };
  const required = (msg: string) => [{ required: true, message: msg }];
  const title = action ? t('clue.requestApproval', { action: label(CLUE_ACTION_LABELS, action) }) : '';

  return (
    <Modal
      open={action !== null}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('clue.submit')}
      okButtonProps={{ loading: request.isPending, 'data-testid': 'clue-request-submit' }}
      destroyOnHidden
      width={680}
    >
      {action === 'assign' ? <Alert type="info" showIcon title={t('clueAct.assignHint')} style={{ marginBottom: 12 }} /> : null}
      <Form<RequestValues>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => void submit(v)}
        initialValues={{
          form: 'TALK',
          closedKind: defaultClosedKind(clue),
          undertakingOrgId: clue.proposedUndertakingOrg?.id,
          measures: [],
          teamUserIds: [],
        }}
      >
        {action === 'assign' ? (
          <Form.Item
            name="undertakingOrgId"
            label={t('clueAct.undertakingOrg')}
            rules={required(t('clueAct.undertakingRequired'))}
            extra={
              <span data-testid="clue-request-suggested">
                {clue.proposedUndertakingOrg ? t('clueAct.suggestedAtIntake', { name: clue.proposedUndertakingOrg.name }) : t('clueAct.noSuggestionAtIntake')}
              </span>
            }
          >
            <OrgSelect
              kinds={UNDERTAKING_KINDS}
              known={clue.proposedUndertakingOrg ? [clue.proposedUndertakingOrg] : undefined}
              data-testid="clue-request-org"
            />
          </Form.Item>
        ) : null}
        {action === 'transferOut' ? (
          <Form.Item name="receiver" label={t('clueAct.receiver')} rules={[...required(t('clueAct.receiverRequired')), { max: 200 }]}>
            <Input />
          </Form.Item>
        ) : null}
        {action === 'approveTalkInquiry' || action === 'repeatTalkInquiry' ? (
          <Form.Item name="form" label={t('clueAct.inquiryForm')} rules={required(t('clueAct.methodRequired'))}>
            <Select options={enumOptions(INQUIRY_FORM_LABELS, label)} data-testid="clue-request-form" />
          </Form.Item>
        ) : null}
        {action === 'approvePrelim' ? (
          <>
            <Form.Item
              name="plan"
              label={t('clueAct.plan')}
              rules={[{ required: true, whitespace: true, message: t('clueAct.planRequired') }, { max: 10_000 }]}
            >
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
            </Form.Item>
            <Form.Item name="measures" label={t('clueAct.measures')}>
              <Select mode="multiple" options={enumOptions(VERIFICATION_MEASURE_LABELS, label)} />
            </Form.Item>
            <Form.Item name="teamUserIds" label={t('clueAct.team')} rules={[{ required: true, type: 'array', min: 1, message: t('clueAct.teamRequired') }]}>
              <StaffSelect mode="multiple" />
            </Form.Item>
            <Form.Item
              name="leadUserId"
              label={t('clueAct.lead')}
              dependencies={['teamUserIds']}
              rules={[
                ...required(t('clueAct.leadRequired')),
                {
                  validator: (_, v: string | undefined) => (!v || team.includes(v) ? Promise.resolve() : Promise.reject(new Error(t('clueAct.leadInTeam')))),
                },
              ]}
            >
              <StaffSelect />
            </Form.Item>
            <Form.Item name="targetDue" label={t('clueVer.targetDue')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </>
        ) : null}
        {action === 'approveHold' ? (
          <Form.Item name="reviewDue" label={t('clueAct.reviewDue')} rules={required(t('clueAct.reviewDueRequired'))}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        {action === 'approveClose' ? (
          <Form.Item name="closedKind" label={t('clueAct.closedKind')} rules={required(t('clueAct.methodRequired'))}>
            <Select options={enumOptions(CLOSED_KIND_LABELS, label)} />
          </Form.Item>
        ) : null}
        {action === 'closeFirstForm' ? (
          <Form.Item name="measure" label={t('clueAct.firstFormMeasure')} rules={required(t('clueAct.firstFormMeasureRequired'))}>
            <Select options={enumOptions(FIRST_FORM_MEASURE_LABELS, label)} />
          </Form.Item>
        ) : null}
        {action === 'transferToPartyOrg' ? (
          <Form.Item name="partyOrgName" label={t('clueAct.partyOrgName')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
        ) : null}
        {action === 'reopen' ? (
          <Form.Item
            name="newEvidence"
            label={t('clueAct.newEvidence')}
            rules={[{ required: true, whitespace: true, message: t('clueAct.newEvidenceRequired') }, { max: 5000 }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="rationale"
          label={t('clue.rationale')}
          rules={[{ required: true, whitespace: true, message: t('clue.rationaleRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="clue-request-rationale" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
