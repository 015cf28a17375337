/** Meetings over HTTP: registration, bad input, who sees a meeting (404 outside), edits and the kernel's transitions. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { auditCount } from '../orgs/test-helpers';
import { act, at, standingCommittee, userOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async () =>
  Number(
    (
      await t.db
        .selectFrom('meeting')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('registering a meeting', () => {
  it('stores agenda and attendance, names accounts by their display name and unit, audits', async () => {
    const m = await standingCommittee(t);
    expect(m.state).toBe('PLANNED');
    expect(m.agenda.map((a) => a.kind)).toEqual(['HEAR_REPORT', 'DELIBERATE']);
    expect(m.agenda[0]!.reporterOrg?.name).toBe('驻市教育局纪检监察组');
    expect(m.attendees.map((a) => a.attendance)).toEqual(['PRESENT', 'PRESENT', 'LEAVE', 'OBSERVER', 'OBSERVER']);
    expect(m.attendees[2]!.leaveReason).toBe('外出学习');
    expect(m.attendees[4]).toMatchObject({ userId: null, name: '王某某', unit: '市教育局' });
    expect(m.abilities).toMatchObject({ edit: true, addDecision: false, actions: ['hold', 'cancel'] });
    expect(await auditCount(t, 'meeting.created', m.id)).toBe(1);
    // 会议通知 to the attendees with accounts (not the registrar).
    const noticed = await t.db
      .selectFrom('inbox_message as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.body'])
      .where('n.link', '=', `/meetings/${m.id}`)
      .where('n.kind', '=', 'meeting.notice')
      .execute();
    expect(noticed.map((n) => n.username).sort()).toEqual(['cw1.member', 'edu.group', 'fsj2.deputy']);
    expect(noticed[0]!.body).toContain('机关三楼会议室');
  });

  it('refuses bad input with zh-CN messages on the field, writing nothing', async () => {
    const before = await count();
    const chair = await userOf(t, 'sj.secretary');
    const base = { type: 'EXCHANGE', title: '监督工作交流会', startsAt: at(1), chairUserId: chair.id, agenda: [], attendees: [] };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ attendees: [{ userId: chair.id, attendance: 'LEAVE' }] }, 'attendees.0.leaveReason', '请假须填写事由'],
      [{ agenda: [{ kind: 'HEAR_REPORT', title: '听取汇报' }] }, 'agenda.0.reporterOrgId', '听取汇报须选择汇报单位'],
      [{ type: 'BOARD' }, 'type', '会议类型不正确'],
      [{ startsAt: '明天上午' }, 'startsAt', '时间格式'],
      [{ attendees: [{ attendance: 'PRESENT' }] }, 'attendees.0.name', '请选择账号或填写姓名'],
    ];
    for (const [over, path, message] of cases) {
      const res = await t.request({ method: 'POST', url: '/api/v1/meetings', as: 'sj.secretary', payload: { ...base, ...over } });
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const issue = (res.json().details.issues as { path: string; message: string }[]).find((d) => d.path === path);
      expect(issue?.message, `${path}: ${res.body}`).toContain(message);
    }
    expect(await count()).toBe(before);
  });

  it('a 派驻机构负责人会议 is called by a 分管领导; attendees and reporters must be the commission’s', async () => {
    const staff = await userOf(t, 'jc5.staff');
    const before = await count();
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/meetings',
      as: 'fsj1.deputy',
      payload: { type: 'DISPATCHED_HEADS', title: '派驻机构负责人会议', startsAt: at(2), chairUserId: staff.id, agenda: [], attendees: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details.issues[0]).toMatchObject({ path: 'chairUserId', message: '派驻机构负责人会议由分管领导召集主持' });
    const deputy = await userOf(t, 'fsj1.deputy');
    const dup = await t.request({
      method: 'POST',
      url: '/api/v1/meetings',
      as: 'fsj1.deputy',
      payload: {
        type: 'DISPATCHED_HEADS',
        title: '派驻机构负责人会议',
        startsAt: at(2),
        chairUserId: deputy.id,
        agenda: [{ kind: 'HEAR_REPORT', title: '汇报', reporterOrgId: staff.orgId }],
        attendees: [
          { userId: '00000000-0000-4000-8000-000000000000', attendance: 'PRESENT' },
          { userId: deputy.id, attendance: 'PRESENT' },
          { userId: deputy.id, attendance: 'PRESENT' },
        ],
      },
    });
    expect(dup.statusCode).toBe(400);
    expect(
      dup
        .json()
        .details.issues.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['agenda.0.reporterOrgId', 'attendees.0.userId', 'attendees.2.userId']);
    expect(await count()).toBe(before);
  });

  it('group staff and the unit contact may not register meetings (403)', async () => {
    const chair = await userOf(t, 'sj.secretary');
    for (const as of ['edu.group', 'xf.officer1']) {
      const res = await t.request({
        method: 'POST',
        url: '/api/v1/meetings',
        as,
        payload: { type: 'EXCHANGE', title: '交流会', startsAt: at(1), chairUserId: chair.id, agenda: [], attendees: [] },
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('who sees a meeting', () => {
  it('chair, attendees (incl. leave and observers) and the leaders; everyone else 404 and nothing in their ledger', async () => {
    const m = await standingCommittee(t, { title: '常委会保密议题会议' });
    for (const as of ['sj.secretary', 'cw1.member', 'fsj2.deputy', 'edu.group', 'cw5.member']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as });
      expect(res.statusCode, as).toBe(200);
    }
    for (const as of ['fsj3.deputy', 'jc3.staff', 'fin.group', 'ag.manager1', 'cg.county']) {
      const res = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as });
      expect(res.statusCode, as).toBe(404);
      const list = await t.request({ method: 'GET', url: '/api/v1/meetings?pageSize=200', as });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('常委会保密议题会议');
      const docx = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}/minutes.docx`, as });
      expect(docx.statusCode, as).toBe(404);
    }
    // The 三员 and a unit contact do not reach the routes at all.
    expect((await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'sysadmin' })).statusCode).toBe(404);
  });

  it('reading a meeting is audited', async () => {
    const m = await standingCommittee(t);
    const before = await auditCount(t, 'meeting.read', m.id);
    await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'cw1.member' });
    expect(await auditCount(t, 'meeting.read', m.id)).toBe(before + 1);
  });
});

describe('editing and the meeting machine', () => {
  it('only the chair or the registrar edits; a stale version is 409; an attendee gets 403', async () => {
    const m = await standingCommittee(t);
    const byAttendee = await t.request({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, as: 'cw1.member', payload: { version: m.version, place: '别处' } });
    expect(byAttendee.statusCode).toBe(403);
    const ok = await t.request({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary', payload: { version: m.version, place: '二楼会议室' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().place).toBe('二楼会议室');
    const stale = await t.request({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary', payload: { version: m.version, place: '三楼' } });
    expect(stale.statusCode).toBe(409);
    const outsider = await t.request({ method: 'PATCH', url: `/api/v1/meetings/${m.id}`, as: 'fsj3.deputy', payload: { version: 2, place: 'x' } });
    expect(outsider.statusCode).toBe(404);
  });

  it('PLANNED → HELD → MINUTES_ISSUED through the kernel; minutes are needed; nothing changes afterwards', async () => {
    const m = await standingCommittee(t);
    expect((await act(t, 'sj.secretary', m.id, 'issueMinutes', m.version)).statusCode).toBe(409);
    expect((await act(t, 'cw1.member', m.id, 'hold', m.version)).statusCode).toBe(403);
    const held = await act(t, 'sj.secretary', m.id, 'hold', m.version);
    expect(held.json()).toMatchObject({ from: 'PLANNED', to: 'HELD', version: m.version + 1 });
    // An attendee hears of it (not the actor).
    const cw1 = await userOf(t, 'cw1.member');
    const notices = await t.db.selectFrom('inbox_message').select('title').where('user_id', '=', cw1.id).where('link', '=', `/meetings/${m.id}`).execute();
    expect(notices.length).toBeGreaterThan(0);
    const noMinutes = await act(t, 'sj.secretary', m.id, 'issueMinutes', m.version + 1);
    expect(noMinutes.statusCode).toBe(422);
    expect(noMinutes.json().message).toContain('请先填写会议纪要内容');
    const patched = await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: m.version + 1, minutes: '会议听取了驻市教育局纪检监察组的汇报。' },
    });
    expect(patched.statusCode).toBe(200);
    const issued = await act(t, 'sj.secretary', m.id, 'issueMinutes', patched.json().version);
    expect(issued.json().to).toBe('MINUTES_ISSUED');
    const after = await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary' });
    expect(after.json().minutesIssuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(after.json().abilities).toMatchObject({ edit: false, addDecision: false, actions: [] });
    const late = await t.request({
      method: 'PATCH',
      url: `/api/v1/meetings/${m.id}`,
      as: 'sj.secretary',
      payload: { version: issued.json().version, minutes: '改写' },
    });
    expect(late.statusCode).toBe(422);
    expect((await act(t, 'sj.secretary', m.id, 'cancel', issued.json().version, '取消')).statusCode).toBe(409);
    expect(after.json().timeline.map((e: { action: string }) => e.action)).toEqual(['create', 'hold', 'issueMinutes']);
  });

  it('cancelling needs a reason (400) and records it', async () => {
    const m = await standingCommittee(t);
    expect((await act(t, 'sj.secretary', m.id, 'cancel', m.version)).statusCode).toBe(400);
    const ok = await act(t, 'sj.secretary', m.id, 'cancel', m.version, '议题调整，另行安排');
    expect(ok.json().to).toBe('CANCELLED');
    const after = (await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary' })).json();
    expect(after.cancelReason).toBe('议题调整，另行安排');
  });
});
