import {
  COCKPIT_AREA_LABELS,
  COCKPIT_DIMENSION_LABELS,
  COCKPIT_METRIC_AREA,
  COCKPIT_METRIC_LABELS,
  COCKPIT_METRICS,
  COCKPIT_SERIES_LABELS,
  type CockpitArea,
} from '@liandong/domain/cockpit/contracts';
import { Alert, Card, Col, Empty, Flex, Row, Select, Skeleton, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DictionarySelect } from '../../components/DictionarySelect';
import { ExportButton } from '../../components/Ledger';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { yearOptions } from '../../lib/options';
import {
  type Cockpit,
  type CockpitCell,
  type CockpitDimension,
  type CockpitFilters,
  type CockpitMetric,
  cockpitDocxUrl,
  cockpitExportUrl,
  screenHref,
  useCockpit,
} from './api';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DIMENSIONS = Object.keys(COCKPIT_DIMENSION_LABELS) as CockpitDimension[];
const AREAS = Object.keys(COCKPIT_AREA_LABELS) as CockpitArea[];
/** The figures of the home summary and of the bar chart. */
const MAIN: readonly CockpitMetric[] = [
  'itemsTotal',
  'itemsRed',
  'cluesReceived',
  'casesFiled',
  'lettersIssued',
  'lettersOverdue',
  'tasksOverdue',
  'campaignsActive',
];

/** A figure: a link to its ledger when the server gave one, plain otherwise (standing committee, no sector). */
function Figure({ cell, label, testId }: { cell: CockpitCell; label: string; testId: string }) {
  const { t } = useI18n();
  if (cell.value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (!cell.link) return <span data-testid={testId}>{cell.value}</span>;
  return (
    <Link to={screenHref(cell.link)} data-testid={testId} aria-label={t('leaderCockpit.drill', { label })}>
      {cell.value}
    </Link>
  );
}

export function useCockpitColumns(data: Cockpit | undefined, metrics: readonly CockpitMetric[] = COCKPIT_METRICS) {
  const { t, label } = useI18n();
  return useMemo((): TableColumnsType<{ key: string; name: string; cells: Cockpit['total'] }> => {
    const dim = data ? label(COCKPIT_DIMENSION_LABELS, data.dimension) : t('leaderCockpit.name');
    const groups = AREAS.filter((a) => metrics.some((m) => COCKPIT_METRIC_AREA[m] === a)).map((area) => ({
      title: label(COCKPIT_AREA_LABELS, area) + (area === 'tasks' ? `（${t('leaderCockpit.current')}）` : ''),
      key: area,
      children: metrics
        .filter((m) => COCKPIT_METRIC_AREA[m] === area)
        .map((m) => ({
          title: label(COCKPIT_METRIC_LABELS, m),
          key: m,
          align: 'right' as const,
          width: 92,
          render: (_: unknown, r: { key: string; name: string; cells: Cockpit['total'] }) => (
            <Figure cell={r.cells[m]} label={`${r.name} ${label(COCKPIT_METRIC_LABELS, m)}`} testId={`cockpit-cell-${r.key}-${m}`} />
          ),
        })),
    }));
    return [{ title: dim, dataIndex: 'name', key: 'name', fixed: 'left' as const, width: 180 }, ...groups];
  }, [data, metrics, t, label]);
}

function RowsChart({ data }: { data: Cockpit }) {
  const { label } = useI18n();
  const rows = data.rows.slice(0, 20);
  const metrics = (['itemsTotal', 'cluesReceived', 'casesFiled', 'lettersIssued', 'tasksOpen'] as const).filter((m) =>
    rows.some((r) => r.cells[m].value !== null),
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 16, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 30, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: metrics.map((m) => ({ name: label(COCKPIT_METRIC_LABELS, m), type: 'bar', data: rows.map((r) => r.cells[m].value ?? 0) })),
    }),
    [rows, metrics, label],
  );
  if (!rows.length || !metrics.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="cockpit-chart-rows">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}

