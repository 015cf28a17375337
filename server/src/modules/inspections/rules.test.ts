/**
 * The rules of a check: plan validation (400 with field paths, nothing written), the stale version (409),
 * the one-step hand-over of a finding to a clue, a rectification task or an accountability record with the
 * campaign's id (once: a second answers 409), image-only photos (hostile files refused, nothing stored),
 * and the Excel ledger's content.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { cateringId, dayFromToday, moveVisit, orgId, PDF, PNG, userId } from './fixtures';

let t: TestApp;
let campaign: string;
let unit: string;

const countOf = async (table: 'inspection' | 'inspection_finding' | 'attachment') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function plan(title: string, as = 'dfzf.director') {
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaign}/inspections`,
    as,
    payload: {
      type: 'JOINT_SPOT_CHECK',
      title,
      visitOn: await dayFromToday(t, 3),
      team: [{ userId: await userId(t, 'jc6.staff'), role: 'LEADER' }],
      targetOrgIds: [unit],
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** A check approved and visited today, with one finding; returns the finding's id and version. */
async function findingOn(title: string): Promise<{ inspection: string; finding: string }> {
  const id = await plan(title);
  expect(
    (await t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as: 'sj.secretary', payload: { action: 'approve', version: 1 } })).statusCode,
  ).toBe(200);
  await moveVisit(t, id, 0);
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/inspections/${id}/findings`,
    as: 'jc6.staff',
    payload: { description: `${title}：食材验收台账缺失`, severity: 'MEDIUM', unitOrgId: unit },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { inspection: id, finding: res.json().findingList[0].id };
}

const handOver = (finding: string, payload: Record<string, unknown>, as = 'jc6.staff') =>
  t.request({ method: 'POST', url: `/api/v1/inspection-findings/${finding}/hand-over`, as, payload });

beforeAll(async () => {
  t = await createTestApp();
  campaign = await cateringId(t);
  unit = await orgId(t, 'LZ-HU-JYJ');
});
afterAll(() => t.close());

describe('plan validation', () => {
  it('a past date, no leader, a liaison on the team, a duplicate and an office as target: 400 with each field path, nothing written', async () => {
    const before = await countOf('inspection');
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'dfzf.director',
      payload: {
        type: 'UNANNOUNCED',
        title: '校验测试',
        visitOn: await dayFromToday(t, -1),
        team: [
          { userId: await userId(t, 'jc6.staff'), role: 'MEMBER' },
          { userId: await userId(t, 'edu.liaison'), role: 'MEMBER' },
          { userId: await userId(t, 'jc6.staff'), role: 'MEMBER' },
        ],
        targetOrgIds: [unit, await orgId(t, 'LZ-JW-JC6')],
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    const paths = (res.json().details.issues as { path: string; message: string }[]).map((i) => i.path).sort();
    expect(paths).toEqual(['targetOrgIds.1', 'team', 'team.1.userId', 'team.2.userId', 'visitOn']);
    expect(res.json().details.issues).toContainEqual({ path: 'targetOrgIds.1', message: '被检查单位须为驻在（综合监督）单位' });
    expect(await countOf('inspection')).toBe(before);
  });

  it('a team member below the check’s classification is refused on the field (they could not open the check)', async () => {
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'edu.staff').execute();
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'dfzf.director',
      payload: {
        type: 'JOINT_SPOT_CHECK',
        title: '密级测试',
        visitOn: await dayFromToday(t, 3),
        team: [
          { userId: await userId(t, 'jc6.staff'), role: 'LEADER' },
          { userId: await userId(t, 'edu.staff'), role: 'MEMBER' },
        ],
        targetOrgIds: [unit],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues).toEqual([{ path: 'team.1.userId', message: '人员涉密等级低于检查的密级' }]);
  });

  it('a malformed body is 400 with the zod path; staff outside the lead office may not plan (403)', async () => {
    const bad = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'dfzf.director',
      payload: { type: 'RAID', title: 'x', visitOn: '2026-13-40', team: [], targetOrgIds: ['nope'] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/type|visitOn|team/);
    const denied = await t.request({
      method: 'POST',
      url: `/api/v1/campaigns/${campaign}/inspections`,
      as: 'jc6.staff',
      payload: {
        type: 'JOINT_SPOT_CHECK',
        title: '越权计划',
        visitOn: await dayFromToday(t, 3),
        team: [{ userId: await userId(t, 'jc6.staff'), role: 'LEADER' }],
        targetOrgIds: [unit],
      },
    });
    expect(denied.statusCode).toBe(403);
  });
});

describe('actions', () => {
  it('a stale version is 409 and changes nothing; approval belongs to the 书记 or the overseeing leader; done waits for the date', async () => {
    const id = await plan('版本测试');
    const stale = await t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as: 'sj.secretary', payload: { action: 'approve', version: 7 } });
    expect(stale.statusCode).toBe(409);
    expect((await t.db.selectFrom('inspection').select('approved_by').where('id', '=', id).executeTakeFirstOrThrow()).approved_by).toBeNull();
    const byStaff = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/actions`,
      as: 'dfzf.director',
      payload: { action: 'approve', version: 1 },
    });
    expect(byStaff.statusCode).toBe(403);
    const ok = await t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as: 'sj.secretary', payload: { action: 'approve', version: 1 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().approved).toBe(true);
    const early = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/actions`,
      as: 'jc6.staff',
      payload: { action: 'complete', version: 2, report: '检查完成' },
    });
    expect(early.statusCode).toBe(422);
    await moveVisit(t, id, 0);
    const done = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/actions`,
      as: 'jc6.staff',
      payload: { action: 'complete', version: 2, report: '抽查学校3所，发现问题1个' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'DONE', report: '抽查学校3所，发现问题1个' });
    const cancel = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/actions`,
      as: 'dfzf.director',
      payload: { action: 'cancel', version: 3, comment: '重复' },
    });
    expect(cancel.statusCode).toBe(409);
  });
});

describe('one-step hand-over', () => {
  it('to a clue: filed by the caller’s org with the campaign’s id and the finding as source, once (second → 409)', async () => {
    const { finding } = await findingOn('移交线索测试');
    const res = await handOver(finding, { to: 'clue', version: 1, subjectName: '某学校后勤负责人' });
    expect(res.statusCode, res.body).toBe(201);
    const clue = await t.db.selectFrom('clue').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(clue).toMatchObject({
      campaign_id: campaign,
      source: 'FOUND_IN_SUPERVISION',
      source_ref_type: 'inspection_finding',
      source_ref_id: finding,
      receiving_org_id: await orgId(t, 'LZ-JW-JC6'),
      subject_org_id: unit,
      state: 'RECEIVED',
    });
    expect(res.json().finding).toMatchObject({ disposition: 'CLUE', handedOver: { type: 'clue', id: clue.id } });
    const again = await handOver(finding, { to: 'rectification_task', version: 2, deadline: await dayFromToday(t, 30) });
    expect(again.statusCode).toBe(409);
    const clues = await t.db.selectFrom('clue').select('id').where('source_ref_id', '=', finding).execute();
    expect(clues).toHaveLength(1);
  });

  it('to a rectification task and to an accountability record, each with the campaign’s id; a finding once handed over cannot be edited', async () => {
    const a = await findingOn('移交整改测试');
    const task = await handOver(a.finding, {
      to: 'rectification_task',
      version: 1,
      deadline: await dayFromToday(t, 30),
      requiredOutcome: '建立验收双人签字制度',
    });
    expect(task.statusCode, task.body).toBe(201);
    expect(await t.db.selectFrom('rectification_task').selectAll().where('id', '=', task.json().id).executeTakeFirstOrThrow()).toMatchObject({
      campaign_id: campaign,
      unit_org_id: unit,
      state: 'ASSIGNED',
      supervisor_user_id: await userId(t, 'jc6.staff'),
    });
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/inspection-findings/${a.finding}`,
      as: 'jc6.staff',
      payload: { version: 2, severity: 'LOW' },
    });
    expect(patch.statusCode).toBe(409);

    const b = await findingOn('移交问责测试');
    const wrong = await handOver(b.finding, {
      to: 'accountability',
      version: 1,
      accountability: {
        targetKind: 'PARTY_ORG',
        targetName: '某学校党支部',
        method: 'ADMONITION',
        basis: '问责条例',
        decidingBody: '市纪委监委',
        decidedOn: await dayFromToday(t, 0),
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details.issues[0].path).toBe('accountability.method');
    const acc = await handOver(b.finding, {
      to: 'accountability',
      version: 1,
      accountability: {
        targetKind: 'PARTY_ORG',
        targetName: '某学校党支部',
        method: 'BULLETIN',
        basis: '问责条例第七条',
        decidingBody: '市纪委监委',
        decidedOn: await dayFromToday(t, 0),
      },
    });
    expect(acc.statusCode, acc.body).toBe(201);
    expect(await t.db.selectFrom('accountability').selectAll().where('id', '=', acc.json().id).executeTakeFirstOrThrow()).toMatchObject({
      campaign_id: campaign,
      target_org_id: unit,
      method: 'BULLETIN',
    });
    expect((await handOver(b.finding, { to: 'clue', version: 2 })).statusCode).toBe(409);
  });

  it('a plain team member may not hand over (403); nothing is created', async () => {
    const id = await plan('组员移交测试');
    await t.db
      .insertInto('inspection_team')
      .values({ inspection_id: id, user_id: await userId(t, 'jc3.staff'), role: 'MEMBER' })
      .execute();
    await t.request({ method: 'POST', url: `/api/v1/inspections/${id}/actions`, as: 'sj.secretary', payload: { action: 'approve', version: 1 } });
    await moveVisit(t, id, 0);
    const f = await t.request({
      method: 'POST',
      url: `/api/v1/inspections/${id}/findings`,
      as: 'jc3.staff',
      payload: { description: '组员记录的问题', severity: 'LOW', unitOrgId: unit },
    });
    expect(f.statusCode, f.body).toBe(201);
    const res = await handOver(f.json().findingList[0].id, { to: 'clue', version: 1 }, 'jc3.staff');
    expect(res.statusCode).toBe(403);
    expect(await t.db.selectFrom('clue').select('id').where('source_ref_id', '=', f.json().findingList[0].id).execute()).toHaveLength(0);
  });
});

