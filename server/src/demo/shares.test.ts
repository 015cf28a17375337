/** The demo's 信息互通: approved grants in force on first start, pending ones in their approvers' boxes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Row = { id: string; state: string; effect: string; ownerOrg: { name: string }; granteeOrg: { name: string } };
const box = async (as: string, name: string) => (await t.request({ method: 'GET', url: `/api/v1/shares?box=${name}`, as })).json().items as Row[];

describe('demo shares', () => {
  it('the finance group holds an approved grant from 第五监督检查室 and waits for a push; the office’s leader sees it to approve', async () => {
    const granted = await box('fin.staff', 'grantedToMe');
    expect(granted.map((s) => [s.ownerOrg.name, s.state, s.effect])).toContainEqual(['第五监督检查室', 'APPROVED', 'ACTIVE']);
    const pending = await box('cw2.member', 'toApprove');
    expect(pending.map((s) => `${s.ownerOrg.name}→${s.granteeOrg.name}`)).toEqual(
      expect.arrayContaining(['第五监督检查室→驻市金融工作部门纪检监察组', '榆中县纪委监委第一纪检监察室→榆中县夏官营镇纪委']),
    );
    // The push is not the grantee's to see until approved.
    expect((await box('fin.staff', 'grantedToMe')).every((s) => s.state !== 'PENDING')).toBe(true);
  });

  it('the township reads the county office’s clues under its grant, summary only', async () => {
    const [grant] = (await box('yz.xgy', 'grantedToMe')).filter((s) => s.effect === 'ACTIVE');
    expect(grant).toBeDefined();
    const objects = await t.request({ method: 'GET', url: `/api/v1/shares/${grant!.id}/objects`, as: 'yz.xgy' });
    expect(objects.statusCode).toBe(200);
    for (const o of objects.json().items as { id: string; type: string }[]) {
      expect(o.type).toBe('CLUE');
      const clue = await t.request({ method: 'GET', url: `/api/v1/clues/${o.id}`, as: 'yz.xgy' });
      expect(clue.statusCode).toBe(200);
      expect(clue.json().shared?.detail ?? 'OWN').not.toBe('FULL');
    }
  });
});
