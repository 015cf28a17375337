/**
 * 自查自纠 set-up over HTTP on the demo data: the checklist (who may write it, validation, stale versions,
 * aspects already sent), rounds (validation, targets) and the Excel import of target units with their
 * contact accounts (per-row errors, dryRun, nothing written on any error, random initial passwords).
 */
import { SCHOOL_CATERING_ASPECTS } from '@liandong/domain/self-inspection/enums';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount, multipart } from '../../../test/fixtures';
import { verify } from '@node-rs/argon2';
import { todayIso } from '../../platform/calendar';

let t: TestApp;
let grain: string;
let catering: string;
beforeAll(async () => {
  t = await createTestApp();
  const rows = await t.db.selectFrom('campaign').select(['id', 'domain']).execute();
  grain = rows.find((r) => r.domain === 'GRAIN')!.id;
  catering = rows.find((r) => r.domain === 'SCHOOL_CATERING')!.id;
});
afterAll(() => t.close());

const tomorrow = () => {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};
const template = (aspects = SCHOOL_CATERING_ASPECTS.slice(0, 3), extra: Record<string, unknown> = {}) => ({ title: '粮食购销自查清单', aspects, ...extra });
const put = (id: string, payload: unknown, as = 'dfzf.director') =>
  t.request({ method: 'PUT', url: `/api/v1/campaigns/${id}/self-inspection/template`, payload: payload as object, as });
const count = async (table: 'org' | 'app_user' | 'self_inspection_unit' | 'self_inspection_response') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function sheet(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('自查单位');
  ws.addRow(['单位名称', '上级单位代码', '联系人姓名', '手机', '账号']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(campaign: string, content: Buffer, dryRun: boolean, as = 'dfzf.director') {
  const mp = multipart({}, { filename: '自查单位.xlsx', content });
  return t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaign}/self-inspection/units/import?dryRun=${dryRun}`,
    payload: mp.payload,
    headers: mp.headers,
    as,
  });
}

describe('checklist template', () => {
  it('the lead office writes the checklist; a reader of the campaign may not (403); an outsider gets 404', async () => {
    const before = await auditCount(t.db, 'self_inspection.template_saved');
    expect((await put(grain, template(), 'sj.secretary')).statusCode).toBe(403);
    expect((await put(grain, template(), 'gl.county')).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection`, as: 'gl.county' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection`, as: 'bank.liaison' })).statusCode).toBe(404);
    const res = await put(grain, template());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.template.aspects.map((a: { title: string }) => a.title)).toEqual(['资金使用', '招标采购', '食材采购与验收']);
    expect(body.abilities).toEqual({ manage: true, review: true });
    expect(await auditCount(t.db, 'self_inspection.template_saved')).toBe(before + 1);
    const seen = await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection`, as: 'sj.secretary' });
    expect(seen.json().abilities.manage).toBe(false);
  });

  it('refuses duplicate codes with the field path, a stale version with 409, an empty list with 400', async () => {
    const dup = await put(grain, { ...template(), version: 1, aspects: [SCHOOL_CATERING_ASPECTS[0], { ...SCHOOL_CATERING_ASPECTS[1]!, code: 'FUNDS' }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().details.issues[0].path).toBe('aspects.1.code');
    expect((await put(grain, { ...template(), version: 99 })).statusCode).toBe(409);
    const empty = await put(grain, { ...template([]), version: 1 });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/至少需要一个自查方面/);
  });

  it('a co-leader of the campaign’s 专班 manages it; an aspect already sent cannot be removed (422)', async () => {
    // yz.jyj is a plain member of the demo 校园餐 专班: it may not manage the checklist until it is a co-leader.
    const member = await t.db.selectFrom('app_user').select('id').where('username', '=', 'yz.jyj').executeTakeFirstOrThrow();
    expect((await put(catering, { title: '新清单', aspects: SCHOOL_CATERING_ASPECTS, version: 1 }, 'yz.jyj')).statusCode).toBe(403);
    const tf = await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', catering).executeTakeFirstOrThrow();
    await t.db.updateTable('task_force_member').set({ role: 'CO_LEADER' }).where('task_force_id', '=', tf.id).where('user_id', '=', member.id).execute();
    const ok = await put(catering, { title: '校园餐自查清单（修订）', aspects: SCHOOL_CATERING_ASPECTS, version: 1 }, 'yz.jyj');
    expect(ok.statusCode, ok.body).toBe(200);
    const dropped = await put(catering, { title: '校园餐自查清单', aspects: SCHOOL_CATERING_ASPECTS.slice(1), version: 2 }, 'yz.jyj');
    expect(dropped.statusCode).toBe(422);
    expect(dropped.json().message).toContain('FUNDS');
    await t.db.updateTable('task_force_member').set({ role: 'MEMBER' }).where('task_force_id', '=', tf.id).where('user_id', '=', member.id).execute();
  });
});

