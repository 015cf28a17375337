/**
 * 信息互通 across the three kinds (issue 11): a category grant on cases, a FULL grant that opens search and
 * the dashboard (its cache keyed by the grant), pushes of supervision items, person records and an issued
 * 党风廉政意见回复 — each opened to the grantee read-only, audited per grant, and closed at revocation.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { seedReply } from '../integrity/test-helpers';

let t: TestApp;
let today: string;
let finOrg: string;
const plus = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  today = (await sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
  finOrg = (await sql<{ org_id: string }>`SELECT org_id FROM app_user WHERE username = 'fin.staff'`.execute(t.db)).rows[0]!.org_id;
});
afterAll(() => t.close());

/** A 分管领导 (not the 书记) who approves shares of the org today: overseeing it, or its liaison office. */
async function approverOf(orgId: string): Promise<string> {
  const { rows } = await sql<{ username: string }>`SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'DEPUTY_OR_MEMBER'
    JOIN leadership_member lm ON lm.person_id = u.person_id JOIN oversight ov ON ov.leader_id = lm.id AND ov.valid_to IS NULL
    WHERE ov.office_id = ${orgId}::uuid OR ov.office_id IN (SELECT office_id FROM liaison WHERE target_id = ${orgId}::uuid AND valid_to IS NULL)
    ORDER BY u.username LIMIT 1`.execute(t.db);
  return rows[0]!.username;
}

/** A staff account of the org (not a liaison, not one of the 三员). */
async function staffOf(orgId: string): Promise<string> {
  const { rows } = await sql<{ username: string }>`SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id
    WHERE u.org_id = ${orgId}::uuid AND u.status = 'ACTIVE' AND ur.role IN ('OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'CADRE_SUPERVISION')
    ORDER BY u.username LIMIT 1`.execute(t.db);
  return rows[0]!.username;
}

