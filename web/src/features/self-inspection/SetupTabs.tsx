import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { SCHOOL_CATERING_ASPECTS } from '@liandong/domain/self-inspection/enums';
import { Alert, App, Button, DatePicker, Empty, Flex, Form, Input, List, Modal, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ImportModal } from '../../components/ImportModal';
import { OrgSelect } from '../../components/OrgSelect';
import { ExportButton } from '../../components/Ledger';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type Overview, type TargetUnit, type UnitImportResult, useAddUnits, useImportUnits, useSaveTemplate, useSendRound, useUnits } from './api';

type TemplateForm = { title: string; aspects: { code: string; title: string; guidance?: string }[] };

/** 自查清单: the aspects in order; editable by the lead office and the 专班 co-leaders. */
export function TemplateTab({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const save = useSaveTemplate(overview.campaignId);
  const [form] = Form.useForm<TemplateForm>();
  const tpl = overview.template;
  const editable = overview.abilities.manage;
  const submit = async (v: TemplateForm) => {
    try {
      await save.mutateAsync({ title: v.title, aspects: v.aspects.map((a) => ({ ...a, guidance: a.guidance ?? '' })), version: tpl?.version });
      message.success(t('selfInspection.templateSaved'));
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Form<TemplateForm>
      form={form}
      layout="vertical"
      disabled={!editable}
      initialValues={tpl ? { title: tpl.title, aspects: tpl.aspects } : { title: `${overview.campaignName}自查清单`, aspects: [] }}
      onFinish={(v) => void submit(v)}
      data-testid="self-template-form"
    >
      <Form.Item name="title" label={t('selfInspection.templateTitle')} rules={[{ required: true, message: t('selfInspection.required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.List name="aspects">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Flex key={f.key} gap={8} align="start">
                <Typography.Text style={{ width: 24, paddingTop: 6 }}>{i + 1}</Typography.Text>
                <Form.Item
                  name={[f.name, 'code']}
                  style={{ width: 180 }}
                  rules={[{ required: true, pattern: /^[A-Z0-9_]{1,20}$/, message: t('selfInspection.aspectCode') }]}
                >
                  <Input placeholder={t('selfInspection.aspectCode')} aria-label={t('selfInspection.aspectCode')} />
                </Form.Item>
                <Form.Item name={[f.name, 'title']} style={{ width: 200 }} rules={[{ required: true, message: t('selfInspection.required') }]}>
                  <Input placeholder={t('selfInspection.aspectTitle')} aria-label={t('selfInspection.aspectTitle')} maxLength={60} />
                </Form.Item>
                <Form.Item name={[f.name, 'guidance']} style={{ flex: 1 }}>
                  <Input placeholder={t('selfInspection.aspectGuidance')} aria-label={t('selfInspection.aspectGuidance')} maxLength={500} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} />
              </Flex>
            ))}
            <Flex gap={8}>
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('selfInspection.addAspect')}
              </Button>
              <Button
                onClick={() =>
                  form.setFieldValue(
                    'aspects',
                    SCHOOL_CATERING_ASPECTS.map((a) => ({ ...a })),
                  )
                }
              >
                {t('selfInspection.useCatering')}
              </Button>
              {editable ? (
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="self-template-save">
                  {t('selfInspection.saveTemplate')}
                </Button>
              ) : null}
            </Flex>
          </>
        )}
      </Form.List>
    </Form>
  );
}

