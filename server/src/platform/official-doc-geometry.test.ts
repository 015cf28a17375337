/**
 * GB/T 9704-2012 geometry of every document type, measured on paper: each sample (test/official-doc-samples.ts) is
 * rendered as its print copy, converted to PDF by LibreOffice (one soffice call for all) and measured with
 * `pdftotext -bbox` and `pdftoppm` rasters (test/pdf-measure.ts). Positions in mm from the page's top edge;
 * tolerance ±1 mm. Without LibreOffice or poppler the file is skipped — and fails when REQUIRE_BROWSER=1 (CI).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../test/official-doc-samples';
import { inkRows, LINE_MM, onlyCjk, type Page, pdfRasters, pdfWords, rowCounts, rules, TYPE_AREA } from '../../test/pdf-measure';
import { missingOfficialFonts, substitutionConfig } from './pdf-fonts';
import { renderOfficialDoc } from './official-doc';

const onPath = (bin: string) => (process.env.PATH ?? '').split(':').some((d) => d && existsSync(path.join(d, bin)));
const missing = ['soffice', 'pdftotext', 'pdftoppm'].filter((b) => !onPath(b));
const required = process.env.REQUIRE_BROWSER === '1';
const TOL = 1;
const TYPES = Object.keys(SAMPLES);

if (missing.length && required) {
  describe('GB/T 9704 geometry', () => {
    it('needs LibreOffice and poppler-utils', () => {
      throw new Error(`缺少 ${missing.join('、')}：请安装 libreoffice-writer-nogui poppler-utils（REQUIRE_BROWSER=1 时不可跳过）`);
    });
  });
}

if (missing.length && !required) {
  describe.skip(`GB/T 9704 geometry — skipped: ${missing.join(', ')} not on PATH (apt-get install libreoffice-writer-nogui poppler-utils)`, () => {
    it('measures the PDF of every document type', () => {});
  });
}

interface Measured {
  pages: number;
  markTop: number;
  markBottom: number;
  rule: number;
  docNoTop: number | null;
  docNoBottom: number | null;
  titleTop: number;
  charsPerLine: number[];
  pitch: number[];
  pageNoDash: { page: number; y: number; x0: number; x1: number }[];
  recordBottom: number | null;
  recordPage: number | null;
  copyToX: number | null;
  printedRight: number | null;
  text: string;
  pagesText: string[];
  pageWords: Page[];
}

let dir = '';
const measured = new Map<string, Measured>();
const signatures = new Map<string, { organMid: number; dateMid: number; dateRight: number }>();

function measure(name: string): Measured {
  const pdf = path.join(dir, `${name}.pdf`);
  const pages = pdfWords(pdf);
  const last = pages.length;
  const rasters = pdfRasters(pdf, [...new Set(Array.from({ length: last }, (_, i) => i + 1))], dir, 150);
  const r1 = rasters.get(1)!;
  const red = rowCounts(r1, 'red', TYPE_AREA.left, TYPE_AREA.right);
  const redRows = inkRows(red, r1, 3, TYPE_AREA.top, 150);
  const rule = rules(r1, 'red', 0.8, TYPE_AREA.top, 150)[0]!;
  const markRows = redRows.filter((y) => y < rule - 2);
  const markTop = markRows[0]!;
  const markBottom = markRows[markRows.length - 1]!;
  const dark = rowCounts(r1, 'dark', TYPE_AREA.left, TYPE_AREA.right);
  const noRows = inkRows(dark, r1, 2, markBottom + 1, rule - 0.5);
  const titleRows = inkRows(dark, r1, 2, rule + 1, rule + 40);
  // Full lines of the body: one word from the left edge of the 版心 to its right edge, CJK only.
  const full = pages.flatMap((p) =>
    p.words.filter((w) => Math.abs(w.x0 - TYPE_AREA.left) < 0.6 && w.x1 > TYPE_AREA.right - 1.5 && w.x1 < TYPE_AREA.right + 0.6 && onlyCjk(w.text)),
  );
  // Line pitch: consecutive lines of body text (仿宋, starting at the left edge of the 版心) on the same page.
  const pitch: number[] = [];
  for (const p of pages) {
    const ys = p.words.filter((w) => Math.abs(w.x0 - TYPE_AREA.left) < 0.6 && w.x1 - w.x0 > 100 && onlyCjk(w.text) && w.y1 < TYPE_AREA.bottom).map((w) => w.y0);
    for (let i = 1; i < ys.length; i++) if (ys[i]! - ys[i - 1]! < 1.5 * LINE_MM) pitch.push(ys[i]! - ys[i - 1]!);
  }
  // Page numbers: the ink of the first "—" under the 版心.
  const pageNoDash: Measured['pageNoDash'] = [];
  for (const p of pages) {
    const dashes = p.words.filter((w) => w.text === '—' && w.y0 > TYPE_AREA.bottom);
    if (!dashes.length) continue;
    const r = rasters.get(p.no)!;
    const ink = inkRows(rowCounts(r, 'dark', dashes[0]!.x0, dashes[0]!.x1), r, 2, TYPE_AREA.bottom, 290);
    pageNoDash.push({ page: p.no, y: ink[0]!, x0: Math.min(...dashes.map((d) => d.x0)), x1: Math.max(...dashes.map((d) => d.x1)) });
  }
  // 版记: the last black rule of the last page; the 抄送 line's left edge and the 印发 date's right edge.
  const rl = rasters.get(last)!;
  const recordRules = rules(rl, 'dark', 0.9, TYPE_AREA.top, 280);
  const lastWords = pages[last - 1]!.words;
  const copyTo = lastWords.find((w) => w.text.startsWith('抄送'));
  const printed = lastWords.filter((w) => w.text.endsWith('印发'));
  return {
    pages: last,
    markTop,
    markBottom,
    rule,
    docNoTop: noRows[0] ?? null,
    docNoBottom: noRows[noRows.length - 1] ?? null,
    titleTop: titleRows[0]!,
    charsPerLine: [...new Set(full.map((w) => [...w.text].length))],
    pitch,
    pageNoDash,
    recordBottom: recordRules.length ? recordRules[recordRules.length - 1]! : null,
    recordPage: recordRules.length ? last : null,
    copyToX: copyTo?.x0 ?? null,
    printedRight: printed.length ? Math.max(...printed.map((w) => w.x1)) : null,
    text: pages.map((p) => p.words.map((w) => w.text).join('')).join('\n'),
    pagesText: pages.map((p) => p.words.map((w) => w.text).join('')),
    pageWords: pages,
  };
}

const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

describe.skipIf(missing.length > 0)('GB/T 9704 geometry of the print copies (LibreOffice PDF, ±1 mm)', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ld-geometry-'));
    const files: string[] = [];
    for (const [name, input] of Object.entries(SAMPLES)) {
      writeFileSync(path.join(dir, `${name}.docx`), await renderOfficialDoc(input));
      files.push(`${name}.docx`);
    }
    // The screen copy and a draft of the 通知.
    writeFileSync(path.join(dir, 'screen.docx'), await renderOfficialDoc({ ...SAMPLES.通知!, copy: 'screen' }));
    writeFileSync(path.join(dir, 'draft.docx'), await renderOfficialDoc({ ...SAMPLES.通知!, docNo: null, draftMark: '草稿（未编号）', copy: 'print' }));
    files.push('screen.docx', 'draft.docx');
    // Converted as the PDF route converts: missing official fonts mapped to Noto CJK by a private fontconfig file.
    const conf = path.join(dir, 'fonts.conf');
    writeFileSync(conf, substitutionConfig(await missingOfficialFonts()));
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    execFileSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      cwd: dir,
      env: { ...process.env, HOME: dir, FONTCONFIG_FILE: conf },
      timeout: 90_000,
      stdio: 'ignore',
    });
    for (const name of [...TYPES, 'screen', 'draft']) measured.set(name, measure(name));
  }, 120_000);

  afterAll(() => {
    const table = TYPES.map((t) => {
      const m = measured.get(t);
      if (!m) return `${t}: not measured`;
      return `${t}: pages ${m.pages}; mark top ${round(m.markTop)} (版心+${round(m.markTop - TYPE_AREA.top)}); 字号 ${round(m.docNoTop)}–${round(m.docNoBottom)}; rule ${round(m.rule)} (字号+${round(m.docNoBottom === null ? null : m.rule - m.docNoBottom)}); title ${round(m.titleTop)} (rule+${round(m.titleTop - m.rule)}); chars/line ${m.charsPerLine.join(',')}; pitch ${round(Math.min(...m.pitch))}–${round(Math.max(...m.pitch))}; page-no dash 版心+${m.pageNoDash.map((d) => round(d.y - TYPE_AREA.bottom)).join('/')}; 版记 bottom ${round(m.recordBottom)} on p.${m.recordPage}; 抄送 x ${round(m.copyToX)}; 印发 right ${round(m.printedRight)}`;
    });
    for (const [t, g] of signatures)
      table.push(
        `${t}: 署名 centre ${round(g.organMid)}, 成文日期 centre ${round(g.dateMid)}, right edge ${round(g.dateRight)} (版心 right − 4 chars = ${round(TYPE_AREA.right - 4 * 5.56)})`,
      );
    console.log(`GB/T 9704 measured (mm from the page's top/left):\n${table.join('\n')}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(TYPES)(
    '%s: 发文机关标志 top 35 mm below the 版心; 字号 two blank lines under it; red rule 4 mm under the 字号; title two lines under the rule',
    (t) => {
      const m = measured.get(t)!;
      expect(m.markTop).toBeGreaterThan(TYPE_AREA.top + 35 - TOL);
      expect(m.markTop).toBeLessThan(TYPE_AREA.top + 35 + TOL);
      if (SAMPLES[t]!.docNo) {
        expect(m.docNoTop! - m.markBottom).toBeGreaterThan(2 * LINE_MM);
        // Two blank lines, plus the room above and below the glyphs inside their own lines (less than 0.6 line).
        expect(m.docNoTop! - m.markBottom).toBeLessThan(2.6 * LINE_MM);
        expect(m.rule - m.docNoBottom!).toBeGreaterThan(4 - TOL);
        expect(m.rule - m.docNoBottom!).toBeLessThan(4 + TOL);
      }
      expect(m.titleTop - m.rule).toBeGreaterThan(2 * LINE_MM);
      expect(m.titleTop - m.rule).toBeLessThan(2.5 * LINE_MM);
    },
  );

  it.each(TYPES)('%s: the grid is 28 characters a line and 28.95 pt (10.21 mm) a line', (t) => {
    const m = measured.get(t)!;
    expect(m.charsPerLine).toEqual([28]);
    expect(m.pitch.length).toBeGreaterThan(0);
    for (const p of m.pitch) expect(Math.abs(p - LINE_MM)).toBeLessThan(0.2);
  });

  it.each(TYPES)('%s: page numbers 7 mm below the 版心, odd right and even left one character in; none on the 版记 page of its own', (t) => {
    const m = measured.get(t)!;
    expect(m.pageNoDash.length).toBeGreaterThan(0);
    for (const d of m.pageNoDash) {
      expect(Math.abs(d.y - (TYPE_AREA.bottom + 7))).toBeLessThan(TOL);
      if (d.page % 2) expect(Math.abs(d.x1 - (TYPE_AREA.right - 4.94))).toBeLessThan(TOL);
      else expect(Math.abs(d.x0 - (TYPE_AREA.left + 4.94))).toBeLessThan(TOL);
    }
    // Every page before the last carries its number; the last carries one only when the text ends on it.
    const numbered = new Set(m.pageNoDash.map((d) => d.page));
    const lastHasText = m.pagesText[m.pages - 1]!.replace(/[—\d\s]/g, '').length > 0 && numbered.has(m.pages);
    for (let p = 1; p < m.pages; p++) if (m.pagesText[p - 1]!.replace(/[—\d]/g, '').trim()) expect(numbered.has(p)).toBe(true);
    if (!lastHasText) expect(numbered.has(m.pages)).toBe(false);
  });

  it.each(TYPES)('%s: 版记 at the foot of the last page, which is even; one character in on both sides', (t) => {
    const m = measured.get(t)!;
    expect(m.pages % 2).toBe(0);
    expect(m.recordPage).toBe(m.pages);
    expect(Math.abs(m.recordBottom! - TYPE_AREA.bottom)).toBeLessThan(TOL);
    const printed = m.pagesText[m.pages - 1]!;
    expect(printed).toContain(`${SAMPLES[t]!.printer.date}印发`);
    if (SAMPLES[t]!.copyTo) expect(Math.abs(m.copyToX! - (TYPE_AREA.left + 4.94))).toBeLessThan(TOL);
    expect(Math.abs(m.printedRight! - (TYPE_AREA.right - 4.94))).toBeLessThan(TOL);
  });

  it.each(TYPES.filter((t) => SAMPLES[t]!.signature))('%s: the 署名 never stands on a page without text of the body (GB/T 9704 7.3.5)', (t) => {
    const m = measured.get(t)!;
    const organ = SAMPLES[t]!.signature!.organs[0]!.split(' ')[0]!;
    // The last place the organ is printed is the 署名 (the first is the mark).
    const at = m.pageWords.flatMap((p) => p.words.filter((w) => w.text.startsWith(organ) && w.y0 > TYPE_AREA.top).map((w) => ({ page: p.no, y: w.y0 }))).pop()!;
    const above = m.pageWords[at.page - 1]!.words.filter((w) => w.y1 < at.y && w.y0 > TYPE_AREA.top && !w.text.startsWith(organ));
    expect(above.map((w) => w.text).join('').length).toBeGreaterThan(10);
  });

  it.each(TYPES.filter((t) => SAMPLES[t]!.signature?.organs.length === 1))(
    '%s: the 署名 is centred over the 成文日期, which stands four characters in from the right',
    (t) => {
      const m = measured.get(t)!;
      const organ = SAMPLES[t]!.signature!.organs[0]!.split(' ')[0]!;
      // The last place the organ is printed right of the middle (the mark and the title are centred before it; the
      // 版记's 印发机关 stands at the left).
      const isSig = (w: { text: string; x0: number }) => w.text.startsWith(organ) && w.x0 > 60;
      const page = [...m.pageWords].reverse().find((p) => p.words.some(isSig))!;
      const org = page.words.filter(isSig).pop()!;
      const line = page.words.filter((w) => Math.abs(w.y0 - org.y0) < 1);
      const date = page.words.filter((w) => w.y0 > org.y0 + 5 && w.y0 < org.y0 + 15 && w.x0 > 60 && !w.text.includes('印发'));
      const orgMid = (Math.min(...line.map((w) => w.x0)) + Math.max(...line.map((w) => w.x1))) / 2;
      const dateRight = Math.max(...date.map((w) => w.x1));
      const dateMid = (Math.min(...date.map((w) => w.x0)) + dateRight) / 2;
      signatures.set(t, { organMid: orgMid, dateMid, dateRight });
      expect(Math.abs(dateRight - (TYPE_AREA.right - 4 * 5.56))).toBeLessThan(2 * TOL);
      expect(Math.abs(orgMid - dateMid)).toBeLessThan(2 * TOL);
    },
  );

  it('建议书 (joint): the two 署名 side by side, one in each half, with room for two seals above them and the date centred below', () => {
    const m = measured.get('建议书')!;
    const [a, b] = SAMPLES.建议书!.signature!.organs as [string, string];
    const page = [...m.pageWords].reverse().find((p) => p.words.some((w) => w.text === a && w.x0 > 20 && w.y0 > TYPE_AREA.top + 20 && w.x1 < 110))!;
    const left = page.words.filter((w) => w.text === a).pop()!;
    const right = page.words.filter((w) => w.text === b && Math.abs(w.y0 - left.y0) < 1).pop()!;
    expect(right).toBeDefined();
    expect(left.x1).toBeLessThan(106);
    expect(right.x0).toBeGreaterThan(106);
    // Three blank lines (≥ 30 mm) between the last line of text and the names: the seals press on the names.
    const above = page.words.filter((w) => w.y1 < left.y0 && w.y0 > TYPE_AREA.top).map((w) => w.y1);
    expect(left.y0 - Math.max(...above)).toBeGreaterThan(3 * LINE_MM - 1);
    const date = page.words.filter((w) => w.y0 > left.y0 + 5 && w.y0 < left.y0 + 25 && !w.text.includes('印发'));
    const mid = (Math.min(...date.map((w) => w.x0)) + Math.max(...date.map((w) => w.x1))) / 2;
    signatures.set('建议书(联合)', { organMid: (left.x0 + right.x1) / 2, dateMid: mid, dateRight: Math.max(...date.map((w) => w.x1)) });
    expect(Math.abs(mid - (TYPE_AREA.left + TYPE_AREA.right) / 2)).toBeLessThan(2 * TOL);
  });

  it('the print copy carries no watermark line; the screen copy carries the exporter on every page', () => {
    for (const t of TYPES) expect(measured.get(t)!.text).not.toContain('导出人');
    const screen = measured.get('screen')!;
    for (const p of screen.pagesText.slice(0, -1)) expect(p).toContain('导出人演示用户（demo）');
  });

  it('a draft carries the diagonal 草稿 watermark and neither 成文日期 nor 印发日期', async () => {
    const draft = measured.get('draft')!;
    expect(draft.text).not.toContain('2026年12月4日');
    expect(draft.text).not.toContain('印发');
    expect(draft.text).toContain('草稿（未编号）');
    const docx = await renderOfficialDoc({ ...SAMPLES.通知!, docNo: null, draftMark: '草稿（未编号）' });
    const parts = unzipSync(new Uint8Array(docx));
    const headers = Object.keys(parts).filter((n) => /^word\/header\d*\.xml$/.test(n));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(strFromU8(parts[h]!)).toMatch(/rotation:315[^>]*>[\s\S]*string="草稿"/);
    // An issued document has none.
    const issued = unzipSync(new Uint8Array(await renderOfficialDoc(SAMPLES.通知!)));
    for (const h of Object.keys(issued).filter((n) => /^word\/header\d*\.xml$/.test(n))) expect(strFromU8(issued[h]!)).not.toContain('草稿');
  });
});