describe('rounds', () => {
  it('refuses a past due date (400 dueOn), a unit outside the targets (400), and no target units yet (422)', async () => {
    const url = `/api/v1/campaigns/${grain}/self-inspection/rounds`;
    const past = await t.request({ method: 'POST', url, payload: { title: '第一批', dueOn: '2020-01-01' }, as: 'dfzf.director' });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0].path).toBe('dueOn');
    const none = await t.request({ method: 'POST', url, payload: { title: '第一批', dueOn: tomorrow() }, as: 'dfzf.director' });
    expect(none.statusCode).toBe(422);
    const stray = await t.request({ method: 'POST', url, payload: { title: '第一批', dueOn: tomorrow(), unitIds: [catering] }, as: 'dfzf.director' });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().details.issues[0].path).toBe('unitIds.0');
    const bad = await t.request({ method: 'POST', url, payload: { title: '', dueOn: 'tomorrow' }, as: 'dfzf.director' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('existing host units as targets', () => {
  it('adds a county education bureau; refuses an org that is not a host unit (400 with its path), adding nothing', async () => {
    const ids = new Map((await t.db.selectFrom('org').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));
    const url = `/api/v1/campaigns/${grain}/self-inspection/units`;
    const before = await count('self_inspection_unit');
    const bad = await t.request({ method: 'POST', url, as: 'dfzf.director', payload: { orgIds: [ids.get('LZ-YZ-HU-JYJ'), ids.get('LZ-JW-DFZF')] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('orgIds.1');
    expect(await count('self_inspection_unit')).toBe(before);
    expect((await t.request({ method: 'POST', url, as: 'sj.secretary', payload: { orgIds: [ids.get('LZ-YZ-HU-JYJ')] } })).statusCode).toBe(403);
    const ok = await t.request({ method: 'POST', url, as: 'dfzf.director', payload: { orgIds: [ids.get('LZ-YZ-HU-JYJ'), ids.get('LZ-YZ-HU-JYJ')] } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().items).toEqual([expect.objectContaining({ name: '榆中县教育局', liaisons: [expect.objectContaining({ username: 'yzjyj.liaison' })] })]);
    expect(await count('self_inspection_unit')).toBe(before + 1);
  });
});

describe('Excel import of target units and their contact accounts', () => {
  it('reports every bad row with its row number, column and a zh-CN message, and writes nothing', async () => {
    const before = await Promise.all([count('org'), count('app_user'), count('self_inspection_unit')]);
    const res = await upload(
      grain,
      await sheet([
        ['榆中县示例粮库', 'LZ-YZ', '张示例', '13800000001', 'yz.grain1'],
        ['', 'NO-SUCH', '李示例', '12345', 'Bad Name'],
        ['永登县示例粮库', 'LZ-YD', '', '13800000003', 'yz.grain1'],
        ['兰州新区示例粮库', 'LZ-XQ', '王示例', '13800000004', 'sj.secretary'],
      ]),
      false,
    );
    expect(res.statusCode, res.body).toBe(422);
    const errors = res.json().details.errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '单位名称', message: '不能为空' }),
        expect.objectContaining({ row: 3, column: '上级单位代码', message: expect.stringContaining('NO-SUCH') }),
        expect.objectContaining({ row: 3, column: '手机', message: '须为11位手机号码' }),
        expect.objectContaining({ row: 3, column: '账号' }),
        expect.objectContaining({ row: 4, column: '联系人姓名', message: '不能为空' }),
        expect.objectContaining({ row: 4, column: '账号', message: '与第2行的账号重复' }),
        expect.objectContaining({ row: 5, column: '账号', message: expect.stringContaining('已被使用') }),
      ]),
    );
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect(res.json().message).toMatch(/未写入任何数据/);
    expect(await Promise.all([count('org'), count('app_user'), count('self_inspection_unit')])).toEqual(before);
  });

  it('dryRun checks and writes nothing; the real run creates HOST_UNIT orgs and UNIT_LIAISON accounts with random passwords to change', async () => {
    const rows = [
      ['榆中县示例粮库', 'LZ-YZ', '张示例', '13800000001', 'yz.grain1'],
      ['榆中县示例粮库', 'LZ-YZ', '赵示例', '13800000002', 'yz.grain2'],
      ['永登县示例粮库', 'LZ-YD', '钱示例', '13800000003', 'yd.grain1'],
    ];
    const before = await Promise.all([count('org'), count('app_user'), count('self_inspection_unit')]);
    const dry = await upload(grain, await sheet(rows), true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, unitsCreated: 2, accountsCreated: 3 });
    expect(dry.json().accounts.every((a: { initialPassword: string | null }) => a.initialPassword === null)).toBe(true);
    expect(await Promise.all([count('org'), count('app_user'), count('self_inspection_unit')])).toEqual(before);
    expect((await upload(grain, await sheet(rows), false, 'sj.secretary')).statusCode).toBe(403);

    const res = await upload(grain, await sheet(rows), false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, unitsCreated: 2, unitsReused: 0, accountsCreated: 3 });
    expect(await Promise.all([count('org'), count('app_user'), count('self_inspection_unit')])).toEqual([before[0]! + 2, before[1]! + 3, before[2]! + 2]);
    const accounts = res.json().accounts as { username: string; initialPassword: string }[];
    expect(new Set(accounts.map((a) => a.initialPassword)).size).toBe(3);
    const u = await t.db
      .selectFrom('app_user as a')
      .innerJoin('org as o', 'o.id', 'a.org_id')
      .innerJoin('user_role as r', 'r.user_id', 'a.id')
      .select(['a.password_hash', 'a.must_change_password', 'a.clearance', 'o.kind', 'o.name_zh', 'r.role'])
      .where('a.username', '=', 'yz.grain2')
      .executeTakeFirstOrThrow();
    expect(u).toMatchObject({ must_change_password: true, clearance: 'PUBLIC', kind: 'HOST_UNIT', name_zh: '榆中县示例粮库', role: 'UNIT_LIAISON' });
    expect(await verify(u.password_hash, accounts.find((a) => a.username === 'yz.grain2')!.initialPassword)).toBe(true);
    // The units are the campaign's targets: a round reaches them and their contacts see it in the portal.
    const units = await t.request({ method: 'GET', url: `/api/v1/campaigns/${grain}/self-inspection/units`, as: 'dfzf.director' });
    expect(
      units
        .json()
        .items.map((i: { name: string }) => i.name)
        .sort(),
    ).toEqual(['榆中县教育局', '榆中县示例粮库', '永登县示例粮库'].sort()); // with the bureau added above
    const round = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${grain}/self-inspection/rounds`,
      payload: { title: '第一批自查', dueOn: tomorrow() },
      as: 'dfzf.director',
    });
    expect(round.statusCode, round.body).toBe(200);
    expect(round.json()).toMatchObject({ seq: 1, units: 3, responses: 3 * 3, reported: 0 });
    const after = await t.request({ method: 'GET', url: '/api/v1/portal/self-inspection', as: 'yd.grain1' });
    expect(after.json().items).toEqual([expect.objectContaining({ title: '第一批自查', unitName: '永登县示例粮库', toAnswer: 3 })]);
  });
});
