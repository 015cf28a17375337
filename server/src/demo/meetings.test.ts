/** The demo's meetings (issue 11) as a user finds them: the 常委会 with its reports and decisions, the issued 纪要. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo meetings', () => {
  it('a 常委会 heard two groups’ reports and made three decisions, one overdue; the chair sees them on the board', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/meetings?type=STANDING_COMMITTEE&pageSize=50', as: 'sj.secretary' })).json();
    const sc = list.items.find((m: { title: string }) => m.title === '市纪委常委会2026年第11次会议（演示数据）');
    expect(sc).toMatchObject({ state: 'MINUTES_ISSUED', decisionCount: 3 });
    const detail = (await t.request({ method: 'GET', url: `/api/v1/meetings/${sc.id}`, as: 'sj.secretary' })).json();
    expect(detail.agenda.filter((a: { kind: string }) => a.kind === 'HEAR_REPORT').map((a: { reporterOrg: { name: string } }) => a.reporterOrg.name)).toEqual([
      '驻市教育局纪检监察组',
      '驻市金融工作部门纪检监察组',
    ]);
    expect(detail.decisions.map((d: { state: string }) => d.state)).toEqual(['OVERDUE', 'IN_PROGRESS', 'ASSIGNED']);
    expect(detail.decisions[0].light).toBe('RED');
    expect(detail.attendees.some((a: { attendance: string; leaveReason: string }) => a.attendance === 'LEAVE' && a.leaveReason)).toBe(true);
    const board = (await t.request({ method: 'GET', url: '/api/v1/meeting-decisions?view=chaired', as: 'sj.secretary' })).json();
    expect(board.counts.RED).toBeGreaterThanOrEqual(1);
    // The owner group sees its overdue decision, not the meeting.
    const edu = (await t.request({ method: 'GET', url: '/api/v1/meeting-decisions?view=owned', as: 'edu.group' })).json();
    expect(edu.items.map((d: { state: string }) => d.state)).toContain('OVERDUE');
  });

  it('a 派驻机构负责人会议 chaired by a 分管领导 and a 交流会, both with issued 纪要, labelled 演示数据', async () => {
    for (const [type, as] of [
      ['DISPATCHED_HEADS', 'fsj1.deputy'],
      ['EXCHANGE', 'fsj2.deputy'],
    ] as const) {
      const items = (await t.request({ method: 'GET', url: `/api/v1/meetings?type=${type}`, as })).json().items;
      const m = items.find((x: { title: string }) => x.title.includes('演示数据'));
      expect(m, type).toMatchObject({ state: 'MINUTES_ISSUED', chair: { name: expect.any(String) } });
      const docx = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx`, as });
      expect(docx.statusCode).toBe(200);
    }
  });
});
