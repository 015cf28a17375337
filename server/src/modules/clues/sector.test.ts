/**
 * 行业领域 on clues and cases (issue 15): set on intake and edit (a code of the SECTOR dictionary, anything
 * else refused on `sector` in Chinese and nothing written), carried from the clue to its case, filtered on
 * both ledgers and exported as a column of both Excel ledgers.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { insertBareClue, serviceCtx } from '../../../test/fixtures';
import { inTx } from '../../platform/context';
import { openProposedCase } from '../cases';
import { makeCase } from '../cases/fixtures';
import { createClue, intake } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const req = (method: Method, url: string, as: string, payload?: object) => t.request({ method, url, as, ...(payload ? { payload } : {}) });
const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((i) => i.id);

/** The value under the header `header` in the first data row of the sheet (the header row found by its text). */
async function cellUnder(payload: unknown, sheet: string, header: string, rowOf: (values: string[]) => boolean): Promise<string | null> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  let headerRow = 0;
  ws.eachRow((row, n) => {
    if (col) return;
    row.eachCell((cell, c) => {
      if (String(cell.value) === header) [col, headerRow] = [c, n];
    });
  });
  expect(col, `column ${header}`).toBeGreaterThan(0);
  for (let n = headerRow + 1; n <= ws.rowCount; n++) {
    const values = (ws.getRow(n).values as unknown[]).map((v) => (v == null ? '' : String(v)));
    if (rowOf(values)) return ws.getRow(n).getCell(col).value === null ? null : String(ws.getRow(n).getCell(col).value);
  }
  return null;
}

describe('clue 行业领域', () => {
  it('intake and edit take a SECTOR code; anything else is refused on `sector` and nothing is written', async () => {
    const before = await t.db
      .selectFrom('clue')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await req('POST', '/api/v1/clues', 'xf.officer1', intake({ sector: 'NOPE' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([{ path: 'sector', message: expect.stringContaining('行业领域') }]);
    const malformed = await req('POST', '/api/v1/clues', 'xf.officer1', intake({ sector: '校 园 餐' }));
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details.issues[0]).toMatchObject({ path: 'sector', message: expect.stringContaining('行业领域') });
    expect(
      await t.db
        .selectFrom('clue')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow(),
    ).toEqual(before);

    const c = await createClue(t, { title: '演示数据：反映某校校园餐供应商指定问题', sector: 'SCHOOL_CATERING' });
    const catering = await req('GET', '/api/v1/clues?sector=SCHOOL_CATERING&pageSize=100', 'xf.officer1');
    expect(catering.statusCode, catering.body).toBe(200);
    expect(catering.json().items.find((i: { id: string }) => i.id === c.id)).toMatchObject({ sector: 'SCHOOL_CATERING', sectorLabel: '校园餐' });
    expect(ids(await req('GET', '/api/v1/clues?sector=GRAIN&pageSize=100', 'xf.officer1'))).not.toContain(c.id);
    expect((await req('GET', '/api/v1/clues?sector=a%20b', 'xf.officer1')).statusCode).toBe(400);

    const wrong = await req('PATCH', `/api/v1/clues/${c.id}`, 'xf.officer1', { version: c.version, sector: 'NOPE' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0]).toMatchObject({ path: 'sector' });
    const moved = await req('PATCH', `/api/v1/clues/${c.id}`, 'xf.officer1', { version: c.version, sector: 'GRAIN' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(ids(await req('GET', '/api/v1/clues?sector=GRAIN&pageSize=100', 'xf.officer1'))).toContain(c.id);
    expect(ids(await req('GET', '/api/v1/clues?sector=SCHOOL_CATERING&pageSize=100', 'xf.officer1'))).not.toContain(c.id);

    const xl = await req('GET', '/api/v1/clues/export.xlsx?sector=GRAIN', 'xf.officer1');
    expect(xl.statusCode).toBe(200);
    expect(await cellUnder(xl.rawPayload, '问题线索台账', '行业领域', (v) => v.includes('演示数据：反映某校校园餐供应商指定问题'))).toBe('粮食购销');

    const cleared = await req('PATCH', `/api/v1/clues/${c.id}`, 'xf.officer1', { version: moved.json().version, sector: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect((await t.db.selectFrom('clue').select('sector_code').where('id', '=', c.id).executeTakeFirstOrThrow()).sector_code).toBeNull();
  });
});

describe('case 行业领域', () => {
  it('the case edit takes a SECTOR code (refused otherwise), the ledger filters by it and the Excel shows it', async () => {
    const id = await makeCase(t, { state: 'INVESTIGATING', title: '演示数据：关于某粮库负责人虚假收购问题案', set: { year: 2032 } });
    const bad = await req('PATCH', `/api/v1/cases/${id}`, 'sc8.staff', { version: 1, sector: 'NOPE' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([{ path: 'sector', message: expect.stringContaining('行业领域') }]);
    expect((await t.db.selectFrom('case_file').select(['sector_code', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).version).toBe(1);
    // only the lead department edits it
    expect((await req('PATCH', `/api/v1/cases/${id}`, 'fin.staff', { version: 1, sector: 'GRAIN' })).statusCode).toBe(403);
    const ok = await req('PATCH', `/api/v1/cases/${id}`, 'sc8.staff', { version: 1, sector: 'GRAIN' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ sector: 'GRAIN', sectorLabel: '粮食购销', version: 2 });
    expect(ids(await req('GET', '/api/v1/cases?year=2032&sector=GRAIN', 'sj.secretary'))).toEqual([id]);
    expect(ids(await req('GET', '/api/v1/cases?year=2032&sector=FINANCE', 'sj.secretary'))).toEqual([]);
    const xl = await req('GET', '/api/v1/cases/export.xlsx?year=2032&sector=GRAIN', 'ag.manager1');
    expect(xl.statusCode).toBe(200);
    expect(await cellUnder(xl.rawPayload, '案件台账', '行业领域', (v) => v.includes('演示数据：关于某粮库负责人虚假收购问题案'))).toBe('粮食购销');
  });

  it('a clue proposed as a case takes its 行业领域 along to the case', async () => {
    const ctx = await serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
    const clueId = await insertBareClue(t.db, { cadre_management: 'LOWER' });
    await t.db.updateTable('clue').set({ sector_code: 'FINANCE' }).where('id', '=', clueId).execute();
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    expect((await t.db.selectFrom('case_file').select('sector_code').where('id', '=', caseId).executeTakeFirstOrThrow()).sector_code).toBe('FINANCE');
  });
});
