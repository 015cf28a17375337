/**
 * Who approves a work report (issue 11: "drafted by the unit, approved by its head"): the head recorded on the
 * reporter org (本单位负责人); the overseeing 分管领导 only when no head counts; never the 书记, who hears it at the
 * 常委会. The head is the one told on their bell / 工作台.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { act, draft, orgId, slotsOf } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (as: string, id: string) => t.request({ method: 'GET', url: `/api/v1/work-reports/${id}`, as });

/** Usernames told that the report was submitted for approval. */
async function toldToApprove(reportId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('inbox_message as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select('u.username')
    .where('n.link', '=', `/work-reports/${reportId}`)
    .where('n.title', 'like', '%提交审批%')
    .orderBy('u.username')
    .execute();
  return rows.map((r) => r.username);
}

/** A report of the finance group for `year`, drafted and submitted for approval by fin.staff. */
async function pendingFinReport(year: number) {
  const [slot] = await slotsOf(t, 'LZ-JW-PZ-JR', 'YEARLY', year);
  const r = await draft(t, 'fin.staff', slot!.id);
  const sub = await act(t, 'fin.staff', r.id, 'submit', r.version);
  expect(sub.statusCode, sub.body).toBe(200);
  return { id: r.id, version: sub.json().version as number };
}

/** Sets the finance group's head as the system administrator would (PATCH /orgs/:id with the version read). */
async function setFinHead(username: string | null) {
  const id = await orgId(t, 'LZ-JW-PZ-JR');
  const org = (await t.request({ method: 'GET', url: `/api/v1/orgs/${id}`, as: 'sysadmin' })).json();
  const headUserId = username ? (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id : null;
  const res = await t.request({ method: 'PATCH', url: `/api/v1/orgs/${id}`, as: 'sysadmin', payload: { version: org.version, headUserId } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('the head approves', () => {
  it('the group’s head approves; a colleague gets 403, the 分管领导 and the 书记 404; only the head is told', async () => {
    const r = await pendingFinReport(2040);
    const head = (await get('fin.group', r.id)).json();
    expect(head).toMatchObject({ state: 'PENDING_APPROVAL', abilities: { actions: ['approve', 'returnDraft'] } });
    expect((await get('fin.staff', r.id)).json().abilities.actions).toEqual([]);
    const colleague = await act(t, 'fin.staff', r.id, 'approve', r.version);
    expect(colleague.statusCode).toBe(403);
    for (const who of ['cw1.member', 'sj.secretary', 'edu.group']) {
      expect((await get(who, r.id)).statusCode, who).toBe(404);
      expect((await act(t, who, r.id, 'approve', r.version)).statusCode, who).toBe(404);
    }
    expect(await toldToApprove(r.id)).toEqual(['fin.group']);
    const ok = await act(t, 'fin.group', r.id, 'approve', r.version);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await get('fin.staff', r.id)).json()).toMatchObject({ state: 'APPROVED', approvedBy: '隗正清' });
  });
});

describe('without a head', () => {
  it('the overseeing 分管领导 approves when no head is recorded, and is the one told', async () => {
    await setFinHead(null);
    try {
      const r = await pendingFinReport(2041);
      expect(await toldToApprove(r.id)).toEqual(['cw1.member']);
      expect((await get('cw1.member', r.id)).json().abilities.actions).toEqual(['approve', 'returnDraft']);
      // The former head is staff again, no approver; a leader who does not oversee the group sees nothing.
      expect((await act(t, 'fin.group', r.id, 'approve', r.version)).statusCode).toBe(403);
      expect((await act(t, 'cw2.member', r.id, 'approve', r.version)).statusCode).toBe(404);
      const ok = await act(t, 'cw1.member', r.id, 'approve', r.version);
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await get('fin.staff', r.id)).json()).toMatchObject({ state: 'APPROVED', approvedBy: '邰书亭' });
    } finally {
      await setFinHead('fin.group');
    }
  });

  it('a head whose account was disabled no longer counts: the report stays approvable by the 分管领导', async () => {
    const r = await pendingFinReport(2042);
    expect((await get('cw1.member', r.id)).statusCode).toBe(404); // while the head counts, the 分管领导 does not approve
    await t.owner.updateTable('app_user').set({ status: 'DISABLED' }).where('username', '=', 'fin.group').execute();
    try {
      expect((await get('cw1.member', r.id)).json().abilities.actions).toEqual(['approve', 'returnDraft']);
      expect((await act(t, 'cw1.member', r.id, 'approve', r.version)).statusCode).toBe(200);
    } finally {
      await t.owner.updateTable('app_user').set({ status: 'ACTIVE' }).where('username', '=', 'fin.group').execute();
    }
  });

  it('the 书记 approves only as the last resort: no head and no 分管领导 overseeing the group today', async () => {
    const group = await orgId(t, 'LZ-JW-PZ-JR');
    await setFinHead(null);
    const liaison = await t.owner.selectFrom('liaison').select(['id', 'valid_to']).where('target_id', '=', group).execute();
    try {
      const overseen = await pendingFinReport(2043);
      expect((await get('sj.secretary', overseen.id)).statusCode).toBe(404); // cw1.member oversees it
      // 第二监督检查室 no longer liaises with the group: nobody oversees it.
      await t.owner.updateTable('liaison').set({ valid_to: sql`current_date - 1` }).where('target_id', '=', group).execute();
      const r = await pendingFinReport(2044);
      expect(await toldToApprove(r.id)).toEqual(['sj.secretary']);
      expect((await get('cw1.member', r.id)).statusCode).toBe(404);
      const ok = await act(t, 'sj.secretary', r.id, 'approve', r.version);
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await get('fin.staff', r.id)).json()).toMatchObject({ state: 'APPROVED', approvedBy: '柏川远' });
    } finally {
      for (const l of liaison) await t.owner.updateTable('liaison').set({ valid_to: l.valid_to }).where('id', '=', l.id).execute();
      await setFinHead('fin.group');
    }
  });
});
