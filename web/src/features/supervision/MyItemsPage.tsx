import { type Light, LIGHT_LABELS } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS, type ItemState } from '@liandong/domain/supervision/machine';
import { Badge, Flex, Segmented, Select, Tabs, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { EnumSelect, ExportButton, ledgerPagination, rowLink } from '../../components/Ledger';
import { Page } from '../../components/Page';
import { QueryError } from '../../components/Results';
import { readPaging, useUrlFilters } from '../../lib/filters';
import { useI18n } from '../../lib/i18n';
import { useMe } from '../../lib/me';
import { exportUrls, type MyItemsFilters, type MyRole, useMyItems } from './api';
import { currentYear, ItemsTable, LIGHT_COLORS, yearOptions } from './components';

const ROLES: MyRole[] = ['lead', 'assist', 'all', 'scope'];
/** Leaders lead no item themselves: their tab is the scope in their charge (the 工作台's overdue-in-scope card). */
const LEADER_ROLES = ['SECRETARY', 'DEPUTY_OR_MEMBER'];
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
    leadOrgId: sp.get('leadOrgId') || undefined,
    exactTotal: sp.get('exactTotal') === 'true' || undefined,
    ...readPaging(sp),
  };
}

/** 我的事项: the items the user's org leads or assists, with their 督办灯 — the group staff's daily screen. */
export function MyItemsPage() {
  const { t, label } = useI18n();
  const navigate = useNavigate();
  const { filters, update } = useUrlFilters(readFilters);
  const me = useMe();
  const leader = me.user.roles.some((r) => LEADER_ROLES.includes(r));
  const tabs = ROLES.filter((r) => r !== 'scope' || leader || filters.role === 'scope');
  const query = useMyItems(filters);
  // Tab counts (one row each: only `total` is read).
  const base = { year: filters.year, state: filters.state, light: filters.light, page: 1, pageSize: 1 };
  const counts = {
    lead: useMyItems({ ...base, role: 'lead' }).data?.total,
    assist: useMyItems({ ...base, role: 'assist' }).data?.total,
    all: useMyItems({ ...base, role: 'all' }).data?.total,
    scope: useMyItems({ ...base, role: 'scope' }, tabs.includes('scope')).data?.total,
  };

  return (
    <Page
      title={t('menu.supMyItems')}
      description={t('sup.myItemsHint')}
      testId="my-items-page"
      extra={
        <ExportButton
          url={exportUrls.myItems({ role: filters.role, year: filters.year })}
          filename={t('sup.myItemsFile')}
          success={t('sup.exported')}
          testId="my-items-export"
        >
          {t('sup.exportExcel')}
        </ExportButton>
      }
    >
      <Tabs
        activeKey={filters.role}
        onChange={(role) => update({ role })}
        items={tabs.map((role) => ({
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
        <EnumSelect
          labels={ITEM_STATE_LABELS}
          width={160}
          placeholder={t('sup.state')}
          value={filters.state}
          onChange={(state) => update({ state })}
          testId="my-items-state"
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
          {t(query.data?.totalCapped ? 'common.totalCapped' : 'common.total', { total: query.data?.total ?? 0 })}
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
          onRow={rowLink(navigate, (i) => `/supervision/items/${i.id}`)}
          pagination={ledgerPagination(t, filters, query.data?.total ?? 0, (page, pageSize) => update({ page, pageSize }), true, {
            totalCapped: query.data?.totalCapped,
            onExactTotal: () => update({ exactTotal: 'true', page: filters.page }),
          })}
        />
      )}
    </Page>
  );
}
