import { FileAddOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignBulletinList, useBulletin, useCampaignBulletins, useDraftBulletin, useUpdateBulletin } from './api';

type Item = CampaignBulletinList['items'][number];

/** The campaign's 通报: "生成本期通报" (once per period, server-side), and the draft editor until 签发. */
export function CampaignBulletins({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const list = useCampaignBulletins(campaignId);
  const draft = useDraftBulletin(campaignId);
  const onError = useApiErrorHandler();
  const [editing, setEditing] = useState<string | null>(null);

  const draftNow = () =>
    draft.mutate(undefined, {
      onSuccess: (r) => {
        if (r.created) message.success(t('cockpit.draftCreated', { period: r.period }));
        else message.info(t('cockpit.draftExists', { period: r.period }));
        setEditing(r.bulletinId);
      },
      onError: (e) => onError(e),
    });

  return (
    <Flex vertical gap={8} data-testid="campaign-bulletins">
      <Flex gap={8} justify="space-between" align="center" wrap>
        <Typography.Text type="secondary">
          {list.data?.currentPeriod ? t('cockpit.currentPeriod', { period: list.data.currentPeriod }) : t('cockpit.noSchedule')}
        </Typography.Text>
        <Flex gap={8}>
          <Link to={`/bulletins?campaignId=${encodeURIComponent(campaignId)}`} data-testid="cockpit-open-bulletins">
            {t('cockpit.openBulletins')}
          </Link>
          {list.data?.canDraft ? (
            <Button type="primary" icon={<FileAddOutlined />} loading={draft.isPending} onClick={draftNow} data-testid="cockpit-draft-bulletin">
              {t('cockpit.draftNow')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
      <Table<Item>
        size="small"
        rowKey="id"
        data-testid="campaign-bulletins-table"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('cockpit.period'), dataIndex: 'period', width: 100 },
          { title: t('cockpit.bulletinTitle'), dataIndex: 'title' },
          { title: t('cockpit.docNo'), dataIndex: 'docNo', width: 150, render: (v: string | null) => v ?? t('cockpit.notIssued') },
          {
            title: t('cockpit.state'),
            dataIndex: 'signed',
            render: (v: boolean) => (v ? <Tag color="green">{t('cockpit.signed')}</Tag> : <Tag color="orange">{t('cockpit.unsigned')}</Tag>),
          },
          { title: t('cockpit.date'), dataIndex: 'createdAt', width: 110, render: (v: string, r) => r.issuedOn ?? formatDateTime(v) },
          {
            key: 'edit',
            render: (_: unknown, r) => (
              <Button type="link" size="small" onClick={() => setEditing(r.id)}>
                {r.signed ? t('cockpit.viewDraft') : t('cockpit.editDraft')}
              </Button>
            ),
          },
        ]}
      />
      <DraftEditor campaignId={campaignId} bulletinId={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}

interface DraftForm {
  title: string;
  body: string;
}

/** Edits a draft with the version it read (stale → the standard message); read-only once signed. */
function DraftEditor({ campaignId, bulletinId, onClose }: { campaignId: string; bulletinId: string | null; onClose: () => void }) {
  const { t } = useI18n();
  const detail = useBulletin(bulletinId);
  const update = useUpdateBulletin(campaignId);
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<DraftForm>();
  const editable = detail.data?.abilities.edit ?? false;

  useEffect(() => {
    if (detail.data) form.setFieldsValue({ title: detail.data.title, body: detail.data.body });
  }, [detail.data, form]);

  const save = async () => {
    if (!detail.data || !bulletinId) return;
    const v = await form.validateFields();
    update.mutate(
      { bulletinId, body: { version: detail.data.version, title: v.title, body: v.body } },
      { onSuccess: onClose, onError: (e) => onError(e, form) },
    );
  };

  return (
    <Modal
      open={bulletinId !== null}
      width={820}
      title={editable ? t('cockpit.editDraft') : t('cockpit.viewDraft')}
      onCancel={onClose}
      onOk={editable ? save : onClose}
      okText={editable ? t('cockpit.save') : undefined}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      {!editable && detail.data ? <Typography.Paragraph type="secondary">{t('cockpit.readOnly')}</Typography.Paragraph> : null}
      <Form form={form} layout="vertical" disabled={!editable}>
        <Form.Item name="title" label={t('cockpit.bulletinTitle')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="body" label={t('cockpit.bulletinBody')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 12, maxRows: 24 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
