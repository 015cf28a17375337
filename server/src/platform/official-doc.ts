import { AlignmentType, Document, DocumentGridType, Packer, Paragraph, SectionType } from 'docx';
import { type Block, blockMeta } from './official-doc-blocks';
import { GRID, type Item, LINE, paginate } from './official-doc-layout';
import { finishPackage } from './official-doc-package';
import { emptyFooter, headParts, pageFooter, recordTable, signatureParts, watermarkHeader } from './official-doc-parts';
import { FS, mm, NO_GRID, PAGE, SIZE } from './official-doc-style';

export {
  type Block,
  blank,
  bodyParagraphs,
  centredTitle,
  Headings,
  heading1,
  heading2,
  heading3,
  labelLine,
  officialImage,
  officialTable,
} from './official-doc-blocks';
export { GRID, LINE, paginate, printedChars, wrapLines } from './official-doc-layout';
export { FS, HT, KT, mm, RED, run, SIZE, SONG, TYPE_AREA_TWIP, XBS } from './official-doc-style';
export { officialDate, officialDay, organOfCommission, stampOf, zhOrdinal } from './official-doc-text';

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
 *
 * The pieces: official-doc-style.ts (faces, sizes, geometry), official-doc-text.ts (dates, ordinals, organ names),
 * official-doc-blocks.ts (the 主体's blocks and their estimated lines), official-doc-layout.ts (the grid and the page
 * breaks), official-doc-parts.ts (版头, 署名, 版记, page numbers), official-doc-package.ts (the package's patches).
 */

/** The copy exported: print (正式文本, no watermark line) or screen (and file) copy with the exporter's line. */
export type DocCopy = 'print' | 'screen';

/** An official document as data: its 版头, 主体 and 版记 (renderOfficialDoc prints it). */
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

/** The estimated lines of a block and how it keeps with the next, for the placement of the 版记. */
function itemOf(b: Block): Item {
  const m = blockMeta(b);
  return { lines: m?.lines ?? 1, keepNext: m?.keepNext ?? false, split: m?.split ?? false, ...(m?.rows ? { rows: m.rows } : {}) };
}

/** Renders an official document (DOCX bytes). */
export async function renderOfficialDoc(input: OfficialDocInput): Promise<Buffer> {
  const copy: DocCopy = input.copy ?? 'screen';
  const draft = input.draft ?? (!input.docNo && !!input.draftMark);
  const head = headParts(input);

  // 主体: the body; its last paragraph is kept with the 署名 and date (no page of the signature alone).
  const body: Block[] = [...input.body];
  const sig = input.signature ? signatureParts(input.signature, draft) : null;
  const items: Item[] = body.map(itemOf);
  if (sig && body.length) {
    const keep = blockMeta(body[body.length - 1]!)?.keepWithNext;
    if (keep) body[body.length - 1] = keep();
    items[items.length - 1]!.keepNext = true;
  }
  if (sig) items.push({ lines: sig.lines, keepNext: false, split: false });
  // 附件 after the 成文日期 and before the 版记 (GB/T 9704 8.1), from a new page.
  const attachments = input.attachments ?? [];
  attachments.forEach((b, k) => {
    items.push({ ...itemOf(b), keepNext: false, breakBefore: k === 0 });
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
