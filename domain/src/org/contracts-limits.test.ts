/** Inputs that could make one request expensive are capped with a zh-CN message naming the field. */
import { describe, expect, it } from 'vitest';
import { SetIdNumberBodySchema, ZoneCreateBodySchema } from './contracts';

const ID = '00000000-0000-4000-8000-000000000000';

describe('input caps of the org contracts', () => {
  it('refuses a megabyte-long ID number before normalising it', () => {
    const r = SetIdNumberBodySchema.safeParse({ version: 1, idNumber: '1'.repeat(1_000_000) });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['idNumber', '身份证号码不超过40个字符']]);
  });

  it('refuses a zone with thousands of repeated modes', () => {
    const r = ZoneCreateBodySchema.safeParse({ nameZh: '片区', countyOrgId: ID, leadOrgId: ID, modes: Array(5000).fill('SPECIAL') });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['modes', '协作模式不超过10项']]);
  });
});
