/**
 * 自查自纠 answers on the workflow kernel, over HTTP on the demo 校园餐 campaign: a submitted report is
 * announced to the 专班 members active today and the lead office, never to an outsider, an ended member or
 * the unit itself; a returned or accepted answer to the unit's contacts with a link to their portal page;
 * every transition leaves a timeline row; the answer's abilities follow the machine and the caller's side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { todayIso } from '../../platform/calendar';

let t: TestApp;
let catering: string;
let round2: string;
const orgs = new Map<string, string>();
beforeAll(async () => {
  t = await createTestApp();
  catering = (await t.db.selectFrom('campaign').select('id').where('domain', '=', 'SCHOOL_CATERING').executeTakeFirstOrThrow()).id;
  round2 = (await t.db.selectFrom('self_inspection_round').select('id').where('campaign_id', '=', catering).where('seq', '=', 2).executeTakeFirstOrThrow()).id;
  for (const o of await t.db.selectFrom('org').select(['id', 'code']).execute()) orgs.set(o.code, o.id);
});
afterAll(() => t.close());

const CHENGGUAN = 'LZ-YZ-HU-JYJ-S002'; // 榆中县示例城关小学, answered by yzcg.liaison
const url = (id: string) => `/api/v1/self-inspection/responses/${id}`;
const responseOf = async (aspect: string) =>
  t.db
    .selectFrom('self_inspection_response as r')
    .innerJoin('self_inspection_aspect as a', 'a.id', 'r.aspect_id')
    .select(['r.id', 'r.state', 'r.version'])
    .where('r.round_id', '=', round2)
    .where('r.unit_id', '=', orgs.get(CHENGGUAN)!)
    .where('a.code', '=', aspect)
    .executeTakeFirstOrThrow();

interface Notice {
  kind: string;
  title: string;
  body: string;
  link: string | null;
}
const inbox = async (as: string): Promise<Notice[]> => {
  const res = await t.request({ method: 'GET', url: '/api/v1/inbox?limit=200', as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const submittedTo = async (as: string) => (await inbox(as)).filter((n) => n.kind === 'self_inspection.submitted');

/** The contact answers one aspect (start) and submits it; returns the answer after the submit. */
async function answerAndSubmit(aspect: string) {
  const r = await responseOf(aspect);
  expect(r.state).toBe('PENDING');
  const saved = await t.request({
    method: 'PUT',
    url: url(r.id),
    as: 'yzcg.liaison',
    payload: { problemsText: '食堂账目未按月公示', problemsCount: 1, correctedCount: 1, correctedText: '已补公示', version: r.version },
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const sub = await t.request({
    method: 'POST',
    url: `${url(r.id)}/actions`,
    as: 'yzcg.liaison',
    payload: { action: 'submit', version: saved.json().version },
  });
  expect(sub.statusCode, sub.body).toBe(200);
  return sub.json();
}

describe('notices of a submitted report', () => {
  it('reach the 专班 members active today and the lead office — not an ended member, an outsider or the unit', async () => {
    // xq.jyj's membership ended yesterday: the campaign's reviewers no longer include them.
    const xq = (await t.db.selectFrom('app_user').select('id').where('username', '=', 'xq.jyj').executeTakeFirstOrThrow()).id;
    const yesterday = new Date(Date.parse(`${todayIso()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await t.db.updateTable('task_force_member').set({ valid_to: yesterday }).where('user_id', '=', xq).execute();

    const sub = await answerAndSubmit('FUNDS');
    expect(sub).toMatchObject({ status: 'SUBMITTED', abilities: { answer: false, submit: false, review: false } });

    const title = '待审核：榆中县示例城关小学自查自纠报告';
    for (const member of ['jc6.staff', 'edu.group', 'yz.jyj', 'dfzf.director']) {
      const got = await submittedTo(member);
      expect(
        got.map((n) => [n.title, n.link]),
        member,
      ).toEqual([[title, `/campaigns/${catering}/self-inspection`]]);
      expect(got[0]!.body).toContain('资金使用');
    }
    for (const outsider of ['jc2.staff', 'gl.county', 'xq.jyj', 'yzcg.liaison', 'yzjyj.liaison', 'sj.secretary']) {
      expect(await submittedTo(outsider), outsider).toEqual([]);
    }

    // The unit's next aspect the same day: the reviewers are not told twice of the same report.
    await answerAndSubmit('TENDERING');
    expect(await submittedTo('jc6.staff')).toHaveLength(1);
  });
});

describe('the 专班 reviews through the kernel', () => {
  it('a member sees review abilities on a submitted answer; a mere reader does not', async () => {
    const r = await responseOf('FUNDS');
    const member = await t.request({ method: 'GET', url: url(r.id), as: 'jc6.staff' });
    expect(member.json().abilities).toEqual({ answer: false, submit: false, review: true });
    const reader = await t.request({ method: 'GET', url: url(r.id), as: 'sj.secretary' });
    expect(reader.statusCode).toBe(200);
    expect(reader.json().abilities).toEqual({ answer: false, submit: false, review: false });
    const unit = await t.request({ method: 'GET', url: url(r.id), as: 'yzcg.liaison' });
    expect(unit.json().abilities).toEqual({ answer: false, submit: false, review: false });
  });

  it('accept and return notify the unit’s contact with a link to the portal round, and leave the timeline', async () => {
    const funds = await responseOf('FUNDS');
    const acc = await t.request({ method: 'POST', url: `${url(funds.id)}/actions`, as: 'jc6.staff', payload: { action: 'accept', version: funds.version } });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ status: 'ACCEPTED', light: 'GREEN', abilities: { review: false } });

    const tendering = await responseOf('TENDERING');
    const ret = await t.request({
      method: 'POST',
      url: `${url(tendering.id)}/actions`,
      as: 'jc6.staff',
      payload: { action: 'return', version: tendering.version, comment: '请补充招标文件' },
    });
    expect(ret.statusCode, ret.body).toBe(200);
    // Returned: the unit may rework and resubmit it.
    const back = await t.request({ method: 'GET', url: url(tendering.id), as: 'yzcg.liaison' });
    expect(back.json()).toMatchObject({ status: 'RETURNED', abilities: { answer: true, submit: true, review: false } });

    const portal = `/portal/self-inspection/${round2}`;
    const heard = (await inbox('yzcg.liaison')).filter((n) => n.kind === 'self_inspection.accepted' || n.kind === 'self_inspection.returned');
    expect(heard.map((n) => [n.kind, n.title, n.link]).sort()).toEqual(
      [
        ['self_inspection.accepted', '自查情况已认可：资金使用', portal],
        ['self_inspection.returned', '自查情况被退回，请补充后重新报送', portal],
      ].sort(),
    );
    expect(heard.find((n) => n.kind === 'self_inspection.returned')!.body).toBe('请补充招标文件');
    // Not the reviewer who acted, not another unit's contact.
    expect((await inbox('jc6.staff')).filter((n) => n.kind === 'self_inspection.accepted' || n.kind === 'self_inspection.returned')).toEqual([]);
    expect((await inbox('yzjyj.liaison')).filter((n) => n.kind === 'self_inspection.accepted' || n.kind === 'self_inspection.returned')).toEqual([]);

    const events = await t.db
      .selectFrom('self_inspection_event as e')
      .innerJoin('app_user as u', 'u.id', 'e.actor_id')
      .select(['e.response_id', 'e.action', 'e.from_state', 'e.to_state', 'e.comment', 'u.username'])
      .where('e.response_id', 'in', [funds.id, tendering.id])
      .orderBy('e.at')
      .orderBy('e.id')
      .execute();
    const timeline = (id: string) => events.filter((e) => e.response_id === id).map((e) => [e.action, e.from_state, e.to_state, e.username, e.comment]);
    expect(timeline(funds.id)).toEqual([
      ['start', 'PENDING', 'DRAFT', 'yzcg.liaison', null],
      ['submit', 'DRAFT', 'SUBMITTED', 'yzcg.liaison', null],
      ['accept', 'SUBMITTED', 'ACCEPTED', 'jc6.staff', null],
    ]);
    expect(timeline(tendering.id).at(-1)).toEqual(['return', 'SUBMITTED', 'RETURNED', 'jc6.staff', '请补充招标文件']);
  });

  it('an accepted answer is final: nobody saves, submits, returns or accepts it again (409)', async () => {
    const funds = await responseOf('FUNDS');
    expect(funds.state).toBe('ACCEPTED');
    const put = await t.request({
      method: 'PUT',
      url: url(funds.id),
      as: 'yzcg.liaison',
      payload: { problemsText: '', problemsCount: 0, correctedCount: 0, version: funds.version },
    });
    expect(put.statusCode).toBe(409);
    for (const [as, action] of [
      ['yzcg.liaison', 'submit'],
      ['jc6.staff', 'accept'],
    ] as const) {
      const res = await t.request({ method: 'POST', url: `${url(funds.id)}/actions`, as, payload: { action, version: funds.version } });
      expect(res.statusCode, `${as} ${action}`).toBe(409);
      expect(res.json().message).toContain('已认可');
    }
    expect((await responseOf('FUNDS')).version).toBe(funds.version);
  });
});
