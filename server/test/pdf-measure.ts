import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Measures a PDF the way a clerk with a ruler does: words and their boxes from `pdftotext -bbox` (poppler), and
 * the ink of the page (rules, the red mark, the page number's dashes) from `pdftoppm -ppm` rasters. All
 * positions in millimetres from the page's top-left corner.
 */

export const PT = 25.4 / 72;
export const TYPE_AREA = { top: 37, bottom: 262, left: 28, right: 184 } as const;
export const LINE_MM = (579 / 20) * PT;

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface Page {
  no: number;
  words: Word[];
}

/** Words of every page. */
export function pdfWords(pdf: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const pages: Page[] = [];
  for (const chunk of xml.split('<page ').slice(1)) {
    const words: Word[] = [];
    for (const m of chunk.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ x0: Number(m[1]) * PT, y0: Number(m[2]) * PT, x1: Number(m[3]) * PT, y1: Number(m[4]) * PT, text: m[5]! });
    }
    pages.push({ no: pages.length + 1, words });
  }
  return pages;
}

export interface Raster {
  width: number;
  height: number;
  /** Pixels per millimetre. */
  scale: number;
  rgb: Uint8Array;
}

/** Rasters of the given pages (1-based), at `dpi`. */
export function pdfRasters(pdf: string, pages: number[], dir: string, dpi = 150): Map<number, Raster> {
  const out = new Map<number, Raster>();
  for (const p of pages) {
    const prefix = path.join(dir, `${path.basename(pdf, '.pdf')}-r${p}`);
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(p), '-l', String(p), '-singlefile', pdf, prefix]);
    const buf = readFileSync(`${prefix}.ppm`);
    // P6\n<w> <h>\n255\n<rgb…>
    let pos = 0;
    const tokens: string[] = [];
    while (tokens.length < 4) {
      while (/\s/.test(String.fromCharCode(buf[pos]!))) pos++;
      let t = '';
      while (!/\s/.test(String.fromCharCode(buf[pos]!))) t += String.fromCharCode(buf[pos++]!);
      tokens.push(t);
    }
    pos++;
    const width = Number(tokens[1]);
    const height = Number(tokens[2]);
    out.set(p, { width, height, scale: dpi / 25.4, rgb: new Uint8Array(buf.buffer, buf.byteOffset + pos, width * height * 3) });
  }
  return out;
}

type Kind = 'red' | 'dark';
const isKind = (r: number, g: number, b: number, kind: Kind) => (kind === 'red' ? r > 180 && g < 110 && b < 110 : r < 110 && g < 110 && b < 110);

/** Count of pixels of a kind in each row between x0 and x1 (mm). */
export function rowCounts(r: Raster, kind: Kind, x0 = 0, x1 = 210): number[] {
  const a = Math.max(0, Math.floor(x0 * r.scale));
  const b = Math.min(r.width, Math.ceil(x1 * r.scale));
  const counts: number[] = [];
  for (let y = 0; y < r.height; y++) {
    let n = 0;
    for (let x = a; x < b; x++) {
      const i = (y * r.width + x) * 3;
      if (isKind(r.rgb[i]!, r.rgb[i + 1]!, r.rgb[i + 2]!, kind)) n++;
    }
    counts.push(n);
  }
  return counts;
}

/** Rows (mm, top of the row) where the count passes `min`, between y0 and y1 (mm). */
export function inkRows(counts: number[], r: Raster, min: number, y0 = 0, y1 = 297): number[] {
  const rows: number[] = [];
  for (let y = Math.floor(y0 * r.scale); y < Math.min(counts.length, y1 * r.scale); y++) if (counts[y]! >= min) rows.push(y / r.scale);
  return rows;
}

/** Horizontal rules (runs of rows whose ink spans at least `fraction` of the type area), as their middle (mm). */
export function rules(r: Raster, kind: Kind, fraction = 0.8, y0 = 0, y1 = 297): number[] {
  const counts = rowCounts(r, kind, TYPE_AREA.left - 3, TYPE_AREA.right + 3);
  const min = (TYPE_AREA.right - TYPE_AREA.left) * r.scale * fraction;
  const rows = inkRows(counts, r, min, y0, y1);
  const out: number[] = [];
  let start: number | null = null;
  let prev = -1;
  for (const y of rows) {
    if (start === null || y - prev > 0.5) {
      if (start !== null) out.push((start + prev) / 2);
      start = y;
    }
    prev = y;
  }
  if (start !== null) out.push((start + prev) / 2);
  return out;
}

/** Whether a string holds only CJK characters (ideographs and full-width punctuation). */
export const onlyCjk = (s: string) => /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+$/.test(s);