/** 下发批次: the rounds sent so far and, for managers, sending a new one to every target unit. */
export function RoundsTab({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const send = useSendRound(overview.campaignId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ title: string; dueOn: Dayjs }>();
  const submit = async (v: { title: string; dueOn: Dayjs }) => {
    try {
      const r = await send.mutateAsync({ title: v.title, dueOn: v.dueOn.format('YYYY-MM-DD') });
      message.success(t('selfInspection.roundSent', { units: r.units }));
      setOpen(false);
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <>
      {overview.abilities.manage ? (
        <Button
          type="primary"
          onClick={() => setOpen(true)}
          disabled={!overview.template || !overview.targetUnits}
          style={{ marginBottom: 12 }}
          data-testid="self-send-round"
        >
          {t('selfInspection.sendRound')}
        </Button>
      ) : null}
      <List
        bordered
        dataSource={overview.rounds}
        locale={{ emptyText: t('selfInspection.noRounds') }}
        renderItem={(r) => (
          <List.Item>
            <List.Item.Meta title={`${t('selfInspection.roundSeq', { seq: r.seq })} ${r.title}`} description={`${t('selfInspection.dueOn')} ${r.dueOn}`} />
            {t('selfInspection.roundProgress', { reported: r.reported, responses: r.responses })}
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('selfInspection.sendRound')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={send.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false}>
          <Form.Item name="title" label={t('selfInspection.roundTitle')} rules={[{ required: true, message: t('selfInspection.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('selfInspection.dueOn')} rules={[{ required: true, message: t('selfInspection.required') }]}>
            <DatePicker />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** 自查单位: the targets with their contacts, and the Excel import with the per-row error table. */
export function UnitsTab({ overview }: { overview: Overview }) {
  const { t } = useI18n();
  const query = useUnits(overview.campaignId);
  const importUnits = useImportUnits(overview.campaignId);
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<UnitImportResult | null>(null);
  const addUnits = useAddUnits(overview.campaignId);
  const [picked, setPicked] = useState<string[]>([]);
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = async () => {
    try {
      await addUnits.mutateAsync(picked);
      setPicked([]);
      message.success(t('selfInspection.unitsAdded'));
    } catch (err) {
      onError(err);
    }
  };
  return (
    <>
      {overview.abilities.manage ? (
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="self-import-units">
            {t('selfInspection.importUnits')}
          </Button>
          <OrgSelect
            mode="multiple"
            kinds={['HOST_UNIT']}
            style={{ minWidth: 320 }}
            placeholder={t('selfInspection.pickUnits')}
            aria-label={t('selfInspection.pickUnits')}
            value={picked}
            onChange={(v) => setPicked(Array.isArray(v) ? v : [v])}
          />
          <Button disabled={!picked.length} loading={addUnits.isPending} onClick={() => void add()} data-testid="self-add-units">
            {t('selfInspection.addUnits')}
          </Button>
        </Flex>
      ) : null}
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<TargetUnit>
          rowKey="orgId"
          size="small"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('selfInspection.noUnits')} /> }}
          columns={[
            { key: 'name', title: t('selfInspection.unit'), dataIndex: 'name' },
            { key: 'creditCode', title: t('selfInspection.creditCode'), width: 190, render: (_, u) => u.creditCode ?? '—' },
            { key: 'parent', title: t('selfInspection.parentUnit'), render: (_, u) => u.parentName ?? '—' },
            { key: 'contact', title: t('selfInspection.contact'), dataIndex: 'contactName' },
            { key: 'phone', title: t('selfInspection.phone'), dataIndex: 'contactPhone' },
            { key: 'accounts', title: t('selfInspection.accounts'), render: (_, u) => u.liaisons.map((l) => l.username).join('、') || '—' },
          ]}
          pagination={false}
        />
      )}
      <ImportModal
        open={open}
        onClose={() => setOpen(false)}
        labels={{
          title: t('selfInspection.importUnits'),
          hint: t('selfInspection.importHint'),
          drop: t('org.importDrop'),
          validate: t('org.importValidate'),
          run: t('org.importRun'),
          close: t('common.close'),
          rowsFailed: (count) => t('org.importRowsFailed', { count }),
          sheet: t('org.importSheet'),
          row: t('org.importRow'),
          column: t('org.importColumn'),
          message: t('org.importMessage'),
        }}
        template={
          <ExportButton url={exportUrls(overview.campaignId).unitTemplate} filename="自查单位导入模板.xlsx" success={t('selfInspection.exported')}>
            {t('selfInspection.downloadTemplate')}
          </ExportButton>
        }
        submit={async (file, dryRun) => {
          const r = await importUnits.mutateAsync({ file, dryRun });
          if (!dryRun) setCreated(r);
          return t(dryRun ? 'selfInspection.importChecked' : 'selfInspection.importDone', {
            units: r.unitsCreated,
            reused: r.unitsReused,
            accounts: r.accountsCreated,
          });
        }}
      />
      <Modal open={created !== null} title={t('selfInspection.passwordsTitle')} onCancel={() => setCreated(null)} footer={null} width={640}>
        <Alert type="warning" showIcon title={t('selfInspection.passwordsHint')} style={{ marginBottom: 12 }} />
        <Table
          rowKey="username"
          size="small"
          pagination={false}
          dataSource={created?.accounts ?? []}
          columns={[
            { key: 'unit', title: t('selfInspection.unit'), dataIndex: 'unitName' },
            { key: 'username', title: t('selfInspection.accounts'), dataIndex: 'username' },
            { key: 'pw', title: t('selfInspection.initialPassword'), render: (_, a) => <Typography.Text copyable>{a.initialPassword}</Typography.Text> },
          ]}
        />
      </Modal>
    </>
  );
}
