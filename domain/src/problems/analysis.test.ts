import { describe, expect, it } from 'vitest';
import { splitAnalysis } from './analysis';

describe('splitAnalysis: the joint analysis as a letter reads it', () => {
  it('lines beginning with 建议 (after numbering) are recommendations, the rest causes', () => {
    const r = splitAnalysis(
      '一、三县学校自行指定供应商，采购制度未落实\n2. 教育局监管缺位\n\n（三）建议：全面推行校园餐食材公开招标\n建议教育局建立供应商准入和退出机制',
    );
    expect(r.recommendations).toEqual(['全面推行校园餐食材公开招标', '教育局建立供应商准入和退出机制']);
    expect(r.causes).toBe('一、三县学校自行指定供应商，采购制度未落实\n2. 教育局监管缺位');
  });

  it('every line under a heading 整改建议 is a recommendation; no proposal means none', () => {
    expect(splitAnalysis('原因：制度缺失\n整改建议：\n1. 完善采购制度\n2. 开展专项检查')).toEqual({
      causes: '原因：制度缺失',
      recommendations: ['完善采购制度', '开展专项检查'],
    });
    expect(splitAnalysis('只有原因，没有提议')).toEqual({ causes: '只有原因，没有提议', recommendations: [] });
    expect(splitAnalysis('')).toEqual({ causes: '', recommendations: [] });
  });
});
