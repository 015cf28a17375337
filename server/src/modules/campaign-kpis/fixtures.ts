/**
 * Builders for the campaign-kpis HTTP tests (not a test file itself): a campaign and the records linked
 * to it, inserted directly with the campaign's id (the links module's pickers are not needed here).
 */
import { sql } from 'kysely';
import type { TestApp } from '../../../test/app';
import { makeCase, orgId, userId } from '../cases/fixtures';

export const DFZF = 'LZ-JW-DFZF';
let n = 0;

async function commissionOf(t: TestApp): Promise<string> {
  return (await t.db.selectFrom('org').select('commission_id').where('code', '=', DFZF).executeTakeFirstOrThrow()).commission_id;
}

/** A campaign led by 党风政风监督室 without participants: only the lead office, the leaders and its 专班 see it. */
export async function makeCampaign(t: TestApp, over: { state?: string; schedule?: string; startsOn?: string } = {}): Promise<string> {
  const cid = await commissionOf(t);
  const row = await t.db
    .insertInto('campaign')
    .values({
      commission_id: cid,
      name: `测试专项整治${++n}${Date.now() % 100000}`,
      domain: 'SCHOOL_CATERING',
      year: 2026,
      lead_org_id: await orgId(t, DFZF),
      state: over.state ?? 'CHECKING',
      bulletin_schedule: over.schedule ?? 'MONTHLY',
      starts_on: over.startsOn ?? '2026-03-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A clue tagged to the campaign. */
export async function makeClue(
  t: TestApp,
  campaignId: string,
  o: { state?: string; receivedOn: string; caseId?: string; subjectName?: string; closedOn?: string },
): Promise<string> {
  const cid = await commissionOf(t);
  const row = await t.db
    .insertInto('clue')
    .values({
      commission_id: cid,
      year: 2026,
      source: 'CAMPAIGN_SCREENING',
      received_on: o.receivedOn,
      receiving_org_id: await orgId(t, DFZF),
      title: '专项整治排查发现的问题线索（测试）',
      summary: '测试数据',
      subject_name: o.subjectName ?? '测试对象',
      state: o.state ?? 'UNDER_ANALYSIS',
      propose_due: '2026-12-31',
      case_id: o.caseId ?? null,
      closed_on: o.closedOn ?? null,
      campaign_id: campaignId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A case (cases fixtures) filed on `filedOn`, decided on `decidedOn` with outcomes, optionally with funds. */
export async function makeDecidedCase(
  t: TestApp,
  o: {
    filedOn: string;
    decidedOn?: string;
    funds?: string;
    outcomes?: { kind: string; detail?: string; form: string | null }[];
    set?: Record<string, unknown>;
  },
): Promise<string> {
  const id = await makeCase(t, {
    state: o.decidedOn ? 'DECIDED' : 'INVESTIGATING',
    set: { filed_on: o.filedOn, decided_on: o.decidedOn ?? null, funds_recovered: o.funds ?? null, ...(o.set ?? {}) },
  });
  const cid = await commissionOf(t);
  for (const out of o.outcomes ?? [])
    await t.db
      .insertInto('case_outcome')
      .values({ commission_id: cid, case_id: id, kind: out.kind, detail: out.detail ?? null, four_form: out.form, decided_on: o.decidedOn ?? o.filedOn })
      .execute();
  return id;
}

export async function makeAccountability(t: TestApp, campaignId: string | null, method: string, decidedOn: string, targetName = '测试对象') {
  await t.db
    .insertInto('accountability')
    .values({
      commission_id: await commissionOf(t),
      target_kind: 'LEADER',
      target_name: targetName,
      target_position: '某中学校长',
      method,
      basis: '《中国共产党问责条例》第七条',
      facts: `${targetName}履行主体责任不力，食材验收制度长期未落实`,
      deciding_body: '中共兰州市纪委常委会',
      decided_on: decidedOn,
      owner_org_id: await orgId(t, DFZF),
      campaign_id: campaignId,
    })
    .execute();
}

export async function makeTask(t: TestApp, campaignId: string, o: { state: string; deadline: string; closedOn?: string }) {
  await t.db
    .insertInto('rectification_task')
    .values({
      commission_id: await commissionOf(t),
      source: 'MANUAL',
      unit_org_id: await orgId(t, 'LZ-HU-JYJ'),
      issue: '食材验收不规范（测试）',
      deadline: o.deadline,
      supervisor_user_id: await userId(t, 'dfzf.director'),
      supervisor_org_id: await orgId(t, DFZF),
      state: o.state,
      closed_on: o.closedOn ?? null,
      campaign_id: campaignId,
    })
    .execute();
}

/** Puts `username` on the campaign's 专班 from `from` to `to`. */
export async function addMember(t: TestApp, campaignId: string, username: string, from: string, to: string) {
  const cid = await commissionOf(t);
  const tf =
    (await t.db.selectFrom('task_force').select('id').where('campaign_id', '=', campaignId).executeTakeFirst()) ??
    (await t.db
      .insertInto('task_force')
      .values({ commission_id: cid, name_zh: '测试专班', campaign_id: campaignId, purpose: 'CAMPAIGN', valid_from: '2026-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow());
  await t.db
    .insertInto('task_force_member')
    .values({ commission_id: cid, task_force_id: tf.id, user_id: await userId(t, username), valid_from: from, valid_to: to })
    .execute();
}

/** Today in the database's calendar, shifted by `days`. */
export async function dayOffset(t: TestApp, days: number): Promise<string> {
  return (await sql<{ d: string }>`SELECT (current_date + ${days}::int)::text AS d`.execute(t.db)).rows[0]!.d;
}
