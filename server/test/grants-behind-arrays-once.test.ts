/**
 * 信息互通's audit of reads under a grant (`grantsBehind`, visibility/shares.ts) asks, of the page's rows a grant could
 * have opened, which the reader does not see in its own right. That predicate names the reader's scope lists in several
 * arms: an office's ~800 org ids went three times per statement (issue 12: office clues wrote 144 KiB per request, 122
 * with each list once). Now sent once (platform/arrays-once.ts); the answer is the plain predicate's.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/pool';
import { caseVisible, grantsBehind } from '../src/modules/visibility';
import type { Actor } from '../src/platform/access';
import { SHARED_ARRAY_MIN } from '../src/platform/arrays-once';
import { createTestApp, type TestApp } from './app';
import { recordStatements } from './record-statements';
import { actorOf, ctxOf } from './walkers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function approve(as: string, id: string) {
  const v = (await t.request({ method: 'GET', url: `/api/v1/shares/${id}`, as })).json().version;
  const res = await t.request({ method: 'POST', url: `/api/v1/shares/${id}/actions`, as, payload: { version: v, action: 'approve', detail: 'FULL' } });
  expect(res.statusCode, res.body).toBe(200);
}

describe('grantsBehind sends a scope list once per statement (issue 12)', () => {
  it('a wide reader with a category grant: the cases only the grant opens, each long list sent once', async () => {
    const today = (await sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
    const endsOn = new Date(Date.parse(`${today}T00:00:00Z`) + 60 * 86_400_000).toISOString().slice(0, 10);
    // An office with cases and staff, and the 分管领导 who approves its shares.
    const owner = (
      await sql<{ org_id: string }>`SELECT k.lead_org_id AS org_id FROM case_file k JOIN org o ON o.id = k.lead_org_id
        WHERE o.kind = 'INTERNAL_OFFICE' AND EXISTS (SELECT 1 FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'OFFICE_STAFF' WHERE u.org_id = o.id)
        GROUP BY k.lead_org_id, o.code ORDER BY count(*) DESC, o.code LIMIT 1`.execute(t.db)
    ).rows[0]!.org_id;
    const approver = (
      await sql<{ username: string }>`SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id AND ur.role = 'DEPUTY_OR_MEMBER'
        JOIN leadership_member lm ON lm.person_id = u.person_id JOIN oversight ov ON ov.leader_id = lm.id AND ov.valid_to IS NULL
        WHERE ov.office_id = ${owner}::uuid OR ov.office_id IN (SELECT office_id FROM liaison WHERE target_id = ${owner}::uuid AND valid_to IS NULL)
        ORDER BY u.username LIMIT 1`.execute(t.db)
    ).rows[0]!.username;
    const res = await t.request({
      method: 'POST',
      url: '/api/v1/shares',
      as: 'fin.staff',
      payload: {
        startsOn: today,
        endsOn,
        origin: 'REQUEST',
        kind: 'DISCIPLINARY_REVIEW',
        ownerOrgId: owner,
        purpose: '派驻监督需要了解案件办理情况',
        categoryTypes: ['CASE'],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const shareId = res.json().id as string;
    await approve(approver, shareId);

    const one = createDb(t.appDatabaseUrl, 2);
    const sent = recordStatements(one.pool);
    try {
      const fin = await actorOf(one.db as Db, (await sql<{ id: string }>`SELECT id FROM app_user WHERE username = 'fin.staff'`.execute(one.db)).rows[0]!.id);
      const others = (await sql<{ id: string }>`SELECT id FROM org WHERE id <> ${owner}::uuid ORDER BY code`.execute(one.db)).rows.map((r) => r.id);
      expect(others.length).toBeGreaterThan(SHARED_ARRAY_MIN);
      const cases = (await sql<{ id: string }>`SELECT id FROM case_file ORDER BY id`.execute(one.db)).rows.map((r) => r.id);
      // Every org but the grant's owner, and every org: a scope as wide as an office's or a 分管领导's.
      for (const orgIds of [others, [...others, owner]]) {
        const wide: Actor = { ...fin, scope: { ...fin.scope, wide: false, orgIds } };
        const want = (
          await sql<{ id: string }>`SELECT o.id FROM case_file o WHERE o.lead_org_id = ${owner}::uuid AND o.id = ANY(${cases}::uuid[])
            AND NOT coalesce(${caseVisible(wide, 'o')}, false) ORDER BY o.id`.execute(one.db)
        ).rows.map((r) => r.id);
        sent.length = 0;
        const behind = await grantsBehind(ctxOf(one.db as Db, wide), 'CASE', cases, (o) => caseVisible(wide, o));
        expect([...behind.keys()].sort()).toEqual(want);
        for (const refs of behind.values()) expect(refs.map((r) => r.shareId)).toEqual([shareId]);
        let long = 0;
        for (const s of sent) {
          const arrays = s.values.filter((v): v is unknown[] => Array.isArray(v) && v.length >= SHARED_ARRAY_MIN).map((v) => JSON.stringify(v));
          long += arrays.length;
          expect(new Set(arrays).size, s.text.slice(0, 240)).toBe(arrays.length);
        }
        // The statements did carry the scope list.
        expect(long).toBeGreaterThan(0);
      }
      // Not a check that cannot fail: with the owner out of the scope the grant alone opens its cases.
      const wideOut: Actor = { ...fin, scope: { ...fin.scope, wide: false, orgIds: others } };
      expect((await grantsBehind(ctxOf(one.db as Db, wideOut), 'CASE', cases, (o) => caseVisible(wideOut, o))).size).toBeGreaterThan(0);
    } finally {
      await one.close();
    }
  });
});
