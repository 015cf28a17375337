/** The demo's reporting calendar and work reports (issue 11) as a user finds them. */
import JSZip from 'jszip';
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
    // Each approved by its group's head (the 组长), not by a commission leader.
    for (const [user, a, head] of [
      ['edu.staff', heard[0], '骆秉文'],
      ['fin.staff', heard[1], '隗正清'],
    ] as const) {
      const r = (await t.request({ method: 'GET', url: `/api/v1/work-reports/${a.workReport.id}`, as: user })).json();
      expect(r).toMatchObject({ state: 'HEARD', heardMeeting: { id: sc.id }, approvedBy: head });
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

describe('the report as a document', () => {
  it('renders the DOCX (unzipped): addressed to the 常委会, four sections, the statistics table, no 文号; drafts are marked; 404 outside', async () => {
    const heard = (await t.request({ method: 'GET', url: '/api/v1/work-reports?state=HEARD', as: 'fin.staff' })).json().items[0];
    const res = await t.request({ method: 'GET', url: `/api/v1/work-reports/${heard.id}/report.docx`, as: 'fin.staff' });
    expect(res.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const words of [
      '常委会：',
      '一、主要做法',
      '二、工作成效',
      '三、短板差距',
      '四、对策建议',
      '受理问题线索',
      '运用第二种形态（人次）',
      '驻市金融工作部门纪检监察组',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toContain('草稿（未报送）');
    expect(text).not.toMatch(/〔\d{4}〕\d+号/);
    expect(
      Number(
        (
          await t.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('type', '=', 'report.docx_exported')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(1);
    const draft = (await t.request({ method: 'GET', url: '/api/v1/work-reports?state=DRAFT', as: 'fgw.group' })).json().items[0];
    const d = await t.request({ method: 'GET', url: `/api/v1/work-reports/${draft.id}/report.docx`, as: 'fgw.group' });
    expect((await (await JSZip.loadAsync(d.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '')).toContain('草稿（未报送）');
    expect((await t.request({ method: 'GET', url: `/api/v1/work-reports/${draft.id}/report.docx`, as: 'edu.group' })).statusCode).toBe(404);
  });
});
