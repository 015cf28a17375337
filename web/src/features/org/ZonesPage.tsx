import { EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { ZONE_MODE_LABELS, type ZoneMode } from '@liandong/domain/org/enums';
import { App, Button, Card, Checkbox, DatePicker, Drawer, Flex, Form, Input, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { EntityDescriptions, toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Zone, useCreateZone, useLinks, useUpdateZone, useZones } from './api';
import { zoneFields } from './columns';
import { LinkFormModal, type LinkPreset } from './LinkFormModal';
import { LinksTable } from './LinksTable';

type ZoneTarget = { mode: 'create' } | { mode: 'edit'; zone: Zone };

/** 片区协作: county work zones, their lead unit, modes and members. */
export function ZonesPage() {
  const { t } = useI18n();
  const query = useZones();
  const [openId, setOpenId] = useState<string | null>(null);
  const [target, setTarget] = useState<ZoneTarget | null>(null);
  const fields = useMemo(() => zoneFields(t), [t]);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  const open = items.find((z) => z.id === openId) ?? null;
  const columns = [
    ...toColumns(fields),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_: unknown, z: Zone) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpenId(z.id)}>
            {t('common.detail')}
          </Button>
          {z.abilities.update ? (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', zone: z })}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={t('menu.orgZones')}
      extra={
        query.data?.abilities?.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })} data-testid="zone-create">
            {t('zone.create')}
          </Button>
        ) : null
      }
    >
      <Table<Zone> rowKey="id" size="small" loading={query.isPending} dataSource={items} columns={columns} pagination={false} scroll={{ x: 1000 }} />
      <ZoneDrawer zone={open} onClose={() => setOpenId(null)} onEdit={(zone) => setTarget({ mode: 'edit', zone })} />
      <ZoneFormDrawer target={target} onClose={() => setTarget(null)} />
    </Page>
  );
}

function ZoneDrawer({ zone, onClose, onEdit }: { zone: Zone | null; onClose: () => void; onEdit: (z: Zone) => void }) {
  const { t } = useI18n();
  const links = useLinks({ type: 'ZONE_MEMBER', orgId: zone?.id, includeEnded: true }, zone !== null);
  const [linking, setLinking] = useState(false);
  const preset = useMemo<LinkPreset>(() => ({ types: ['ZONE_MEMBER'], anchor: zone ? { id: zone.id, name: zone.nameZh, kind: 'zone' } : undefined }), [zone]);
  return (
    <Drawer open={zone !== null} title={zone?.nameZh} size={760} onClose={onClose} destroyOnHidden>
      {zone ? (
        <>
          <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
            {zone.abilities.update ? (
              <Button icon={<EditOutlined />} onClick={() => onEdit(zone)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {links.data?.abilities.create && !zone.validTo ? (
              <Button icon={<LinkOutlined />} onClick={() => setLinking(true)} data-testid="zone-add-member">
                {t('zone.addMember')}
              </Button>
            ) : null}
          </Flex>
          <EntityDescriptions fields={zoneFields(t).filter((f) => f.key !== 'members')} record={zone} column={2} />
          <Card size="small" title={t('zone.memberLinks')} style={{ marginTop: 16 }}>
            <LinksTable links={links.data?.items} loading={links.isPending} hide={['fromName', 'role', 'type']} />
          </Card>
          <LinkFormModal open={linking} preset={preset} onClose={() => setLinking(false)} />
        </>
      ) : null}
    </Drawer>
  );
}

interface ZoneForm {
  nameZh: string;
  countyOrgId: string;
  leadOrgId: string;
  modes: ZoneMode[];
  memberOrgIds: string[];
  validTo?: Dayjs | null;
}

function ZoneFormDrawer({ target, onClose }: { target: ZoneTarget | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ZoneForm>();
  const create = useCreateZone();
  const update = useUpdateZone();
  const onError = useApiErrorHandler();
  const editing = target?.mode === 'edit' ? target.zone : null;
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({ nameZh: editing.nameZh, countyOrgId: editing.countyOrgId, leadOrgId: editing.leadOrgId ?? undefined, modes: editing.modes });
    else form.setFieldsValue({ modes: ['ROUTINE_JOINT'], memberOrgIds: [] });
  }, [target, editing, form]);
  const submit = async (v: ZoneForm) => {
    try {
      if (editing) {
        await update.mutateAsync({
          id: editing.id,
          version: editing.version,
          nameZh: v.nameZh.trim(),
          leadOrgId: v.leadOrgId,
          modes: v.modes,
          validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : undefined,
        });
      } else {
        await create.mutateAsync({
          nameZh: v.nameZh.trim(),
          countyOrgId: v.countyOrgId,
          leadOrgId: v.leadOrgId,
          modes: v.modes,
          memberOrgIds: v.memberOrgIds ?? [],
        });
      }
      message.success(editing ? t('common.saved') : t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const county = Form.useWatch('countyOrgId', form);
  const known = editing
    ? [
        { id: editing.countyOrgId, name: editing.countyName },
        ...(editing.leadOrgId && editing.leadOrgName ? [{ id: editing.leadOrgId, name: editing.leadOrgName }] : []),
      ]
    : [];
  return (
    <Drawer
      open={target !== null}
      title={editing ? t('zone.editTitle', { name: editing.nameZh }) : t('zone.create')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || update.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="nameZh" label={t('zone.name')} rules={[{ required: true, whitespace: true, message: t('zone.nameRequired') }, { max: 60 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="countyOrgId" label={t('zone.county')} rules={[{ required: true, message: t('zone.countyRequired') }]}>
          <OrgSelect kinds={['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION']} known={known} disabled={editing !== null} />
        </Form.Item>
        <Form.Item name="leadOrgId" label={t('zone.lead')} extra={t('zone.leadHint')} rules={[{ required: true, message: t('zone.leadRequired') }]}>
          <OrgSelect known={known} parentId={county} disabled={!county} />
        </Form.Item>
        <Form.Item name="modes" label={t('zone.modes')} rules={[{ required: true, type: 'array', min: 1, message: t('zone.modesRequired') }]}>
          <Checkbox.Group options={Object.keys(ZONE_MODE_LABELS).map((k) => ({ value: k, label: label(ZONE_MODE_LABELS, k) }))} />
        </Form.Item>
        {!editing ? (
          <Form.Item name="memberOrgIds" label={t('zone.members')} extra={t('zone.membersHint')}>
            <OrgSelect mode="multiple" parentId={county} disabled={!county} />
          </Form.Item>
        ) : (
          <Form.Item name="validTo" label={t('zone.validTo')} extra={t('zone.validToHint')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
