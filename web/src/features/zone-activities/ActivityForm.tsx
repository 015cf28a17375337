import { ZONE_MODE_LABELS, type ZoneMode } from '@liandong/domain/org/enums';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import type { Zone } from '@liandong/domain/org/contracts';
import { useCreateZoneActivity, useUpdateZoneActivity } from './api';

import type { Target } from './ZoneActivitiesPage';

/** 片区协作活动的新增 / 编辑表单. */
interface ActivityValues {
  zoneId: string;
  mode: ZoneMode;
  title: string;
  heldFrom: Dayjs;
  heldTo?: Dayjs | null;
  participantOrgIds: string[];
  summary: string;
  outcomes?: string;
}

/** 新增 / 编辑活动: zone → its modes → participants from its members. */
export function ActivityFormDrawer({ target, zones, onClose }: { target: Target | null; zones: Zone[]; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<ActivityValues>();
  const create = useCreateZoneActivity();
  const patch = useUpdateZoneActivity();
  const editing = target?.mode === 'edit' ? target.activity : null;
  const zoneId = Form.useWatch('zoneId', form);
  const zone = zones.find((z) => z.id === zoneId);
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        zoneId: editing.zoneId,
        mode: editing.mode,
        title: editing.title,
        heldFrom: dayjs(editing.heldFrom),
        heldTo: editing.heldTo ? dayjs(editing.heldTo) : null,
        participantOrgIds: editing.participants.map((p) => p.id),
        summary: editing.summary,
        outcomes: editing.outcomes,
      });
    else form.setFieldsValue({ heldFrom: dayjs(), participantOrgIds: [] });
  }, [target, editing, form]);
  const modeOptions = (zone?.modes ?? (editing ? [editing.mode] : [])).map((m) => ({ value: m, label: label(ZONE_MODE_LABELS, m) }));
  const memberOptions = [
    ...(zone?.members ?? []).map((m) => ({ value: m.orgId, label: m.orgName })),
    ...(editing?.participants ?? []).filter((p) => !zone?.members.some((m) => m.orgId === p.id)).map((p) => ({ value: p.id, label: p.name })),
  ];
  const submit = async (v: ActivityValues) => {
    const body = {
      mode: v.mode,
      title: v.title.trim(),
      heldFrom: v.heldFrom.format('YYYY-MM-DD'),
      heldTo: v.heldTo ? v.heldTo.format('YYYY-MM-DD') : null,
      participantOrgIds: v.participantOrgIds ?? [],
      summary: v.summary?.trim() ?? '',
      outcomes: v.outcomes?.trim() ?? '',
    };
    try {
      if (editing) await patch.mutateAsync({ id: editing.id, version: editing.version, ...body });
      else await create.mutateAsync({ zoneId: v.zoneId, ...body });
      message.success(editing ? t('common.saved') : t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open={target !== null}
      title={editing ? t('zact.editTitle', { title: editing.title }) : t('zact.create')}
      size={620}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || patch.isPending} onClick={() => form.submit()} data-testid="zone-activity-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item name="zoneId" label={t('zact.zone')} rules={[{ required: true, message: t('zact.zoneRequired') }]}>
          <Select
            disabled={Boolean(editing)}
            options={zones.map((z) => ({ value: z.id, label: `${z.nameZh}（${z.countyName}）` }))}
            onChange={(id: string) => {
              const z = zones.find((x) => x.id === id);
              form.setFieldsValue({ mode: z?.modes.length === 1 ? z.modes[0] : undefined, participantOrgIds: z?.members.map((m) => m.orgId) ?? [] });
            }}
            data-testid="zone-activity-zone"
          />
        </Form.Item>
        <Form.Item name="mode" label={t('zact.mode')} rules={[{ required: true, message: t('zact.modeRequired') }]}>
          <Select options={modeOptions} disabled={!zoneId} />
        </Form.Item>
        <Form.Item name="title" label={t('zact.title')} rules={[{ required: true, whitespace: true, message: t('zact.titleRequired') }, { max: 200 }]}>
          <Input />
        </Form.Item>
        <Flex gap={16}>
          <Form.Item name="heldFrom" label={t('zact.heldFrom')} rules={[{ required: true, message: t('zact.heldFromRequired') }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="heldTo" label={t('zact.heldTo')} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="participantOrgIds" label={t('zact.participants')} extra={t('zact.participantsHint')}>
          <Select mode="multiple" options={memberOptions} disabled={!zoneId} maxTagCount="responsive" />
        </Form.Item>
        <Form.Item name="summary" label={t('zact.summary')} rules={[{ max: 10000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="outcomes" label={t('zact.outcomes')} rules={[{ max: 10000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
