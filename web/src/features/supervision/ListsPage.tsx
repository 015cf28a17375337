import { PlusOutlined } from '@ant-design/icons';
import { type Basis, BASIS_LABELS, type Light, LIGHT_LABELS, LIST_TYPE_LABELS, type ListType } from '@liandong/domain/supervision/enums';
import { App, Button, Drawer, Flex, Form, Input, Progress, Select, Space, Table, type TableColumnType, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import { ExportButton } from '../../components/Ledger';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type ListFilters, type ListSummary, useCreateList, useLists, useUpdateList } from './api';
import { currentYear, enumOptions, LIGHT_COLORS, LIST_TYPE_COLORS, percent, yearOptions } from './components';

const SHOWN_LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];

/** The light counts of a list as coloured dots with numbers. */
export function LightCounts({ lights }: { lights: Record<Light, number> }) {
  const { label } = useI18n();
  return (
    <span className="ld-light-counts">
      {SHOWN_LIGHTS.map((l) => (
        <Tooltip key={l} title={label(LIGHT_LABELS, l)}>
          <span style={{ opacity: lights[l] ? 1 : 0.45 }}>
            <span className="ld-light-dot" style={{ background: LIGHT_COLORS[l] }} /> {lights[l] ?? 0}
          </span>
        </Tooltip>
      ))}
    </span>
  );
}

export type ListFormTarget = { mode: 'create' } | { mode: 'edit'; list: ListSummary };

/** 年度清单: common and individual lists of the groups the user may see. */
export function ListsPage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const filters: ListFilters = {
    year: sp.get('year') === 'all' ? undefined : Number(sp.get('year')) || currentYear(),
    type: (sp.get('type') as ListType | null) ?? undefined,
    groupId: sp.get('groupId') ?? undefined,
  };
  const query = useLists(filters);
  const [target, setTarget] = useState<ListFormTarget | null>(null);
  const update = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(sp);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setSp(next, { replace: true });
  };
  const columns: TableColumnType<ListSummary>[] = [
    {
      key: 'title',
      title: t('sup.title'),
      width: 300,
      render: (_, l) => (
        <Link to={`/supervision/lists/${l.id}`} data-testid={`list-link-${l.id}`}>
          {l.title}
        </Link>
      ),
    },
    { key: 'type', title: t('sup.type'), width: 100, render: (_, l) => <EnumTag labels={LIST_TYPE_LABELS} value={l.type} colors={LIST_TYPE_COLORS} /> },
    { key: 'year', title: t('sup.year'), width: 70, dataIndex: 'year' },
    { key: 'group', title: t('sup.ownerGroup'), width: 180, dataIndex: 'ownerGroupName', ellipsis: true },
    { key: 'liaison', title: t('sup.liaisonOffice'), width: 150, render: (_, l) => l.liaisonOfficeName ?? '—', ellipsis: true },
    { key: 'count', title: t('sup.itemCount'), width: 90, align: 'right', render: (_, l) => `${l.doneCount}/${l.itemCount}` },
    {
      key: 'rate',
      title: t('sup.completion'),
      width: 170,
      render: (_, l) => <Progress percent={percent(l.completionRate)} size="small" aria-label={t('sup.completion')} />,
    },
    { key: 'lights', title: t('sup.lights'), width: 170, render: (_, l) => <LightCounts lights={l.lights} /> },
    {
      key: 'approvedAt',
      title: t('sup.approvedAt'),
      width: 110,
      render: (_, l) => (l.approvedAt ? formatDate(l.approvedAt) : <Typography.Text type="secondary">{t('sup.notApproved')}</Typography.Text>),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 110,
      fixed: 'right',
      render: (_, l) => (
        <Space size={0}>
          <Link to={`/supervision/lists/${l.id}`}>
            <Button type="link" size="small">
              {t('common.detail')}
            </Button>
          </Link>
          {l.abilities.update ? (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', list: l })}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={t('menu.supLists')}
      description={t('sup.listsHint')}
      testId="lists-page"
      extra={
        <Space>
          <ExportButton
            url={exportUrls.lists({ year: filters.year, type: filters.type, groupId: filters.groupId })}
            filename={t('sup.listsFile')}
            success={t('sup.exported')}
            testId="lists-export"
          >
            {t('sup.exportExcel')}
          </ExportButton>
          {query.data?.abilities.create ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })} data-testid="list-create">
              {t('sup.createList')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 120 }}
          value={filters.year ?? 'all'}
          onChange={(v) => update('year', v)}
          options={[{ value: 'all', label: t('sup.allYears') }, ...yearOptions()]}
          aria-label={t('sup.year')}
        />
        <Select
          style={{ width: 140 }}
          allowClear
          placeholder={t('sup.allTypes')}
          aria-label={t('sup.allTypes')}
          value={filters.type}
          onChange={(v) => update('type', v)}
          options={enumOptions(LIST_TYPE_LABELS, label)}
        />
        <OrgSelect
          style={{ width: 260 }}
          kinds={['DISPATCHED_GROUP']}
          placeholder={t('sup.ownerGroup')}
          aria-label={t('sup.ownerGroup')}
          value={filters.groupId}
          onChange={(v) => update('groupId', typeof v === 'string' ? v : undefined)}
        />
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div data-testid="lists-table">
          <Table<ListSummary>
            rowKey="id"
            size="middle"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            columns={columns}
            scroll={{ x: 1300 }}
            pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }}
          />
        </div>
      )}
      <ListFormDrawer target={target} onClose={() => setTarget(null)} />
    </Page>
  );
}

