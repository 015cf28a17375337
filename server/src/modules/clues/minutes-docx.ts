import { DISPOSITION_METHOD_LABELS } from '@liandong/domain/clues/enums';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { type DocCopy, officialDay } from '../../platform/official-doc';
import { renderMinutes } from '../../platform/official-doc-minutes';
import { loadOrganNames } from '../../platform/organs';
import { getMeeting } from './service-meetings';

/*
 * A 集体排查会 (clue_meeting) as a 纪要: GET /clue-meetings/:id/minutes.docx. Scoped exactly like the meeting
 * (getMeeting: 404 for a meeting the caller may not open; its points list only the clues the caller sees);
 * every export is audited with the copy exported.
 */

export async function exportClueMeetingMinutes(ctx: Ctx, id: string, copy: DocCopy): Promise<{ filename: string; body: Buffer }> {
  const m = await getMeeting(ctx, id);
  const info = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const points = m.items.map(
    (i) =>
      `${i.clueNo ? `${i.clueNo} ` : ''}${i.title}（反映对象：${i.subjectName}）：${i.method ? `拟${DISPOSITION_METHOD_LABELS[i.method].zh}。` : ''}${i.decision.trim()}`,
  );
  const present = [...(m.chair ? [`${m.chair.name}（主持）`] : []), ...m.participants.filter((p) => p.id !== m.chair?.id).map((p) => p.name)];
  if (m.participantsText.trim()) present.push(m.participantsText.trim());
  const body = await renderMinutes({
    exporter: ctx.actor,
    demo: info.isDemo,
    mark: `${m.orgName}线索集体排查纪要`,
    title: m.title,
    opening: `${officialDay(m.heldOn)}，${m.orgName}${m.place ? `在${m.place}` : ''}召开线索集体排查会${m.chair ? `，${m.chair.name}主持` : ''}${m.campaignName ? `（${m.campaignName}）` : ''}。会议对${m.items.length}件问题线索逐件研究，纪要如下：`,
    minutes: m.minutes,
    sections: [{ heading: '排查意见', points }],
    present,
    printer: { name: m.orgName, date: officialDay(m.heldOn) },
    copy,
  });
  await ctx.db
    .transaction()
    .execute((trx) =>
      audit(trx, ctx, { type: 'clue.meeting_minutes_exported', objectType: 'clue_meeting', objectId: id, payload: refs({ copy, items: m.items.length }) }),
    );
  return { filename: `${m.title}纪要${copy === 'print' ? '（打印用）' : ''}.docx`.replace(/[\\/:*?"<>|]/g, '_'), body };
}
