import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  OverlapType,
  TableAnchorType,
  Header,
  ImageRun,
  type IParagraphOptions,
  type IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  SectionType,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { halfWidth, titleLines } from './official-doc-title';
import { GRID, type Item, LINE, paginate, printedChars, wrapLines } from './official-doc-layout';
import { COMMISSION_TIME_ZONE } from './zone';

export { GRID, LINE, paginate, printedChars, wrapLines };

/*
 * 党政机关公文格式 (GB/T 9704-2012, domain.md f.7) for every document the platform renders as DOCX — 通知, 通报,
 * 建议书, 函, 纪要, 报告 — with the parts as data: 版头 (mark, 发文字号, red rule), 主体 (title, 主送, body,
 * 署名 and 成文日期) and 版记 (抄送, 印发机关和印发日期).
 *
 * Geometry (all measured on the LibreOffice PDF by official-doc-geometry.test.ts, ±1 mm):
 * - A4, margins 37/35/28/26 mm: 版心 156 × 225 mm, 22 lines of 28 characters. The line pitch is the document
 *   grid's (docGrid linePitch 579 twips = 28.95 pt) and every 3号 paragraph has that exact spacing; the
 *   28 characters come from a −0.25 pt character spacing on 3号 runs (15.75 pt a character; LibreOffice reads
 *   the docGrid charSpace of a linesAndChars grid wrongly — 18 characters a line — so the grid is of lines).
 * - 发文机关标志 top 35 mm below the top of the 版心; the 发文字号 two blank lines under the mark; the red rule 4 mm
 *   under the 发文字号; the title two blank lines under the rule, broken between words into balanced lines.
 * - Page numbers "— N —" 4号宋体 7 mm below the 版心, odd pages right and even pages left, one character in.
 * - 版记 at the foot of the last page, which is even: on the last page of the text when it is even and has room,
 *   otherwise on an even page of its own (LibreOffice and Word insert the blank odd page) with no page number.
 * - The last lines of the text are kept with the 署名 and 成文日期 (GB/T 9704 7.3.5: no page of 署名 alone).
 * - Copies: the screen copy carries the exporter's line (导出人 … 时间) in the page header; the print copy
 *   (正式文本) carries none (the exporter stays in the file's metadata and the audit log). A draft (no 发文字号)
 *   carries a diagonal 草稿 watermark and no 成文日期 or 印发日期.
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
/** Character spacing of 3号 runs (twentieths of a point): 16 − 0.25 = 15.75 pt a character, 28 in 156 mm. */
const GRID_SPACING = -5;
/** One 3号 character of the grid (twips). */
const CHAR = 315;
/** Two 3号 characters: the first-line indent of body paragraphs. */
const INDENT_2 = 2 * CHAR;
/** Page geometry (mm). */
const PAGE = { top: 37, bottom: 35, left: 28, right: 26, height: 297 } as const;
/** Top of the 版心 → top of the mark (GB/T 9704 7.2.2, 下行文/平行文). */
const MARK_TOP_MM = 35;
/** Paragraph style of lines off the grid (the mark and the title: LibreOffice would give each two grid lines). */
const NO_GRID = 'LdNoGrid';
/** Line of the title (2号): 35 pt. */
const TITLE_LINE = 700;

export type Block = Paragraph | Table;
/** The copy exported: print (正式文本, no watermark line) or screen (and file) copy with the exporter's line. */
export type DocCopy = 'print' | 'screen';

/** Estimated grid lines of a block (for the placement of the 版记), and how to keep it with the next one. */
interface BlockMeta {
  lines: number;
  /** Kept with the next block (headings). */
  keepNext?: boolean;
  /** May break across pages (two lines at least on each side). */
  split?: boolean;
  keepWithNext?: () => Paragraph;
  /** A table: the height of each row (twips), the first being the header row repeated on every page. */
  rows?: readonly number[];
}
const META = new WeakMap<object, BlockMeta>();

