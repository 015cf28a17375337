/**
 * 统一社会信用代码 (GB 32100-2015) check: a table of valid codes (one published sample, fictional ones whose
 * check character was computed, including the 31 → '0' case and a letter check) and of invalid ones with
 * the reason a user is shown.
 */
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem, normaliseCreditCode } from './credit-code';

describe('统一社会信用代码 check character', () => {
  it.each([
    ['91350100M000100Y43', 'the sample printed in the standard’s guidance (enterprise, 福州)'],
    ['12620123MB00000024', 'fictional 事业单位 in 榆中县 (digit check)'],
    ['12620100MB0000001N', 'fictional 事业单位 in 兰州市 (letter check)'],
    ['12620102MB0000011L', 'fictional school in 城关区'],
    ['12620121MB00000390', 'Σ mod 31 = 0: the check is 0, not 31'],
    ['52620100MJ00000037', 'fictional 社会团体 (民政)'],
  ])('%s is valid — %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each([
    ['12620123MB00000025', '校验位不正确'],
    ['12620123MB0000002', '应为18位（当前17位）'],
    ['12620123MB000000244', '应为18位（当前19位）'],
    ['12620123MB000O0024', '第14位“O”不是有效字符（不使用I、O、S、V、Z）'],
    ['12620123MB00000I24', '第16位“I”不是有效字符（不使用I、O、S、V、Z）'],
    ['1262A123MB00000024', '第3—8位应为登记管理机关行政区划码（6位数字）'],
    ['12620123MB0000002S', '第18位“S”不是有效字符（不使用I、O、S、V、Z）'],
    ['', '应为18位（当前0位）'],
    // two characters swapped: the weights catch a transposition
    ['12620123BM00000024', '校验位不正确'],
  ])('%s is refused: %s', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('normalises what is typed or pasted (spaces, full-width spaces, lower case) before checking', () => {
    expect(normaliseCreditCode(' 12620123mb0000 0024\u3000')).toBe('12620123MB00000024');
    expect(creditCodeProblem(normaliseCreditCode('12620100mb0000001n'))).toBeNull();
  });
});
