import { COCKPIT_DIMENSION_LABELS, COCKPIT_METRIC_LABELS, type Cockpit, type CockpitMetric, type CockpitQuery } from '@liandong/domain/cockpit/contracts';
import { audit, refs } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { type Block, bodyParagraphs, heading1, officialDay, officialImage, officialTable, renderOfficialDoc, stampOf } from '../../platform/official-doc';
import { loadOrganNames } from '../../platform/organs';
import { cockpitOf } from './cache';
import { type ChartImage, rowsChart, seriesChart } from './charts';

/*
 * 监督质效情况报告 for the 常委会: the cockpit's figures in words, the table of the dimension and two charts
 * (by row, by month) drawn on the server, laid out by the official document builder. Aggregates only —
 * counts per office / group / county / sector, never a clue, case or person — so the standing committee
 * may export it too. Audited with its parameters.
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const TABLE_METRICS: readonly CockpitMetric[] = ['itemsTotal', 'itemsRed', 'cluesReceived', 'casesFiled', 'lettersIssued', 'lettersOverdue', 'tasksOverdue'];

const n = (v: number | null) => (v === null ? '—' : String(v));

/** One sentence per area, leaving out the areas not counted (a sector for letters, a ledger out of reach). */
export function overview(c: Cockpit): string {
  const t = c.total;
  const parts: string[] = [];
  if (t.itemsTotal.value !== null) parts.push(`监督清单共列监督事项${t.itemsTotal.value}项，已完成${n(t.itemsDone.value)}项，红灯逾期${n(t.itemsRed.value)}项`);
  if (t.cluesReceived.value !== null) parts.push(`受理问题线索${t.cluesReceived.value}件，在办${n(t.cluesOpen.value)}件，了结${n(t.cluesClosed.value)}件`);
  if (t.casesFiled.value !== null) parts.push(`审查调查案件${t.casesFiled.value}件，已结案${n(t.casesClosed.value)}件`);
  if (t.lettersIssued.value !== null)
    parts.push(`印发纪检监察建议书${t.lettersIssued.value}份，已书面回复${n(t.lettersReplied.value)}份，逾期未回复${n(t.lettersOverdue.value)}份`);
  if (t.tasksOpen.value !== null) parts.push(`整改任务在办${t.tasksOpen.value}项、已完成${n(t.tasksDone.value)}项、逾期${n(t.tasksOverdue.value)}项`);
  if (t.campaignsTotal.value !== null) parts.push(`开展专项整治${t.campaignsTotal.value}项，其中进行中${n(t.campaignsActive.value)}项`);
  const whose = c.scope === 'COMMISSION' ? '全委' : '本人可查阅范围内';
  return parts.length ? `${c.year}年，${whose}${parts.join('；')}。` : `${c.year}年，${whose}暂无可统计的数据。`;
}

/** The rows with the most of a figure, in words ("第一派驻纪检监察组（3）、…"); null when none has any. */
function leaders(c: Cockpit, m: CockpitMetric): string | null {
  const top = c.rows
    .filter((r) => (r.cells[m].value ?? 0) > 0)
    .sort((a, b) => (b.cells[m].value ?? 0) - (a.cells[m].value ?? 0))
    .slice(0, 3);
  return top.length ? top.map((r) => `${r.name}（${r.cells[m].value}）`).join('、') : null;
}

const image = (img: ChartImage | null): Block[] => (img ? [officialImage(img.png, img.width, img.height)] : []);

/** GET /api/v1/cockpit/summary.docx */
export async function exportCockpitDocx(ctx: Ctx, q: CockpitQuery): Promise<Buffer> {
  const c = await cockpitOf(ctx, q);
  const organs = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const dim = COCKPIT_DIMENSION_LABELS[c.dimension].zh;
  const focus = [
    ['红灯逾期监督事项较多的单位', leaders(c, 'itemsRed')],
    ['逾期未回复建议书较多的单位', leaders(c, 'lettersOverdue')],
    ['整改逾期较多的单位', leaders(c, 'tasksOverdue')],
  ]
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}：${v}。`);
  const body: Block[] = [
    heading1('总体情况', 1),
    ...bodyParagraphs(overview(c)),
    heading1(`分${dim}情况`, 2),
    ...bodyParagraphs(c.rows.length ? `按${dim}统计的主要指标见下表（“—”表示该项不按${dim}统计）。${focus.join('')}` : `按${dim}统计暂无数据。`),
    ...(c.rows.length
      ? [
          officialTable(
            [[dim, 23] as const, ...TABLE_METRICS.map((m) => [COCKPIT_METRIC_LABELS[m].zh, 11] as const)],
            [...c.rows.map((r) => [r.name, ...TABLE_METRICS.map((m) => n(r.cells[m].value))]), ['合计', ...TABLE_METRICS.map((m) => n(c.total[m].value))]],
          ),
        ]
      : []),
    ...image(await rowsChart(c)),
    heading1('月度走势', 3),
    ...bodyParagraphs(
      c.series.length
        ? c.series.map((s) => `${s.label}全年${s.values.reduce((a, b) => a + b, 0)}，峰值在${s.values.indexOf(Math.max(...s.values)) + 1}月。`).join('')
        : '暂无月度数据。',
    ),
    ...image(await seriesChart(c)),
  ];
  const today = officialDay(todayIso());
  const buf = await renderOfficialDoc({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title: `关于${c.year}年监督质效情况的报告`,
    organMarks: organs.joint,
    docNo: null,
    mainRecipient: '委常委会',
    body,
    signature: { organs: [organs.office], date: today },
    printer: { name: organs.office, date: today },
    watermark: `导出人 ${ctx.actor.displayName} ${stampOf()}`,
    demo: organs.isDemo,
  });
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'cockpit.summary_exported',
      objectType: 'commission',
      objectId: ctx.actor.commissionId,
      payload: refs({ format: 'docx', year: c.year, dimension: c.dimension, orgId: c.orgId, sector: c.sector, rows: c.rows.length }),
    }),
  );
  return buf;
}
