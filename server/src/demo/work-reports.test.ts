/** The demo's reporting calendar and work reports (issue 11) as a user finds them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('demo work reports', () => {
  it('the demo 常委会 heard the education and finance groups’ reports, linked from its 听取汇报 items; the reports name it', async () => {
    const list = (await t.request({ method: 'GET', url: '/api/v1/meetings?type=STANDING_COMMITTEE&pageSize=50', as: 'sj.secretary' })).json();
    const sc = list.items.find((m: { title: string }) => m.title.includes('第11次会议（演示数据）'));
    const detail = (await t.request({ method: 'GET', url: `/api/v1/meetings/${sc.id}`, as: 'sj.secretary' })).json();
    const heard = detail.agenda.filter((a: { kind: string }) => a.kind === 'HEAR_REPORT');
    expect(heard.map((a: { workReport: { state: string } | null }) => a.workReport?.state)).toEqual(['HEARD', 'HEARD']);
    for (const [user, a] of [
      ['edu.staff', heard[0]],
      ['fin.staff', heard[1]],
    ] as const) {
      const r = (await t.request({ method: 'GET', url: `/api/v1/work-reports/${a.workReport.id}`, as: user })).json();
      expect(r).toMatchObject({ state: 'HEARD', heardMeeting: { id: sc.id }, approvedBy: '邰书亭' });
      expect(r.title).toContain('演示数据');
      expect(r.reporterOrg.name).toBe(a.reporterOrg.name);
      expect(r.stats.frozen).toBe(true);
      expect(r.timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'submit', 'approve', 'submitToCommittee', 'hear']);
    }
    // The development-and-reform group's report is still a draft, its own to edit.
    const fgw = (await t.request({ method: 'GET', url: '/api/v1/work-reports?state=DRAFT', as: 'fgw.group' })).json();
    expect(fgw.items).toHaveLength(1);
    const draft = (await t.request({ method: 'GET', url: `/api/v1/work-reports/${fgw.items[0].id}`, as: 'fgw.group' })).json();
    expect(draft.abilities).toEqual({ edit: true, actions: ['submit'] });
  });
});
