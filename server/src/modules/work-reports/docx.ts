import { REPORT_DONE_STATES } from '@liandong/domain/work-reports/machine';
import { audit } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { type Block, blank, bodyParagraphs, type DocCopy, heading1, officialDay, officialTable, renderOfficialDoc, stampOf } from '../../platform/official-doc';
import { loadOrganNames } from '../../platform/organs';
import { getReport } from './service-reports';

/*
 * 工作报告 as a DOCX through the shared GB/T 9704 builder (platform/official-doc.ts): the reporter org's mark,
 * addressed to the 常委会, the four sections under 一、二、三、四, the pulled statistics as a table (frozen at
 * submission, live while drafted), the reporter org's 落款 and date. No 发文字号: a report to the 常委会 is
 * not numbered here; one not yet submitted carries the red mark 草稿（未报送）.
 */

const SECTIONS = [
  ['practices', '一、主要做法'],
  ['results', '二、工作成效'],
  ['shortcomings', '三、短板差距'],
  ['suggestions', '四、对策建议'],
] as const;

/** GET /work-reports/:id/report.docx — whoever may read the report; audited. */
export async function renderReportDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ name: string; body: Buffer }> {
  const r = await getReport(ctx, id, { audit: false });
  const info = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const delivered = REPORT_DONE_STATES.includes(r.state);
  const date = officialDay(r.submittedOn ?? todayIso());
  const body: Block[] = [];
  for (const [key, heading] of SECTIONS) {
    body.push(heading1(heading));
    if (key === 'results') {
      body.push(...bodyParagraphs(`${r.periodLabel}（${officialDay(r.stats.periodStart)}至${officialDay(r.stats.periodEnd)}）主要数据如下：`));
      body.push(
        officialTable(
          [
            ['指标', 70],
            ['数量', 30],
          ],
          r.stats.items.map((i) => [i.label, String(i.value)]),
        ),
        blank(),
      );
    }
    body.push(...bodyParagraphs(r[key]));
  }
  const file = await renderOfficialDoc({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title: r.title,
    organMarks: [r.reporterOrg.name],
    docNo: null,
    draftMark: delivered ? null : '草稿（未报送）',
    mainRecipient: `${info.discipline}常委会`,
    body,
    signature: { organs: [r.reporterOrg.name], date },
    printer: { name: r.reporterOrg.name, date },
    watermark: `导出人 ${ctx.actor.displayName}（${ctx.actor.username}） ${stampOf()}`,
    copy,
    demo: info.isDemo,
  });
  await ctx.db
    .transaction()
    .execute((trx) => audit(trx, ctx, { type: 'report.docx_exported', objectType: 'work_report', objectId: id, payload: { state: r.state, copy } }));
  return { name: `${r.title}.docx`, body: file };
}
