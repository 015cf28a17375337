/*
 * How 3号 text fills the GB/T 9704 grid (28 characters × 22 lines) and where pages break, as LibreOffice and Word lay
 * it out — the estimate official-doc.ts uses to put the 版记 at the foot of the last, even page. Pure: no docx here;
 * measured against real PDFs by official-doc-geometry.test.ts and official-doc-real.test.ts.
 */

/** Line pitch of the grid: 225 mm / 22 lines = 28.95 pt (twips). */
export const LINE = 579;
/** Lines and characters of the grid. */
export const GRID = { lines: 22, chars: 28 } as const;

/**
 * Lines a text takes in a column `first` characters wide on its first line and `rest` on the others: filled character
 * by character as LibreOffice and Word break CJK text (a run of Latin letters and digits is not broken; a closing
 * punctuation mark never starts a line), with the widths of printedChars.
 */
export function wrapLines(text: string, first: number, rest = first): number {
  if (!text) return 1;
  const units = text.match(/[\x21-\x7e]+|[\s\S]/gu) ?? [];
  let lines = 1;
  let used = 0;
  let prev = '';
  const latin = (u: string) => /^[\x21-\x7e]/.test(u);
  for (const u of units) {
    let w = printedChars(u);
    if (prev && u !== ' ' && prev !== ' ' && latin(u) !== latin(prev)) w += 0.25;
    if (used + w > (lines === 1 ? first : rest) + 0.01 && used > 0 && !/^[，。、；：？！）》」』”’,.;:?!)]/.test(u)) {
      lines++;
      used = printedChars(u);
    } else used += w;
    prev = u;
  }
  return lines;
}

/**
 * Printed width of a 3号 line in grid characters: a CJK character 1, a digit or Latin letter 0.52 (the proportional
 * digits of the CJK faces), a space 0.25, and a quarter character where CJK and Latin meet (the automatic spacing of
 * LibreOffice and Word) — measured on the PDF by the geometry test.
 */
export function printedChars(s: string): number {
  let w = 0;
  let prev: 'cjk' | 'latin' | null = null;
  for (const ch of s) {
    if (ch === ' ') {
      w += 0.25;
      prev = null;
      continue;
    }
    const kind = ch.codePointAt(0)! <= 0xff ? 'latin' : 'cjk';
    w += kind === 'cjk' ? 1 : 0.52;
    if (prev && prev !== kind) w += 0.25;
    prev = kind;
  }
  return w;
}

export interface Item {
  lines: number;
  keepNext: boolean;
  split: boolean;
  /** Starts a new page (the 附件). */
  breakBefore?: boolean;
  /** A table: its rows' heights (twips), the first the header row repeated on each page; rows never split. */
  rows?: readonly number[];
}

/**
 * Where the text ends (page, twips used on it), paginated as LibreOffice and Word do on the 22-line grid: a paragraph
 * breaks across pages with two lines at least on each side, a block kept with the next one moves whole to the next
 * page when it and the start of the next (all of it when that does not break) do not fit.
 */
export function paginate(startTwips: number, items: readonly Item[]): { page: number; y: number } {
  const CAP = GRID.lines * LINE;
  let page = 1;
  let y = startTwips;
  const room = () => Math.floor((CAP - y) / LINE);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const next = items[i + 1];
    if (it.breakBefore && y > 0) {
      page++;
      y = 0;
    }
    if (it.keepNext && next) {
      // A chain of blocks kept with the next (headings, the last paragraph and the 署名) and the start of the block after it.
      let need = 0;
      let k = i;
      while (k < items.length && items[k]!.keepNext && items[k + 1]) need += items[k++]!.lines;
      const after = items[k]!;
      need += after.split && after.lines >= 4 ? 2 : after.lines;
      if (need > room() && need <= GRID.lines && y > 0) {
        page++;
        y = 0;
      }
    }
    if (it.rows?.length) {
      // Row by row: a row that does not fit moves to the next page under the repeated header row; the next
      // paragraph starts on the next grid line.
      const [header, ...body] = it.rows;
      if (y > 0 && y + header! + (body[0] ?? 0) > CAP) {
        page++;
        y = 0;
      }
      y += header!;
      for (const h of body) {
        if (y + h > CAP && y > header!) {
          page++;
          y = header!;
        }
        y += h;
      }
      y = Math.min(CAP, Math.ceil(y / LINE) * LINE);
      continue;
    }
    let left = it.lines;
    while (left > 0) {
      const r = room();
      if (left <= r) {
        y += left * LINE;
        left = 0;
      } else if (it.split && r >= 2 && left - r >= 2) {
        left -= r;
        page++;
        y = 0;
      } else if (it.split && r >= 3 && left - r === 1) {
        left = 2;
        page++;
        y = 0;
      } else if (y === 0) {
        // Taller than a page and unbreakable: it fills the page.
        left = Math.max(0, left - GRID.lines);
        if (left > 0) page++;
        else y = CAP;
      } else {
        page++;
        y = 0;
      }
    }
  }
  return { page, y };
}
