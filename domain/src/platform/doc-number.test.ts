import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDocNumber, parseDocNumber } from './doc-number';

describe('formatDocNumber', () => {
  it.each([
    ['兰纪建', 2026, 3, '兰纪建〔2026〕3号'],
    ['兰纪', 2025, 1, '兰纪〔2025〕1号'],
    ['兰纪驻教', 2025, 120, '兰纪驻教〔2025〕120号'],
  ])('%s %i %i → %s', (docCode, year, no, expected) => {
    expect(formatDocNumber(docCode, year, no)).toBe(expected);
  });

  it.each([
    ['', 2026, 1],
    ['兰纪', 26, 1],
    ['兰纪', 2026, 0],
    ['兰纪', 2026, 1.5],
    ['兰纪 建', 2026, 1],
    ['兰纪〔', 2026, 1],
    ['兰纪2', 2026, 1],
  ])('rejects %j %i %i', (docCode, year, no) => {
    expect(() => formatDocNumber(docCode, year, no)).toThrow(RangeError);
  });
});

describe('parseDocNumber', () => {
  it.each([
    ['兰纪建〔2026〕3号', { docCode: '兰纪建', year: 2026, no: 3 }],
    ['  兰纪〔2025〕12号 ', { docCode: '兰纪', year: 2025, no: 12 }],
  ])('parses %j', (text, expected) => {
    expect(parseDocNumber(text)).toEqual(expected);
  });

  it.each(['兰纪建[2026]3号', '兰纪建〔2026〕003号', '兰纪建〔2026〕第3号', '兰纪建〔26〕3号', '兰纪建〔2026〕3', '〔2026〕3号', '兰纪建〔2026〕0号', ''])(
    'rejects the non-canonical %j by default',
    (text) => {
      expect(parseDocNumber(text)).toBeNull();
    },
  );

  it.each([
    '兰纪建[2026]3号',
    '兰纪建(2026)3号',
    '兰纪建（2026）3号',
    '兰纪建【2026】3号',
    '兰纪建［2026］3号',
    '兰纪建 〔2026〕 第003号',
    '兰纪建〔2026〕3号',
  ])('leniently reads the typed variant %j', (text) => {
    expect(parseDocNumber(text, { lenient: true })).toEqual({ docCode: '兰纪建', year: 2026, no: 3 });
  });

  it.each(['兰纪建[2026]0号', '兰纪建 2026 3号', '兰纪建〔2026〕3'])('rejects %j even when lenient', (text) => {
    expect(parseDocNumber(text, { lenient: true })).toBeNull();
  });

  it('round-trips every valid number', () => {
    const docCode = fc.constantFrom('兰纪', '兰纪建', '兰监建', '城纪', '兰纪驻教');
    fc.assert(
      fc.property(docCode, fc.integer({ min: 1949, max: 9999 }), fc.integer({ min: 1, max: 999_999 }), (c, y, n) => {
        expect(parseDocNumber(formatDocNumber(c, y, n))).toEqual({ docCode: c, year: y, no: n });
      }),
    );
  });
});
