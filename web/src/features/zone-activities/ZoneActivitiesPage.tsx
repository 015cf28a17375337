import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { ZONE_MODE_LABELS, type ZoneMode } from '@liandong/domain/org/enums';
import { FINDING_DISPOSITION_LABELS, type FindingDisposition } from '@liandong/domain/supervision/enums';
import { App, Button, Card, Drawer, Empty, Flex, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EnumTag } from '../../components/EnumTag';
import { EntityDescriptions, type FieldDef, toColumns } from '../../components/entity';
import { OrgSelect } from '../../components/OrgSelect';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { ORG_KIND_COLORS } from '../../lib/colors';
import { useApiErrorHandler } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { type TFunction, useI18n } from '../../lib/i18n';
import { useZones } from '../../api/structure';
import { enumOptions, yearOptions } from '../../lib/options';
import { ActivityFormDrawer } from './ActivityForm';
import { type ZoneActivity, useAddZoneFinding, useZoneActivities, useZoneActivity } from './api';

const MODE_COLORS = { ROUTINE_JOINT: 'blue', SPECIAL: 'red', MULTI_LEVEL: 'purple' } as const;
const DISPOSITION_COLORS = { RECTIFY: 'orange', CLUE: 'red', RECOMMENDATION: 'purple', NONE: 'default' } as const;

function activityFields(t: TFunction): FieldDef<ZoneActivity>[] {
  return [
    { key: 'title', title: t('zact.title'), span: 'filled' },
    { key: 'zoneName', title: t('zact.zone'), width: 150, render: (a) => `${a.zoneName}` },
    { key: 'countyName', title: t('zact.county'), width: 120 },
    { key: 'mode', title: t('zact.mode'), width: 120, render: (a) => <EnumTag labels={ZONE_MODE_LABELS} value={a.mode} colors={MODE_COLORS} /> },
    {
      key: 'period',
      title: t('zact.period'),
      width: 200,
      render: (a) => `${formatDate(a.heldFrom)}${a.heldTo && a.heldTo !== a.heldFrom ? ` ~ ${formatDate(a.heldTo)}` : ''}`,
    },
    {
      key: 'participants',
      title: t('zact.participants'),
      span: 'filled',
      render: (a) => (
        <span>
          {a.participants.slice(0, 4).map((p) => (
            <Tag key={p.id} color={ORG_KIND_COLORS[p.kind]} style={{ marginBlock: 2 }}>
              {p.name}
            </Tag>
          ))}
          {a.participants.length > 4 ? <Typography.Text type="secondary">{t('common.andMore', { count: a.participants.length - 4 })}</Typography.Text> : null}
        </span>
      ),
    },
    {
      key: 'summary',
      title: t('zact.summary'),
      detailOnly: true,
      span: 'filled',
      render: (a) => <span style={{ whiteSpace: 'pre-wrap' }}>{a.summary || '—'}</span>,
    },
    {
      key: 'outcomes',
      title: t('zact.outcomes'),
      detailOnly: true,
      span: 'filled',
      render: (a) => <span style={{ whiteSpace: 'pre-wrap' }}>{a.outcomes || '—'}</span>,
    },
    { key: 'findingCount', title: t('zact.findingCount'), width: 90, render: (a) => (a.findingCount ? <Tag color="orange">{a.findingCount}</Tag> : '0') },
    { key: 'createdBy', title: t('zact.createdBy'), width: 160, render: (a) => `${a.createdBy.name} · ${formatDate(a.createdAt)}` },
  ];
}

export type Target = { mode: 'create' } | { mode: 'edit'; activity: ZoneActivity };

