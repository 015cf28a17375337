/**
 * 专项整治 data set for `npm run bench` (issue 10), run after the clue and reform generators: one running
 * campaign led by the 党风政风监督室 (the `coordinator` sample), with 20,000 of the generated clues (small:
 * 4,000) tagged to it — and with them their cases, outcomes and funds — plus rectification tasks,
 * accountability records, reform records and a 建章立制 register, so that the KPI statement aggregates
 * many linked records. Set-based SQL only.
 */
import type pg from 'pg';

export interface CampaignScale {
  clues: number;
  tasks: number;
  accountability: number;
  rules: number;
}

export const CAMPAIGN_SCALES: Record<'small' | 'full', CampaignScale> = {
  full: { clues: 20_000, tasks: 5_000, accountability: 500, rules: 200 },
  small: { clues: 4_000, tasks: 1_000, accountability: 100, rules: 50 },
};

export interface CampaignData {
  campaignId: string;
  clues: number;
  cases: number;
  tasks: number;
  accountability: number;
  rules: number;
  ms: number;
}

export async function generateCampaign(pool: pg.Pool, commissionId: string, s: CampaignScale, log: (m: string) => void): Promise<CampaignData> {
  const started = Date.now();
  const lead = (
    await pool.query<{ id: string }>(`SELECT id FROM org WHERE commission_id = $1 AND office_kind = 'PARTY_CONDUCT' ORDER BY sort_order LIMIT 1`, [
      commissionId,
    ])
  ).rows[0]!.id;
  const campaignId = (
    await pool.query<{ id: string }>(
      `INSERT INTO campaign (commission_id, name, domain, year, lead_org_id, state, plan_approval, plan_approved_on, starts_on, ends_on, bulletin_schedule)
       VALUES ($1, '基准测试校园餐专项整治', 'SCHOOL_CATERING', 2026, $2, 'CONCENTRATED_HANDLING', 'SECRETARY', '2026-01-05', '2026-01-10', '2026-12-31', 'MONTHLY')
       RETURNING id`,
      [commissionId, lead],
    )
  ).rows[0]!.id;
  // Every dispatched group and county takes part (their 分工 is the same line here).
  await pool.query(
    `INSERT INTO campaign_participant (campaign_id, org_id, kind, division)
     SELECT $2, o.id, CASE o.kind WHEN 'DISPATCHED_GROUP' THEN 'GROUP' ELSE 'COUNTY' END, '督促驻在单位和辖区学校开展自查自纠'
       FROM org o WHERE o.commission_id = $1 AND o.kind IN ('DISPATCHED_GROUP', 'COUNTY_COMMISSION')`,
    [commissionId, campaignId],
  );
  // Every 25th clue of 2026, up to the scale: their cases follow through clue.case_id.
  const clues = await pool.query(
    `UPDATE clue SET campaign_id = $2 WHERE id IN (SELECT id FROM clue WHERE commission_id = $1 AND seq % 25 = 7 ORDER BY year DESC, seq LIMIT $3)`,
    [commissionId, campaignId, s.clues],
  );
  await pool.query(
    `UPDATE case_file k SET funds_recovered = ((k.seq::bigint * 7919) % 500000) / 10.0
      WHERE k.decided_on IS NOT NULL AND k.id IN (SELECT case_id FROM clue WHERE campaign_id = $1 AND case_id IS NOT NULL)`,
    [campaignId],
  );
  const tasks = await pool.query(
    `UPDATE rectification_task SET campaign_id = $2 WHERE id IN (SELECT id FROM rectification_task WHERE commission_id = $1 ORDER BY id LIMIT $3)`,
    [commissionId, campaignId, s.tasks],
  );
  // A case found in the campaign keeps the campaign on its 以案促改 (as openReformRecordForCase does).
  await pool.query(
    `UPDATE reform_record r SET campaign_id = $2 WHERE r.commission_id = $1 AND r.case_id IN (SELECT case_id FROM clue WHERE campaign_id = $2 AND case_id IS NOT NULL)`,
    [commissionId, campaignId],
  );
  const acc = await pool.query(
    `INSERT INTO accountability (commission_id, target_kind, target_name, target_position, method, basis, facts, deciding_body, decided_on, owner_org_id, campaign_id)
     SELECT $1, 'LEADER', '基准某' || g, '学校校长', (ARRAY['BULLETIN','ADMONITION','ORG_ADJUSTMENT','DISCIPLINARY'])[1 + g % 4],
            '《中国共产党问责条例》第七条', '履行主体责任不力', '中共基准测试市纪委常委会', DATE '2026-01-15' + (g % 300), $2, $3
       FROM generate_series(1, $4::int) g`,
    [commissionId, lead, campaignId, s.accountability],
  );
  const rules = await pool.query(
    `INSERT INTO campaign_rule (commission_id, campaign_id, unit_org_id, title, issued_on)
     SELECT $1, $2, h.id, '学校食堂食材验收管理办法（第' || g || '号）', DATE '2026-02-01' + (g % 280)
       FROM generate_series(1, $3::int) g
       JOIN LATERAL (SELECT id FROM org WHERE commission_id = $1 AND kind = 'HOST_UNIT' ORDER BY sort_order OFFSET g % 100 LIMIT 1) h ON true`,
    [commissionId, campaignId, s.rules],
  );
  const cases = await pool.query<{ n: number }>(`SELECT count(DISTINCT case_id)::int AS n FROM clue WHERE campaign_id = $1 AND case_id IS NOT NULL`, [
    campaignId,
  ]);
  await pool.query('ANALYZE clue; ANALYZE case_file; ANALYZE rectification_task; ANALYZE reform_record; ANALYZE accountability; ANALYZE campaign_rule');
  const result = {
    campaignId,
    clues: clues.rowCount ?? 0,
    cases: cases.rows[0]?.n ?? 0,
    tasks: tasks.rowCount ?? 0,
    accountability: acc.rowCount ?? 0,
    rules: rules.rowCount ?? 0,
    ms: Date.now() - started,
  };
  log(
    `campaign: ${result.clues} clues (${result.cases} cases), ${result.tasks} tasks, ${result.accountability} accountability, ${result.rules} rules in ${result.ms} ms`,
  );
  return result;
}
