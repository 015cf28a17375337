import { type Block, blank, bodyParagraphs, type DocCopy, Headings, labelLine, renderOfficialDoc, stampOf, zhOrdinal } from './official-doc';

/*
 * The 纪要 format (GB/T 9704-2012 §10.2, domain.md f.7) for records that are minutes of a meeting — 室组会商,
 * 集体排查会 — through platform/official-doc.ts: the red mark "XXXX纪要", no 发文字号, no 署名 or seal; the body
 * opens with time, place and chair, then the minutes and the numbered points (一、 → （一）), then the attendance
 * lines 出席 / 请假 / 列席 (label in 黑体).
 */

export interface MinutesInput {
  /** The exporter (file author and the screen copy's watermark line). */
  exporter: { displayName: string; username: string };
  /** The commission is the demo (adds the 演示数据 note). */
  demo: boolean;
  /** The mark: "XXXX纪要". */
  mark: string;
  title: string;
  /** The opening paragraph: when, where, who chaired, what was considered. */
  opening: string;
  /** Free-text minutes (paragraphs by line). */
  minutes: string;
  /** Numbered points: a heading and its sub-points, each "（一）" under "一、". */
  sections: readonly { heading: string; points: readonly string[] }[];
  present: readonly string[];
  onLeave?: readonly string[];
  observers?: readonly string[];
  /** 印发机关 and date (an ISO day rendered 2026年3月5日). */
  printer: { name: string; date: string };
  copy: DocCopy;
}

/** Renders a 纪要 (DOCX bytes). */
export function renderMinutes(m: MinutesInput): Promise<Buffer> {
  const h = new Headings();
  const body: Block[] = [...bodyParagraphs(m.opening), ...bodyParagraphs(m.minutes)];
  for (const s of m.sections) {
    if (!s.points.length) continue;
    body.push(h.h1(s.heading));
    for (const [i, p] of s.points.entries()) body.push(...bodyParagraphs(`（${zhOrdinal(i + 1)}）${p}`));
  }
  body.push(blank());
  const line = (xs: readonly string[] | undefined) => (xs?.length ? xs.join('、') : '无');
  body.push(labelLine('出席', line(m.present)), labelLine('请假', line(m.onLeave)), labelLine('列席', line(m.observers)));
  const who = `${m.exporter.displayName}（${m.exporter.username}）`;
  return renderOfficialDoc({
    creator: who,
    title: m.title,
    organMarks: [m.mark],
    docNo: null,
    draftMark: null,
    draft: false,
    body,
    printer: m.printer,
    watermark: `导出人 ${who} ${stampOf()}`,
    copy: m.copy,
    demo: m.demo,
  });
}
