import { BASIS_LABELS, LIST_TYPE_LABELS, METHOD_LABELS, SIDE_LABELS } from '@liandong/domain/supervision/enums';
import { AppError } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { bodyParagraphs, type DocCopy, officialDate, officialTable, organOfCommission, renderOfficialDoc, stampOf } from '../../platform/official-doc';
import { getList } from './service-lists';

/*
 * DOCX of an approved supervision list in the official layout (GB/T 9704-2012, domain.md f.7), built
 * with the shared builder platform/official-doc.ts: red 发文机关标志 and rule, title, the list as a
 * table, 落款 and 成文日期, 版记, "— N —" page numbers, the exporter and time in the header.
 */

const COLUMNS: [string, number][] = [
  ['序号', 6],
  ['监督事项', 26],
  ['依据', 16],
  ['牵头方', 14],
  ['协助方', 14],
  ['监督方式', 14],
  ['完成时限', 10],
];

/** GET /supervision/lists/:id/export.docx — only an approved list (every live item at least APPROVED). */
export async function exportListDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ filename: string; body: Buffer }> {
  const list = await getList(ctx, id);
  const items = list.items.filter((i) => i.state !== 'CANCELLED');
  if (!items.length || items.some((i) => i.state === 'DRAFT' || i.state === 'CONSULTED')) {
    throw new AppError('ILLEGAL_TRANSITION', '清单尚未审定，不能导出正式文本');
  }
  const commission = await ctx.db.selectFrom('commission').select('name_zh').where('id', '=', ctx.actor.commissionId).executeTakeFirstOrThrow();
  const { organ, isDemo } = organOfCommission(commission.name_zh);
  const kind = list.type === 'COMMON' ? '共性' : '个性';
  const title = `${list.ownerGroupName}${list.year}年度${kind}监督清单`;
  const signedOn = officialDate(list.approvedAt ? new Date(list.approvedAt) : new Date());
  const exportedAt = stampOf();

  const rows = items.map((i, n) => [
    String(n + 1),
    i.matter,
    i.bases.map((b) => BASIS_LABELS[b].zh).join('\n'),
    `${SIDE_LABELS[i.leadSide].zh}\n${i.leadOrgName}`,
    i.assistSide ? `${SIDE_LABELS[i.assistSide].zh}\n${i.assistOrgName ?? ''}` : '—',
    i.methods.map((m) => METHOD_LABELS[m].zh).join('、'),
    i.dueDate ? officialDate(new Date(`${i.dueDate}T12:00:00+08:00`)) : '—',
  ]);

  const body = await renderOfficialDoc({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title,
    organMarks: [organ],
    body: [
      ...bodyParagraphs(
        `根据年度监督工作安排，经${list.liaisonOfficeName}与${list.ownerGroupName}室组会商、${list.coordinatorOfficeName}汇总，报分管领导审定，现将${list.year}年度${LIST_TYPE_LABELS[list.type].zh}印发如下，请认真抓好落实。`,
      ),
      officialTable(COLUMNS, rows),
    ],
    signature: { organs: [organ], date: signedOn },
    copyTo: `${list.liaisonOfficeName}，${list.hostUnits.map((h) => h.name).join('，') || '有关单位'}`,
    printer: { name: `${organ}${list.coordinatorOfficeName}`, date: signedOn },
    watermark: `导出人 ${ctx.actor.displayName} ${exportedAt}`,
    copy,
    demo: isDemo,
  });
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'supervision.list_exported',
      objectType: 'supervision_list',
      objectId: id,
      payload: refs({ format: 'docx', copy, items: items.length }),
    }),
  );
  return { filename: `${title}.docx`, body };
}
