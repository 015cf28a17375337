import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  type IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { COMMISSION_TIME_ZONE } from './zone';

/*
 * 党政机关公文格式 (GB/T 9704-2012, domain.md f.7) for every document the platform renders as DOCX:
 * A4, margins 37/35/28/26 mm; 版头 with the red 发文机关标志 in 小标宋, the 发文字号 centred under it and
 * the red rule; title 2号小标宋; 主送 flush left with a full-width colon; body 3号仿宋 with a two-character
 * first-line indent; 落款 and 成文日期 (Arabic numerals); 版记 (抄送, 印发机关和印发日期) between rules;
 * page numbers "— N —" in 4号宋体 (odd pages right, even pages left). The page header carries the
 * exporting user and time (watermark).
 */

export const RED = 'FF0000';
export const XBS = { ascii: 'FZXiaoBiaoSong-B05S', hAnsi: 'FZXiaoBiaoSong-B05S', eastAsia: '方正小标宋简体' };
export const FS = { ascii: 'FangSong', hAnsi: 'FangSong', eastAsia: '仿宋_GB2312' };
export const HT = { ascii: 'SimHei', hAnsi: 'SimHei', eastAsia: '黑体' };
export const KT = { ascii: 'KaiTi', hAnsi: 'KaiTi', eastAsia: '楷体_GB2312' };
export const SONG = { ascii: 'SimSun', hAnsi: 'SimSun', eastAsia: '宋体' };
/** Font sizes in half-points: mark 36pt, 2号 22pt, 3号 16pt, 4号 14pt, 小四 12pt, 小五 9pt. */
export const SIZE = { mark: 72, h2: 44, h3: 32, h4: 28, small: 24, tiny: 18 };
/** Millimetres to twips, rounded (A4 is 11906 × 16838 twips). */
export const mm = (n: number) => Math.round((n * 1440) / 25.4);
/** Width of the type area (版心), 156 mm. */
export const TYPE_AREA_TWIP = mm(156);
/** Two 3号 characters: the first-line indent of body paragraphs. */
const INDENT_2 = 640;

export type Block = Paragraph | Table;

export const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, font: FS, size: SIZE.h3, ...o });
export const blank = () => new Paragraph({ children: [run('')] });

/** 2026年2月10日 — Arabic numerals, year in full, no leading zeros (a Date in Beijing time). */
export function officialDate(d: Date): string {
  const [y, m, day] = new Intl.DateTimeFormat('en-CA', { timeZone: COMMISSION_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(d)
    .split('-')
    .map(Number);
  return `${y}年${m}月${day}日`;
}

/** 2026年3月5日 from an ISO calendar date (YYYY-MM-DD). */
export function officialDay(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** yyyy-MM-dd HH:mm in Beijing time, for watermarks. */
export function stampOf(d = new Date()): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: COMMISSION_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  })
    .format(d)
    .replace(/\//g, '-');
}

/** The organ's printed name from the commission's stored name (without the 演示数据 label), and whether it is the demo. */
export function organOfCommission(nameZh: string): { organ: string; isDemo: boolean } {
  return { organ: nameZh.replace(/[（(]演示数据[）)]/g, '').trim(), isDemo: nameZh.includes('演示数据') };
}

/** A body paragraph: 3号仿宋, two-character first-line indent; `\n` starts a new paragraph. */
export function bodyParagraphs(text: string, o: Omit<IRunOptions, 'text'> = {}): Paragraph[] {
  return text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => new Paragraph({ indent: { firstLine: INDENT_2 }, spacing: { line: 560, lineRule: 'exact' }, children: [run(s, o)] }));
}

/** 一级标题 "一、…" in 黑体 3号. */
export function heading1(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT_2 }, spacing: { line: 560, lineRule: 'exact' }, children: [run(text, { font: HT })] });
}

/** 二级标题 "（一）…" in 楷体 3号. */
export function heading2(text: string): Paragraph {
  return new Paragraph({ indent: { firstLine: INDENT_2 }, spacing: { line: 560, lineRule: 'exact' }, children: [run(text, { font: KT })] });
}

function cell(text: string, widthPct: number, header: boolean) {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, font: header ? HT : FS, size: SIZE.small })],
        }),
    ),
  });
}

