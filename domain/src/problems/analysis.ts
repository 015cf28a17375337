/**
 * A problem's joint analysis (联合汇总剖析) as the letter it turns into reads it: the lines that propose
 * something (a line beginning with 建议 after any numbering, or every line under a heading 「整改建议」/「建议」)
 * are the recommendations (建议事项); every other line is the causes (问题产生的原因). Shared by the server,
 * which prefills the draft letter, and the screen, which shows the same prefill before converting.
 */
export interface SplitAnalysis {
  causes: string;
  recommendations: string[];
}

/** 1. / 1、 / （1） / (1) / 一、 / （一） / ① … at the start of a line. */
const NUMBERING = /^\s*(?:[（(]?[0-9一二三四五六七八九十]+[)）.、．]|[①-⑳])\s*/;
const HEADING = /^(?:整改|工作|意见)?建议[：:]?$/;
const PROPOSAL = /^建议[：:，,]?\s*/;

export function splitAnalysis(analysis: string): SplitAnalysis {
  const causes: string[] = [];
  const recommendations: string[] = [];
  let underHeading = false;
  for (const raw of analysis.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const bare = line.replace(NUMBERING, '').trim();
    if (HEADING.test(bare)) {
      underHeading = true;
      continue;
    }
    if (PROPOSAL.test(bare)) {
      const text = bare.replace(PROPOSAL, '').trim();
      if (text) recommendations.push(text);
    } else if (underHeading && bare) recommendations.push(bare);
    else causes.push(line);
  }
  return { causes: causes.join('\n'), recommendations };
}
