import { CAMPAIGN_ACTION_LABELS, CAMPAIGN_MACHINE, type CampaignAction } from '@liandong/domain/campaigns/machine';
import { PLAN_APPROVAL_LABELS, type PlanApproval } from '@liandong/domain/campaigns/enums';
import { App, Button, DatePicker, Form, Input, Modal, Popconfirm, Radio, Space } from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignDetail, useCampaignAction } from './api';

/** The machine's actions the server offers (`abilities.actions`): 审批工作方案 in a dialog, the rest confirmed. */
export function CampaignActions({ campaign }: { campaign: CampaignDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useCampaignAction(campaign);
  const [dialog, setDialog] = useState<'approvePlan' | 'normalise' | null>(null);
  const run = async (action: Exclude<CampaignAction, 'approvePlan' | 'normalise'>) => {
    try {
      await act.mutateAsync({ action });
      message.success(t('campaign.done'));
    } catch (err) {
      onError(err);
    }
  };
  if (!campaign.abilities.actions.length) return null;
  return (
    <Space wrap>
      {campaign.abilities.actions.map((a) =>
        a === 'approvePlan' || a === 'normalise' ? (
          <Button key={a} type={a === 'approvePlan' ? 'primary' : 'default'} onClick={() => setDialog(a)} data-testid={`campaign-action-${a}`}>
            {label(CAMPAIGN_ACTION_LABELS, a)}
          </Button>
        ) : (
          <Popconfirm key={a} title={t('campaign.actionConfirm', { action: label(CAMPAIGN_ACTION_LABELS, a) })} onConfirm={() => void run(a)}>
            <Button type={CAMPAIGN_MACHINE.table[a].to === 'stay' ? 'default' : 'primary'} loading={act.isPending} data-testid={`campaign-action-${a}`}>
              {label(CAMPAIGN_ACTION_LABELS, a)}
            </Button>
          </Popconfirm>
        ),
      )}
      <ApprovePlanModal campaign={campaign} open={dialog === 'approvePlan'} onClose={() => setDialog(null)} />
      <NormaliseModal campaign={campaign} open={dialog === 'normalise'} onClose={() => setDialog(null)} />
    </Space>
  );
}

interface ApproveValues {
  planApproval: PlanApproval;
  planDecisionRef?: string;
  approvedOn?: dayjs.Dayjs | null;
  comment?: string;
}

/** 审批工作方案: by the 书记, or recorded as a 常委会 decision with its reference. */
function ApprovePlanModal({ campaign, open, onClose }: { campaign: CampaignDetail; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useCampaignAction(campaign);
  const [form] = Form.useForm<ApproveValues>();
  const kind = Form.useWatch('planApproval', form);
  const submit = async (v: ApproveValues) => {
    try {
      await act.mutateAsync({
        action: 'approvePlan',
        planApproval: v.planApproval,
        planDecisionRef: v.planApproval === 'STANDING_COMMITTEE' ? v.planDecisionRef?.trim() : undefined,
        approvedOn: toIsoDay(v.approvedOn),
        comment: v.comment?.trim() || undefined,
      });
      message.success(t('campaign.done'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={open}
      title={t('campaign.approvePlanTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: act.isPending, 'data-testid': 'campaign-approve-ok' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ planApproval: 'SECRETARY' }} onFinish={(v) => void submit(v)} preserve={false}>
        <Form.Item name="planApproval" label={t('campaign.approvalKind')} rules={[{ required: true, message: t('campaign.required') }]}>
          <Radio.Group
            options={(Object.keys(PLAN_APPROVAL_LABELS) as PlanApproval[]).map((k) => ({ value: k, label: label(PLAN_APPROVAL_LABELS, k) }))}
            data-testid="campaign-approval-kind"
          />
        </Form.Item>
        {kind === 'STANDING_COMMITTEE' ? (
          <Form.Item
            name="planDecisionRef"
            label={t('campaign.decisionRef')}
            extra={t('campaign.decisionRefHint')}
            rules={[{ required: true, whitespace: true, message: t('campaign.required') }, { max: 200 }]}
          >
            <Input data-testid="campaign-decision-ref" />
          </Form.Item>
        ) : null}
        <Form.Item name="approvedOn" label={t('campaign.approvedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="comment" label={t('campaign.comment')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 转入常态化监督: needs a reason. */
function NormaliseModal({ campaign, open, onClose }: { campaign: CampaignDetail; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const act = useCampaignAction(campaign);
  const [form] = Form.useForm<{ comment: string }>();
  return (
    <Modal
      open={open}
      title={label(CAMPAIGN_ACTION_LABELS, 'normalise')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: act.isPending }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={async (v) => {
          try {
            await act.mutateAsync({ action: 'normalise', comment: v.comment.trim() });
            message.success(t('campaign.done'));
            onClose();
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Form.Item name="comment" label={t('campaign.reason')} rules={[{ required: true, whitespace: true, message: t('campaign.required') }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