interface ListFormValues {
  year: number;
  type: ListType;
  ownerGroupId: string;
  title?: string;
  bases: Basis[];
  hostUnitIds?: string[];
}

/** 新建 / 编辑清单. */
export function ListFormDrawer({ target, onClose }: { target: ListFormTarget | null; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<ListFormValues>();
  const onError = useApiErrorHandler();
  const create = useCreateList();
  const patch = useUpdateList();
  const editing = target?.mode === 'edit' ? target.list : null;
  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (editing)
      form.setFieldsValue({
        year: editing.year,
        type: editing.type,
        ownerGroupId: editing.ownerGroupId,
        title: editing.title,
        bases: editing.bases,
        hostUnitIds: editing.hostUnits.map((h) => h.id),
      });
    else form.setFieldsValue({ year: currentYear(), type: 'INDIVIDUAL', bases: [] });
  }, [target, editing, form]);
  const submit = async (v: ListFormValues) => {
    try {
      if (editing)
        await patch.mutateAsync({
          id: editing.id,
          version: editing.version,
          title: v.title?.trim() || undefined,
          bases: v.bases,
          hostUnitIds: v.hostUnitIds ?? [],
        });
      else
        await create.mutateAsync({
          year: v.year,
          type: v.type,
          ownerGroupId: v.ownerGroupId,
          title: v.title?.trim() || undefined,
          bases: v.bases ?? [],
          hostUnitIds: v.hostUnitIds?.length ? v.hostUnitIds : undefined,
        });
      message.success(editing ? t('common.saved') : t('common.created'));
      onClose();
    } catch (err) {
      onError(err, form);
    }
  };
  const known = editing ? [{ id: editing.ownerGroupId, name: editing.ownerGroupName }, ...editing.hostUnits] : [];
  return (
    <Drawer
      open={target !== null}
      title={editing ? t('sup.editList') : t('sup.createList')}
      size={560}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={create.isPending || patch.isPending} onClick={() => form.submit()} data-testid="list-form-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Flex gap={16}>
          <Form.Item name="year" label={t('sup.year')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={yearOptions()} disabled={Boolean(editing)} />
          </Form.Item>
          <Form.Item name="type" label={t('sup.type')} rules={[{ required: true, message: t('sup.typeRequired') }]} style={{ flex: 1 }}>
            <Select options={enumOptions(LIST_TYPE_LABELS, label)} disabled={Boolean(editing)} />
          </Form.Item>
        </Flex>
        <Form.Item name="ownerGroupId" label={t('sup.ownerGroup')} rules={[{ required: true, message: t('sup.ownerGroupRequired') }]}>
          <OrgSelect kinds={['DISPATCHED_GROUP']} known={known} disabled={Boolean(editing)} />
        </Form.Item>
        <Form.Item name="title" label={t('sup.title')} extra={t('sup.titleHint')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="bases" label={t('sup.bases')}>
          <Select mode="multiple" options={enumOptions(BASIS_LABELS, label)} />
        </Form.Item>
        <Form.Item name="hostUnitIds" label={t('sup.hostUnits')}>
          <OrgSelect mode="multiple" kinds={['HOST_UNIT']} known={known} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