function para(o: IParagraphOptions, lines: number): Paragraph {
  const p = new Paragraph(o);
  META.set(p, { lines, keepNext: !!o.keepNext, split: !o.keepNext, keepWithNext: () => new Paragraph({ ...o, keepNext: true }) });
  return p;
}

/** A run; 3号 runs take the grid's character spacing. */
export const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, font: FS, size: SIZE.h3, ...((o.size ?? SIZE.h3) === SIZE.h3 ? { characterSpacing: GRID_SPACING } : {}), ...o });
/** One blank line of the grid. */
export const blank = () => para({ spacing: { line: LINE, lineRule: 'exact' }, children: [run('')] }, 1);

/**
 * Lines a 3号 paragraph takes on the 28-character grid, filled as LibreOffice and Word fill it (wrapLines): the first
 * line after its first-line indent, the others after the left indent.
 */
function linesOf(text: string, firstIndentChars: number, leftIndentChars = 0): number {
  return wrapLines(text, GRID.chars - firstIndentChars, GRID.chars - leftIndentChars);
}

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
    .map((s) => para({ indent: { firstLine: INDENT_2 }, spacing: { line: LINE, lineRule: 'exact' }, children: [run(s, o)] }, linesOf(s, 2)));
}

/** A labelled line (出席：… in 黑体 then 仿宋), hanging under the first name. */
export function labelLine(label: string, text: string): Paragraph {
  const labelChars = [...label].length + 1;
  return para(
    {
      indent: { left: INDENT_2 + labelChars * CHAR, hanging: labelChars * CHAR },
      spacing: { line: LINE, lineRule: 'exact' },
      children: [run(`${label}：`, { font: HT }), run(text)],
    },
    linesOf(`${label}：${text}`, 2, 2 + labelChars) + 0,
  );
}

const ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99). */
export function zhOrdinal(n: number): string {
  if (n < 10) return ZH[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : ZH[tens]}十${ones ? ZH[ones] : ''}`;
}

function headingPara(text: string, font: typeof HT): Paragraph {
  return para(
    { indent: { firstLine: INDENT_2 }, spacing: { line: LINE, lineRule: 'exact' }, keepNext: true, children: [run(text, { font })] },
    linesOf(text, 2),
  );
}

/** 一级标题 "一、…" in 黑体 3号 (`no`: its number; without it, the text as given). */
export function heading1(text: string, no?: number): Paragraph {
  return headingPara(no === undefined ? text : `${zhOrdinal(no)}、${text}`, HT);
}

/** 二级标题 "（一）…" in 楷体 3号. */
export function heading2(text: string, no?: number): Paragraph {
  return headingPara(no === undefined ? text : `（${zhOrdinal(no)}）${text}`, KT);
}

/** 三级标题 "1." in 仿宋 3号. */
export function heading3(text: string, no?: number): Paragraph {
  return headingPara(no === undefined ? text : `${no}.${text}`, FS);
}

/**
 * One heading hierarchy for a document (GB/T 9704 7.3.3: 一、 → （一） → 1. → （1））: each level numbers itself
 * and restarts the levels under it.
 */
export class Headings {
  private n = [0, 0, 0];
  h1(text: string): Paragraph {
    this.n = [this.n[0]! + 1, 0, 0];
    return heading1(text, this.n[0]);
  }
  h2(text: string): Paragraph {
    this.n = [this.n[0]!, this.n[1]! + 1, 0];
    return heading2(text, this.n[1]);
  }
  h3(text: string): Paragraph {
    this.n[2] = this.n[2]! + 1;
    return heading3(text, this.n[2]);
  }
  /** The next number of level 1 as text ("三、"), for items written as body paragraphs. */
  next1(): string {
    this.n = [this.n[0]! + 1, 0, 0];
    return `${zhOrdinal(this.n[0]!)}、`;
  }
}

/** Exact line of a 小四 table line (18 pt), off the grid: a row is as tall as its tallest cell, not a grid line a line. */
const CELL_LINE = 360;
/** Cell margins left and right (twips), written on the table so that Word and LibreOffice agree. */
const CELL_MARGIN = 108;
/** Cell margins above and below (twips), and the borders of a row. */
const CELL_PAD = 40;
const ROW_BORDER = 10;

function cell(text: string, widthPct: number, header: boolean) {
  return new TableCell({
    width: { size: widthPct, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    children: text.split('\n').map(
      (line) =>
        new Paragraph({
          style: NO_GRID,
          spacing: { line: CELL_LINE, lineRule: 'exact' },
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text: line, font: header ? HT : FS, size: SIZE.small })],
        }),
    ),
  });
}

/** A title inside the document (an 附件's title): 2号小标宋, centred, in balanced lines like the document's title. */
export function centredTitle(text: string): Paragraph {
  const lines = titleLines(text);
  const p = new Paragraph({
    alignment: AlignmentType.CENTER,
    style: NO_GRID,
    spacing: { line: TITLE_LINE, lineRule: 'exact' },
    keepNext: true,
    children: lines.map((l, i) => new TextRun({ text: l, font: XBS, size: SIZE.h2, ...(i > 0 ? { break: 1 } : {}) })),
  });
  META.set(p, { lines: Math.ceil((TITLE_LINE * lines.length) / LINE), keepNext: true, split: false });
  return p;
}

/** A picture (PNG) centred in the type area, widthMm wide at most 156 mm, off the grid; its lines count for the 版记's place. */
export function officialImage(png: Buffer, widthPx: number, heightPx: number, widthMm = 156): Paragraph {
  const wMm = Math.min(156, widthMm);
  const hMm = (wMm * heightPx) / widthPx;
  // docx sizes pictures in pixels at 96 dpi.
  const px = (m: number) => Math.round((m / 25.4) * 96);
  const p = new Paragraph({
    alignment: AlignmentType.CENTER,
    style: NO_GRID,
    keepNext: false,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: px(wMm), height: px(hMm) } })],
  });
  META.set(p, { lines: Math.ceil(mm(hMm) / LINE) + 1, keepNext: false, split: false });
  return p;
}

/** A table across the type area: a repeated header row in 黑体 and rows in 仿宋 小四. */
export function officialTable(columns: readonly (readonly [string, number])[], rows: readonly (readonly string[])[]): Table {
  const t = new Table({
    width: { size: TYPE_AREA_TWIP, type: WidthType.DXA },
    columnWidths: columns.map(([, w]) => Math.round((TYPE_AREA_TWIP * w) / 100)),
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: CELL_PAD / 2, bottom: CELL_PAD / 2 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: columns.map(([h, w]) => cell(h, w, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, k) => cell(t, columns[k]![1], false)) })),
    ],
  });
  // 小四 (12 pt = 240 twips a character) in a cell of width% of the 版心 less its margins.
  const rowTwips = (r: readonly string[]) =>
    CELL_PAD +
    ROW_BORDER +
    CELL_LINE *
      Math.max(
        1,
        ...r.map((text, k) => {
          const width = ((TYPE_AREA_TWIP * columns[k]![1]) / 100 - 2 * CELL_MARGIN) / 240;
          return text.split('\n').reduce((a, l) => a + wrapLines(l, width), 0);
        }),
      );
  const heights = [columns.map(([h]) => h), ...rows].map(rowTwips);
  META.set(t, { lines: Math.ceil(heights.reduce((a, h) => a + h, 0) / LINE), split: true, rows: heights });
  return t;
}

function pageFooter(align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  const o = { font: SONG, size: SIZE.h4 };
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        spacing: { line: 320, lineRule: 'exact' },
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ text: '— ', ...o }), new TextRun({ children: [PageNumber.CURRENT], ...o }), new TextRun({ text: ' —', ...o })],
      }),
    ],
  });
}

const emptyFooter = () => new Footer({ children: [new Paragraph({ children: [] })] });

function watermarkHeader(text: string | null, align: (typeof AlignmentType)[keyof typeof AlignmentType]) {
  return new Header({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ text: text ?? '', font: SONG, size: SIZE.tiny, color: '999999' })] })],
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
  /** A draft (unissued): diagonal 草稿 watermark, no 成文日期 and no 印发日期. Default: a draftMark is given. */
  draft?: boolean;
  /** 主送机关 (printed with a full-width colon). */
  mainRecipient?: string | null;
  body: readonly Block[];
  /** 附件: printed after the 成文日期 from a new page (its first block should break the page), before the 版记. */
  attachments?: readonly Block[];
  /** 落款 (one line per organ) and 成文日期; absent for a 纪要 (no signature or seal, GB/T 9704 §10.2). */
  signature?: { organs: readonly string[]; date: string };
  /** 抄送 line without the trailing full stop; null: no 抄送. */
  copyTo?: string | null;
  /** 印发机关 and 印发日期 of the 版记. */
  printer: { name: string; date: string };
  /** Header text on every page of the screen copy: exporter and time (also the file's description). */
  watermark: string;
  /** print: the 正式文本 without the watermark line; screen (default): with it. */
  copy?: DocCopy;
  /** Adds the 演示数据 note above the 版记. */
  demo?: boolean;
}

const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });

/** The 版头: mark(s) 35 mm below the top of the 版心, the 发文字号 two blank lines under it, the red rule 4 mm under that. */
function headParts(input: OfficialDocInput): { blocks: Paragraph[]; twips: number } {
  // The mark: at most 36 pt and never wider than the 版心 (one line per organ); its line is 1.22 times its size, and in
  // LibreOffice its glyphs' top stands 1.9 mm × size/36 pt below the line's top.
  const widest = Math.max(...input.organMarks.map((o) => halfWidth(o) / 2));
  const markPt = Math.min(36, Math.floor(430 / Math.max(1, widest)));
  const markLine = Math.round(markPt * 20 * 1.22);
  const before = mm(MARK_TOP_MM - (1.9 * markPt) / 36);
  const blocks: Paragraph[] = input.organMarks.map(
    (organ, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        style: NO_GRID,
        spacing: { before: i === 0 ? before : 0, line: markLine, lineRule: 'exact' },
        children: [new TextRun({ text: organ, font: XBS, size: markPt * 2, color: RED })],
      }),
  );
  // 空二行, then the 发文字号 line; its bottom border is the red rule (4 mm under the characters).
  blocks.push(blankLine(), blankLine());
  const no = input.docNo ? run(input.docNo) : input.draftMark ? run(input.draftMark, { font: HT, color: RED }) : run('');
  blocks.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: LINE, lineRule: 'exact' },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 5 } },
      children: [no],
    }),
  );
  // 空二行 under the rule, then the title in balanced lines, then one blank line and the 主送机关.
  blocks.push(blankLine(), blankLine());
  const lines = titleLines(input.title);
  blocks.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      style: NO_GRID,
      spacing: { line: TITLE_LINE, lineRule: 'exact' },
      keepNext: true,
      children: lines.map((l, i) => new TextRun({ text: l, font: XBS, size: SIZE.h2, ...(i > 0 ? { break: 1 } : {}) })),
    }),
  );
  if (input.mainRecipient) {
    blocks.push(blankLine(), new Paragraph({ spacing: { line: LINE, lineRule: 'exact' }, children: [run(`${input.mainRecipient}：`)] }));
  }
  const twips = before + markLine * input.organMarks.length + 3 * LINE + 120 + 2 * LINE + TITLE_LINE * lines.length + (input.mainRecipient ? 2 * LINE : 0);
  return { blocks, twips };
}

function blankLine(keepNext = false): Paragraph {
  return new Paragraph({ spacing: { line: LINE, lineRule: 'exact' }, keepNext, children: [run('')] });
}

/**
 * 署名 and 成文日期 (GB/T 9704 7.3.5.1): the date right-indented four characters, the 署名 centred above it; joint
 * 署名 side by side in pairs, each centred in its half, with the date spread (seven characters in on both sides)
 * and three blank lines above for the seals. A draft has no date.
 */
function signatureParts(sig: { organs: readonly string[]; date: string }, draft: boolean): { blocks: Block[]; lines: number } {
  const date = draft ? '' : sig.date;
  if (sig.organs.length <= 1) {
    const organ = sig.organs[0] ?? '';
    const dateW = printedChars(date || '2026年12月31日');
    const organW = printedChars(organ);
    const right = Math.max(0, Math.round((4 + (dateW - organW) / 2) * CHAR));
    const blocks: Block[] = [
      blankLine(true),
      blankLine(true),
      new Paragraph({ alignment: AlignmentType.RIGHT, keepNext: true, spacing: { line: LINE, lineRule: 'exact' }, indent: { right }, children: [run(organ)] }),
    ];
    if (date)
      blocks.push(
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE, lineRule: 'exact' }, indent: { right: 4 * CHAR }, children: [run(date)] }),
      );
    return { blocks, lines: 3 + (date ? 1 : 0) };
  }
  const rows: TableRow[] = [];
  for (let i = 0; i < sig.organs.length; i += 2) {
    const pair = [sig.organs[i]!, sig.organs[i + 1] ?? ''];
    rows.push(
      new TableRow({
        cantSplit: true,
        children: pair.map(
          (o) =>
            new TableCell({
              width: { size: 50, type: WidthType.PERCENTAGE },
              children: [
                new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { line: LINE, lineRule: 'exact' }, children: [run(o)] }),
                new Paragraph({ keepNext: true, spacing: { line: LINE, lineRule: 'exact' }, children: [run('')] }),
              ],
            }),
        ),
      }),
    );
  }
  const blocks: Block[] = [
    blankLine(true),
    blankLine(true),
    blankLine(true),
    new Table({ width: { size: TYPE_AREA_TWIP, type: WidthType.DXA }, borders: TableBorders.NONE, rows }),
  ];
  if (date) {
    blocks.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { line: LINE, lineRule: 'exact' },
        indent: { left: 7 * CHAR, right: 7 * CHAR },
        children: [run(date)],
      }),
    );
  }
  return { blocks, lines: 3 + rows.length * 2 + (date ? 1 : 0) };
}

/**
 * The 版记 (GB/T 9704 7.4): 抄送 and 印发机关和印发日期 between rules (first and last 0.35 mm, the middle one 0.25 mm),
 * one character in on both sides, as a table floated to the foot of the 版心 (`top`: its top from the page's top,
 * twips; null: in the flow, for measuring).
 */
/**
 * LibreOffice (7.4) floats a table only when it is narrower than the text area: the 版记's table is SHRINK twips
 * narrower and centred, and its rules are paragraph borders reaching out (negative indents) to the 版心's width.
 */
const SHRINK = 300;

/**
 * The 版记 (GB/T 9704 7.4): 抄送 and 印发机关和印发日期 between rules (first and last 0.35 mm, the middle one 0.25 mm),
 * one character in on both sides, as a table floated to the foot of the 版心 (`top`: its top from the page's top,
 * twips; null: in the flow, for measuring).
 */
function recordTable(input: OfficialDocInput, draft: boolean, top: number | null): { table: Table; twips: number } {
  const IN = 280;
  const OUT = -SHRINK / 2;
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const width = TYPE_AREA_TWIP - SHRINK;
  const children: Paragraph[] = [];
  let twips = 0;
  const four = (text: string) => new TextRun({ text, font: FS, size: SIZE.h4 });
  if (input.demo) {
    children.push(
      new Paragraph({
        spacing: { line: 400, lineRule: 'exact' },
        indent: { left: OUT, right: OUT },
        children: [new TextRun({ text: '（演示数据：本文件内容均为虚构，仅供演示）', font: FS, size: SIZE.small, color: '808080' })],
      }),
    );
    twips += 400;
  }
  if (input.copyTo) {
    const text = `抄送：${input.copyTo}。`;
    children.push(
      new Paragraph({
        spacing: { line: LINE, lineRule: 'exact' },
        indent: { left: OUT + IN + 3 * 280, right: OUT + IN, hanging: 3 * 280 },
        border: { top: rule(8), bottom: rule(6) },
        children: [four(text)],
      }),
    );
    twips += LINE * Math.max(1, Math.ceil((halfWidth(text) + 6) / 60)) + 60;
  }
  children.push(
    new Paragraph({
      spacing: { line: LINE, lineRule: 'exact' },
      indent: { left: OUT + IN, right: OUT + IN },
      tabStops: [{ type: 'right', position: TYPE_AREA_TWIP - SHRINK / 2 - IN }],
      border: input.copyTo ? { bottom: rule(8) } : { top: rule(8), bottom: rule(8) },
      children: [four(input.printer.name), four(draft ? '' : `\t${input.printer.date}印发`)],
    }),
  );
  twips += LINE + 60;
  const table = new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    borders: TableBorders.NONE,
    ...(top === null
      ? {}
      : {
          float: {
            horizontalAnchor: TableAnchorType.MARGIN,
            // LibreOffice draws the table 108 twips (the default cell margin) left of its position.
            absoluteHorizontalPosition: SHRINK / 2 + 108,
            verticalAnchor: TableAnchorType.PAGE,
            absoluteVerticalPosition: top,
            overlap: OverlapType.NEVER,
          },
        }),
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            margins: { top: 0, bottom: 0, left: 0, right: 0 },
            borders: { top: none, bottom: none, left: none, right: none },
            children,
          }),
        ],
      }),
    ],
  });
  return { table, twips };
}

/** The VML of a diagonal watermark (Word's own; LibreOffice renders it), put in each page header of a draft. */
function diagonalWatermark(text: string): string {
  return (
    '<w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:pict>' +
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">' +
    '<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>' +
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>' +
    '<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>' +
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>' +
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>' +
    '<v:shape id="PowerPlusWaterMarkObject1" o:spid="_x0000_s2049" type="#_x0000_t136" ' +
    'style="position:absolute;margin-left:0;margin-top:0;width:360pt;height:180pt;rotation:315;z-index:-251657216;' +
    'mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ' +
    'o:allowincell="f" fillcolor="#d8d8d8" stroked="f"><v:fill opacity=".5"/>' +
    `<v:textpath style="font-family:&quot;SimHei&quot;;font-size:1pt" string="${text}"/></v:shape></w:pict></w:r></w:p>`
  );
}

/**
 * Finishes the package: the NO_GRID style gets <w:snapToGrid w:val="0"/> (the docx builder cannot write it), and a
 * draft gets the diagonal watermark in every page header.
 */
function finishPackage(docx: Buffer, diagonal: string | null): Buffer {
  const parts = unzipSync(new Uint8Array(docx.buffer, docx.byteOffset, docx.byteLength));
  const styles = parts['word/styles.xml'];
  if (styles) {
    const xml = strFromU8(styles).replace(
      new RegExp(`(<w:style w:type="paragraph" w:styleId="${NO_GRID}">(?:(?!</w:style>).)*?)(<w:pPr>|</w:style>)`),
      (_m, head: string, tail: string) =>
        tail === '<w:pPr>' ? `${head}<w:pPr><w:snapToGrid w:val="0"/>` : `${head}<w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:style>`,
    );
    parts['word/styles.xml'] = strToU8(xml);
  }
  if (diagonal) {
    for (const name of Object.keys(parts)) {
      if (!/^word\/header\d*\.xml$/.test(name)) continue;
      parts[name] = strToU8(strFromU8(parts[name]!).replace('</w:hdr>', `${diagonalWatermark(diagonal)}</w:hdr>`));
    }
  }
  const ordered: Record<string, Uint8Array> = {};
  if (parts['[Content_Types].xml']) ordered['[Content_Types].xml'] = parts['[Content_Types].xml'];
  for (const [name, data] of Object.entries(parts)) if (name !== '[Content_Types].xml') ordered[name] = data;
  return Buffer.from(zipSync(ordered, { level: 6 }));
}

/** Renders an official document (DOCX bytes). */
export async function renderOfficialDoc(input: OfficialDocInput): Promise<Buffer> {
  const copy: DocCopy = input.copy ?? 'screen';
  const draft = input.draft ?? (!input.docNo && !!input.draftMark);
  const head = headParts(input);

  // 主体: the body; its last paragraph is kept with the 署名 and date (no page of the signature alone).
  const body: Block[] = [...input.body];
  const sig = input.signature ? signatureParts(input.signature, draft) : null;
  const items: Item[] = body.map((b) => {
    const m = META.get(b);
    return { lines: m?.lines ?? 1, keepNext: m?.keepNext ?? false, split: m?.split ?? false, ...(m?.rows ? { rows: m.rows } : {}) };
  });
  if (sig && body.length) {
    const keep = META.get(body[body.length - 1]!)?.keepWithNext;
    if (keep) body[body.length - 1] = keep();
    items[items.length - 1]!.keepNext = true;
  }
  if (sig) items.push({ lines: sig.lines, keepNext: false, split: false });
  // 附件 after the 成文日期 and before the 版记 (GB/T 9704 8.1), from a new page.
  const attachments = input.attachments ?? [];
  attachments.forEach((b, k) => {
    const m = META.get(b);
    items.push({ lines: m?.lines ?? 1, keepNext: false, split: m?.split ?? false, breakBefore: k === 0, ...(m?.rows ? { rows: m.rows } : {}) });
  });
  // 版记 at the foot of the 版心 of the last page, which is even: on the text's last page when it is even and has
  // room; otherwise on the next even page (after a blank odd page when the text ends on an even page).
  const probe = recordTable(input, draft, null);
  const end = paginate(head.twips, items);
  const inline = end.page % 2 === 0 && GRID.lines * LINE - end.y >= probe.twips + LINE;
  const pageTop = mm(PAGE.top);
  const record = [recordTable(input, draft, pageTop + GRID.lines * LINE - probe.twips).table];

  const line = copy === 'screen' ? input.watermark : null;
  const headers = { default: watermarkHeader(line, AlignmentType.RIGHT), even: watermarkHeader(line, AlignmentType.LEFT) };
  const page = {
    size: { width: mm(210), height: mm(PAGE.height) },
    // The footer's distance puts the dashes of the page number ("一字线") 7 mm below the 版心: the 16 pt footer line
    // holds them 2.7 mm above its bottom.
    margin: { top: pageTop, bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right), header: mm(15), footer: mm(PAGE.bottom - 7 - 2.7) },
  };
  const grid = { type: DocumentGridType.LINES, linePitch: LINE, charSpace: 0 };
  const main = [...head.blocks, ...body, ...(sig?.blocks ?? []), ...attachments];
  const numbered = { default: pageFooter(AlignmentType.RIGHT), even: pageFooter(AlignmentType.LEFT) };
  const anchor = () => new Paragraph({ spacing: { line: 20, lineRule: 'exact' }, children: [] });
  const sections = inline
    ? [{ properties: { page, grid }, headers, footers: numbered, children: [...main, ...record, anchor()] }]
    : [
        { properties: { page, grid }, headers, footers: numbered, children: main },
        {
          // The 版记 page (and the blank page before it) carry no page number (GB/T 9704 7.5).
          properties: { page, grid, type: SectionType.NEXT_PAGE },
          headers: { default: watermarkHeader(line, AlignmentType.RIGHT), even: watermarkHeader(line, AlignmentType.LEFT) },
          footers: { default: emptyFooter(), even: emptyFooter() },
          children: [anchor(), ...(end.page % 2 === 0 ? [new Paragraph({ pageBreakBefore: true, children: [] })] : []), ...record, anchor()],
        },
      ];

  const doc = new Document({
    creator: input.creator,
    lastModifiedBy: input.creator,
    title: input.title,
    description: input.watermark,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: FS, size: SIZE.h3 } } },
      paragraphStyles: [{ id: NO_GRID, name: 'Liandong off grid', basedOn: 'Normal', quickFormat: false }],
    },
    sections,
  });
  const bytes = await Packer.toBuffer(doc);
  return finishPackage(bytes, draft ? '草稿' : null);
}
