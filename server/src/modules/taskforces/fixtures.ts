/**
 * Builders for the 工作专班 HTTP tests (not a test file itself): a fresh campaign inserted directly (the
 * campaign register is another module), dates relative to today, demo ids by username and org code.
 */
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/app';

/** ISO date `n` days from today in the database's civil day (what current_date sees). */
export async function day(t: TestApp, n: number): Promise<string> {
  const { rows } = await sql<{ d: string }>`SELECT to_char(current_date + ${n}::int, 'YYYY-MM-DD') AS d`.execute(t.db);
  return rows[0]!.d;
}

export async function orgId(t: TestApp, code: string): Promise<string> {
  return (await t.db.selectFrom('org').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  return (await t.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/**
 * A campaign led by 党风政风监督室 with the given participants (org codes), running from 60 days ago for
 * 200 days. Inserted directly: what is tested here is the 专班, not the register.
 */
export async function newCampaign(t: TestApp, name: string, participants: Record<string, 'OFFICE' | 'GROUP' | 'COUNTY' | 'DEPARTMENT'>): Promise<string> {
  const lead = await t.db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', 'LZ-JW-DFZF').executeTakeFirstOrThrow();
  const c = await t.db
    .insertInto('campaign')
    .values({
      commission_id: lead.commission_id,
      name,
      domain: 'SCHOOL_CATERING',
      year: 2026,
      lead_org_id: lead.id,
      state: 'LAUNCHED',
      starts_on: await day(t, -60),
      ends_on: await day(t, 200),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [code, kind] of Object.entries(participants)) {
    await t.db
      .insertInto('campaign_participant')
      .values({ campaign_id: c.id, org_id: await orgId(t, code), kind })
      .execute();
  }
  return c.id;
}

/** Forms the campaign's 专班 over HTTP as `as` with the given co-leaders (usernames); expects success. */
export async function formTaskForce(t: TestApp, campaignId: string, leaders: [string, string], as = 'dfzf.director', from = -30, to = 150) {
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaignId}/task-force`,
    as,
    payload: {
      name: '测试工作专班',
      validFrom: await day(t, from),
      validTo: await day(t, to),
      coLeaders: [{ userId: await userId(t, leaders[0]) }, { userId: await userId(t, leaders[1]) }],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Adds `username` as a member over HTTP with the 专班's current version; returns the new member's id. */
export async function addMember(t: TestApp, campaignId: string, username: string, over: Record<string, unknown> = {}, as = 'dfzf.director') {
  const view = (await t.request({ method: 'GET', url: `/api/v1/campaigns/${campaignId}/task-force`, as })).json();
  const uid = await userId(t, username);
  const res = await t.request({
    method: 'POST',
    url: `/api/v1/campaigns/${campaignId}/task-force/members`,
    as,
    payload: { version: view.taskForce.version, userId: uid, ...over },
  });
  expect(res.statusCode, res.body).toBe(200);
  const members = res.json().taskForce.members as { id: string; user: { id: string }; ended: boolean }[];
  return members.filter((m) => m.user.id === uid && !m.ended).at(-1)!.id;
}
