import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, DatePicker, Flex, Form, Input, Modal, Popconfirm, Table, Typography, Upload, type UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignRule, exportRules, useAddRule, useRemoveRule, useRules, useUploadRuleDocument } from './api';

interface RuleForm {
  unitOrgId: string;
  title: string;
  issuedOn: Dayjs;
  document?: UploadFile[];
}

/**
 * 建章立制 register of the campaign (its own tab, `?tab=rules`): the entries with their rule documents, a form
 * to record one (unit, title, date, the rule's text uploaded with it) for those the server lets add, delete
 * where each entry's abilities allow (author or 书记), and the Excel ledger.
 */
export function RulesRegister({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rules = useRules(campaignId);
  const add = useAddRule(campaignId);
  const upload = useUploadRuleDocument(campaignId);
  const remove = useRemoveRule(campaignId);
  const onError = useApiErrorHandler();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RuleForm>();
  const uploaded = useRef(new Map<string, string>());

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const picked = v.document?.[0];
    try {
      // The file first: the entry cites it by id (the server checks it is the caller's own upload). A file
      // already sent for an entry the server then refused is cited again, not uploaded twice.
      let attachmentId = picked ? uploaded.current.get(picked.uid) : undefined;
      if (picked?.originFileObj && !attachmentId) {
        attachmentId = (await upload.mutateAsync(picked.originFileObj)).id;
        uploaded.current.set(picked.uid, attachmentId);
      }
      await add.mutateAsync({ unitOrgId: v.unitOrgId, title: v.title.trim(), issuedOn: toIsoDay(v.issuedOn) ?? '', attachmentId });
      message.success(t('cockpit.ruleRecorded'));
      setOpen(false);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    }
  };

  return (
    <Flex vertical gap={8} data-testid="campaign-rules">
      <Flex gap={8} justify="space-between" align="center" wrap>
        <Typography.Text type="secondary">{t('cockpit.rulesHint')}</Typography.Text>
        <Flex gap={8}>
          {rules.data?.canAdd ? (
            <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="campaign-rule-add">
              {t('cockpit.addRule')}
            </Button>
          ) : null}
          <Button icon={<DownloadOutlined />} onClick={() => exportRules(campaignId).catch(onError)}>
            {t('cockpit.exportRules')}
          </Button>
        </Flex>
      </Flex>
      <Table<CampaignRule>
        size="small"
        rowKey="id"
        data-testid="campaign-rules-table"
        loading={rules.isLoading}
        dataSource={rules.data?.items ?? []}
        pagination={{ pageSize: 10 }}
        columns={[
          { title: t('cockpit.unit'), dataIndex: ['unit', 'name'] },
          { title: t('cockpit.ruleTitle'), dataIndex: 'title' },
          { title: t('cockpit.issuedOn'), dataIndex: 'issuedOn', width: 120 },
          {
            title: t('cockpit.attachment'),
            dataIndex: 'attachment',
            render: (a: CampaignRule['attachment']) => (a ? <a href={`/api/v1/attachments/${a.id}/content`}>{a.filename}</a> : null),
          },
          {
            key: 'actions',
            width: 80,
            render: (_: unknown, r) =>
              r.abilities.remove ? (
                <Popconfirm
                  title={t('cockpit.removeConfirm')}
                  onConfirm={() => remove.mutate({ id: r.id, version: r.version }, { onError: (e) => onError(e) })}
                >
                  <Button type="link" size="small" danger>
                    {t('cockpit.remove')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('cockpit.addRule')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ 'data-testid': 'campaign-rule-save' } as ButtonProps}
        confirmLoading={upload.isPending || add.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="unitOrgId" label={t('cockpit.unit')} rules={[{ required: true, message: t('cockpit.unitRequired') }]}>
            <OrgSelect data-testid="campaign-rule-unit" />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('cockpit.ruleTitle')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('cockpit.ruleTitleRule') }]}
          >
            <Input maxLength={200} data-testid="campaign-rule-title" />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('cockpit.issuedOn')} rules={[{ required: true, message: t('cockpit.issuedOnRequired') }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} data-testid="campaign-rule-date" />
          </Form.Item>
          <Form.Item
            name="document"
            label={t('cockpit.ruleDocument')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            extra={<Typography.Text type="secondary">{t('cockpit.ruleDocumentHint')}</Typography.Text>}
          >
            <Upload maxCount={1} beforeUpload={() => false} data-testid="campaign-rule-document">
              <Button icon={<UploadOutlined />}>{t('cockpit.chooseFile')}</Button>
            </Upload>
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