describe('photos', () => {
  it('images only: a PDF named .png, an executable and a PDF are refused (415) and nothing is stored; a PNG is kept', async () => {
    const { finding } = await findingOn('照片测试');
    const before = await countOf('attachment');
    const send = (filename: string, content: Buffer) => {
      const mp = multipart({}, { filename, content });
      return t.request({ method: 'POST', url: `/api/v1/inspection-findings/${finding}/photos`, as: 'jc6.staff', payload: mp.payload, headers: mp.headers });
    };
    for (const [name, content] of [
      ['现场.png', PDF],
      ['现场.exe', Buffer.from('MZ\u0090\u0000')],
      ['报告.pdf', PDF],
    ] as const) {
      const res = await send(name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(415);
    }
    expect(await countOf('attachment')).toBe(before);
    // Nor around the rule through the generic upload.
    const mp = multipart({ ownerType: 'inspection_finding', ownerId: finding }, { filename: '报告.pdf', content: PDF });
    const generic = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'jc6.staff', payload: mp.payload, headers: mp.headers });
    expect(generic.statusCode).toBe(400);
    expect(await countOf('attachment')).toBe(before);
    const ok = await send('现场.png', PNG);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().mimeType).toBe('image/png');
    const detail = await t.request({
      method: 'GET',
      url: `/api/v1/inspections/${(await t.db.selectFrom('inspection_finding').select('inspection_id').where('id', '=', finding).executeTakeFirstOrThrow()).inspection_id}`,
      as: 'jc6.staff',
    });
    expect(detail.json().findingList[0].photos.map((p: { id: string }) => p.id)).toEqual([ok.json().id]);
  });
});

describe('export', () => {
  it('the workbook lists the demo checks and their findings with the hand-over state, watermarked with the exporter', async () => {
    const res = await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaign}/inspections/export.xlsx`, as: 'yz.jyj' });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const checks = wb.getWorksheet('检查台账')!;
    const findings = wb.getWorksheet('发现问题')!;
    expect(String(checks.getCell('A1').value)).toContain('yz.jyj');
    const titles = checks.getColumn(1).values.map(String);
    expect(titles).toContain('校园餐专项整治第一轮联合抽查（市教育局、榆中县）');
    expect(titles).toContain('兰州新区学校食堂明察暗访');
    // The demo's future unannounced visit is secret to a participating group that is not on its team.
    expect(titles.some((x) => x.includes('（计划）'))).toBe(false);
    const handed = findings.getColumn(7).values.map(String);
    expect(handed).toContain('已移交问题线索');
    expect(handed).toContain('已移交整改任务');
  });
});
