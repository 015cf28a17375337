import { DownloadOutlined } from '@ant-design/icons';
import { type Light, LIGHT_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS, type ItemState } from '@liandong/domain/supervision/machine';
import { App, Badge, Button, Flex, Segmented, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/client';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { useApiErrorHandler } from '../../lib/errors';
import { useI18n } from '../../lib/i18n';
import { exportUrls, type MyItemsFilters, type MyRole, useMyItems } from './api';
import { currentYear, enumOptions, ItemsTable, LIGHT_COLORS, yearOptions } from './components';

const ROLES: MyRole[] = ['lead', 'assist', 'all'];
const LIGHTS: Light[] = ['RED', 'YELLOW', 'GREEN', 'DONE'];

/** Reads the filters from the address so that the back button from an item restores the view. */
function readFilters(sp: URLSearchParams): MyItemsFilters {
  const role = sp.get('role');
  const year = Number(sp.get('year'));
  return {
    role: ROLES.includes(role as MyRole) ? (role as MyRole) : 'lead',
    year: sp.get('year') === 'all' ? undefined : Number.isInteger(year) && year > 2000 ? year : currentYear(),
    state: (sp.get('state') as ItemState | null) ?? undefined,
    light: (sp.get('light') as Light | null) ?? undefined,
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
  };
}

/** 我的事项: the items the user's org leads or assists, with their 督办灯 — the group staff's daily screen. */
export function MyItemsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const [sp, setSp] = useSearchParams();
  const filters = readFilters(sp);
  const query = useMyItems(filters);
  // Tab counts (one row each: only `total` is read).
  const base = { year: filters.year, state: filters.state, light: filters.light, page: 1, pageSize: 1 };
  const counts = {
    lead: useMyItems({ ...base, role: 'lead' }).data?.total,
    assist: useMyItems({ ...base, role: 'assist' }).data?.total,
    all: useMyItems({ ...base, role: 'all' }).data?.total,
  };
  const [exporting, setExporting] = useState(false);

  const update = (patch: Partial<Record<keyof MyItemsFilters, string | number | undefined>>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };

  const doExport = async () => {
    setExporting(true);
    try {
      await downloadFile(exportUrls.myItems({ role: filters.role, year: filters.year }), t('sup.myItemsFile'));
      message.success(t('sup.exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page
      title={t('menu.supMyItems')}
      description={t('sup.myItemsHint')}
      testId="my-items-page"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void doExport()} data-testid="my-items-export">
          {t('sup.exportExcel')}
        </Button>
      }
    >
      <Tabs
        activeKey={filters.role}
        onChange={(role) => update({ role })}
        items={ROLES.map((role) => ({
          key: role,
          label: (
            <span data-testid={`my-items-tab-${role}`}>
              {t(`sup.role.${role}`)} <Badge count={counts[role] ?? 0} showZero overflowCount={999} color={role === filters.role ? '#b3161f' : '#bfbfbf'} />
            </span>
          ),
        }))}
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }} data-testid="my-items-filters">
        <Select
          style={{ width: 120 }}
          value={filters.year ?? 'all'}
          onChange={(v) => update({ year: v })}
          options={[{ value: 'all', label: t('sup.allYears') }, ...yearOptions()]}
          aria-label={t('sup.year')}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('sup.state')}
          value={filters.state}
          onChange={(v) => update({ state: v })}
          options={enumOptions(ITEM_STATE_LABELS, label)}
          data-testid="my-items-state"
        />
        <Segmented<string>
          value={filters.light ?? ''}
          onChange={(v) => update({ light: v || undefined })}
          options={[
            { value: '', label: t('sup.allLights') },
            ...LIGHTS.map((l) => ({
              value: l,
              label: (
                <span>
                  <span className="ld-light-dot" style={{ background: LIGHT_COLORS[l] }} /> {label(LIGHT_LABELS, l)}
                </span>
              ),
            })),
          ]}
          data-testid="my-items-light"
        />
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {t('common.total', { total: query.data?.total ?? 0 })}
        </Typography.Text>
      </Flex>
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ItemsTable
          testId="my-items-table"
          loading={query.isFetching}
          dataSource={query.data?.items ?? []}
          rowClassName={(i) => `ld-row-light-${i.light.toLowerCase()}`}
          onRow={(i) => ({
            onClick: (e) => {
              if ((e.target as HTMLElement).closest('a,button')) return;
              void navigate(`/supervision/items/${i.id}`);
            },
            style: { cursor: 'pointer' },
          })}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => update({ page, pageSize }),
          }}
        />
      )}
    </Page>
  );
}
