import { CheckOutlined, DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PARTICIPANT_KIND_LABELS, type ParticipantKind } from '@liandong/domain/campaigns/enums';
import { CAMPAIGN_ACTION_LABELS } from '@liandong/domain/campaigns/machine';
import type { OrgKind } from '@liandong/domain/org/enums';
import { App, Button, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { EventTimeline } from '../../components/EventTimeline';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { enumOptions } from '../../lib/options';
import { useRules } from '../campaign-cockpit/api';
import { type CampaignDetail, type CampaignParticipant, useBasisDocuments, usePutParticipant, useRemoveParticipant, useUploadBasis } from './api';

const KINDS = Object.keys(PARTICIPANT_KIND_LABELS) as ParticipantKind[];

/** The org kinds a participant kind accepts (the server checks the same). */
const ORG_KINDS: Record<ParticipantKind, OrgKind[]> = {
  OFFICE: ['INTERNAL_OFFICE'],
  GROUP: ['DISPATCHED_GROUP'],
  COUNTY: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
  DEPARTMENT: ['HOST_UNIT', 'PARTY_COMMITTEE', 'EXTERNAL_AGENCY'],
};

/**
 * 参与单位与分工 as a matrix: one row per participant, one column per kind (监督检查室 · 派驻组 · 县区 ·
 * 职能部门), the 分工 in the participant's column. The lead office adds, edits and removes.
 */
export function ParticipantsMatrix({ campaign }: { campaign: CampaignDetail }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const remove = useRemoveParticipant(campaign);
  const [editing, setEditing] = useState<CampaignParticipant | 'new' | null>(null);
  const can = campaign.abilities.manageParticipants;
  return (
    <>
      {can ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="campaign-participant-add">
            {t('campaign.addParticipant')}
          </Button>
        </Flex>
      ) : null}
      <Table<CampaignParticipant>
        size="small"
        rowKey="orgId"
        pagination={false}
        dataSource={campaign.participants}
        locale={{ emptyText: <Empty description={t('campaign.noParticipants')} /> }}
        data-testid="campaign-participants"
        scroll={{ x: 900 }}
        onRow={(p) => ({ 'data-testid': `campaign-participant-${p.orgId}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'org', title: t('campaign.org'), width: 200, fixed: 'left', render: (_, p) => p.orgName },
          ...KINDS.map((k) => ({
            key: k,
            title: label(PARTICIPANT_KIND_LABELS, k),
            width: 200,
            render: (_: unknown, p: CampaignParticipant) =>
              p.kind === k ? (
                <Space align="start">
                  <CheckOutlined style={{ color: '#1677ff' }} />
                  <Typography.Text>{p.division || '—'}</Typography.Text>
                </Space>
              ) : null,
          })),
          ...(can
            ? [
                {
                  key: 'ops',
                  title: '',
                  width: 110,
                  render: (_: unknown, p: CampaignParticipant) => (
                    <Space>
                      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('campaign.editParticipant')} />
                      <Popconfirm
                        title={t('campaign.removeConfirm', { org: p.orgName })}
                        onConfirm={async () => {
                          try {
                            await remove.mutateAsync(p.orgId);
                            message.success(t('campaign.done'));
                          } catch (err) {
                            onError(err);
                          }
                        }}
                      >
                        <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('campaign.removeParticipant')} />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ParticipantModal campaign={campaign} editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface ParticipantValues {
  kind: ParticipantKind;
  orgId: string;
  division?: string;
}

function ParticipantModal({ campaign, editing, onClose }: { campaign: CampaignDetail; editing: CampaignParticipant | 'new' | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const put = usePutParticipant(campaign);
  const [form] = Form.useForm<ParticipantValues>();
  const kind = Form.useWatch('kind', form) ?? 'OFFICE';
  const existing = editing && editing !== 'new' ? editing : null;
  return (
    <Modal
      open={editing !== null}
      title={existing ? `${t('campaign.editParticipant')}：${existing.orgName}` : t('campaign.addParticipant')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: put.isPending, 'data-testid': 'campaign-participant-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={existing ? { kind: existing.kind, orgId: existing.orgId, division: existing.division } : { kind: 'OFFICE' }}
        onFinish={async (v) => {
          try {
            await put.mutateAsync({ orgId: existing?.orgId ?? v.orgId, kind: v.kind, division: v.division?.trim() ?? '' });
            message.success(t('campaign.done'));
            onClose();
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Form.Item name="kind" label={t('campaign.kind')} rules={[{ required: true, message: t('campaign.required') }]}>
          <Select
            options={enumOptions(PARTICIPANT_KIND_LABELS, label)}
            onChange={() => (existing ? undefined : form.setFieldValue('orgId', undefined))}
            data-testid="campaign-participant-kind"
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('campaign.org')} rules={[{ required: true, message: t('campaign.required') }]}>
          <OrgSelect
            kinds={ORG_KINDS[kind]}
            disabled={Boolean(existing)}
            known={existing ? [{ id: existing.orgId, name: existing.orgName }] : undefined}
            data-testid="campaign-participant-org"
          />
        </Form.Item>
        <Form.Item name="division" label={t('campaign.division')} extra={t('campaign.divisionHint')} rules={[{ max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} data-testid="campaign-participant-division" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 依据文件: the campaign's attachments; the lead office and the 专班 upload. The texts of rules in the 建章立制
 * register are files of the campaign too, but they are outputs, not basis: they are listed on that tab.
 */
export function BasisDocuments({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const docs = useBasisDocuments(campaign.id);
  const rules = useRules(campaign.id);
  const ruleFiles = new Set((rules.data?.items ?? []).flatMap((r) => (r.attachment ? [r.attachment.id] : [])));
  const upload = useUploadBasis(campaign.id);
  return (
    <>
      {campaign.abilities.attach ? (
        <Flex justify="end" style={{ marginBottom: 8 }}>
          <Upload
            showUploadList={false}
            customRequest={async ({ file }) => {
              try {
                await upload.mutateAsync(file as File);
                message.success(t('campaign.uploaded'));
              } catch (err) {
                onError(err);
              }
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="campaign-basis-upload">
              {t('campaign.upload')}
            </Button>
          </Upload>
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={docs.isPending}
        dataSource={(docs.data?.items ?? []).filter((d) => !ruleFiles.has(d.id))}
        locale={{ emptyText: <Empty description={t('campaign.noBasis')} /> }}
        data-testid="campaign-basis"
        columns={[
          {
            key: 'file',
            title: t('campaign.tabBasis'),
            render: (_, d) => <a href={`/api/v1/attachments/${d.id}/content`}>{d.filename}</a>,
          },
          { key: 'by', title: t('campaign.uploadedBy'), width: 140, render: (_, d) => d.createdByName ?? '—' },
          { key: 'at', title: t('campaign.uploadedAt'), width: 170, render: (_, d) => formatDateTime(d.createdAt) },
        ]}
      />
    </>
  );
}

/** 时间线: registration, plan approval and each phase (the action names the phase entered), with who and when. */
export function CampaignTimeline({ campaign }: { campaign: CampaignDetail }) {
  const { t, label } = useI18n();
  return (
    <EventTimeline
      entries={[...campaign.events].reverse().map((e) => ({
        key: e.id,
        color: e.action === 'approvePlan' ? 'green' : 'blue',
        testId: `campaign-event-${e.action}`,
        heading: <Typography.Text strong>{e.action in CAMPAIGN_ACTION_LABELS ? label(CAMPAIGN_ACTION_LABELS, e.action) : t('campaign.new')}</Typography.Text>,
        who: e.actor?.name ?? '—',
        at: e.at,
        text: e.comment,
      }))}
    />
  );
}
