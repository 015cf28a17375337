import { COVERAGE_ROLE_LABELS, type CoverageRole, LINK_TYPE_LABELS, type LinkType, type OrgKind } from '@liandong/domain/org/enums';
import { App, DatePicker, Form, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { type KnownOrg, OrgSelect } from '../../components/OrgSelect';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { useCreateLink, useLeaders, useZones } from './api';

/** Which kinds sit on each side of a link (domain.md b.1; the server checks again). */
const SIDES: Record<LinkType, { from: 'leader' | 'zone' | OrgKind[]; to: OrgKind[] | undefined }> = {
  OVERSIGHT: { from: 'leader', to: ['INTERNAL_OFFICE'] },
  LIAISON: { from: ['INTERNAL_OFFICE'], to: ['DISPATCHED_GROUP', 'COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'] },
  DISPATCH: { from: ['DISPATCHED_GROUP'], to: ['HOST_UNIT'] },
  ZONE_MEMBER: { from: 'zone', to: undefined },
};

export interface LinkPreset {
  types: LinkType[];
  /** The org (or leader/zone) the dialog was opened from. */
  anchor?: { id: string; name: string; kind?: OrgKind | 'leader' | 'zone' };
}

interface LinkForm {
  type: LinkType;
  fromId: string;
  toId: string;
  role?: CoverageRole;
  validFrom: Dayjs;
}

/** Put the anchor on the side of the link it can stand on. */
function sideOf(type: LinkType, kind: OrgKind | 'leader' | 'zone' | undefined): 'from' | 'to' | null {
  if (!kind) return null;
  const sides = SIDES[type];
  if (sides.from === kind || (Array.isArray(sides.from) && sides.from.includes(kind as OrgKind))) return 'from';
  if (sides.to === undefined ? kind !== 'leader' && kind !== 'zone' : sides.to.includes(kind as OrgKind)) return 'to';
  return null;
}

/** 新增关联: 分管 (leader → office), 联系 (office → group/county), 派驻 (group → host unit), 片区成员 (zone → org). */
export function LinkFormModal({ open, preset, onClose }: { open: boolean; preset: LinkPreset; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LinkForm>();
  const type = Form.useWatch('type', form) ?? preset.types[0];
  const create = useCreateLink();
  const onError = useApiErrorHandler();
  const leaders = useLeaders();
  const zones = useZones();
  const [known, setKnown] = useState<KnownOrg[]>([]);

  const firstType = preset.types[0];
  const anchor = preset.anchor;
  const anchorKey = anchor ? `${anchor.id}|${anchor.kind ?? ''}` : '';
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ type: firstType, validFrom: dayjs() });
  }, [open, firstType, form]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: anchorKey stands for the anchor object
  useEffect(() => {
    if (!open || !type) return;
    const side = sideOf(type, anchor?.kind);
    form.setFieldsValue({ fromId: undefined, toId: undefined, role: undefined });
    if (anchor && side) {
      form.setFieldValue(side === 'from' ? 'fromId' : 'toId', anchor.id);
      setKnown([{ id: anchor.id, name: anchor.name }]);
    }
  }, [open, type, anchorKey, form]);

  const submit = async () => {
    const v = await form.validateFields();
    try {
      await create.mutateAsync({
        type: v.type,
        fromId: v.fromId,
        toId: v.toId,
        role: v.type === 'DISPATCH' ? v.role : undefined,
        validFrom: v.validFrom.format('YYYY-MM-DD'),
      });
      message.success(t('link.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };

  const sides = SIDES[type];
  const fromPicker =
    sides.from === 'leader' ? (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={leaders.isPending}
        options={(leaders.data?.items ?? []).map((l) => ({ value: l.id, label: l.nameZh }))}
      />
    ) : sides.from === 'zone' ? (
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        loading={zones.isPending}
        options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: `${z.nameZh}（${z.countyName}）` }))}
      />
    ) : (
      <OrgSelect kinds={sides.from} known={known} />
    );

  return (
    <Modal open={open} title={t('link.createTitle')} onOk={submit} onCancel={onClose} confirmLoading={create.isPending} destroyOnHidden width={560}>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="type" label={t('link.type')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={preset.types.map((ty) => ({ value: ty, label: label(LINK_TYPE_LABELS, ty) }))} />
        </Form.Item>
        <Form.Item name="fromId" label={t(`link.fromOf.${type}`)} rules={[{ required: true, message: t('link.fromRequired') }]}>
          {fromPicker}
        </Form.Item>
        <Form.Item name="toId" label={t(`link.toOf.${type}`)} rules={[{ required: true, message: t('link.toRequired') }]}>
          <OrgSelect kinds={sides.to} known={known} />
        </Form.Item>
        {type === 'DISPATCH' ? (
          <Form.Item name="role" label={t('link.role')} rules={[{ required: true, message: t('link.roleRequired') }]}>
            <Radio.Group options={Object.keys(COVERAGE_ROLE_LABELS).map((r) => ({ value: r, label: label(COVERAGE_ROLE_LABELS, r) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="validFrom" label={t('link.validFrom')} rules={[{ required: true, message: t('link.validFromRequired') }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
