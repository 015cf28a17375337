import {
  AlignmentType,
  ImageRun,
  type IParagraphOptions,
  type IRunOptions,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { GRID, LINE, wrapLines } from './official-doc-layout';
import { CHAR, FS, HT, INDENT_2, KT, mm, NO_GRID, run, SIZE, TITLE_LINE, TYPE_AREA_TWIP, XBS } from './official-doc-style';
import { zhOrdinal } from './official-doc-text';
import { titleLines } from './official-doc-title';

/*
 * The blocks of an official document's 主体 — body paragraphs, labelled lines, headings, titles of 附件, pictures and
 * tables — each carrying its estimated grid lines (BlockMeta) so that official-doc.ts can place the 版记.
 */

export type Block = Paragraph | Table;

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

/** The estimated lines of a block built here (undefined for a block built elsewhere: one line). */
export function blockMeta(b: Block): BlockMeta | undefined {
  return META.get(b);
}

function para(o: IParagraphOptions, lines: number): Paragraph {
  const p = new Paragraph(o);
  META.set(p, { lines, keepNext: !!o.keepNext, split: !o.keepNext, keepWithNext: () => new Paragraph({ ...o, keepNext: true }) });
  return p;
}

/** One blank line of the grid. */
export const blank = () => para({ spacing: { line: LINE, lineRule: 'exact' }, children: [run('')] }, 1);

/**
 * Lines a 3号 paragraph takes on the 28-character grid, filled as LibreOffice and Word fill it (wrapLines): the first
 * line after its first-line indent, the others after the left indent.
 */
function linesOf(text: string, firstIndentChars: number, leftIndentChars = 0): number {
  return wrapLines(text, GRID.chars - firstIndentChars, GRID.chars - leftIndentChars);
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

/** A title in 2号小标宋, centred, in the given balanced lines, off the grid (the document's title and an 附件's). */
export function titleParagraph(lines: readonly string[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    style: NO_GRID,
    spacing: { line: TITLE_LINE, lineRule: 'exact' },
    keepNext: true,
    children: lines.map((l, i) => new TextRun({ text: l, font: XBS, size: SIZE.h2, ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/** A title inside the document (an 附件's title): 2号小标宋, centred, in balanced lines like the document's title. */
export function centredTitle(text: string): Paragraph {
  const lines = titleLines(text);
  const p = titleParagraph(lines);
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
