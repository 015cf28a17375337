/** 通报 persons: surname + 某, never the full name (复姓 kept whole, already anonymised names left alone). */
import { describe, expect, it } from 'vitest';
import { anonymiseName, anonymiseText } from './anonymise';

describe('anonymise', () => {
  it.each([
    ['管建国', '管某'],
    ['欧阳明辉', '欧阳某'],
    ['司马光', '司马某'],
    ['管某某', '管某某'],
    [' 郝立新 ', '郝某'],
    ['', '某'],
  ])('%s → %s', (full, anon) => {
    expect(anonymiseName(full)).toBe(anon);
  });

  it('replaces every known name in a text, the longer one first', () => {
    const text = '张伟民收受礼金，张伟为其介绍。张伟民受到党内警告处分。';
    const out = anonymiseText(text, ['张伟', '张伟民', '管某某']);
    expect(out).toBe('张某收受礼金，张某为其介绍。张某受到党内警告处分。');
    expect(out).not.toContain('张伟');
  });
});