async function start(as: string, body: Record<string, unknown>): Promise<string> {
  const res = await t.request({ method: 'POST', url: '/api/v1/shares', as, payload: { startsOn: today, endsOn: plus(60), ...body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function act(as: string, id: string, body: Record<string, unknown>) {
  const v = (await t.request({ method: 'GET', url: `/api/v1/shares/${id}`, as })).json().version;
  const res = await t.request({ method: 'POST', url: `/api/v1/shares/${id}/actions`, as, payload: { version: v, ...body } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const status = async (url: string, as = 'fin.staff') => (await t.request({ method: 'GET', url, as })).statusCode;
const reads = async (shareId: string) =>
  (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event WHERE type = 'share.read' AND object_id = ${shareId}`.execute(t.db)).rows[0]!.n;

describe('执纪审查: a category grant on a department’s cases', () => {
  it('opens that department’s cases (ledger, detail, export) and no other, then closes at revocation', async () => {
    const { rows } = await sql<{ id: string; lead_org_id: string }>`SELECT k.id, k.lead_org_id FROM case_file k JOIN org o ON o.id = k.lead_org_id
      WHERE o.kind = 'INTERNAL_OFFICE' AND EXISTS (SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'OFFICE_STAFF' WHERE u.org_id = o.id)
      ORDER BY o.code, k.case_no LIMIT 1`.execute(t.db);
    const kase = rows[0]!;
    const outside = (await sql<{ id: string }>`SELECT id FROM case_file WHERE lead_org_id <> ${kase.lead_org_id}::uuid LIMIT 1`.execute(t.db)).rows[0];
    expect(await status(`/api/v1/cases/${kase.id}`)).toBe(404);

    const id = await start('fin.staff', {
      origin: 'REQUEST',
      kind: 'DISCIPLINARY_REVIEW',
      ownerOrgId: kase.lead_org_id,
      purpose: '派驻监督需要了解案件办理情况',
      categoryTypes: ['CASE'],
    });
    const approved = await act(await approverOf(kase.lead_org_id), id, { action: 'approve', detail: 'FULL' });
    expect(approved).toMatchObject({ state: 'APPROVED', categoryTypes: ['CASE'], detail: 'FULL' });

    const detail = await t.request({ method: 'GET', url: `/api/v1/cases/${kase.id}`, as: 'fin.staff' });
    expect(detail.statusCode).toBe(200);
    expect(detail.json().shared).toEqual({ shareIds: [id], detail: 'FULL' });
    expect(detail.json().abilities).toMatchObject({ actions: [], update: false, recordMeasure: false });
    const ledger = (await t.request({ method: 'GET', url: '/api/v1/cases?pageSize=100', as: 'fin.staff' })).json().items as { id: string; leadOrgId: string }[];
    expect(ledger.map((c) => c.id)).toContain(kase.id);
    expect(ledger.every((c) => c.leadOrgId === kase.lead_org_id || c.leadOrgId === finOrg)).toBe(true);
    if (outside) expect(await status(`/api/v1/cases/${outside.id}`)).toBe(404);
    expect(await status('/api/v1/cases/export.xlsx')).toBe(200);
    // A grantee reads; it never acts: a transition is refused as if the case were not there.
    const move = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/actions`,
      as: 'fin.staff',
      payload: { action: 'revoke', version: 1, comment: '越权' },
    });
    expect([404, 400]).toContain(move.statusCode);
    expect(await reads(id)).toBeGreaterThanOrEqual(3);

    await act(await staffOf(kase.lead_org_id), id, { action: 'revoke', comment: '已了解完毕' });
    expect(await status(`/api/v1/cases/${kase.id}`)).toBe(404);
  });
});

describe('执纪审查: search and the dashboard follow FULL grants', () => {
  it('a summary grant lists the clue but keeps it out of full-text search; a full grant lets search find it; the dashboard moves with the grant', async () => {
    // A clue the search finds for the 书记 whose undertaking office has staff, and which the group does not see.
    const hits = (await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备')}&kind=clue`, as: 'sj.secretary' })).json()
      .items as { id: string }[];
    const { rows: picked } = await sql<{ id: string; owner: string; year: number }>`SELECT c.id, c.undertaking_org_id AS owner, c.year FROM clue c
      WHERE c.id = ANY(${hits.map((h) => h.id)}::uuid[]) AND c.undertaking_org_id <> ${finOrg}::uuid
        AND EXISTS (SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role IN ('OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF')
          WHERE u.org_id = c.undertaking_org_id)
      ORDER BY c.clue_no LIMIT 1`.execute(t.db);
    const hit = picked[0]!;
    const clue = { year: hit.year };
    const owner = hit.owner;
    expect(await status(`/api/v1/clues/${hit.id}`)).toBe(404);
    const found = async () =>
      (
        (await t.request({ method: 'GET', url: `/api/v1/casework/search?q=${encodeURIComponent('储备')}&kind=clue`, as: 'fin.staff' })).json().items as {
          id: string;
        }[]
      ).map((i) => i.id);
    const intake = async () =>
      (await t.request({ method: 'GET', url: `/api/v1/casework/dashboard?year=${clue.year}`, as: 'fin.staff' })).json().intake.total as number;
    expect(await found()).not.toContain(hit.id);
    const before = await intake();

    const pusher = await staffOf(owner);
    const summary = await start(pusher, {
      origin: 'PUSH',
      kind: 'DISCIPLINARY_REVIEW',
      granteeOrgId: finOrg,
      purpose: '通报相关问题线索',
      objects: [{ type: 'CLUE', id: hit.id }],
    });
    await act(await approverOf(owner), summary, { action: 'approve' });
    expect(await status(`/api/v1/clues/${hit.id}`)).toBe(200);
    expect(await found()).not.toContain(hit.id);
    expect(await intake()).toBe(before + 1);

    const full = await start(pusher, {
      origin: 'PUSH',
      kind: 'DISCIPLINARY_REVIEW',
      granteeOrgId: finOrg,
      purpose: '通报相关问题线索全文',
      detail: 'FULL',
      objects: [{ type: 'CLUE', id: hit.id }],
    });
    await act(await approverOf(owner), full, { action: 'approve' });
    expect(await found()).toContain(hit.id);
    const shared = (await t.request({ method: 'GET', url: `/api/v1/clues/${hit.id}`, as: 'fin.staff' })).json().shared;
    expect(shared.detail).toBe('FULL');
    expect(shared.shareIds.sort()).toEqual([summary, full].sort());

    await act(pusher, summary, { action: 'revoke', comment: '撤销' });
    await act(pusher, full, { action: 'revoke', comment: '撤销' });
    expect(await intake()).toBe(before);
    expect(await found()).not.toContain(hit.id);
  });
});

describe('日常监督 and 干部信息 pushes', () => {
  it('a pushed supervision item opens read-only to the grantee, summary without its progress', async () => {
    const { rows } = await sql<{ id: string; lead_org_id: string }>`SELECT i.id, i.lead_org_id FROM supervision_item i JOIN org o ON o.id = i.lead_org_id
      WHERE o.kind = 'INTERNAL_OFFICE' AND o.code <> 'LZ-JW-JC5' AND EXISTS (SELECT 1 FROM item_progress p WHERE p.item_id = i.id)
        AND EXISTS (SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'OFFICE_STAFF' WHERE u.org_id = o.id)
      ORDER BY o.code, i.seq LIMIT 1`.execute(t.db);
    const item = rows[0]!;
    expect(await status(`/api/v1/supervision/items/${item.id}`)).toBe(404);
    const pusher = await staffOf(item.lead_org_id);
    const cand = await t.request({ method: 'GET', url: '/api/v1/shares/candidates?kind=DAILY_SUPERVISION', as: pusher });
    expect(cand.json().items.map((o: { id: string }) => o.id)).toContain(item.id);
    const id = await start(pusher, {
      origin: 'PUSH',
      kind: 'DAILY_SUPERVISION',
      granteeOrgId: finOrg,
      purpose: '共享监督事项推进情况',
      objects: [{ type: 'SUPERVISION_ITEM', id: item.id }],
    });
    // Not the grantee's until approved.
    expect(await status(`/api/v1/shares/${id}`)).toBe(404);
    await act(await approverOf(item.lead_org_id), id, { action: 'approve' });
    const res = await t.request({ method: 'GET', url: `/api/v1/supervision/items/${item.id}`, as: 'fin.staff' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ shared: { detail: 'SUMMARY' }, progress: [], findings: [], events: [] });
    expect(Object.values(res.json().abilities).every((v) => v === false)).toBe(true);
    expect(await reads(id)).toBe(1);
  });

  it('someone else’s object cannot be pushed: 400 on the field, nothing written', async () => {
    const { rows } = await sql<{ id: string }>`SELECT id FROM case_file
      WHERE lead_org_id <> (SELECT org_id FROM app_user WHERE username = 'edu.staff') ORDER BY case_no LIMIT 1`.execute(t.db);
    const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_share`.execute(t.db)).rows[0]!.n;
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/shares',
      as: 'edu.staff',
      payload: {
        origin: 'PUSH',
        kind: 'DISCIPLINARY_REVIEW',
        granteeOrgId: finOrg,
        purpose: '推送他人案件',
        startsOn: today,
        endsOn: plus(5),
        objects: [{ type: 'CASE', id: rows[0]!.id }],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('objects.0.id');
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_share`.execute(t.db)).rows[0]!.n).toBe(n);
  });

  it('a person record and an issued 党风廉政意见回复 open to the grantee, without ID numbers or opinions under a summary grant', async () => {
    const gbjd = (await sql<{ org_id: string }>`SELECT org_id FROM app_user WHERE username = 'gbjd.staff'`.execute(t.db)).rows[0]!.org_id;
    const reply = await seedReply(t, { state: 'ISSUED' });
    expect(await status(`/api/v1/integrity-replies/${reply.id}`)).toBe(404);
    const id = await start('gbjd.staff', {
      origin: 'PUSH',
      kind: 'CADRE_INFO',
      granteeOrgId: finOrg,
      purpose: '共享干部廉政意见',
      objects: [{ type: 'INTEGRITY_REPLY', id: reply.id }],
    });
    await act(await approverOf(gbjd), id, { action: 'approve' });
    const res = await t.request({ method: 'GET', url: `/api/v1/integrity-replies/${reply.id}`, as: 'fin.staff' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().shared.detail).toBe('SUMMARY');
    expect(res.json().abilities).toEqual({ actions: [], edit: false, collect: false });
    expect(res.json().cadres.every((c: { opinion: string; idNumberMasked: string | null }) => c.opinion === '' && c.idNumberMasked === null)).toBe(true);
    // The ledger of replies stays the 干部监督室's.
    expect(await status('/api/v1/integrity-replies')).toBe(404);

    const person = (
      await sql<{ id: string; unit_id: string }>`SELECT p.id, p.unit_id FROM person p JOIN dispatch_coverage dc ON dc.host_unit_id = p.unit_id
      JOIN app_user u ON u.org_id = dc.group_id AND u.username = 'edu.staff' ORDER BY p.id LIMIT 1`.execute(t.db)
    ).rows[0]!;
    expect(await status(`/api/v1/people/${person.id}`)).toBe(404);
    const eduOrg = (await sql<{ org_id: string }>`SELECT org_id FROM app_user WHERE username = 'edu.staff'`.execute(t.db)).rows[0]!.org_id;
    const p = await start('edu.staff', {
      origin: 'PUSH',
      kind: 'CADRE_INFO',
      granteeOrgId: finOrg,
      purpose: '共享驻在单位干部信息',
      objects: [{ type: 'PERSON', id: person.id }],
    });
    await act(await approverOf(eduOrg), p, { action: 'approve' });
    const pr = await t.request({ method: 'GET', url: `/api/v1/people/${person.id}`, as: 'fin.staff' });
    expect(pr.statusCode).toBe(200);
    expect(pr.json().abilities).toEqual({ revealIdNumber: false, setIdNumber: false });
    // The ID number stays behind its own door (role-gated before any lookup; never decrypted for a grantee).
    expect([403, 404]).toContain((await t.request({ method: 'POST', url: `/api/v1/people/${person.id}/reveal-id-number`, as: 'fin.staff' })).statusCode);
  });
});
