import type { MeetingCreateBody, MeetingDetail } from '@liandong/domain/meetings/contracts';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';

/* Test builders for meetings: accounts by username, a meeting registered over the API, a held meeting with decisions. */

export async function userOf(t: TestApp, username: string): Promise<{ id: string; orgId: string }> {
  const u = await t.db.selectFrom('app_user').select(['id', 'org_id']).where('username', '=', username).executeTakeFirstOrThrow();
  return { id: u.id, orgId: u.org_id };
}

export async function orgByCode(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** An ISO instant `days` from now at 09:00 Beijing time. */
export function at(days: number, hour = 9): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  return `${day}T${String(hour).padStart(2, '0')}:00:00+08:00`;
}

/** YYYY-MM-DD `days` from today (Beijing). */
export function day(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

/**
 * A 常委会 chaired by sj.secretary: cw1.member present, fsj2.deputy on leave, edu.group observing; agenda hears
 * the education group's report and deliberates a confidential personnel matter.
 */
export async function standingCommittee(t: TestApp, over: Partial<MeetingCreateBody> = {}): Promise<MeetingDetail> {
  const [chair, cw1, fsj2, edu] = await Promise.all([userOf(t, 'sj.secretary'), userOf(t, 'cw1.member'), userOf(t, 'fsj2.deputy'), userOf(t, 'edu.group')]);
  const body: MeetingCreateBody = {
    type: 'STANDING_COMMITTEE',
    title: '市纪委常委会2026年第12次会议',
    sessionNo: 12,
    startsAt: at(0),
    place: '机关三楼会议室',
    chairUserId: chair.id,
    agenda: [
      { kind: 'HEAR_REPORT', title: '听取2026年度派驻监督工作情况汇报', reporterOrgId: edu.orgId },
      { kind: 'DELIBERATE', title: '研究某干部调整的党风廉政意见' },
    ],
    attendees: [
      { userId: chair.id, attendance: 'PRESENT' },
      { userId: cw1.id, attendance: 'PRESENT' },
      { userId: fsj2.id, attendance: 'LEAVE', leaveReason: '外出学习' },
      { userId: edu.id, attendance: 'OBSERVER' },
      { name: '王某某', unit: '市教育局', attendance: 'OBSERVER' },
    ],
    ...over,
  };
  const res = await t.request({ method: 'POST', url: '/api/v1/meetings', as: 'sj.secretary', payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function act(t: TestApp, as: string, id: string, action: string, version: number, comment?: string) {
  return t.request({ method: 'POST', url: `/api/v1/meetings/${id}/actions`, as, payload: { action, version, ...(comment ? { comment } : {}) } });
}

/** A held meeting with decisions assigned to the given orgs (deadlines `days` from today). */
export async function heldWithDecisions(t: TestApp, decisions: { ownerOrgId: string; content: string; days: number }[]): Promise<MeetingDetail> {
  const m = await standingCommittee(t);
  expect((await act(t, 'sj.secretary', m.id, 'hold', m.version)).statusCode).toBe(200);
  for (const d of decisions) {
    const res = await t.request({
      method: 'POST',
      url: `/api/v1/meetings/${m.id}/decisions`,
      as: 'sj.secretary',
      payload: { content: d.content, ownerOrgId: d.ownerOrgId, deadline: day(d.days) },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  return (await t.request({ method: 'GET', url: `/api/v1/meetings/${m.id}`, as: 'sj.secretary' })).json();
}
