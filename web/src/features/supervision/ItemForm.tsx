import type { OrgKind } from '@liandong/domain/org/enums';
import { BASIS_LABELS, FREQUENCY_LABELS, METHOD_LABELS, SIDE_LABELS, type Side } from '@liandong/domain/supervision/enums';
import { App, Button, Col, DatePicker, Drawer, Flex, Form, Input, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { type KnownOrg, OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Item, type ItemInput, type ListSummary, type Ref, useAddItem, useListStaff, useOrderItem, useUpdateItem } from './api';
import { enumOptions } from './components';

/** Which org kinds a side's picker offers. */
export const SIDE_KINDS: Record<Side, OrgKind[]> = {
  OFFICE: ['INTERNAL_OFFICE'],
  GROUP: ['DISPATCHED_GROUP'],
  COUNTY: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
};

export type ItemFormTarget =
  | { mode: 'add'; list: Pick<ListSummary, 'id' | 'title' | 'ownerGroupId' | 'ownerGroupName' | 'liaisonOfficeId' | 'liaisonOfficeName' | 'hostUnits'> }
  | { mode: 'order'; list: Pick<ListSummary, 'id' | 'title' | 'ownerGroupId' | 'ownerGroupName' | 'liaisonOfficeId' | 'liaisonOfficeName' | 'hostUnits'> }
  | { mode: 'edit'; item: Item };

interface ItemFormValues {
  matter: string;
  bases: ItemInput['bases'];
  leadSide: Side;
  leadOrgId: string;
  assistSide?: Side;
  assistOrgId?: string;
  hostUnitIds?: string[];
  responsibleUserIds?: string[];
  methods: ItemInput['methods'];
  frequency?: ItemInput['frequency'];
  dueDate?: Dayjs | null;
  comment?: string;
}

/** 新增事项 / 点题派单 / 编辑事项: one drawer, server field errors land on the fields. */
export function ItemFormDrawer({ target, onClose }: { target: ItemFormTarget | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const onError = useApiErrorHandler();
  const listId = target && target.mode !== 'edit' ? target.list.id : '';
  const add = useAddItem(listId);
  const order = useOrderItem();
  const update = useUpdateItem();
  const staff = useListStaff(target ? (target.mode === 'edit' ? target.item.listId : target.list.id) : undefined);
  const staffOptions = Object.values(
    (staff.data?.items ?? []).reduce<Record<string, { label: string; options: { value: string; label: string }[] }>>((acc, s) => {
      acc[s.orgId] ??= { label: s.orgName, options: [] };
      acc[s.orgId]!.options.push({ value: s.id, label: s.name });
      return acc;
    }, {}),
  );
  const leadSide = Form.useWatch('leadSide', form);
  const assistSide = Form.useWatch('assistSide', form);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const i = target.item;
      form.setFieldsValue({
        matter: i.matter,
        bases: i.bases,
        leadSide: i.leadSide,
        leadOrgId: i.leadOrgId,
        assistSide: i.assistSide ?? undefined,
        assistOrgId: i.assistOrgId ?? undefined,
        hostUnitIds: i.hostUnits.map((h) => h.id),
        responsibleUserIds: i.responsibleUsers.map((u) => u.id),
        methods: i.methods,
        frequency: i.frequency ?? undefined,
        dueDate: i.dueDate ? dayjs(i.dueDate) : null,
      });
    } else {
      form.setFieldsValue({
        leadSide: 'GROUP',
        leadOrgId: target.list.ownerGroupId,
        assistSide: target.list.liaisonOfficeId ? 'OFFICE' : undefined,
        assistOrgId: target.list.liaisonOfficeId ?? undefined,
        hostUnitIds: target.list.hostUnits.map((h) => h.id),
        bases: [],
        methods: [],
      });
    }
  }, [target, form]);

  const known: KnownOrg[] = [];
  const hostUnits: Ref[] = target ? (target.mode === 'edit' ? target.item.hostUnits : target.list.hostUnits) : [];
  if (target?.mode === 'edit') {
    known.push({ id: target.item.leadOrgId, name: target.item.leadOrgName });
    if (target.item.assistOrgId && target.item.assistOrgName) known.push({ id: target.item.assistOrgId, name: target.item.assistOrgName });
  } else if (target) {
    known.push({ id: target.list.ownerGroupId, name: target.list.ownerGroupName });
    if (target.list.liaisonOfficeId && target.list.liaisonOfficeName) known.push({ id: target.list.liaisonOfficeId, name: target.list.liaisonOfficeName });
  }

  const submit = async (v: ItemFormValues) => {
    const body: ItemInput = {
      matter: v.matter.trim(),
      bases: v.bases,
      leadSide: v.leadSide,
      leadOrgId: v.leadOrgId,
      assistSide: v.assistSide ?? null,
      assistOrgId: v.assistSide ? (v.assistOrgId ?? null) : null,
      hostUnitIds: v.hostUnitIds ?? [],
      responsibleUserIds: v.responsibleUserIds ?? [],
      methods: v.methods,
      frequency: v.frequency ?? null,
      dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null,
    };
    try {
      if (target?.mode === 'edit') await update.mutateAsync({ id: target.item.id, version: target.item.version, ...body });
      else if (target?.mode === 'order')
        await order.mutateAsync({
          listId: target.list.id,
          matter: body.matter,
          bases: body.bases,
          leadSide: body.leadSide,
          leadOrgId: body.leadOrgId,
          assistSide: body.assistSide,
          assistOrgId: body.assistOrgId,
          methods: body.methods,
          dueDate: body.dueDate ?? '',
          comment: (v.comment ?? '').trim(),
        });
      else await add.mutateAsync(body);
      message.success(target?.mode === 'edit' ? t('common.saved') : t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const title = !target ? '' : target.mode === 'edit' ? t('sup.editItem') : target.mode === 'order' ? t('sup.orderItem') : t('sup.addItem');
  return (
    <Drawer
      open={target !== null}
      title={title}
      size={680}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending || order.isPending || update.isPending} onClick={() => form.submit()} data-testid="item-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item name="matter" label={t('sup.matter')} rules={[{ required: true, whitespace: true, message: t('sup.matterRequired') }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="item-form-matter" />
        </Form.Item>
        <Form.Item name="bases" label={t('sup.bases')} rules={[{ required: true, type: 'array', min: 1, message: t('sup.basesRequired') }]}>
          <Select mode="multiple" options={enumOptions(BASIS_LABELS, label)} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="leadSide" label={t('sup.leadSide')} rules={[{ required: true }]}>
              <Select options={enumOptions(SIDE_LABELS, label)} onChange={() => form.setFieldValue('leadOrgId', undefined)} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="leadOrgId" label={t('sup.leadOrg')} rules={[{ required: true, message: t('sup.leadOrgRequired') }]}>
              <OrgSelect kinds={leadSide ? SIDE_KINDS[leadSide] : undefined} known={known} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="assistSide" label={t('sup.assistSide')}>
              <Select allowClear options={enumOptions(SIDE_LABELS, label)} onChange={() => form.setFieldValue('assistOrgId', undefined)} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="assistOrgId" label={t('sup.assistOrg')} rules={[{ required: Boolean(assistSide), message: t('sup.assistOrgRequired') }]}>
              <OrgSelect kinds={assistSide ? SIDE_KINDS[assistSide] : undefined} known={known} disabled={!assistSide} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="hostUnitIds" label={t('sup.hostUnits')}>
          <Select mode="multiple" allowClear options={hostUnits.map((h) => ({ value: h.id, label: h.name }))} />
        </Form.Item>
        {target?.mode !== 'order' ? (
          <Form.Item name="responsibleUserIds" label={t('sup.responsible')}>
            <Select
              mode="multiple"
              allowClear
              showSearch
              optionFilterProp="label"
              loading={staff.isPending}
              options={staffOptions}
              data-testid="item-responsible"
            />
          </Form.Item>
        ) : null}
        <Form.Item name="methods" label={t('sup.methods')} rules={[{ required: true, type: 'array', min: 1, message: t('sup.methodsRequired') }]}>
          <Select mode="multiple" options={enumOptions(METHOD_LABELS, label)} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="frequency" label={t('sup.frequency')}>
              <Select allowClear options={enumOptions(FREQUENCY_LABELS, label)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="dueDate" label={t('sup.dueDate')} rules={[{ required: target?.mode === 'order', message: t('sup.dueDateRequired') }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {target?.mode === 'order' ? (
          <Form.Item name="comment" label={t('sup.orderComment')} rules={[{ required: true, whitespace: true, message: t('sup.commentRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
        ) : null}
      </Form>
    </Drawer>
  );
}
