import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Form, Input, Modal, Popconfirm, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { toIsoDay } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { type CampaignRule, exportRules, useAddRule, useRemoveRule, useRules } from './api';

interface RuleForm {
  unitOrgId: string;
  title: string;
  issuedOn: Dayjs;
}

/** 建章立制 register of the campaign: list, record, delete (author or 书记: the server decides), Excel. */
export function RulesRegister({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const rules = useRules(campaignId);
  const add = useAddRule(campaignId);
  const remove = useRemoveRule(campaignId);
  const onError = useApiErrorHandler();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RuleForm>();

  const submit = async () => {
    const v = await form.validateFields();
    add.mutate(
      { unitOrgId: v.unitOrgId, title: v.title, issuedOn: toIsoDay(v.issuedOn) ?? '' },
      {
        onSuccess: () => {
          setOpen(false);
          form.resetFields();
        },
        onError: (err) => onError(err, form),
      },
    );
  };

  return (
    <Flex vertical gap={8} data-testid="campaign-rules">
      <Flex gap={8} justify="flex-end">
        {rules.data?.canAdd ? (
          <Button icon={<PlusOutlined />} onClick={() => setOpen(true)}>
            {t('cockpit.addRule')}
          </Button>
        ) : null}
        <Button icon={<DownloadOutlined />} onClick={() => exportRules(campaignId).catch(onError)}>
          {t('cockpit.exportRules')}
        </Button>
      </Flex>
      <Table<CampaignRule>
        size="small"
        rowKey="id"
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
            render: (_: unknown, r) => (
              <Popconfirm title={t('cockpit.removeConfirm')} onConfirm={() => remove.mutate({ id: r.id, version: r.version }, { onError: (e) => onError(e) })}>
                <Button type="link" size="small" danger>
                  {t('cockpit.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Modal open={open} title={t('cockpit.addRule')} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={add.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="unitOrgId" label={t('cockpit.unit')} rules={[{ required: true }]}>
            <OrgSelect />
          </Form.Item>
          <Form.Item name="title" label={t('cockpit.ruleTitle')} rules={[{ required: true, min: 2, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="issuedOn" label={t('cockpit.issuedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
