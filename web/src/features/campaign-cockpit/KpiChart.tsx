import { Empty } from 'antd';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import { useI18n } from '../../lib/i18n';
import type { KpiSeries } from './api';
import { useKpiLabel } from './labels';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 成效指标按月: counts as bars, funds recovered as a line on its own axis (元). */
export function KpiChart({ data }: { data: KpiSeries }) {
  const { t } = useI18n();
  const kpiLabel = useKpiLabel();
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 64, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: data.months },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', name: t('cockpit.unitYuan'), splitLine: { show: false } },
      ],
      series: data.series.map((s) => ({
        name: kpiLabel(`series_${s.key}`, s.label),
        type: s.unit === 'YUAN' ? 'line' : 'bar',
        yAxisIndex: s.unit === 'YUAN' ? 1 : 0,
        smooth: true,
        data: s.values,
      })),
    }),
    [data, t, kpiLabel],
  );
  if (data.series.every((s) => s.values.every((v) => v === 0))) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cockpit.noData')} />;
  return (
    <div data-testid="chart-campaign-kpis">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height: 320 }} notMerge />
    </div>
  );
}
