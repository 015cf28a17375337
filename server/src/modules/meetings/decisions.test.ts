/** Decisions (议定事项 → 督办) over HTTP: assignment, the owner org's side door, reports, the board's lights, the daily overdue mark. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { runMeetingsDaily } from './daily';
import { day, heldWithDecisions, standingCommittee, userOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const noticesOf = async (username: string, link: string) => {
  const u = await userOf(t, username);
  return t.db.selectFrom('inbox_message').select(['kind', 'title', 'body']).where('user_id', '=', u.id).where('link', '=', link).execute();
};
const decisionAct = (as: string, id: string, action: string, version: number, comment?: string) =>
  t.request({ method: 'POST', url: `/api/v1/meeting-decisions/${id}/actions`, as, payload: { action, version, ...(comment ? { comment } : {}) } });

describe('assigning decisions', () => {
  it('only a HELD meeting takes decisions, from its chair or registrar, with a deadline not in the past and an internal owner org', async () => {
    const m = await standingCommittee(t);
    const jc5 = await userOf(t, 'jc5.staff');
    const body = { content: '开展金融领域专项监督', ownerOrgId: jc5.orgId, deadline: day(30) };
    const planned = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/decisions`, as: 'sj.secretary', payload: body });
    expect(planned.statusCode).toBe(422);
    await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/actions`, as: 'sj.secretary', payload: { action: 'hold', version: m.version } });
    const byAttendee = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/decisions`, as: 'cw1.member', payload: body });
    expect(byAttendee.statusCode).toBe(403);
    const byOutsider = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/decisions`, as: 'fsj3.deputy', payload: body });
    expect(byOutsider.statusCode).toBe(404);
    const past = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/decisions`, as: 'sj.secretary', payload: { ...body, deadline: day(-1) } });
    expect(past.statusCode).toBe(400);
    expect(past.json().details.issues[0]).toMatchObject({ path: 'deadline', message: '办理期限不能早于今天' });
    const host = await t.db.selectFrom('org').select('id').where('kind', '=', 'HOST_UNIT').executeTakeFirstOrThrow();
    const hostOwner = await t.request({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/decisions`,
      as: 'sj.secretary',
      payload: { ...body, ownerOrgId: host.id },
    });
    expect(hostOwner.statusCode).toBe(400);
    expect(await t.db.selectFrom('meeting_decision').select('id').where('meeting_id', '=', m.id).execute()).toHaveLength(0);
    const ok = await t.request({ method: 'POST', url: `/api/v1/meetings/${m.id}/decisions`, as: 'sj.secretary', payload: body });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ seq: 1, state: 'ASSIGNED', ownerOrg: { id: jc5.orgId }, light: 'GREEN' });
    expect(await auditCount(t, 'meeting.decision_created', ok.json().id)).toBe(1);
    // The owner org hears of the assignment.
    const n = await noticesOf('jc5.staff', `/meetings/decisions/${ok.json().id}`);
    expect(n.map((x) => x.kind)).toEqual(['meeting.decision_assigned']);
  });
});

describe('the owner org sees its decision and nothing else of the meeting (no side door)', () => {
  it('decision 200, the meeting 404, no other agenda item, attendee or decision in anything it can read', async () => {
    const [jc5, fin] = await Promise.all([userOf(t, 'jc5.staff'), userOf(t, 'fin.group')]);
    const m = await heldWithDecisions(t, [
      { ownerOrgId: jc5.orgId, content: '督促金融系统整改廉政风险点', days: 20 },
      { ownerOrgId: fin.orgId, content: '对某行长涉嫌违纪问题线索从严把关', days: 20 },
    ]);
    const [mine, theirs] = m.decisions;
    const d = await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${mine!.id}`, as: 'jc5.staff' });
    expect(d.statusCode).toBe(200);
    expect(d.json().meeting).toEqual({
      id: m.id,
      type: 'STANDING_COMMITTEE',
      title: m.title,
      classification: 'WORK_SECRET',
      startsAt: m.startsAt,
      chair: m.chair,
    });
    for (const secret of ['研究某干部调整的党风廉政意见', '外出学习', '王某某', '某行长', 'agenda', 'attendees']) expect(d.body).not.toContain(secret);
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'jc5.staff' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx`, as: 'jc5.staff' })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${theirs!.id}`, as: 'jc5.staff' })).statusCode).toBe(404);
    const board = await t.request({ method: 'GET', url: `/api/v1/meeting-decisions?meetingId=${m.id}`, as: 'jc5.staff' });
    expect(board.json().items.map((x: { id: string }) => x.id)).toEqual([mine!.id]);
    expect(board.body).not.toContain('某行长');
    const calendar = await t.request({ method: 'GET', url: `/api/v1/meetings/calendar?month=${day(0).slice(0, 7)}`, as: 'jc5.staff' });
    expect(calendar.body).not.toContain(m.id);
    // Another office: nothing at all; it cannot act either (404, not 403).
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${mine!.id}`, as: 'jc3.staff' })).statusCode).toBe(404);
    expect((await decisionAct('jc3.staff', mine!.id, 'accept', mine!.version)).statusCode).toBe(404);
    const other = await t.request({ method: 'GET', url: '/api/v1/meeting-decisions?pageSize=200', as: 'jc3.staff' });
    expect(other.body).not.toContain(mine!.id);
    // A commission-wide scope (案管室) is not a reason to read it.
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${mine!.id}`, as: 'ag.manager1' })).statusCode).toBe(404);
  });
});

describe('the 分管领导 of the owner org', () => {
  it('follows the decision (scope) but neither reports in the org’s name (403) nor opens the meeting (404)', async () => {
    const deputy = await userOf(t, 'fsj3.deputy');
    const { rows } = await sql<{ id: string }>`SELECT s.org_id AS id FROM actor_org_scope(${deputy.id}::uuid) s JOIN org o ON o.id = s.org_id
      WHERE o.kind = 'INTERNAL_OFFICE' AND s.org_id <> ${deputy.orgId}::uuid ORDER BY o.code LIMIT 1`.execute(t.db);
    const overseen = rows[0]!.id;
    const m = await heldWithDecisions(t, [{ ownerOrgId: overseen, content: '分管领域的议定事项', days: 15 }]);
    const d = m.decisions[0]!;
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${d.id}`, as: 'fsj3.deputy' })).statusCode).toBe(200);
    const act = await decisionAct('fsj3.deputy', d.id, 'accept', d.version);
    expect(act.statusCode).toBe(403);
    expect(act.json().message).toBe('“签收办理”须由承办单位办理');
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'fsj3.deputy' })).statusCode).toBe(404);
    const add = await t.request({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/decisions`,
      as: 'fsj3.deputy',
      payload: { content: '越权交办', ownerOrgId: overseen, deadline: day(5) },
    });
    expect(add.statusCode).toBe(404);
  });
});

describe('reports and the board', () => {
  it('the owner org accepts, reports (text required) and finishes; the chair hears of each; nobody else acts', async () => {
    const jc5 = await userOf(t, 'jc5.staff');
    const m = await heldWithDecisions(t, [{ ownerOrgId: jc5.orgId, content: '建立室组联动月度会商机制', days: 40 }]);
    const d = m.decisions[0]!;
    expect((await decisionAct('sj.secretary', d.id, 'accept', d.version)).statusCode).toBe(403);
    const byHand = await decisionAct('jc5.staff', d.id, 'markOverdue', d.version);
    expect(byHand.statusCode).toBe(403);
    expect(byHand.json().message).toBe('逾期由系统每日自动标记，不能手工操作');
    const accepted = await decisionAct('jc5.staff', d.id, 'accept', d.version);
    expect(accepted.json()).toMatchObject({ from: 'ASSIGNED', to: 'IN_PROGRESS' });
    expect((await decisionAct('jc5.staff', d.id, 'markOverdue', d.version + 1)).statusCode).toBe(403);
    expect((await decisionAct('jc5.staff', d.id, 'reportProgress', d.version + 1)).statusCode).toBe(400);
    const rep = await decisionAct('jc5.staff', d.id, 'reportProgress', d.version + 1, '已制定会商制度草案，征求各组意见。');
    expect(rep.json()).toMatchObject({ from: 'IN_PROGRESS', to: 'IN_PROGRESS' });
    const chairNotices = await noticesOf('sj.secretary', `/meetings/decisions/${d.id}`);
    expect(chairNotices.length).toBe(2);
    expect(chairNotices.some((n) => n.body.includes('已制定会商制度草案'))).toBe(true);
    const done = await decisionAct('jc5.staff', d.id, 'reportDone', rep.json().version, '制度已印发施行。');
    expect(done.json().to).toBe('DONE');
    const detail = (await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${d.id}`, as: 'sj.secretary' })).json();
    expect(detail).toMatchObject({ state: 'DONE', light: 'DONE', lastReport: '制度已印发施行。' });
    expect(detail.doneOn).toBe(day(0));
    expect(detail.timeline.map((e: { action: string }) => e.action)).toEqual(['assign', 'accept', 'reportProgress', 'reportDone']);
  });

  it("the chair's board lists every decision of the meetings they chaired, with lights and counts", async () => {
    const [jc5, fin] = await Promise.all([userOf(t, 'jc5.staff'), userOf(t, 'fin.group')]);
    const m = await heldWithDecisions(t, [
      { ownerOrgId: jc5.orgId, content: '临期事项', days: 1 },
      { ownerOrgId: fin.orgId, content: '远期事项', days: 90 },
    ]);
    const board = await t.request({ method: 'GET', url: `/api/v1/meeting-decisions?view=chaired&meetingId=${m.id}`, as: 'sj.secretary' });
    expect(board.statusCode).toBe(200);
    expect(board.json().items.map((i: { content: string; light: string }) => [i.content, i.light])).toEqual([
      ['临期事项', 'YELLOW'],
      ['远期事项', 'GREEN'],
    ]);
    expect(board.json().counts).toMatchObject({ YELLOW: 1, GREEN: 1 });
    const yellow = await t.request({ method: 'GET', url: `/api/v1/meeting-decisions?view=chaired&meetingId=${m.id}&light=YELLOW`, as: 'sj.secretary' });
    expect(yellow.json().items).toHaveLength(1);
    // Someone who chaired nothing sees nothing on the chaired view.
    const cw1 = await t.request({ method: 'GET', url: `/api/v1/meeting-decisions?view=chaired&meetingId=${m.id}`, as: 'cw1.member' });
    expect(cw1.json().items).toHaveLength(0);
    const bad = await t.request({ method: 'GET', url: '/api/v1/meeting-decisions?light=PURPLE', as: 'sj.secretary' });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the daily job', () => {
  it('marks a running decision past its deadline overdue exactly once, tells chair and owner org once, escalates to the 书记 after 10 working days', async () => {
    const [jc5, fin] = await Promise.all([userOf(t, 'jc5.staff'), userOf(t, 'fin.group')]);
    const m = await heldWithDecisions(t, [
      { ownerOrgId: jc5.orgId, content: '逾期的议定事项', days: 5 },
      { ownerOrgId: fin.orgId, content: '按期的议定事项', days: 5 },
    ]);
    const [late, onTime] = m.decisions;
    // The deadline passes (owner connection: a fact of the calendar, not a state write).
    await sql`UPDATE meeting_decision SET deadline = ${day(-20)}::date WHERE id = ${late!.id}::uuid`.execute(t.owner);
    const today = day(0);
    const first = await runMeetingsDaily(t.db, today);
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);
    const after = (await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${late!.id}`, as: 'sj.secretary' })).json();
    expect(after).toMatchObject({ state: 'OVERDUE', light: 'RED', overdueSince: today });
    expect((await t.request({ method: 'GET', url: `/api/v1/meeting-decisions/${onTime!.id}`, as: 'sj.secretary' })).json().state).toBe('ASSIGNED');
    const second = await runMeetingsDaily(t.db, today);
    expect(second.markedOverdue).toBe(0);
    expect(second.reminders + second.escalations).toBe(0);
    const events = await t.db
      .selectFrom('meeting_decision_event')
      .select('action')
      .where('decision_id', '=', late!.id)
      .where('action', '=', 'markOverdue')
      .execute();
    expect(events).toHaveLength(1);
    const link = `/meetings/decisions/${late!.id}`;
    const chair = await noticesOf('sj.secretary', link);
    expect(chair.filter((n) => n.kind === 'meeting.decision_overdue')).toHaveLength(1);
    expect(chair.filter((n) => n.kind === 'meeting.decision_escalated')).toHaveLength(1);
    expect((await noticesOf('jc5.staff', link)).filter((n) => n.kind === 'meeting.decision_overdue')).toHaveLength(1);
    // Due within 5 working days: the owner org is reminded once.
    expect((await noticesOf('fin.group', `/meetings/decisions/${onTime!.id}`)).filter((n) => n.kind === 'meeting.decision_due')).toHaveLength(1);
    // An overdue decision still takes reports and stays overdue, then is finished.
    const rep = await decisionAct('jc5.staff', late!.id, 'reportProgress', after.version, '已约谈相关负责人，正在补办。');
    expect(rep.json()).toMatchObject({ from: 'OVERDUE', to: 'OVERDUE' });
    expect((await runMeetingsDaily(t.db, today)).markedOverdue).toBe(0);
  });
});