function MonthsChart({ data }: { data: Cockpit }) {
  const { label } = useI18n();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => String(i + 1)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: data.series.map((s) => ({ name: label(COCKPIT_SERIES_LABELS, s.key), type: 'line', smooth: true, data: s.values })),
    }),
    [data, label],
  );
  if (!data.series.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <div data-testid="cockpit-chart-months">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}

/** The full cockpit: dimension tabs, year and sector, the table with its 合计 row, two charts, the exports. */
export function CockpitView({ filters, onChange }: { filters: CockpitFilters; onChange: (f: CockpitFilters) => void }) {
  const { t, label } = useI18n();
  const query = useCockpit(filters);
  const data = query.data;
  const columns = useCockpitColumns(data);
  const rows = data ? [...data.rows, { key: 'total', name: t('leaderCockpit.total'), cells: data.total }] : [];
  return (
    <div data-testid="cockpit-view">
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Flex gap={8} wrap align="center">
          <Select
            style={{ width: 110 }}
            value={filters.year}
            options={yearOptions()}
            aria-label={t('leaderCockpit.year')}
            data-testid="cockpit-year"
            onChange={(year) => onChange({ ...filters, year })}
          />
          <DictionarySelect
            dictionary="SECTOR"
            style={{ width: 180 }}
            placeholder={t('leaderCockpit.sectorAll')}
            aria-label={t('leaderCockpit.sector')}
            data-testid="cockpit-sector"
            value={filters.sector}
            onChange={(sector) => onChange({ ...filters, sector: sector || undefined })}
          />
          {data ? <Tag>{data.scope === 'COMMISSION' ? t('leaderCockpit.scopeCommission') : t('leaderCockpit.scopeScoped')}</Tag> : null}
          {data ? <Typography.Text type="secondary">{t('leaderCockpit.computedAt', { time: formatDateTime(data.computedAt) })}</Typography.Text> : null}
        </Flex>
        <Flex gap={8} wrap>
          <ExportButton
            url={cockpitExportUrl(filters)}
            filename={t('leaderCockpit.excelFile')}
            success={t('leaderCockpit.exported')}
            testId="cockpit-export-xlsx"
          >
            {t('leaderCockpit.exportExcel')}
          </ExportButton>
          <ExportButton url={cockpitDocxUrl(filters)} filename={t('leaderCockpit.docxFile')} success={t('leaderCockpit.exported')} testId="cockpit-export-docx">
            {t('leaderCockpit.exportDocx')}
          </ExportButton>
        </Flex>
      </Flex>
      {data?.aggregatesOnly ? <Alert type="info" showIcon title={t('leaderCockpit.hintAggregates')} style={{ marginBottom: 8 }} /> : null}
      <Tabs
        activeKey={filters.dimension}
        onChange={(k) => onChange({ ...filters, dimension: k as CockpitDimension })}
        items={DIMENSIONS.map((d) => ({ key: d, label: <span data-testid={`cockpit-tab-${d}`}>{label(COCKPIT_DIMENSION_LABELS, d)}</span> }))}
      />
      {query.isError ? <Alert type="error" showIcon title={t('leaderCockpit.loadError')} /> : null}
      {!data ? (
        <Skeleton active />
      ) : (
        <>
          <Table
            size="small"
            bordered
            rowKey="key"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 'max-content' }}
            loading={query.isFetching}
            locale={{ emptyText: t('leaderCockpit.noRows') }}
            data-testid="cockpit-table"
            rowClassName={(r) => (r.key === 'total' ? 'ld-total-row' : '')}
          />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('leaderCockpit.chartRows')}>
                <RowsChart data={data} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title={t('leaderCockpit.chartMonths')}>
                <MonthsChart data={data} />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}

export { MAIN as COCKPIT_MAIN_METRICS, Figure };
