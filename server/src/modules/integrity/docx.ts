import { INTEGRITY_CONCLUSION_LABELS } from '@liandong/domain/integrity/enums';
import type { Actor } from '../../platform/access';
import { type Block, bodyParagraphs, type DocCopy, heading1, officialDay, renderOfficialDoc, stampOf } from '../../platform/official-doc';
import { todayIso } from '../../platform/calendar';
import { loadOrganNames } from '../../platform/organs';
import type { CadreRow, Q, ReplyRow } from './repo';

/*
 * 党风廉政意见回复 as a reply letter (函) in the GB/T 9704 layout (domain.md f.1, f.7) through the shared
 * builder platform/official-doc.ts: red organ mark, the 发文字号 once issued (a draft prints 草稿（未编号）),
 * the organisation department as 主送, one numbered section per cadre with its conclusion and text.
 */

/** 关于张三、李四同志党风廉政情况的回复 (more than three: 关于张三等5名同志…). */
export function replyTitle(names: readonly string[]): string {
  const who = names.length <= 3 ? names.join('、') : `${names[0]}等${names.length}名`;
  return `关于${who}同志党风廉政情况的回复`;
}

function replyBody(reply: ReplyRow, cadres: readonly CadreRow[]): Block[] {
  const letter = reply.request_doc_no ? `你部《${reply.purpose}》征求意见函（${reply.request_doc_no}）` : `你部关于${reply.purpose}征求党风廉政意见的来函`;
  const blocks: Block[] = [
    ...bodyParagraphs(
      `${letter}收悉。根据干部管理权限和有关规定，经查阅本委信访举报、问题线索处置、案件查办和日常监督等情况，现将${cadres.map((c) => c.name_zh).join('、')}同志的党风廉政情况回复如下：`,
    ),
  ];
  cadres.forEach((c, i) => {
    const label = c.conclusion ? INTEGRITY_CONCLUSION_LABELS[c.conclusion].zh : '（尚未拟定）';
    blocks.push(heading1(`${c.name_zh}同志（${c.unit_name}${c.position}）`, i + 1));
    blocks.push(...bodyParagraphs(`回复意见：${label}。${c.opinion}`));
  });
  blocks.push(...bodyParagraphs('以上意见仅反映截至回复之日本委掌握的情况，仅供干部选拔任用时参考，请注意保密。'));
  return blocks;
}

/** Renders the reply (issued with its 发文字号, or a 草稿 preview before issue). */
export async function renderReplyDocx(db: Q, actor: Actor, reply: ReplyRow, cadres: readonly CadreRow[], copy: DocCopy = 'screen'): Promise<Buffer> {
  // In the name of the Party commission by its formal short name (setting doc.disciplineOrgan).
  const info = await loadOrganNames(db, actor.commissionId);
  const organ = info.discipline;
  const date = officialDay(reply.issued_on ?? todayIso());
  return renderOfficialDoc({
    creator: `${actor.displayName}（${actor.username}）`,
    title: replyTitle(cadres.map((c) => c.name_zh)),
    organMarks: [organ],
    docNo: reply.doc_no,
    draftMark: reply.doc_no ? null : '草稿（未编号）',
    mainRecipient: reply.requesting_org,
    body: replyBody(reply, cadres),
    signature: { organs: [organ], date },
    copyTo: null,
    printer: { name: info.office, date },
    watermark: `${reply.doc_no ? '' : '草稿（未编号） '}导出人 ${actor.displayName}（${actor.username}） ${stampOf()}`,
    copy,
    demo: info.isDemo,
  });
}
