/**
 * 抽调 / 传帮带 over HTTP against PostgreSQL: the pool and batches exist only for the 干部监督室 and leaders
 * (404 otherwise); a seconded county cadre sees the case through the 审查调查组 row the batch creates, and
 * after the expiry job runs on the planned end date the same request answers 404; mentors evaluate their own
 * pairs only; evaluations feed the pool; bad input 400 with zh-CN field paths; stale versions 409; audited.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../../../test/fixtures';
import { todayIso } from '../../platform/calendar';
import { makeCase, userId } from '../cases/fixtures';
import { runSecondmentExpiry } from './expiry';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const plusDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const MANAGER = 'gbjd.staff';

async function newBatch(caseId: string, end = plusDays(todayIso(), 30)) {
  const res = await t.request({
    method: 'POST',
    url: '/api/v1/secondment-batches',
    as: 'sj.secretary',
    payload: {
      name: '以干代训第一批（测试）',
      purpose: '抽调县区干部参加专案，以干代训',
      targetKind: 'CASE',
      targetId: caseId,
      plannedStart: todayIso(),
      plannedEnd: end,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

describe('干部库 and batches: who reaches them', () => {
  it('answers 404 to roles outside the 干部监督室 and leaders, 200 to them', async () => {
    for (const who of ['gl.county', 'sc8.staff', 'bank.liaison', 'auditadmin'])
      for (const url of ['/api/v1/cadre-pool', '/api/v1/secondment-batches'])
        expect((await t.request({ method: 'GET', url, as: who })).statusCode, `${who} ${url}`).toBe(404);
    const pool = await t.request({ method: 'GET', url: '/api/v1/cadre-pool?q=皋兰', as: MANAGER });
    expect(pool.statusCode, pool.body).toBe(200);
    expect(pool.json().items.map((r: { name: string }) => r.name)).toContain('计兰心');
    // administrators are not cadres of the pool
    const admins = await t.request({ method: 'GET', url: '/api/v1/cadre-pool?q=admin', as: MANAGER });
    expect(admins.json().items).toEqual([]);
  });

  it('refuses bad input with zh-CN messages and field paths', async () => {
    const caseId = await makeCase(t, { state: 'INVESTIGATING' });
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/secondment-batches',
      as: MANAGER,
      payload: { name: '批', purpose: '抽调', targetKind: 'NOPE', targetId: caseId, plannedStart: '2026-13-01', plannedEnd: '2026-01-01' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'targetKind', 'plannedStart']));
    expect(res.json().message).toContain('抽调去向类型不正确');
    const order = await t.request({
      method: 'POST',
      url: '/api/v1/secondment-batches',
      as: MANAGER,
      payload: { name: '测试批次', purpose: '抽调参加专案', targetKind: 'CASE', targetId: caseId, plannedStart: '2026-12-20', plannedEnd: '2026-12-10' },
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().details.issues).toEqual([{ path: 'plannedEnd', message: '计划结束日期须晚于计划开始日期' }]);
    // the 干部监督室 has no need to know this case: it cannot name it as a target (no side door to its existence)
    const unseen = await t.request({
      method: 'POST',
      url: '/api/v1/secondment-batches',
      as: MANAGER,
      payload: {
        name: '测试批次',
        purpose: '抽调参加专案',
        targetKind: 'CASE',
        targetId: caseId,
        plannedStart: todayIso(),
        plannedEnd: plusDays(todayIso(), 9),
      },
    });
    expect(unseen.statusCode).toBe(400);
    expect(unseen.json().details.issues).toEqual([{ path: 'targetId', message: '案件不存在或无权访问' }]);
    const skill = await t.request({
      method: 'PUT',
      url: `/api/v1/cadre-pool/${await userId(t, 'gl.county')}`,
      as: MANAGER,
      payload: { skills: ['FLYING'], version: 0 },
    });
    expect(skill.statusCode).toBe(400);
    expect(skill.json().details.issues[0]).toEqual({ path: 'skills.0', message: '技能标签不在字典中' });
  });

  it('keeps skills with optimistic locking and audits the change', async () => {
    const id = await userId(t, 'cg.county');
    const before = await auditCount(t.db, 'secondment.profile_updated');
    const put = await t.request({ method: 'PUT', url: `/api/v1/cadre-pool/${id}`, as: MANAGER, payload: { skills: ['INTERVIEW', 'TRIAL'], version: 0 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ skills: ['INTERVIEW', 'TRIAL'], version: 1 });
    const stale = await t.request({ method: 'PUT', url: `/api/v1/cadre-pool/${id}`, as: MANAGER, payload: { skills: ['TRIAL'], version: 0 } });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount(t.db, 'secondment.profile_updated')).toBe(before + 1);
    const bySkill = await t.request({ method: 'GET', url: '/api/v1/cadre-pool?skill=TRIAL', as: MANAGER });
    expect(bySkill.json().items.map((r: { name: string }) => r.name)).toEqual(['缪一帆']);
  });
});

describe('seconded access through the case team, ended by the job on the planned end date', () => {
  it('the seconded cadre sees the case during the secondment and gets 404 after the job on the end date', async () => {
    const caseId = await makeCase(t, { state: 'INVESTIGATING' });
    const seeCase = () => t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'gl.county' });
    expect((await seeCase()).statusCode).toBe(404);

    const end = plusDays(todayIso(), 20);
    const batch = await newBatch(caseId, end);
    const before = await auditCount(t.db, 'secondment.member_added');
    const add = await t.request({
      method: 'POST',
      url: `/api/v1/secondment-batches/${batch.id}/members`,
      as: MANAGER,
      payload: {
        userId: await userId(t, 'gl.county'),
        role: '谈话组',
        mentorId: await userId(t, 'sc8.staff'),
        goals: '掌握谈话笔录制作',
        version: batch.version,
      },
    });
    expect(add.statusCode, add.body).toBe(200);
    expect(add.json().members[0]).toMatchObject({ user: { name: '计兰心' }, mentor: { name: '蓟书瑶' }, fromOrg: { name: '皋兰县纪委监委' } });
    expect(add.json().target.name).toBe('专案'); // the case number stays with those who see the case
    expect(await auditCount(t.db, 'secondment.member_added')).toBe(before + 1);
    // a second add with the version read before the first: 409
    const stale = await t.request({
      method: 'POST',
      url: `/api/v1/secondment-batches/${batch.id}/members`,
      as: MANAGER,
      payload: { userId: await userId(t, 'qlh.county'), role: '资料组', version: batch.version },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('数据已被他人修改，请刷新后重试');

    const during = await seeCase();
    expect(during.statusCode, during.body).toBe(200);
    expect(during.json().teams.investigation.map((m: { user: { name: string } }) => m.user.name)).toContain('计兰心');

    // the day before the end: nothing ends
    expect(await runSecondmentExpiry(t.db, plusDays(end, -1))).toBe(0);
    expect((await seeCase()).statusCode).toBe(200);

    const epoch = async () => Number((await t.db.selectFrom('scope_epoch').select('epoch').executeTakeFirstOrThrow()).epoch);
    const e0 = await epoch();
    expect(await runSecondmentExpiry(t.db, end)).toBeGreaterThanOrEqual(2);
    expect(await epoch()).toBeGreaterThan(e0);
    expect((await seeCase()).statusCode).toBe(404);
    // still on record (审查调查与审理分离 needs the row), with left_on = the planned end
    const row = await t.db
      .selectFrom('case_team_member')
      .select(['left_on', 'planned_end_on'])
      .where('case_id', '=', caseId)
      .where('user_id', '=', await userId(t, 'gl.county'))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ left_on: end, planned_end_on: end });
    const notice = await t.db
      .selectFrom('inbox_message')
      .select('title')
      .where('user_id', '=', await userId(t, 'gl.county'))
      .where('kind', '=', 'secondment.ended')
      .execute();
    expect(notice.map((n) => n.title)).toEqual(['抽调期满：“以干代训第一批（测试）”']);
    expect(await auditCount(t.db, 'secondment.expired')).toBeGreaterThanOrEqual(1);
    // idempotent
    expect(await runSecondmentExpiry(t.db, end)).toBe(0);
    const detail = await t.request({ method: 'GET', url: `/api/v1/secondment-batches/${batch.id}`, as: MANAGER });
    expect(detail.json().members[0].endedOn).toBe(end);
  });
});

describe('师徒 pairs and evaluations', () => {
  it('the mentor evaluates their own pair, others get 404, and the pool shows the latest score', async () => {
    const caseId = await makeCase(t, { state: 'INVESTIGATING' });
    const batch = await newBatch(caseId);
    const add = await t.request({
      method: 'POST',
      url: `/api/v1/secondment-batches/${batch.id}/members`,
      as: MANAGER,
      payload: { userId: await userId(t, 'yz.jjs1'), role: '外查组', mentorId: await userId(t, 'sc8.staff'), version: batch.version },
    });
    expect(add.statusCode, add.body).toBe(200);
    const member = add.json().members[0] as { id: string; version: number };
    const evaluate = (as: string, payload: Record<string, unknown>) =>
      t.request({ method: 'POST', url: `/api/v1/secondment-members/${member.id}/evaluations`, as, payload });

    expect((await evaluate('fin.staff', { evaluatedOn: todayIso(), score: 90, comment: '表现良好' })).statusCode).toBe(404);
    expect((await evaluate('yz.jjs1', { evaluatedOn: todayIso(), score: 99, comment: '自评优秀' })).statusCode).toBe(404);
    const bad = await evaluate('sc8.staff', { evaluatedOn: todayIso(), score: 120, comment: '好' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues.map((i: { path: string; message: string }) => `${i.path}:${i.message}`)).toEqual([
      'score:评分须为0至100的整数',
      'comment:不少于2个字符',
    ]);
    const before = await auditCount(t.db, 'secondment.evaluated');
    expect((await evaluate('sc8.staff', { evaluatedOn: plusDays(todayIso(), -7), score: 82, comment: '谈话准备充分，笔录规范性待提高' })).statusCode).toBe(201);
    expect((await evaluate(MANAGER, { evaluatedOn: todayIso(), score: 88, comment: '阶段考核：能独立完成外调取证' })).statusCode).toBe(201);
    expect(await auditCount(t.db, 'secondment.evaluated')).toBe(before + 2);

    const pool = await t.request({ method: 'GET', url: '/api/v1/cadre-pool?q=殳明远', as: MANAGER });
    expect(pool.json().items[0]).toMatchObject({
      name: '殳明远',
      latestScore: 88,
      latestEvaluatedOn: todayIso(),
      secondments: 1,
      activeBatch: { id: batch.id },
    });
    const history = await t.request({ method: 'GET', url: `/api/v1/cadre-pool/${await userId(t, 'yz.jjs1')}`, as: MANAGER });
    expect(history.statusCode).toBe(200);
    expect(history.json().history[0].evaluations.map((e: { score: number }) => e.score)).toEqual([88, 82]);

    // the mentor evaluates but neither opens the batch nor changes the pair; unknown ids answer 404 too
    expect((await t.request({ method: 'GET', url: `/api/v1/secondment-batches/${batch.id}`, as: 'sc8.staff' })).statusCode).toBe(404);
    expect(
      (
        await t.request({
          method: 'PATCH',
          url: `/api/v1/secondment-members/${member.id}`,
          as: 'sc8.staff',
          payload: { mentorId: null, goals: null, version: member.version },
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.request({ method: 'GET', url: '/api/v1/secondment-batches/00000000-0000-4000-8000-000000000000', as: MANAGER })).statusCode).toBe(404);
    const mentees = await t.request({ method: 'GET', url: '/api/v1/my-mentees', as: 'sc8.staff' });
    expect(mentees.json().items.map((m: { name: string }) => m.name)).toContain('殳明远');

    // the pair changes with the member's version; a stale one is refused
    const patch = await t.request({
      method: 'PATCH',
      url: `/api/v1/secondment-members/${member.id}`,
      as: MANAGER,
      payload: { mentorId: await userId(t, 'fin.staff'), goals: '独立主谈', version: member.version },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().members[0].mentor.name).not.toBe('蓟书瑶');
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/secondment-members/${member.id}`,
      as: MANAGER,
      payload: { mentorId: null, goals: null, version: member.version },
    });
    expect(stale.statusCode).toBe(409);
    // the former mentor no longer reaches the pair
    expect((await evaluate('sc8.staff', { evaluatedOn: todayIso(), score: 80, comment: '继续带教' })).statusCode).toBe(404);
  });

  it('exports both ledgers as Excel, audited', async () => {
    const before = await auditCount(t.db, 'secondment.exported');
    for (const url of ['/api/v1/cadre-pool/export.xlsx', '/api/v1/secondment-batches/export.xlsx']) {
      const res = await t.request({ method: 'GET', url, as: MANAGER });
      expect(res.statusCode, url).toBe(200);
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect(await auditCount(t.db, 'secondment.exported')).toBe(before + 2);
    expect((await t.request({ method: 'GET', url: '/api/v1/cadre-pool/export.xlsx', as: 'gl.county' })).statusCode).toBe(404);
  });
});

describe('演示数据: two batches with mentors and evaluations', () => {
  it('seconds six county cadres to the grain-depot case and two to the 巡察组, with evaluations in the pool', async () => {
    const list = await t.request({ method: 'GET', url: '/api/v1/secondment-batches', as: 'sj.secretary' });
    const demo = list.json().items.filter((b: { name: string }) => b.name.startsWith('2026年第'));
    expect(demo.map((b: { targetKind: string; members: number; state: string }) => [b.targetKind, b.members, b.state])).toEqual(
      expect.arrayContaining([
        ['CASE', 6, 'ACTIVE'],
        ['INSPECTION_TOUR', 2, 'ACTIVE'],
      ]),
    );
    const caseBatch = demo.find((b: { targetKind: string }) => b.targetKind === 'CASE');
    const detail = (await t.request({ method: 'GET', url: `/api/v1/secondment-batches/${caseBatch.id}`, as: 'sj.secretary' })).json();
    expect(detail.members.every((m: { mentor: unknown; evaluations: unknown[] }) => m.mentor !== null && m.evaluations.length > 0)).toBe(true);
    // a seconded county cadre reaches the case through the team
    const caseId = (await t.db.selectFrom('secondment_batch').select('case_id').where('id', '=', caseBatch.id).executeTakeFirstOrThrow()).case_id!;
    expect((await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'yd.county' })).statusCode).toBe(200);
    const pool = (await t.request({ method: 'GET', url: '/api/v1/cadre-pool?q=邝永年', as: MANAGER })).json().items[0];
    expect(pool).toMatchObject({ secondments: 1, latestScore: 76, skills: ['SUPERVISION_CHECK'] });
  });
});

describe('seconded to a 巡察组 (a 专班): access through the team, for the batch dates', () => {
  it('adds the 专班 membership ending the day before the planned end; the org scope holds the inspected unit until then', async () => {
    const tf = await t.db.selectFrom('task_force').select(['id', 'valid_to']).where('name_zh', 'like', '市委第三巡察组%').executeTakeFirstOrThrow();
    const end = plusDays(todayIso(), 10);
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/secondment-batches',
      as: MANAGER,
      payload: {
        name: '巡察补充抽调（测试）',
        purpose: '补充巡察力量',
        targetKind: 'INSPECTION_TOUR',
        targetId: tf.id,
        plannedStart: todayIso(),
        plannedEnd: end,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().target.name).toContain('市委第三巡察组');
    const glId = await userId(t, 'gl.county');
    const add = await t.request({
      method: 'POST',
      url: `/api/v1/secondment-batches/${created.json().id}/members`,
      as: MANAGER,
      payload: { userId: glId, role: '巡察组成员', version: created.json().version },
    });
    expect(add.statusCode, add.body).toBe(200);
    const row = await t.db
      .selectFrom('task_force_member')
      .select(['valid_from', 'valid_to'])
      .where('task_force_id', '=', tf.id)
      .where('user_id', '=', glId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ valid_from: todayIso(), valid_to: plusDays(end, -1) });
    const zjj = (await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-HU-ZJJ').executeTakeFirstOrThrow()).id;
    const inScope = async (day: string) =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM actor_org_scope(${glId}::uuid, ${day}::date) WHERE org_id = ${zjj}::uuid`.execute(t.db)).rows[0]!
        .n;
    expect(await inScope(todayIso())).toBe(1);
    expect(await inScope(end)).toBe(0);
    // a 专班 beyond its end: refused with the field
    const late = await t.request({
      method: 'POST',
      url: '/api/v1/secondment-batches',
      as: MANAGER,
      payload: {
        name: '超期批次',
        purpose: '补充巡察力量',
        targetKind: 'INSPECTION_TOUR',
        targetId: tf.id,
        plannedStart: todayIso(),
        plannedEnd: plusDays(tf.valid_to!, 5),
      },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().details.issues[0].path).toBe('plannedEnd');
  });
});
