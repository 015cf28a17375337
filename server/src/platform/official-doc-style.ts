import { type IRunOptions, TextRun } from 'docx';

/*
 * The typography and page geometry of GB/T 9704-2012 as official-doc.ts prints it: the faces and sizes, the grid's
 * character and indent, the page margins and the off-grid paragraph style. Measured by official-doc-geometry.test.ts.
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
export const GRID_SPACING = -5;
/** One 3号 character of the grid (twips). */
export const CHAR = 315;
/** Two 3号 characters: the first-line indent of body paragraphs. */
export const INDENT_2 = 2 * CHAR;
/** Page geometry (mm). */
export const PAGE = { top: 37, bottom: 35, left: 28, right: 26, height: 297 } as const;
/** Top of the 版心 → top of the mark (GB/T 9704 7.2.2, 下行文/平行文). */
export const MARK_TOP_MM = 35;
/** Paragraph style of lines off the grid (the mark and the title: LibreOffice would give each two grid lines). */
export const NO_GRID = 'LdNoGrid';
/** Line of the title (2号): 35 pt. */
export const TITLE_LINE = 700;

/** A run; 3号 runs take the grid's character spacing. */
export const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) =>
  new TextRun({ text, font: FS, size: SIZE.h3, ...((o.size ?? SIZE.h3) === SIZE.h3 ? { characterSpacing: GRID_SPACING } : {}), ...o });
