import { CLUE_STATE_GROUP_LABELS } from '@liandong/domain/casework/contracts';
import { FOUR_FORMS_LABELS, type FourForm } from '@liandong/domain/cases/machine';
import { CLUE_SOURCE_LABELS, type ClueSource, DISPOSITION_METHOD_LABELS, OVERDUE_KIND_LABELS } from '@liandong/domain/clues/enums';
import { Empty, Flex, Segmented, Typography } from 'antd';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { Dashboard } from './api';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** 四种形态 colours, lightest to heaviest (the case screens use the same). */
const FORM_COLORS: Record<FourForm, string> = { FIRST: '#52c41a', SECOND: '#faad14', THIRD: '#fa541c', FOURTH: '#a8071a' };
const FORMS: FourForm[] = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'];
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

function Chart({ option, testId, height = 300 }: { option: object; testId: string; height?: number }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge />
    </div>
  );
}

/** 线索受理: clues received per month, stacked by source. */
export function IntakeChart({ data }: { data: Dashboard['intake'] }) {
  const { t, label } = useI18n();
  const option = useMemo(() => {
    const sources = data.bySource.filter((s) => s.count > 0).map((s) => s.source);
    const cell = new Map(data.cells.map((c) => [`${c.source}|${c.month}`, c.count]));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: MONTHS.map((m) => t('cwk.month', { m })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: sources.map((s: ClueSource) => ({
        name: label(CLUE_SOURCE_LABELS, s),
        type: 'bar',
        stack: 'intake',
        emphasis: { focus: 'series' },
        data: MONTHS.map((m) => cell.get(`${s}|${m}`) ?? 0),
      })),
    };
  }, [data, t, label]);
  if (!data.total) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cwk.noData')} />;
  return <Chart option={option} testId="chart-intake" />;
}

/** 处置情况: the mix of disposition methods, or where the year's clues stand now. */
export function DispositionChart({ data }: { data: Dashboard['disposition'] }) {
  const { t, label } = useI18n();
  const [view, setView] = useState<'method' | 'state'>('method');
  const option = useMemo(() => {
    const points =
      view === 'method'
        ? data.byMethod.map((m) => ({ name: label(DISPOSITION_METHOD_LABELS, m.method), value: m.count }))
        : data.byStateGroup.map((g) => ({ name: label(CLUE_STATE_GROUP_LABELS, g.group), value: g.count }));
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '45%'],
          label: { formatter: '{b}\n{c}' },
          data: points.filter((p) => p.value > 0),
        },
      ],
    };
  }, [data, view, label]);
  const empty = (view === 'method' ? data.byMethod : data.byStateGroup).every((p) => p.count === 0);
  return (
    <Flex vertical gap={8}>
      <Segmented
        size="small"
        value={view}
        onChange={(v) => setView(v as 'method' | 'state')}
        options={[
          { value: 'method', label: t('cwk.byMethod') },
          { value: 'state', label: t('cwk.byStateGroup') },
        ]}
      />
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cwk.noData')} /> : <Chart option={option} testId="chart-disposition" />}
    </Flex>
  );
}

/** 超期: open items past their due date, by alarm kind, clue side and case side. */
export function OverdueChart({ data }: { data: Dashboard['overdue'] }) {
  const { t, label } = useI18n();
  const option = useMemo(() => {
    const kinds = [...new Set(data.map((d) => d.kind))];
    const countOf = (kind: string, stage: 'CLUE' | 'CASE') => data.find((d) => d.kind === kind && d.stage === stage)?.count ?? 0;
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 130, right: 24, top: 32, bottom: 20 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: kinds.map((k) => label(OVERDUE_KIND_LABELS, k)) },
      series: [
        { name: t('cwk.clueSide'), type: 'bar', stack: 'o', itemStyle: { color: '#1677ff' }, data: kinds.map((k) => countOf(k, 'CLUE')) },
        { name: t('cwk.caseSide'), type: 'bar', stack: 'o', itemStyle: { color: '#b3161f' }, data: kinds.map((k) => countOf(k, 'CASE')) },
      ],
    };
  }, [data, t, label]);
  if (!data.some((d) => d.count > 0))
    return (
      <Typography.Text type="success" data-testid="chart-overdue-none">
        {t('cwk.noOverdue')}
      </Typography.Text>
    );
  return <Chart option={option} testId="chart-overdue" height={Math.max(200, 40 * new Set(data.map((d) => d.kind)).size + 60)} />;
}

/** 四种形态 人次 of the year's decisions. */
export function FourFormsChart({ data }: { data: Dashboard['fourForms'] }) {
  const { t, label } = useI18n();
  const countOf = (f: FourForm) => data.find((d) => d.form === f)?.count ?? 0;
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 16, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: FORMS.map((f) => label(FOUR_FORMS_LABELS, f)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('cwk.fourForms'),
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: FORMS.map((f) => ({ value: data.find((d) => d.form === f)?.count ?? 0, itemStyle: { color: FORM_COLORS[f] } })),
        },
      ],
    }),
    [data, t, label],
  );
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={12} data-testid="four-form-counts">
        {FORMS.map((f) => (
          <span key={f} data-testid={`four-form-count-${f}`} data-count={countOf(f)}>
            <span className="ld-light-dot" style={{ background: FORM_COLORS[f] }} /> {label(FOUR_FORMS_LABELS, f)} <b>{countOf(f)}</b>
          </span>
        ))}
      </Flex>
      <Chart option={option} testId="chart-four-forms" height={260} />
    </Flex>
  );
}
