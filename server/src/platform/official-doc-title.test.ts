/**
 * Titles break between words into balanced lines (GB/T 9704 7.3.1: 词意完整，排列对称，长短适宜), and headings
 * follow one hierarchy 一、 → （一） → 1. (issue 14).
 */
import { Document, Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Headings, paginate, printedChars } from './official-doc';
import { halfWidth, titleLines } from './official-doc-title';

describe('title lines', () => {
  it('keeps a title that fits on one line whole', () => {
    expect(titleLines('关于商请提供有关资料的函')).toEqual(['关于商请提供有关资料的函']);
  });

  it.each([
    ['关于市住房和城乡建设局工程项目廉洁风险防控问题的监察建议书', ['廉洁', '建议书', '住房', '防控']],
    ['关于2026年第三季度违反中央八项规定精神问题典型案例的通报', ['通报', '2026年', '八项规定', '典型案例']],
    ['兰州市纪委监委第三监督检查室关于落实全面从严治党监督责任情况的报告', ['纪委监委', '检查室', '从严治党', '报告']],
  ])('breaks %s between words, in balanced lines of at most 20 characters', (title, words) => {
    const lines = titleLines(title);
    expect(lines.length).toBe(2);
    expect(lines.join('')).toBe(title);
    for (const l of lines) expect(halfWidth(l)).toBeLessThanOrEqual(40);
    // No word is cut by the break ("廉/洁", "通/报").
    for (const w of words) expect(lines.some((l) => l.includes(w))).toBe(true);
    // Balanced: the lines differ by at most four characters.
    expect(Math.abs(halfWidth(lines[0]!) - halfWidth(lines[1]!))).toBeLessThanOrEqual(8);
  });

  it('uses three lines only when two cannot hold the title', () => {
    const long = '关于进一步加强和改进新时代派驻纪检监察组与驻在单位党组织协同落实全面从严治党主体责任和监督责任工作机制建设情况的调研报告';
    const lines = titleLines(long);
    expect(lines.length).toBe(3);
    expect(lines.join('')).toBe(long);
    for (const l of lines) expect(halfWidth(l)).toBeLessThanOrEqual(40);
  });
});

describe('headings', () => {
  it('number 一、 → （一） → 1., each level restarting the levels under it', async () => {
    const h = new Headings();
    const paras = [h.h1('基本情况'), h.h2('压实责任'), h.h3('聚焦重点'), h.h3('细化措施'), h.h2('健全机制'), h.h3('建立台账'), h.h1('存在问题'), h.h2('短板')];
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: paras }] }));
    const xml = strFromU8(unzipSync(new Uint8Array(docx))['word/document.xml']!);
    const lines = [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) =>
      [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    );
    expect(lines).toEqual(['一、基本情况', '（一）压实责任', '1.聚焦重点', '2.细化措施', '（二）健全机制', '1.建立台账', '二、存在问题', '（一）短板']);
    // 一级 in 黑体, 二级 in 楷体.
    expect(xml).toMatch(/w:eastAsia="黑体"[\s\S]*?一、基本情况/);
    expect(xml).toMatch(/w:eastAsia="楷体_GB2312"[\s\S]*?（一）压实责任/);
  });
});

describe('layout estimates', () => {
  it('measures a date and an organ as printed (digits narrower than characters)', () => {
    expect(printedChars('2026年12月4日')).toBeCloseTo(3 + 7 * 0.52 + 5 * 0.25, 5);
    expect(printedChars('中共兰州市纪委 兰州市监委')).toBeCloseTo(12.25, 5);
  });

  it('paginates on the 22-line grid: paragraphs break with two lines each side, kept blocks move whole', () => {
    const LINE = 579;
    // Head of 14 lines, a 6-line paragraph (fits: 20), a heading kept with a 6-line paragraph (needs 3: moves).
    expect(
      paginate(14 * LINE, [
        { lines: 6, keepNext: false, split: true },
        { lines: 1, keepNext: true, split: false },
        { lines: 6, keepNext: false, split: true },
      ]),
    ).toEqual({
      page: 2,
      y: 7 * LINE,
    });
    // A 6-line paragraph with 3 lines of room breaks 3/3.
    expect(paginate(19 * LINE, [{ lines: 6, keepNext: false, split: true }])).toEqual({ page: 2, y: 3 * LINE });
    // A 3-line paragraph with 2 lines of room moves whole.
    expect(paginate(20 * LINE, [{ lines: 3, keepNext: false, split: true }])).toEqual({ page: 2, y: 3 * LINE });
  });
});
