import { MEETING_TYPE_LABELS } from '@liandong/domain/meetings/enums';
import type { MeetingDetail } from '@liandong/domain/meetings/contracts';
import { auditRead } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import {
  type Block,
  blank,
  bodyParagraphs,
  type DocCopy,
  heading1,
  labelLine,
  officialDay,
  renderOfficialDoc,
  stampOf,
  zhOrdinal,
} from '../../platform/official-doc';
import { COMMISSION_TIME_ZONE } from '../../platform/zone';
import { loadOrganNames } from '../../platform/organs';
import { getMeeting, sensitivity } from './service-meetings';

/*
 * 会议纪要 (domain.md f.5, f.7; GB/T 9704-2012 §10.2 纪要格式) through the shared builder
 * platform/official-doc.ts: the red mark "XXXX纪要" in 小标宋, no 发文字号 and no 落款 or seal; the body gives
 * the overview (time, place, chair, agenda), the minutes and the 议定事项 with owner and deadline; then the
 * attendance lines "出席：" "请假：" "列席：" in 3号黑体 followed by names and units in 仿宋.
 */

const TIME_FMT = new Intl.DateTimeFormat('zh-CN', { timeZone: COMMISSION_TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026年12月8日上午9:00 from an ISO instant (Beijing time). */
function meetingTime(iso: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: COMMISSION_TIME_ZONE }).format(d);
  return `${officialDay(day)} ${TIME_FMT.format(d)}`;
}

/** The 纪要's body blocks (exported for the test of its wording). */
export function minutesBody(m: MeetingDetail): Block[] {
  const blocks: Block[] = [];
  const session = m.sessionNo ? `第${m.sessionNo}次` : '';
  const agenda = m.agenda.map((a) => (a.reporterOrg ? `听取${a.reporterOrg.name}${a.title.replace(/^听取/, '')}` : a.title));
  blocks.push(
    ...bodyParagraphs(
      `${meetingTime(m.startsAt)}，${m.chair.name}${m.place ? `在${m.place}` : ''}主持召开${session}${MEETING_TYPE_LABELS[m.type].zh}。` +
        (agenda.length ? `会议${agenda.join('；')}。` : ''),
    ),
  );
  blocks.push(...bodyParagraphs(m.minutes));
  if (m.decisions.length) {
    blocks.push(heading1('会议议定事项', 1));
    for (const d of m.decisions) {
      blocks.push(...bodyParagraphs(`（${zhOrdinal(d.seq)}）${d.content}（承办单位：${d.ownerOrg.name}；办理时限：${officialDay(d.deadline)}前）`));
    }
  }
  blocks.push(blank());
  const by = (k: MeetingDetail['attendees'][number]['attendance']) => m.attendees.filter((a) => a.attendance === k);
  const named = (a: MeetingDetail['attendees'][number]) => (a.unit ? `${a.name}（${a.unit}）` : a.name);
  const present = by('PRESENT');
  const leave = by('LEAVE');
  const observers = by('OBSERVER');
  blocks.push(labelLine('出席', (present.length ? present.map(named) : ['无']).join('、')));
  blocks.push(labelLine('请假', (leave.length ? leave.map((a) => `${a.name}（${a.unit ? `${a.unit}，` : ''}${a.leaveReason ?? ''}）`) : ['无']).join('、')));
  blocks.push(labelLine('列席', (observers.length ? observers.map(named) : ['无']).join('、')));
  return blocks;
}

/** GET /meetings/:id/minutes.docx — whoever sees the meeting; a 纪要 not yet issued is marked as a draft in the header. */
export async function renderMinutesDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ name: string; body: Buffer }> {
  const m = await getMeeting(ctx, id, { audit: false });
  const info = await loadOrganNames(ctx.db, ctx.actor.commissionId);
  const issued = m.minutesIssuedOn !== null;
  const date = officialDay(m.minutesIssuedOn ?? todayIso());
  const body = await renderOfficialDoc({
    creator: `${ctx.actor.displayName}（${ctx.actor.username}）`,
    title: m.title,
    organMarks: [`${info.discipline}${MEETING_TYPE_LABELS[m.type].zh}纪要`],
    docNo: null,
    draftMark: null,
    draft: !issued,
    body: minutesBody(m),
    printer: { name: info.office, date },
    watermark: `${issued ? '' : '纪要草稿（未印发） '}导出人 ${ctx.actor.displayName}（${ctx.actor.username}） ${stampOf()}`,
    copy,
    demo: info.isDemo,
  });
  await auditRead(ctx, {
    type: 'meeting.minutes_exported',
    objectType: 'meeting',
    objectId: id,
    payload: { ...sensitivity(m), issued, copy, decisions: m.decisions.length },
  });
  return { name: `${m.title}纪要.docx`, body };
}
