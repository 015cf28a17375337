/*
 * Title lines of an official document (GB/T 9704-2012 §7.3.1: 标题回行时，要做到词意完整，排列对称，长短适宜):
 * the title is cut into words (Intl.Segmenter with a small rule set that keeps 机构 names and 文种 together),
 * and when it is longer than one line, into the fewest lines that hold it, broken only between words and with
 * line lengths as even as the words allow.
 */

/** Width of a string in half-characters: a CJK or full-width character is 2, an ASCII one 1. */
export function halfWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.codePointAt(0)! <= 0xff ? 1 : 2;
  return w;
}

/**
 * Printed width in half-characters: a CJK character 2, a digit or Latin letter 1.04, a space 0.5, and half a
 * character where CJK and Latin meet (the automatic spacing of LibreOffice and Word) — measured on the PDF.
 */
export function printedHalf(s: string): number {
  let w = 0;
  let prev: 'cjk' | 'latin' | null = null;
  for (const ch of s) {
    if (ch === ' ') {
      w += 0.5;
      prev = null;
      continue;
    }
    const kind = ch.codePointAt(0)! <= 0xff ? 'latin' : 'cjk';
    w += kind === 'cjk' ? 2 : 1.04;
    if (prev && prev !== kind) w += 0.5;
    prev = kind;
  }
  return w;
}

/** Single characters that close the word before them (市, 局, 书, 年 …): never a line start. */
const SUFFIX = new Set([...'市县区局室委办厅处科书部所院会组年月日号项届次期批类件份名个条款章节类家员士人长者们性化']);
/** Single characters after which a line may end (的, 和 …). */
const LINK = new Set([...'的和与及暨、，；：']);
/** Words the segmenter cuts that stay whole on a line. */
const WHOLE = ['纪委监委', '建议书', '监察建议书', '纪律检查建议书', '纪要', '通报', '通知', '报告', '从严治党', '八项规定', '防控'];

/** The words of a title (segmenter words merged by the rule set). */
export function titleWords(title: string): string[] {
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  const raw = [...seg.segment(title)].map((s) => s.segment);
  const words: string[] = [];
  for (const w of raw) {
    const prev = words[words.length - 1];
    const single = [...w].length === 1;
    const glue =
      prev !== undefined &&
      ((single && SUFFIX.has(w)) ||
        // 两个单字词相连（防|控，从|严|治|党）多半是一个词：不在其间断行，除非前一个是连接字
        (single && [...prev].slice(-1)[0] !== undefined && [...prev].length === 1 && !LINK.has(prev)) ||
        WHOLE.some((x) => (prev + w).endsWith(x) && !prev.endsWith(x) && x.length > w.length && (prev + w).includes(x)) ||
        /^[0-9A-Za-z]+$/.test(prev + w));
    if (glue) words[words.length - 1] = prev + w;
    else words.push(w);
  }
  return words;
}

/**
 * The title's lines: one line when it fits in `maxHalf` half-characters; otherwise the fewest lines that fit,
 * broken between words, choosing the breaks that make the longest line shortest (ties: the even shape).
 */
export function titleLines(title: string, maxHalf = 40): string[] {
  const t = title.trim();
  if (printedHalf(t) <= maxHalf) return [t];
  const words = titleWords(t);
  const widths = words.map(printedHalf);
  const n = words.length;
  const total = widths.reduce((a, b) => a + b, 0);
  for (let lines = Math.ceil(total / maxHalf); lines <= n; lines++) {
    // best[k][i]: the best split of words[0..i) into k lines: [max line, sum of squares, breaks]
    type Best = { max: number; sq: number; breaks: number[] } | null;
    const best: Best[][] = Array.from({ length: lines + 1 }, () => Array<Best>(n + 1).fill(null));
    best[0]![0] = { max: 0, sq: 0, breaks: [] };
    for (let k = 1; k <= lines; k++) {
      for (let i = 1; i <= n; i++) {
        for (let j = i - 1; j >= 0; j--) {
          const w = printedHalf(words.slice(j, i).join(''));
          if (w > maxHalf) break;
          const b = best[k - 1]![j];
          if (!b) continue;
          const cand = { max: Math.max(b.max, w), sq: b.sq + w * w, breaks: [...b.breaks, j] };
          const cur = best[k]![i];
          if (!cur || cand.max < cur.max || (cand.max === cur.max && cand.sq < cur.sq)) best[k]![i] = cand;
        }
      }
    }
    const done = best[lines]![n];
    if (done) {
      const cuts = [...done.breaks.slice(1), n];
      let from = 0;
      return cuts.map((to) => {
        const line = words.slice(from, to).join('');
        from = to;
        return line;
      });
    }
  }
  return [t];
}
