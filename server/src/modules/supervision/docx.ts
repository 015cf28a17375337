import { BASIS_LABELS, METHOD_LABELS, SIDE_LABELS } from '@liandong/domain/supervision/enums';
import { AppError } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { Paragraph } from 'docx';
import {
  blank,
  bodyParagraphs,
  type DocCopy,
  HT,
  officialDay,
  centredTitle,
  officialTable,
  renderOfficialDoc,
  run,
  stampOf,
} from '../../platform/official-doc';
import { loadOrganNames } from '../../platform/organs';
import { getList } from './service-lists';

/*
 * DOCX of an approved supervision list, issued as a 通知 (GB/T 9704-2012, domain.md f.1/f.7) through the
 * shared builder platform/official-doc.ts: the joint organ mark by the organs' formal short names, the
 * title 关于印发《…》的通知, its 发文字号 once the 党风政风监督室 has issued it (a draft before), 主送 the owning group, the notice text and its 附件说明, then the list itself as
 * the 附件 (a new page headed 附件, its title, the table); 抄送 the host units, 印发机关 the 办公室.
 */

/** ASCII double quotes as Chinese quotation marks, opening and closing in turn (“三重一大”). */
export function zhQuotes(text: string): string {
  let open = true;
  return text.replace(/"/g, () => {
    const q = open ? '“' : '”';
    open = !open;
    return q;
  });
}

/**
 * Columns (percent of the 156 mm type area, 小四 cells with 1.9 mm margins each side): the 完成时限 column
 * holds a date on one line — 12月31日 (4.9 characters of 12 pt, 20.4 mm) when every date is in the list's year,
 * 2026年12月31日 (8.4 characters, 35.6 mm) otherwise — and 序号 its two characters.
 */
export function listColumns(year: number, fullDates: boolean): [string, number][] {
  return fullDates
    ? [
        ['序号', 8],
        ['监督事项', 22],
        ['依据', 11],
        ['牵头方', 11],
        ['协助方', 11],
        ['监督方式', 11],
        ['完成时限', 26],
      ]
    : [
        ['序号', 8],
        ['监督事项', 24],
        ['依据', 13],
        ['牵头方', 13],
        ['协助方', 12],
        ['监督方式', 12],
        [`完成时限\n（${year}年）`, 18],
      ];
}

/** A due date in the table: 12月31日 within the list's year, 2027年1月15日 otherwise. */
export function dueCell(iso: string | null, year: number, fullDates: boolean): string {
  if (!iso) return '—';
  const full = officialDay(iso);
  return fullDates || Number(iso.slice(0, 4)) !== year ? full : full.replace(/^\d+年/, '');
}

/** GET /supervision/lists/:id/export.docx — only an approved list (every live item at least APPROVED). */
export async function exportListDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ filename: string; body: Buffer }> {
  const list = await getList(ctx, id);
  const items = list.items.filter((i) => i.state !== 'CANCELLED');
  if (!items.length || items.some((i) => i.state === 'DRAFT' || i.state === 'CONSULTED')) {
    throw new AppError('ILLEGAL_TRANSITION', '清单尚未审定，不能导出正式文本');
  }
  const organs = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const kind = list.type === 'COMMON' ? '共性' : '个性';
  const listTitle = zhQuotes(`${list.ownerGroupName}${list.year}年度${kind}监督清单`);
  const title = `关于印发《${listTitle}》的通知`;
  // An issued list prints its 发文字号 and its day of 印发 as 成文日期 and 印发日期 (the commission's calendar);
  // until then it is a draft: 草稿（未编号） in place of the number, the diagonal 草稿 watermark, no dates.
  const signedOn = list.issuedOn ? officialDay(list.issuedOn) : '';
  const exportedAt = stampOf();
  const fullDates = items.some((i) => i.dueDate !== null && Number(i.dueDate.slice(0, 4)) !== list.year);

  const rows = items.map((i, n) => [
    String(n + 1),
    zhQuotes(i.matter),
    i.bases.map((b) => BASIS_LABELS[b].zh).join('\n'),
    `${SIDE_LABELS[i.leadSide].zh}\n${i.leadOrgName}`,
    i.assistSide ? `${SIDE_LABELS[i.assistSide].zh}\n${i.assistOrgName ?? ''}` : '—',
    i.methods.map((m) => METHOD_LABELS[m].zh).join('、'),
    dueCell(i.dueDate, list.year, fullDates),
  ]);

  const notice = [
    ...bodyParagraphs(
      `根据年度监督工作安排，经${list.liaisonOfficeName}与${list.ownerGroupName}室组会商、${list.coordinatorOfficeName}汇总，报分管领导审定，现将《${listTitle}》印发给你们，请认真抓好落实。`,
    ),
    blank(),
    ...bodyParagraphs(`附件：${listTitle}`),
  ];
  // The 附件: a new page headed 附件 (3号黑体, flush left), the list's title, the table.
  const attachment = [
    new Paragraph({ pageBreakBefore: true, children: [run('附件', { font: HT })] }),
    blank(),
    centredTitle(listTitle),
    blank(),
    officialTable(listColumns(list.year, fullDates), rows),
  ];

  const body = await renderOfficialDoc({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title,
    organMarks: organs.joint,
    docNo: list.docNo,
    draftMark: list.docNo ? null : '草稿（未编号）',
    draft: !list.docNo,
    mainRecipient: list.ownerGroupName,
    body: notice,
    attachments: attachment,
    signature: { organs: organs.joint, date: signedOn },
    // 抄送 organs only: the host units (the liaison office is an internal office of the commission).
    copyTo: list.hostUnits.length ? list.hostUnits.map((h) => h.name).join('，') : null,
    printer: { name: organs.office, date: signedOn },
    watermark: `导出人 ${ctx.actor.displayName} ${exportedAt}`,
    copy,
    demo: organs.isDemo,
  });
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'supervision.list_exported',
      objectType: 'supervision_list',
      objectId: id,
      payload: refs({ format: 'docx', copy, items: items.length, docNo: list.docNo }),
    }),
  );
  return { filename: `${list.docNo ? '' : '草稿-'}${listTitle}${copy === 'print' ? '（打印用）' : ''}.docx`.replace(/[\\/:*?"<>|]/g, '_'), body };
}
