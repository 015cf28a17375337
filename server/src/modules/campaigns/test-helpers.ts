import type { TestApp } from '../../../test/app';
import { orgIdOf, userIdOf } from '../../../test/fixtures';

/*
 * Helpers of the campaign tests: requests as a demo account, a fresh PLANNED campaign led by 党风政风监督室,
 * and a 专班 for a campaign (the taskforces module builds its screens; the tests only need the rows).
 */

export const req = (t: TestApp, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, as: string, payload?: unknown) =>
  t.request({ method, url, as, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

let seq = 0;

/** A PLANNED campaign registered by dfzf.staff (with a plan and, by default, 第六监督检查室 as participant). */
export async function newCampaign(t: TestApp, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number; name: string }> {
  const name = `测试专项整治${++seq}-${Date.now() % 100000}`;
  const res = await req(t, 'POST', '/api/v1/campaigns', 'dfzf.staff', {
    name,
    domain: 'SCHOOL_CATERING',
    year: 2026,
    goal: '演示目标',
    plan: '一、动员部署；二、自查自纠。',
    participants: [{ orgId: await orgIdOf(t.db, 'LZ-JW-JC6'), kind: 'OFFICE', division: '联合抽查' }],
    ...extra,
  });
  if (res.statusCode !== 200) throw new Error(`create campaign: ${res.statusCode} ${res.body}`);
  return { id: res.json().id, version: res.json().version, name };
}

/** A 专班 for the campaign with the given co-leaders (username and the org they come from). */
export async function formTaskForce(t: TestApp, campaignId: string, coLeaders: { user: string; fromOrg: string }[]): Promise<string> {
  const commissionId = (await t.db.selectFrom('campaign').select('commission_id').where('id', '=', campaignId).executeTakeFirstOrThrow()).commission_id;
  const tf = await t.db
    .insertInto('task_force')
    .values({ commission_id: commissionId, name_zh: '测试工作专班', purpose: 'CAMPAIGN', campaign_id: campaignId })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const c of coLeaders) {
    await t.db
      .insertInto('task_force_member')
      .values({
        commission_id: commissionId,
        task_force_id: tf.id,
        user_id: await userIdOf(t.db, c.user),
        role: 'CO_LEADER',
        valid_from: '2026-01-01',
        valid_to: '2099-12-31',
        from_org_id: await orgIdOf(t.db, c.fromOrg),
      })
      .execute();
  }
  return tf.id;
}

/** Audit rows of a type about an object. */
export async function auditsOf(t: TestApp, type: string, objectId: string): Promise<{ payload: unknown; actor_name: string | null }[]> {
  return t.db.selectFrom('audit_event').select(['payload', 'actor_name']).where('type', '=', type).where('object_id', '=', objectId).execute();
}
