import { existsSync } from 'node:fs';
import { COCKPIT_METRIC_LABELS, type Cockpit, type CockpitMetric } from '@liandong/domain/cockpit/contracts';
import type { EChartsCoreOption } from 'echarts';

/*
 * Charts of the 常委会 summary, drawn on the server: ECharts renders SVG without a DOM (SSR), resvg turns
 * it into a PNG with the Noto CJK faces of the machine (no system font lookup, so the same glyphs on
 * every node; fonts-noto-cjk, the faces the PDF conversion falls back to).
 */

const FONT_FAMILY = 'Noto Sans CJK SC';
const FONT_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];
const FONT_FILES = ['NotoSansCJK-Regular.ttc', 'NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Regular.otf'];

let fonts: string[] | null = null;
/** The CJK font files present (empty: resvg then draws no Chinese text, which the tests would notice). */
export function cjkFontFiles(): string[] {
  if (!fonts) fonts = FONT_DIRS.flatMap((d) => FONT_FILES.map((f) => `${d}/${f}`)).filter((f) => existsSync(f));
  return fonts;
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/**
 * ECharts and resvg, loaded when the first summary is drawn rather than when the server starts (about 33 MB
 * resident that an idle node does not need; issue 12's idle RSS).
 */
let libs: Promise<[typeof import('echarts'), typeof import('@resvg/resvg-js')]> | undefined;

/** Renders an ECharts option to a PNG of width × height CSS pixels at 2× (print quality). */
export async function renderChart(option: EChartsCoreOption, width = 900, height = 420): Promise<ChartImage> {
  libs ??= Promise.all([import('echarts'), import('@resvg/resvg-js')]);
  const [echarts, { Resvg }] = await libs;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT_FAMILY }, ...option });
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, {
      fitTo: { mode: 'width', value: width * 2 },
      background: '#ffffff',
      font: { fontFiles: cjkFontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    })
      .render()
      .asPng();
    return { png: Buffer.from(png), width, height };
  } finally {
    chart.dispose();
  }
}

const BAR_METRICS: readonly CockpitMetric[] = ['itemsTotal', 'cluesReceived', 'casesFiled', 'lettersIssued', 'tasksOpen'];

/** Bars per row of the dimension (the first 15 rows) for the main figures of each area. */
export async function rowsChart(c: Cockpit): Promise<ChartImage | null> {
  const rows = c.rows.slice(0, 15);
  const metrics = BAR_METRICS.filter((m) => rows.some((r) => r.cells[m].value !== null));
  if (!rows.length || !metrics.length) return null;
  return renderChart({
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 96 },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { rotate: 40, interval: 0, fontSize: 11 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: metrics.map((m) => ({ name: COCKPIT_METRIC_LABELS[m].zh, type: 'bar', data: rows.map((r) => r.cells[m].value ?? 0) })),
  });
}

/** The monthly series of the year as lines. */
export async function seriesChart(c: Cockpit): Promise<ChartImage | null> {
  if (!c.series.length) return null;
  return renderChart(
    {
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: Array.from({ length: 12 }, (_, i) => `${i + 1}月`) },
      yAxis: { type: 'value', minInterval: 1 },
      series: c.series.map((s) => ({ name: s.label, type: 'line', data: s.values, label: { show: false } })),
    },
    900,
    360,
  );
}
