/**
 * Builders for the campaign-link tests (not a test file itself): a campaign inserted directly (the
 * register's routes belong to the campaigns module) with its lead office and participants by org code.
 */
import type { TestApp } from '../../../test/app';

let n = 0;

/** A campaign of the demo commission, led by 党风政风监督室 unless said otherwise. */
export async function makeCampaign(
  t: TestApp,
  spec: { name?: string; lead?: string; participants?: string[]; commissionId?: string; leadOrgId?: string } = {},
) {
  const org = async (code: string) => t.db.selectFrom('org').select(['id', 'commission_id']).where('code', '=', code).executeTakeFirstOrThrow();
  const lead = spec.leadOrgId ? { id: spec.leadOrgId, commission_id: spec.commissionId! } : await org(spec.lead ?? 'LZ-JW-DFZF');
  n += 1;
  const row = await t.db
    .insertInto('campaign')
    .values({
      commission_id: lead.commission_id,
      name: spec.name ?? `测试专项整治${n}-${Date.now() % 100000}`,
      domain: 'OTHER',
      year: 2026,
      lead_org_id: lead.id,
      state: 'LAUNCHED',
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  for (const code of spec.participants ?? []) {
    await t.db
      .insertInto('campaign_participant')
      .values({ campaign_id: row.id, org_id: (await org(code)).id, kind: code.includes('-PZ-') ? 'GROUP' : 'OFFICE' })
      .execute();
  }
  return row;
}

/** The demo campaign of this name (campaigns.ts). */
export async function demoCampaignId(t: TestApp, name: string): Promise<string> {
  return (await t.db.selectFrom('campaign').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
