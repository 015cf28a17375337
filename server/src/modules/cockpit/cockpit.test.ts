/** 监督质效 cockpit: every linked figure equals its ledger's total for the same caller, scope, aggregates-only, errors, exports. */
import type { Cockpit, CockpitCells, CockpitDimension, CockpitLink } from '@liandong/domain/cockpit/contracts';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';

let t: TestApp;
const org = new Map<string, string>();
const YEAR = 2026;

beforeAll(async () => {
  t = await createTestApp();
  for (const o of await t.db.selectFrom('org').select(['id', 'code']).execute()) org.set(o.code, o.id);
});
afterAll(() => t.close());

async function cockpit(as: string, query: string): Promise<Cockpit> {
  const res = await t.request({ method: 'GET', url: `/api/v1/cockpit?${query}`, as });
  expect(res.statusCode, `${as} ${query}: ${res.body}`).toBe(200);
  return res.json();
}

function urlOf(link: CockpitLink): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(link.query)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  sp.set('page', '1');
  sp.set('pageSize', '1');
  return `${link.api}?${sp}`;
}

const ledgerTotals = new Map<string, number>();
async function ledgerTotal(as: string, link: CockpitLink): Promise<number> {
  const url = urlOf(link);
  const key = `${as} ${url}`;
  const known = ledgerTotals.get(key);
  if (known !== undefined) return known;
  const res = await t.request({ method: 'GET', url, as });
  expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
  const total = res.json().total as number;
  ledgerTotals.set(key, total);
  return total;
}

/** Compares every linked cell of the cells with its ledger; returns how many were compared and how many were non-zero. */
async function compare(as: string, where: string, cells: CockpitCells): Promise<{ compared: number; nonZero: number }> {
  let compared = 0;
  let nonZero = 0;
  for (const [metric, cell] of Object.entries(cells)) {
    if (!cell.link) continue;
    expect(cell.value, `${as} ${where} ${metric}`).not.toBeNull();
    expect(await ledgerTotal(as, cell.link), `${as} ${where} ${metric} → ${urlOf(cell.link)}`).toBe(cell.value);
    compared++;
    if (cell.value) nonZero++;
  }
  return { compared, nonZero };
}

const DIMENSIONS: CockpitDimension[] = ['office', 'group', 'county', 'sector'];
/** Demo accounts of different scopes (the standing committee is tried apart: it has no links). */
const ACCOUNTS: [string, string][] = [
  ['sj.secretary', '书记 (commission)'],
  ['jc3.staff', '监督检查室'],
  ['edu.group', '派驻组'],
  ['yz.county', '县区 (榆中县)'],
  ['fsj1.deputy', '分管领导'],
];

describe('GET /api/v1/cockpit — figures equal the ledgers', () => {
  it.each(ACCOUNTS)('%s (%s): each linked cell equals the total of the ledger behind its link', async (as) => {
    let compared = 0;
    let nonZero = 0;
    for (const dimension of DIMENSIONS) {
      const c = await cockpit(as, `year=${YEAR}&dimension=${dimension}`);
      expect(c.aggregatesOnly).toBe(false);
      expect(c.scope).toBe(as === 'sj.secretary' ? 'COMMISSION' : 'SCOPED');
      const total = await compare(as, `${dimension} 合计`, c.total);
      compared += total.compared;
      nonZero += total.nonZero;
      // The first rows with figures (each row's links name its org or sector).
      for (const row of c.rows.filter((r) => Object.values(r.cells).some((x) => x.value)).slice(0, 2)) {
        const r = await compare(as, `${dimension} ${row.name}`, row.cells);
        compared += r.compared;
        nonZero += r.nonZero;
      }
      // The rows never add up to more than the total (a row is a filter of it).
      for (const [m, cell] of Object.entries(c.total)) {
        if (cell.value === null) continue;
        const sum = c.rows.reduce((s, r) => s + (r.cells[m as keyof CockpitCells].value ?? 0), 0);
        expect(sum, `${as} ${dimension} ${m}`).toBeLessThanOrEqual(cell.value);
      }
    }
    expect(compared).toBeGreaterThan(40);
    expect(nonZero, `${as}: the demo data gives figures to compare`).toBeGreaterThan(5);
  });

  it('a scoped account gets the rows of its own scope only, the commission-wide account every org of the kind', async () => {
    const group = await cockpit('edu.group', `year=${YEAR}&dimension=group`);
    const own = org.get('LZ-JW-PZ-JYJ');
    expect(group.rows.every((r) => r.key === own)).toBe(true);
    const wide = await cockpit('sj.secretary', `year=${YEAR}&dimension=group`);
    expect(wide.total.cluesReceived.value ?? 0).toBeGreaterThan(group.total.cluesReceived.value ?? 0);
  });

  it('orgId narrows every figure to that org: the total equals its row', async () => {
    const all = await cockpit('sj.secretary', `year=${YEAR}&dimension=group`);
    const row = all.rows.find((r) => (r.cells.cluesReceived.value ?? 0) > 0);
    expect(row).toBeDefined();
    const one = await cockpit('sj.secretary', `year=${YEAR}&dimension=group&orgId=${row!.key}`);
    expect(one.rows.map((r) => r.key)).toEqual([row!.key]);
    for (const [m, cell] of Object.entries(one.total)) expect(cell.value, m).toBe(row!.cells[m as keyof CockpitCells].value);
    await compare('sj.secretary', 'orgId total', one.total);
  });

  it('a sector filter keeps the figures that have a sector and leaves the others null', async () => {
    const c = await cockpit('sj.secretary', `year=${YEAR}&dimension=sector&sector=SCHOOL_CATERING`);
    expect(c.total.lettersIssued.value).toBeNull();
    expect(c.total.itemsTotal.value).toBeNull();
    expect(c.total.cluesReceived.value).not.toBeNull();
    expect(c.rows.every((r) => r.key === 'SCHOOL_CATERING')).toBe(true);
    await compare('sj.secretary', 'sector filter', c.total);
  });
});