/** A table across the type area: a repeated header row in 黑体 and rows in 仿宋 小四. */
export function officialTable(columns: readonly (readonly [string, number])[], rows: readonly (readonly string[])[]): Table {
  return new Table({
    width: { size: TYPE_AREA_TWIP, type: WidthType.DXA },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map(([h, w]) => cell(h, w, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, k) => cell(t, columns[k]![1], false)) })),
    ],
  });
}

function pageFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  const o = { font: SONG, size: SIZE.h4 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ text: '— ', ...o }), new TextRun({ children: [PageNumber.CURRENT], ...o }), new TextRun({ text: ' —', ...o })],
      }),
    ],
  });
}

function watermarkHeader(text: string, align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Header({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ text, font: SONG, size: SIZE.tiny, color: '999999' })] })],
  });
}

export interface OfficialDocInput {
  /** Author metadata of the file (the exporting user). */
  creator: string;
  title: string;
  /** 发文机关标志, one line per organ (joint issuance), printed red. */
  organMarks: readonly string[];
  /** 发文字号 centred under the mark; null: none (a list, or a draft). */
  docNo?: string | null;
  /** Printed in red in place of the 发文字号 (e.g. 草稿（未编号）). */
  draftMark?: string | null;
  /** 主送机关 (printed with a full-width colon). */
  mainRecipient?: string | null;
  body: readonly Block[];
  /** 落款 (one line per organ) and 成文日期; absent for a 纪要 (no signature or seal, GB/T 9704 §10.2). */
  signature?: { organs: readonly string[]; date: string };
  /** 抄送 line without the trailing full stop; null: no 抄送. */
  copyTo?: string | null;
  /** 印发机关 and 印发日期 of the 版记. */
  printer: { name: string; date: string };
  /** Header text on every page: exporter and time. */
  watermark: string;
  /** Adds the 演示数据 note after the 版记. */
  demo?: boolean;
}

/** Renders an official document (DOCX bytes). */
export async function renderOfficialDoc(input: OfficialDocInput): Promise<Buffer> {
  const rule = (size: number) => ({ bottom: { style: BorderStyle.SINGLE, size, color: '000000', space: 1 } });
  const head: Paragraph[] = input.organMarks.map(
    (organ, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: i === 0 ? 600 : 0, after: i === input.organMarks.length - 1 ? 400 : 0 },
        children: [new TextRun({ text: organ, font: XBS, size: SIZE.mark, color: RED })],
      }),
  );
  if (input.docNo) head.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(input.docNo)] }));
  else if (input.draftMark) head.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(input.draftMark, { font: HT, color: RED })] }));
  head.push(new Paragraph({ border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 1 } }, children: [run('')] }), blank());
  head.push(
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 300 }, children: [new TextRun({ text: input.title, font: XBS, size: SIZE.h2 })] }),
  );
  if (input.mainRecipient) head.push(new Paragraph({ spacing: { line: 560, lineRule: 'exact' }, children: [run(`${input.mainRecipient}：`)] }));

  const sig = input.signature;
  const tail: Paragraph[] = [
    blank(),
    ...(sig
      ? [
          ...sig.organs.map((o) => new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(o)] })),
          new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, children: [run(sig.date)] }),
          blank(),
        ]
      : []),
  ];
  // 版记: 抄送, 印发机关和印发日期, between rules.
  if (input.copyTo) {
    tail.push(
      new Paragraph({
        border: { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 }, ...rule(6) },
        children: [run(`抄送：${input.copyTo}。`, { size: SIZE.h4 })],
      }),
    );
  }
  tail.push(
    new Paragraph({
      border: input.copyTo ? rule(8) : { top: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 }, ...rule(8) },
      tabStops: [{ type: 'right', position: TYPE_AREA_TWIP }],
      children: [run(input.printer.name, { size: SIZE.h4 }), run(`\t${input.printer.date}印发`, { size: SIZE.h4 })],
    }),
  );
  if (input.demo) tail.push(new Paragraph({ children: [run('（演示数据：本文件内容均为虚构，仅供演示）', { size: SIZE.small, color: '808080' })] }));

  const doc = new Document({
    creator: input.creator,
    title: input.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FS, size: SIZE.h3 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), header: mm(15), footer: mm(21) },
          },
        },
        headers: { default: watermarkHeader(input.watermark, AlignmentType.RIGHT), even: watermarkHeader(input.watermark, AlignmentType.LEFT) },
        footers: { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) },
        children: [...head, ...input.body, ...tail],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
