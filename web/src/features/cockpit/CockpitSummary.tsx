import { COCKPIT_DIMENSION_LABELS } from '@liandong/domain/cockpit/contracts';
import { Alert, Card, Skeleton, Table, Tabs } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { currentYear } from '../../lib/options';
import { type CockpitDimension, type CockpitFilters, useCockpit } from './api';
import { COCKPIT_MAIN_METRICS, useCockpitColumns } from './columns';

const DIMENSIONS = Object.keys(COCKPIT_DIMENSION_LABELS) as CockpitDimension[];

/** 首页 of the 书记 and the standing committee: the cockpit's main figures of the year beside their to-dos. */
export function CockpitSummary() {
  const { t, label } = useI18n();
  const [filters, setFilters] = useState<CockpitFilters>({ year: currentYear(), dimension: 'office' });
  const query = useCockpit(filters);
  const data = query.data;
  const columns = useCockpitColumns(data, COCKPIT_MAIN_METRICS);
  const rows = data ? [...data.rows, { key: 'total', name: t('leaderCockpit.total'), cells: data.total }] : [];
  return (
    <Card
      size="small"
      title={`${t('leaderCockpit.homeTitle')}（${filters.year}）`}
      extra={<Link to={`/cockpit?year=${filters.year}&dimension=${filters.dimension}`}>{t('leaderCockpit.openFull')}</Link>}
      data-testid="home-cockpit"
      style={{ marginBottom: 16 }}
    >
      {data?.aggregatesOnly ? <Alert type="info" showIcon title={t('leaderCockpit.hintAggregates')} style={{ marginBottom: 8 }} /> : null}
      <Tabs
        size="small"
        activeKey={filters.dimension}
        onChange={(k) => setFilters({ ...filters, dimension: k as CockpitDimension })}
        items={DIMENSIONS.map((d) => ({ key: d, label: <span data-testid={`cockpit-tab-${d}`}>{label(COCKPIT_DIMENSION_LABELS, d)}</span> }))}
      />
      {query.isError ? <Alert type="error" showIcon title={t('leaderCockpit.loadError')} /> : null}
      {!data ? (
        <Skeleton active />
      ) : (
        <Table
          size="small"
          bordered
          rowKey="key"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content', y: 360 }}
          loading={query.isFetching}
          locale={{ emptyText: t('leaderCockpit.noRows') }}
          data-testid="cockpit-table"
        />
      )}
    </Card>
  );
}
