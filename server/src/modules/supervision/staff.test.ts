import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function eduList(): Promise<string> {
  const res = await t.request({ method: 'GET', url: '/api/v1/supervision/lists?year=2026&type=INDIVIDUAL', as: 'edu.group' });
  expect(res.statusCode).toBe(200);
  const list = res.json().items.find((l: { ownerGroupName: string }) => l.ownerGroupName.includes('教育'));
  return list.id;
}

it('names the staff of the list’s group and liaison office as possible responsible persons', async () => {
  const id = await eduList();
  const res = await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${id}/staff`, as: 'jc3.director' });
  expect(res.statusCode).toBe(200);
  const orgs = new Set(res.json().items.map((s: { orgName: string }) => s.orgName));
  expect([...orgs].sort()).toEqual(['第三监督检查室', '驻市教育局纪检监察组'].sort());
  const usernames = await t.db
    .selectFrom('app_user')
    .select(['id', 'username'])
    .where(
      'id',
      'in',
      res.json().items.map((s: { id: string }) => s.id),
    )
    .execute();
  expect(usernames.map((u) => u.username)).toEqual(expect.arrayContaining(['edu.group', 'jc3.director']));
  expect(usernames.map((u) => u.username)).not.toContain('edu.liaison');
});

it('answers 404 for a list outside the caller’s scope and for the 三员', async () => {
  const id = await eduList();
  expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${id}/staff`, as: 'fin.group' })).statusCode).toBe(404);
  expect((await t.request({ method: 'GET', url: `/api/v1/supervision/lists/${id}/staff`, as: 'sysadmin' })).statusCode).toBe(404);
});

it('exports the lists view with the same visibility as the list endpoint', async () => {
  const ExcelJS = (await import('exceljs')).default;
  const read = async (as: string) => {
    const res = await t.request({ method: 'GET', url: '/api/v1/supervision/lists/export.xlsx?year=2026', as });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const text: string[] = [];
    wb.worksheets[0]!.eachRow((row) => text.push(String(row.values)));
    return text.join('\n');
  };
  const edu = await read('edu.group');
  expect(edu).toContain('驻市教育局纪检监察组2026年度个性监督清单');
  expect(edu).not.toContain('驻市财政局');
  expect(edu).toContain('导出人');
  const coordinator = await read('dfzf.staff');
  expect(coordinator).toContain('驻市财政局');
});