describe('the standing committee: aggregates only', () => {
  it('gets the commission figures without a single link to an object list', async () => {
    for (const dimension of DIMENSIONS) {
      const sc = await cockpit('cw5.member', `year=${YEAR}&dimension=${dimension}`);
      const sj = await cockpit('sj.secretary', `year=${YEAR}&dimension=${dimension}`);
      expect(sc.aggregatesOnly).toBe(true);
      expect(sc.scope).toBe('COMMISSION');
      const cells = [sc.total, ...sc.rows.map((r) => r.cells)].flatMap((c) => Object.values(c));
      expect(cells.every((c) => c.link === null)).toBe(true);
      expect(JSON.stringify(sc)).not.toMatch(/\/api\/v1\/|"screen"/);
      for (const [m, cell] of Object.entries(sc.total)) expect(cell.value, m).toBe(sj.total[m as keyof CockpitCells].value);
      expect(sc.rows.map((r) => r.key)).toEqual(sj.rows.map((r) => r.key));
    }
  });
});

describe('errors and access', () => {
  it.each([
    ['dimension=unit', 'dimension', '维度须为'],
    ['year=abc', 'year', '年度须为整数'],
    ['year=1999', 'year', '年度不早于2000'],
    ['orgId=42', 'orgId', '组织编号格式不正确'],
    ['sector=%E6%A0%A1', 'sector', '行业领域须为数据字典“行业领域”的编码'],
    ['sector=NO_SUCH_SECTOR', 'sector', '行业领域不在字典中'],
  ])('400 on %s with a zh-CN message on the field', async (q, path, message) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cockpit?${q}`, as: 'sj.secretary' });
    expect(res.statusCode).toBe(400);
    const issues = res.json().details.issues as { path: string; message: string }[];
    expect(
      issues.some((i) => i.path === `querystring.${path}` && i.message.includes(message)),
      JSON.stringify(issues),
    ).toBe(true);
  });

  it.each(['sl.staff1', 'edu.liaison', 'sysadmin'])('403 for %s (no cockpit)', async (as) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/cockpit?year=${YEAR}`, as });
    expect(res.statusCode).toBe(403);
    const x = await t.request({ method: 'GET', url: `/api/v1/cockpit/export.xlsx?year=${YEAR}`, as });
    expect(x.statusCode).toBe(403);
  });

  it('401 without a session', async () => {
    expect((await t.request({ method: 'GET', url: `/api/v1/cockpit?year=${YEAR}` })).statusCode).toBe(401);
  });

  it('404 for an org outside a scoped account (and for an unknown org); its own org is fine', async () => {
    const other = org.get('LZ-JW-PZ-FGW')!;
    const res = await t.request({ method: 'GET', url: `/api/v1/cockpit?year=${YEAR}&dimension=group&orgId=${other}`, as: 'edu.group' });
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toContain('不存在或无权访问');
    const unknown = await t.request({ method: 'GET', url: `/api/v1/cockpit?orgId=00000000-0000-4000-8000-000000000000`, as: 'sj.secretary' });
    expect(unknown.statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/cockpit/summary.docx?orgId=${other}`, as: 'edu.group' })).statusCode).toBe(404);
    const own = await cockpit('edu.group', `year=${YEAR}&dimension=group&orgId=${org.get('LZ-JW-PZ-JYJ')}`);
    expect(own.rows.length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['/api/v1/campaigns?active=maybe', 'active'],
    ['/api/v1/campaigns?leadOrgId=x', 'leadOrgId'],
    ['/api/v1/supervision/my-items?role=scope&leadOrgId=x', 'leadOrgId'],
    ['/api/v1/clues?sector=%E6%A0%A1', 'sector'],
    ['/api/v1/cases?sector=a%20b', 'sector'],
  ])('the ledger filters the cockpit added are validated: %s → 400', async (url, path) => {
    const res = await t.request({ method: 'GET', url, as: 'sj.secretary' });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues.map((i: { path: string }) => i.path)).toContain(`querystring.${path}`);
  });
});

describe('cache', () => {
  it('a new clue shows at once (the epoch moves the key)', async () => {
    const before = await cockpit('sj.secretary', `year=${YEAR}&dimension=office`);
    const cid = (await t.db.selectFrom('org').select('commission_id').executeTakeFirstOrThrow()).commission_id;
    await t.db
      .insertInto('clue')
      .values({
        commission_id: cid,
        year: YEAR,
        source: 'PETITION_LETTER',
        received_on: `${YEAR}-03-02`,
        receiving_org_id: org.get('LZ-JW-XFS')!,
        title: '演示数据：驾驶舱缓存测试线索',
        summary: '演示数据',
        subject_name: '测试对象某某',
        undertaking_org_id: org.get('LZ-JW-JC3')!,
        state: 'UNDER_ANALYSIS',
        propose_due: `${YEAR}-04-02`,
      })
      .execute();
    const after = await cockpit('sj.secretary', `year=${YEAR}&dimension=office`);
    expect(after.total.cluesReceived.value).toBe((before.total.cluesReceived.value ?? 0) + 1);
    expect(after.series.find((s) => s.key === 'cluesReceived')?.values[2]).toBe((before.series.find((s) => s.key === 'cluesReceived')?.values[2] ?? 0) + 1);
  });
});

describe('exports', () => {
  it('Excel: the table and the 合计 row, audited', async () => {
    const before = await auditCount(t.db, 'cockpit.exported');
    const res = await t.request({ method: 'GET', url: `/api/v1/cockpit/export.xlsx?year=${YEAR}&dimension=county`, as: 'sj.secretary' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const shared = new TextDecoder().decode(zip['xl/sharedStrings.xml']);
    expect(shared).toContain('合计');
    expect(shared).toContain('县区纪委监委');
    expect(new TextDecoder().decode(zip['xl/worksheets/sheet1.xml'])).toContain('landscape');
    expect(await auditCount(t.db, 'cockpit.exported')).toBe(before + 1);
  });

  it('DOCX for the 常委会: text, table and two chart images; the standing committee may export it; audited', async () => {
    const before = await auditCount(t.db, 'cockpit.summary_exported');
    const res = await t.request({ method: 'GET', url: `/api/v1/cockpit/summary.docx?year=${YEAR}&dimension=group`, as: 'cw5.member' });
    expect(res.statusCode).toBe(200);
    const zip = unzipSync(new Uint8Array(res.rawPayload));
    const doc = new TextDecoder().decode(zip['word/document.xml']);
    expect(doc).toContain('监督质效情况的报告');
    expect(doc).toContain('委常委会');
    expect(doc).toContain('受理问题线索');
    const pngs = Object.keys(zip).filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    expect(pngs.length).toBe(2);
    // A real picture (PNG signature, some kilobytes of drawing), not an empty canvas.
    for (const p of pngs) {
      expect(Buffer.from(zip[p]!).subarray(1, 4).toString()).toBe('PNG');
      expect(zip[p]!.length).toBeGreaterThan(10_000);
    }
    expect(await auditCount(t.db, 'cockpit.summary_exported')).toBe(before + 1);
  });
});
