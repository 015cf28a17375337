/**
 * The collection reads each source through its own predicate: a campaign check is secret until its visit
 * date (四不两直), so a finding naming the cadre stays out of the reply — no line, no count — for a leader
 * who is not its approver, and appears once the date has come.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { orgId, userId } from './test-helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('collection through the inspection predicate', () => {
  it('a finding of a check before its visit date is not collected; after it, it is', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/v1/integrity-replies',
      as: 'gbjd.staff',
      payload: {
        requestingOrg: '中共兰州市委组织部（测试）',
        purpose: '拟提拔任用',
        receivedOn: '2026-11-20',
        dueOn: '2026-12-31',
        cadres: [{ name: '闵若溪', unitName: '兰州市教育局', unitOrgId: await orgId(t, 'LZ-HU-JYJ'), position: '后勤保障科副科长' }],
      },
    });
    expect(created.statusCode).toBe(201);
    const reply = created.json();
    const campaign = await t.db.selectFrom('campaign').select(['id', 'commission_id']).where('name', 'like', '%校园餐%').executeTakeFirstOrThrow();
    const check = await t.db
      .insertInto('inspection')
      .values({
        commission_id: campaign.commission_id,
        campaign_id: campaign.id,
        type: 'UNANNOUNCED',
        title: '校园餐明察暗访（测试，未到检查日期）',
        visit_on: sql<string>`current_date + 10`,
        created_by: await userId(t, 'dfzf.director'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('inspection_finding')
      .values({
        commission_id: campaign.commission_id,
        inspection_id: check.id,
        description: '学校食堂负责人反映，后勤保障科副科长闵若溪指定食材供应商（测试）',
        severity: 'HIGH',
        unit_org_id: await orgId(t, 'LZ-HU-JYJ'),
        created_by: await userId(t, 'dfzf.director'),
      })
      .execute();
    const collect = async (version: number) => {
      const res = await t.request({ method: 'POST', url: `/api/v1/integrity-replies/${reply.id}/collect`, payload: { version }, as: 'cw4.member' });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const before = await collect(reply.version);
    expect(before.cadres[0].evidence.filter((e: { source: string }) => e.source === 'inspection_finding')).toEqual([]);
    const trail = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('type', '=', 'integrity.collected')
      .where('object_id', '=', reply.cadres[0].id)
      .executeTakeFirstOrThrow();
    expect(trail.payload).toMatchObject({ inspectionFindings: 0 });

    await t.db.updateTable('inspection').set({ visit_on: sql<string>`current_date - 1` }).where('id', '=', check.id).execute();
    const after = await collect(before.version);
    expect(after.cadres[0].evidence.map((e: { source: string; title: string }) => [e.source, e.title])).toEqual([
      ['inspection_finding', '学校食堂负责人反映，后勤保障科副科长闵若溪指定食材供应商（测试）'],
    ]);
  });
});
