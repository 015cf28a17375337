/**
 * GET /me's scope summary kept with its scope (issue 12, me.ts `summaries`): asked again it is the same answer without
 * reading the scope's orgs, and it follows every change the scope epoch (migration 0004) marks — an org of the sample
 * renamed, a 联系 link ended and made again — at the next request, each time equal to what actor_org_scope gives.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

interface MeScope {
  user: { id: string; org: { id: string } };
  scope: { orgCount: number; byKind: Record<string, number>; sample: { id: string; nameZh: string; kind: string }[] };
}

const me = async (username: string) => {
  const res = await t.request({ method: 'GET', url: '/api/v1/me', as: username });
  expect(res.statusCode).toBe(200);
  const body = res.json() as MeScope;
  const { orgCount, byKind, sample } = body.scope;
  return { ...body, scope: { orgCount, byKind, sample } };
};

/** The summary as the one statement computes it, from actor_org_scope now. */
async function expected(userId: string, orgId: string) {
  const { rows } = await sql<{ id: string; name_zh: string; kind: string }>`SELECT o.id, o.name_zh, o.kind FROM org o
    WHERE o.id IN (SELECT org_id FROM actor_org_scope(${userId}::uuid))
    ORDER BY (o.id = ${orgId}::uuid) DESC, o.sort_order, o.code`.execute(t.db);
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return { orgCount: rows.length, byKind, sample: rows.slice(0, 12).map((r) => ({ id: r.id, nameZh: r.name_zh, kind: r.kind })) };
}

describe('the scope summary on /me, kept with its scope', () => {
  it('is the same when asked again, and follows a renamed org and an ended and restored 联系 link at the next request', async () => {
    const first = await me('jc3.director');
    expect(first.scope).toEqual(await expected(first.user.id, first.user.org.id));
    expect(first.scope.orgCount).toBeGreaterThan(2);
    expect((await me('jc3.director')).scope).toEqual(first.scope);

    // An org of the sample renamed: the next /me names it anew.
    const renamed = first.scope.sample[1]!;
    await sql`UPDATE org SET name_zh = ${`${renamed.nameZh}（更名）`} WHERE id = ${renamed.id}::uuid`.execute(t.db);
    const afterRename = await me('jc3.director');
    expect(afterRename.scope.sample.find((s) => s.id === renamed.id)?.nameZh).toBe(`${renamed.nameZh}（更名）`);
    expect(afterRename.scope).toEqual(await expected(first.user.id, first.user.org.id));

    // The office's 联系 links ended: fewer orgs at once; restored: as before.
    const ended = await sql<{ id: string }>`UPDATE liaison SET valid_to = current_date - 1
      WHERE office_id = ${first.user.org.id}::uuid AND (valid_to IS NULL OR valid_to >= current_date) RETURNING id`.execute(t.db);
    expect(ended.rows.length).toBeGreaterThan(0);
    const narrowed = await me('jc3.director');
    expect(narrowed.scope.orgCount).toBeLessThan(first.scope.orgCount);
    expect(narrowed.scope).toEqual(await expected(first.user.id, first.user.org.id));
    await sql`UPDATE liaison SET valid_to = NULL WHERE id = ANY(${ended.rows.map((r) => r.id)}::uuid[])`.execute(t.db);
    const restored = await me('jc3.director');
    expect(restored.scope.orgCount).toBe(first.scope.orgCount);
    expect(restored.scope).toEqual(await expected(first.user.id, first.user.org.id));
  });
});
