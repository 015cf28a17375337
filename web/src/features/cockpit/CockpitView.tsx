import { COCKPIT_DIMENSION_LABELS, COCKPIT_METRIC_LABELS, COCKPIT_SERIES_LABELS } from '@liandong/domain/cockpit/contracts';
import { Alert, Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { DictionarySelect } from '../../components/DictionarySelect';
import { ExportButton } from '../../components/Ledger';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { yearOptions } from '../../lib/options';
import { type Cockpit, type CockpitDimension, type CockpitFilters, cockpitDocxUrl, cockpitExportUrl, useCockpit } from './api';
import { useCockpitColumns } from './columns';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DIMENSIONS = Object.keys(COCKPIT_DIMENSION_LABELS) as CockpitDimension[];
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

export { COCKPIT_MAIN_METRICS, Figure } from './columns';