/** 片区协作活动: joint activities of county work zones, with outcomes and findings. */
export function ZoneActivitiesPage() {
  const { t, label } = useI18n();
  const [sp, setSp] = useSearchParams();
  const filters = {
    zoneId: sp.get('zoneId') ?? undefined,
    mode: (sp.get('mode') as ZoneMode | null) ?? undefined,
    year: sp.get('year') ? Number(sp.get('year')) : undefined,
  };
  const query = useZoneActivities(filters);
  const zones = useZones();
  const [openId, setOpenId] = useState<string | null>(null);
  const [target, setTarget] = useState<Target | null>(null);
  const fields = useMemo(() => activityFields(t), [t]);
  const update = (k: string, v: string | number | undefined) => {
    const next = new URLSearchParams(sp);
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
    setSp(next, { replace: true });
  };
  const columns = [
    ...toColumns(fields).map((c) =>
      c.key === 'title'
        ? {
            ...c,
            render: (_: unknown, a: ZoneActivity) => (
              <Typography.Link onClick={() => setOpenId(a.id)} data-testid={`zone-activity-${a.id}`}>
                {a.title}
              </Typography.Link>
            ),
          }
        : c,
    ),
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      fixed: 'right' as const,
      render: (_: unknown, a: ZoneActivity) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setOpenId(a.id)}>
            {t('common.detail')}
          </Button>
          {a.abilities.update ? (
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', activity: a })}>
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];
  return (
    <Page
      title={t('menu.supZoneActivities')}
      description={t('zact.hint')}
      testId="zone-activities-page"
      extra={
        query.data?.abilities.create ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })} data-testid="zone-activity-create">
            {t('zact.create')}
          </Button>
        ) : null
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('zact.allZones')}
          aria-label={t('zact.allZones')}
          value={filters.zoneId}
          onChange={(v) => update('zoneId', v)}
          loading={zones.isPending}
          options={(zones.data?.items ?? []).map((z) => ({ value: z.id, label: `${z.nameZh}（${z.countyName}）` }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('zact.allModes')}
          aria-label={t('zact.allModes')}
          value={filters.mode}
          onChange={(v) => update('mode', v)}
          options={enumOptions(ZONE_MODE_LABELS, label)}
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('sup.allYears')}
          aria-label={t('sup.allYears')}
          value={filters.year}
          onChange={(v) => update('year', v)}
          options={yearOptions()}
        />
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <div data-testid="zone-activities-table">
          <Table<ZoneActivity>
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
      <ActivityDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(activity) => setTarget({ mode: 'edit', activity })} />
      <ActivityFormDrawer target={target} zones={zones.data?.items ?? []} onClose={() => setTarget(null)} />
    </Page>
  );
}

function ActivityDrawer({ id, onClose, onEdit }: { id: string | null; onClose: () => void; onEdit: (a: ZoneActivity) => void }) {
  const { t, label } = useI18n();
  const query = useZoneActivity(id);
  const [adding, setAdding] = useState(false);
  const a = query.data;
  return (
    <Drawer open={id !== null} title={a?.title} size={780} onClose={onClose} destroyOnHidden loading={query.isPending}>
      {query.isError ? <QueryError error={query.error} /> : null}
      {a ? (
        <>
          <Flex justify="end" gap={8} style={{ marginBottom: 12 }}>
            {a.abilities.update ? (
              <Button icon={<EditOutlined />} onClick={() => onEdit(a)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {a.abilities.addFinding ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="zone-finding-add">
                {t('zact.addFinding')}
              </Button>
            ) : null}
          </Flex>
          <EntityDescriptions fields={activityFields(t).filter((f) => f.key !== 'findingCount')} record={a} column={2} />
          <Card size="small" title={`${t('zact.findings')} (${a.findings.length})`} style={{ marginTop: 16 }}>
            <List
              dataSource={a.findings}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sup.noFindings')} /> }}
              renderItem={(f) => (
                <List.Item key={f.id}>
                  <List.Item.Meta
                    title={
                      <Space wrap>
                        <Tag color={DISPOSITION_COLORS[f.disposition]}>{label(FINDING_DISPOSITION_LABELS, f.disposition)}</Tag>
                        {f.hostUnit ? <Tag>{f.hostUnit.name}</Tag> : null}
                        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
                          {f.createdBy.name} · {formatDateTime(f.createdAt)}
                        </Typography.Text>
                      </Space>
                    }
                    description={<span style={{ whiteSpace: 'pre-wrap', color: 'inherit' }}>{f.description}</span>}
                  />
                </List.Item>
              )}
            />
          </Card>
          <ZoneFindingModal activityId={a.id} open={adding} onClose={() => setAdding(false)} />
        </>
      ) : null}
    </Drawer>
  );
}

function ZoneFindingModal({ activityId, open, onClose }: { activityId: string; open: boolean; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const add = useAddZoneFinding(activityId);
  const [form] = Form.useForm<{ description: string; disposition: FindingDisposition; hostUnitId?: string }>();
  return (
    <Drawer
      open={open}
      title={t('zact.addFinding')}
      size={520}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="zone-finding-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ disposition: 'RECTIFY' }}
        onFinish={async (v) => {
          try {
            await add.mutateAsync({ description: v.description.trim(), disposition: v.disposition, hostUnitId: v.hostUnitId });
            message.success(t('sup.findingSaved'));
            onClose();
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Form.Item
          name="description"
          label={t('sup.findingDescription')}
          rules={[{ required: true, whitespace: true, message: t('sup.findingRequired') }, { max: 5000 }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="disposition" label={t('sup.disposition')} rules={[{ required: true }]}>
          <Select options={enumOptions(FINDING_DISPOSITION_LABELS, label)} />
        </Form.Item>
        <Form.Item name="hostUnitId" label={t('sup.findingHostUnit')}>
          <OrgSelect kinds={['HOST_UNIT']} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
