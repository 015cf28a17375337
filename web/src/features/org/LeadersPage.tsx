import { EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { COMMISSION_KINDS, LEADER_TITLE_LABELS, type LeaderTitle } from '@liandong/domain/org/enums';
import { App, Button, Card, DatePicker, Drawer, Flex, Form, Input, Modal, Radio, Select, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { EntityDescriptions, toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { type Leader, useCreateLeader, useLeaders, useLinks, useUpdateLeader } from './api';
import { leaderFields } from './columns';
import { LinkFormModal, type LinkPreset } from './LinkFormModal';
import { LinksTable } from './LinksTable';

/** 委领导与分管: the leadership members and the offices each oversees (分管). */
export function LeadersPage() {
  const { t } = useI18n();
  const query = useLeaders();
  const [openId, setOpenId] = useState<string | null>(null);
  const [editing, setEditing] = useState<Leader | null>(null);
  const [creating, setCreating] = useState(false);
  const fields = useMemo(() => leaderFields(t), [t]);
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  const open = items.find((l) => l.id === openId) ?? null;
  const columns = [
    ...toColumns(fields),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 140,
      render: (_: unknown, l: Leader) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpenId(l.id)}>
            {t('common.detail')}
          </Button>
          {l.abilities.update ? (
            <Button type="link" size="small" onClick={() => setEditing(l)}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={t('menu.orgLeaders')}
      extra={
        query.data?.abilities?.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="leader-create">
            {t('leader.create')}
          </Button>
        ) : null
      }
    >
      <Table<Leader> rowKey="id" size="small" loading={query.isPending} dataSource={items} columns={columns} pagination={false} />
      <LeaderDrawer leader={open} onClose={() => setOpenId(null)} onEdit={setEditing} />
      <LeaderEditModal leader={editing} onClose={() => setEditing(null)} />
      <LeaderCreateDrawer open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

function LeaderDrawer({ leader, onClose, onEdit }: { leader: Leader | null; onClose: () => void; onEdit: (l: Leader) => void }) {
  const { t } = useI18n();
  const links = useLinks({ type: 'OVERSIGHT', orgId: leader?.id, includeEnded: true }, leader !== null);
  const [linking, setLinking] = useState(false);
  const preset = useMemo<LinkPreset>(
    () => ({ types: ['OVERSIGHT'], anchor: leader ? { id: leader.id, name: leader.nameZh, kind: 'leader' } : undefined }),
    [leader],
  );
  return (
    <Drawer open={leader !== null} title={leader?.nameZh} size={720} onClose={onClose} destroyOnHidden>
      {leader ? (
        <>
          <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
            {leader.abilities.update ? (
              <Button icon={<EditOutlined />} onClick={() => onEdit(leader)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {links.data?.abilities.create && !leader.validTo ? (
              <Button icon={<LinkOutlined />} onClick={() => setLinking(true)} data-testid="leader-add-oversight">
                {t('leader.addOversight')}
              </Button>
            ) : null}
          </Flex>
          <EntityDescriptions fields={leaderFields(t)} record={leader} column={2} />
          <Card size="small" title={t('leader.oversightLinks')} style={{ marginTop: 16 }}>
            <LinksTable links={links.data?.items} loading={links.isPending} hide={['fromName', 'role']} />
          </Card>
          <LinkFormModal open={linking} preset={preset} onClose={() => setLinking(false)} />
        </>
      ) : null}
    </Drawer>
  );
}

function LeaderEditModal({ leader, onClose }: { leader: Leader | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: LeaderTitle; validTo?: Dayjs | null }>();
  const update = useUpdateLeader();
  const onError = useApiErrorHandler();
  useEffect(() => {
    if (leader) form.setFieldsValue({ title: leader.title, validTo: leader.validTo ? dayjs(leader.validTo) : null });
  }, [leader, form]);
  const submit = async () => {
    if (!leader) return;
    const v = await form.validateFields();
    try {
      await update.mutateAsync({ id: leader.id, version: leader.version, title: v.title, validTo: v.validTo ? v.validTo.format('YYYY-MM-DD') : undefined });
      message.success(t('common.saved'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Modal
      open={leader !== null}
      title={t('leader.editTitle', { name: leader?.nameZh ?? '' })}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="title" label={t('leader.title')} rules={[{ required: true, message: t('leader.titleRequired') }]}>
          <Select options={Object.keys(LEADER_TITLE_LABELS).map((k) => ({ value: k, label: label(LEADER_TITLE_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="validTo" label={t('leader.validTo')} extra={t('leader.validToHint')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface LeaderForm {
  nameZh: string;
  title: LeaderTitle;
  orgId: string;
  gender?: 'M' | 'F';
}

function LeaderCreateDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<LeaderForm>();
  const create = useCreateLeader();
  const onError = useApiErrorHandler();
  const submit = async (v: LeaderForm) => {
    try {
      await create.mutateAsync({ ...v, nameZh: v.nameZh.trim() });
      message.success(t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  return (
    <Drawer
      open={open}
      title={t('leader.create')}
      size={480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="nameZh" label={t('leader.name')} rules={[{ required: true, whitespace: true, message: t('leader.nameRequired') }, { max: 40 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="title" label={t('leader.title')} rules={[{ required: true, message: t('leader.titleRequired') }]}>
          <Select options={Object.keys(LEADER_TITLE_LABELS).map((k) => ({ value: k, label: label(LEADER_TITLE_LABELS, k) }))} />
        </Form.Item>
        <Form.Item name="orgId" label={t('leader.org')} rules={[{ required: true, message: t('leader.orgRequired') }]}>
          <OrgSelect kinds={COMMISSION_KINDS} />
        </Form.Item>
        <Form.Item name="gender" label={t('people.gender')}>
          <Radio.Group
            options={[
              { value: 'M', label: t('people.male') },
              { value: 'F', label: t('people.female') },
            ]}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
