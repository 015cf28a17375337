/** The 纪要 DOCX (unzipped), the meeting calendar with its linked entries, and the Excel exports. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { day, heldWithDecisions, standingCommittee, userOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const fromXml = (xml: string) =>
  xml
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
/** The document's visible text, runs joined (a line's label and names sit in separate runs). */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => fromXml(m[1]!)).join('');

describe('纪要 DOCX', () => {
  it('GB/T 9704 纪要 layout: red 纪要 mark, no 发文字号, 出席 / 请假 / 列席 lines with names and units, decisions with owner and deadline', async () => {
    const jc5 = await userOf(t, 'jc5.staff');
    const m = await heldWithDecisions(t, [{ ownerOrgId: jc5.orgId, content: '牵头制定室组联动监督工作规则', days: 30 }]);
    await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: m.version, minutes: '会议认为，派驻监督工作总体有力有效。' },
    });
    const before = await auditCount(t, 'meeting.minutes_exported', m.id);
    const res = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx`, as: 'cw1.member' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = textOf(xml);
    expect(text).toContain('中共兰州市纪委常委会会议纪要');
    expect(xml).toMatch(/w:color w:val="FF0000"/);
    expect(xml).toContain('方正小标宋简体');
    // No 发文字号 (代字〔年〕N号) anywhere, and no 落款 line of the organ before the 版记.
    expect(text).not.toMatch(/〔\d{4}〕\d+号/);
    expect(text).not.toMatch(/\[\d{4}\]\d+号/);
    // The attendance lines, label in 黑体, with names and units.
    expect(text).toMatch(/出席：[^请]*（兰州市纪委监委）/);
    expect(text).toContain('请假：');
    expect(text).toMatch(/请假：[^列]*外出学习/);
    expect(text).toMatch(/列席：[^。]*王某某（市教育局）/);
    expect(text).toContain('驻市教育局纪检监察组');
    expect(xml).toMatch(
      /<w:rFonts[^>]*w:eastAsia="黑体"[^>]*\/>(?:<w:spacing w:val="-?\d+"\/>)?<w:sz w:val="32"\/>(?:<w:szCs w:val="32"\/>)?<\/w:rPr><w:t[^>]*>出席：/,
    );
    expect(text).toContain('会议认为，派驻监督工作总体有力有效。');
    // One heading hierarchy: 一、会议议定事项, then each decision （一）.
    expect(text).toContain('一、会议议定事项');
    expect(text).toMatch(/（一）牵头制定室组联动监督工作规则（承办单位：第五监督检查室；办理时限：\d{4}年\d{1,2}月\d{1,2}日前）/);
    expect(text).toContain('第12次常委会会议');
    expect(text).toContain('演示数据');
    const header = Object.keys(zip.files).find((f) => /word\/header\d*\.xml/.test(f))!;
    const headerXml = await zip.file(header)!.async('string');
    expect(headerXml).toContain('纪要草稿（未印发）');
    // A 纪要 not yet issued is a draft: the diagonal 草稿 watermark and no 印发日期.
    expect(headerXml).toMatch(/rotation:315[^>]*>[\s\S]*string="草稿"/);
    expect(text).not.toContain('印发');
    // The print copy carries no watermark line (the exporter stays in the file's metadata), and its export is audited as such.
    const print = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx?copy=print`, as: 'cw1.member' });
    expect(print.statusCode).toBe(200);
    const pzip = await JSZip.loadAsync(print.rawPayload);
    for (const h of Object.keys(pzip.files).filter((f) => /word\/header\d*\.xml/.test(f))) expect(await pzip.file(h)!.async('string')).not.toContain('导出人');
    expect(await pzip.file('docProps/core.xml')!.async('string')).toContain('导出人');
    const bad = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx?copy=paper`, as: 'cw1.member' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('copy');
    expect(await auditCount(t, 'meeting.minutes_exported', m.id)).toBe(before + 2);
    const last = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'meeting.minutes_exported')
      .where('object_id', '=', m.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.payload).toMatchObject({ copy: 'print' });
  });
});

describe('meeting calendar', () => {
  it('one month: our meetings plus linked 室组会商 and 集体排查 entries, each only for who may open them where they live', async () => {
    const m = await standingCommittee(t, { title: '日历里的常委会' });
    const month = day(0).slice(0, 7);
    const mine = await t.request({ method: 'GET', url: `/api/v1/meetings/calendar?month=${month}`, as: 'edu.group' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().entries.find((e: { id: string }) => e.id === m.id)).toMatchObject({ kind: 'MEETING', link: `/meetings/${m.id}`, time: '09:00' });
    // 2026-01: the demo's 室组会商 records — the education group sees its lists' ones, linking to the list page; not the finance group's.
    const jan = (await t.request({ method: 'GET', url: '/api/v1/meetings/calendar?month=2026-01', as: 'edu.group' })).json();
    const cons = jan.entries.filter((e: { kind: string }) => e.kind === 'LIST_CONSULTATION');
    expect(cons.length).toBeGreaterThan(0);
    for (const c of cons) expect(c.title).toContain('驻市教育局纪检监察组');
    expect(cons[0].link).toMatch(/^\/supervision\/lists\/[0-9a-f-]{36}$/);
    const listRes = await t.request({ method: 'GET', url: `/api/v1${cons[0].link}`, as: 'edu.group' });
    expect(listRes.statusCode).toBe(200);
    expect(JSON.stringify(jan)).not.toContain('驻市金融工作部门');
    // 2026-11: the 发改委 group's screening meeting — its participants see it, the education group does not.
    const fgw = (await t.request({ method: 'GET', url: '/api/v1/meetings/calendar?month=2026-11', as: 'fgw.group' })).json();
    const screening = fgw.entries.find((e: { kind: string }) => e.kind === 'CLUE_MEETING');
    expect(screening).toMatchObject({ title: '驻市发展和改革委员会纪检监察组2026年第四季度问题线索集体排查会', date: '2026-11-20' });
    expect(screening.link).toBe(`/clues/meetings?open=${screening.id}`);
    const edu = (await t.request({ method: 'GET', url: '/api/v1/meetings/calendar?month=2026-11', as: 'edu.group' })).json();
    expect(edu.entries.find((e: { kind: string }) => e.kind === 'CLUE_MEETING')).toBeUndefined();
    expect((await t.request({ method: 'GET', url: '/api/v1/meetings/calendar?month=2026-13', as: 'edu.group' })).statusCode).toBe(400);
  });
});

describe('Excel exports', () => {
  async function sheet(res: { rawPayload: Buffer }) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rows: string[] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).join('|')));
    return rows;
  }

  it('the meetings ledger holds only visible meetings, watermarked, audited', async () => {
    await standingCommittee(t, { title: '导出用常委会' });
    const before = await auditCount(t, 'meeting.exported');
    const res = await t.request({ method: 'GET', url: '/api/v1/meetings/export.xlsx', as: 'cw1.member' });
    expect(res.statusCode).toBe(200);
    const rows = await sheet(res);
    expect(rows[0]).toContain('导出人');
    expect(rows.some((r) => r.includes('导出用常委会') && r.includes('常委会会议'))).toBe(true);
    expect(await auditCount(t, 'meeting.exported')).toBe(before + 1);
    const outsider = await sheet(await t.request({ method: 'GET', url: '/api/v1/meetings/export.xlsx', as: 'fsj3.deputy' }));
    expect(outsider.some((r) => r.includes('导出用常委会'))).toBe(false);
  });

  it('the decisions board export carries lights, owners and deadlines; the owner org gets its own rows only', async () => {
    const [jc5, fin] = await Promise.all([userOf(t, 'jc5.staff'), userOf(t, 'fin.group')]);
    await heldWithDecisions(t, [
      { ownerOrgId: jc5.orgId, content: '导出事项甲', days: 2 },
      { ownerOrgId: fin.orgId, content: '导出事项乙', days: 60 },
    ]);
    const chair = await sheet(await t.request({ method: 'GET', url: '/api/v1/meeting-decisions/export.xlsx?view=chaired', as: 'sj.secretary' }));
    expect(chair.find((r) => r.includes('导出事项甲'))).toMatch(/临期.*第五监督检查室/);
    expect(chair.some((r) => r.includes('导出事项乙'))).toBe(true);
    const owner = await sheet(await t.request({ method: 'GET', url: '/api/v1/meeting-decisions/export.xlsx', as: 'jc5.staff' }));
    expect(owner.some((r) => r.includes('导出事项甲'))).toBe(true);
    expect(owner.some((r) => r.includes('导出事项乙'))).toBe(false);
    expect(await auditCount(t, 'meeting.decisions_exported')).toBeGreaterThanOrEqual(2);
  });
});

describe('staff picker', () => {
  it('lists business accounts for the organiser, never the 三员; others may not browse it', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/meetings/staff?q=${encodeURIComponent('监督检查室')}`, as: 'sj.secretary' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    const all = (await t.request({ method: 'GET', url: '/api/v1/meetings/staff', as: 'sj.secretary' })).json().items;
    expect(all.some((u: { roles: string[] }) => u.roles.includes('SYS_ADMIN') || u.roles.includes('UNIT_LIAISON'))).toBe(false);
    expect((await t.request({ method: 'GET', url: '/api/v1/meetings/staff', as: 'edu.group' })).statusCode).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('documents every meeting route with an operationId and schemas', async () => {
    const doc = (await t.request({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId?: string; tags?: string[] }>>)
      .filter(([p]) => p.startsWith('/api/v1/meeting'))
      .flatMap(([, methods]) => Object.values(methods));
    expect(ops.length).toBe(14);
    for (const op of ops) {
      expect(op.operationId).toBeTruthy();
      expect(op.tags).toEqual(['meetings']);
    }
  });
});
