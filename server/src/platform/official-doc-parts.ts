import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  OverlapType,
  PageNumber,
  Paragraph,
  Table,
  TableAnchorType,
  TableBorders,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { OfficialDocInput } from './official-doc';
import type { Block } from './official-doc-blocks';
import { titleParagraph } from './official-doc-blocks';
import { LINE, printedChars } from './official-doc-layout';
import { CHAR, FS, HT, MARK_TOP_MM, mm, NO_GRID, RED, run, SIZE, SONG, TITLE_LINE, TYPE_AREA_TWIP, XBS } from './official-doc-style';
import { halfWidth, titleLines } from './official-doc-title';

/*
 * The parts of an official document around its 主体 (GB/T 9704 7.2–7.5): the 版头 (mark, 发文字号, red rule, title,
 * 主送), the 署名 and 成文日期, the 版记, the page numbers and the screen copy's header line.
 */

/** The alignment of a paragraph. */
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

/** The page number "— N —" in 4号宋体, one character in from the outer edge. */
export function pageFooter(align: Align) {
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

/** The footer of a page without a number (the 版记's page and the blank page before it). */
export const emptyFooter = () => new Footer({ children: [new Paragraph({ children: [] })] });

/** The page header: the exporter's line of the screen copy (null: an empty header). */
export function watermarkHeader(text: string | null, align: Align) {
  return new Header({
    children: [new Paragraph({ alignment: align, children: [new TextRun({ text: text ?? '', font: SONG, size: SIZE.tiny, color: '999999' })] })],
  });
}

/** A black rule of the 版记 (size in eighths of a point). */
const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 1 });

/** The 版头: mark(s) 35 mm below the top of the 版心, the 发文字号 two blank lines under it, the red rule 4 mm under that. */
export function headParts(input: OfficialDocInput): { blocks: Paragraph[]; twips: number } {
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
  blocks.push(titleParagraph(lines));
  if (input.mainRecipient) {
    blocks.push(blankLine(), new Paragraph({ spacing: { line: LINE, lineRule: 'exact' }, children: [run(`${input.mainRecipient}：`)] }));
  }
  const twips = before + markLine * input.organMarks.length + 3 * LINE + 120 + 2 * LINE + TITLE_LINE * lines.length + (input.mainRecipient ? 2 * LINE : 0);
  return { blocks, twips };
}

/** One blank grid line outside the 主体 (not counted as a block). */
function blankLine(keepNext = false): Paragraph {
  return new Paragraph({ spacing: { line: LINE, lineRule: 'exact' }, keepNext, children: [run('')] });
}

/**
 * 署名 and 成文日期 (GB/T 9704 7.3.5.1): the date right-indented four characters, the 署名 centred above it; joint
 * 署名 side by side in pairs, each centred in its half, with the date spread (seven characters in on both sides)
 * and three blank lines above for the seals. A draft has no date.
 */
export function signatureParts(sig: { organs: readonly string[]; date: string }, draft: boolean): { blocks: Block[]; lines: number } {
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
 * LibreOffice (7.4) floats a table only when it is narrower than the text area: the 版记's table is SHRINK twips
 * narrower and centred, and its rules are paragraph borders reaching out (negative indents) to the 版心's width.
 */
const SHRINK = 300;

/**
 * The 版记 (GB/T 9704 7.4): 抄送 and 印发机关和印发日期 between rules (first and last 0.35 mm, the middle one 0.25 mm),
 * one character in on both sides, as a table floated to the foot of the 版心 (`top`: its top from the page's top,
 * twips; null: in the flow, for measuring).
 */
export function recordTable(input: OfficialDocInput, draft: boolean, top: number | null): { table: Table; twips: number } {
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
