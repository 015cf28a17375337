/**
 * Supervision data set for `npm run bench` (issue 3): `years` × every dispatched group × 40 items
 * (20 common items fanned out + 20 individual ones, one in five of those assisted by a county commission) —
 * 10 × 200 × 40 = 80,000 items at full scale —
 * and 5 progress reports per item (400,000). Set-based SQL only; states and due dates spread so that
 * every light and state occurs.
 */
import type pg from 'pg';

export interface SupervisionScale {
  years: number;
  commonPerYear: number;
  individualPerList: number;
  progressPerItem: number;
}

export const SUPERVISION_SCALES: Record<'small' | 'full', SupervisionScale> = {
  full: { years: 10, commonPerYear: 20, individualPerList: 20, progressPerItem: 5 },
  small: { years: 3, commonPerYear: 20, individualPerList: 20, progressPerItem: 5 },
};

export interface SupervisionData {
  items: number;
  progress: number;
  lists: number;
  lastYear: number;
  ms: number;
}

const STATES = `ARRAY['APPROVED','IN_PROGRESS','IN_PROGRESS','ISSUE_FOUND','COMPLETED','CLOSED','CLOSED','IN_PROGRESS']`;

export async function generateSupervision(pool: pg.Pool, commissionId: string, scale: SupervisionScale, log: (m: string) => void): Promise<SupervisionData> {
  const started = Date.now();
  const lastYear = 2026;
  const firstYear = lastYear - scale.years + 1;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL synchronous_commit = off`);
    const coordinator = (
      await client.query<{ id: string }>(`SELECT id FROM org WHERE commission_id = $1 AND office_kind = 'PARTY_CONDUCT' LIMIT 1`, [commissionId])
    ).rows[0]!.id;
    // Common items per year.
    await client.query(
      `INSERT INTO common_item (commission_id, year, seq, matter, bases, methods, frequency, due_date, coordinator_office_id)
       SELECT $1, y, s, '共性监督事项' || y || '-' || s || '：贯彻落实中央八项规定精神情况', ARRAY['CCDI_PLENARY'], ARRAY['DOCUMENT_REVIEW','TALK'],
              'QUARTERLY', make_date(y, 1 + (s % 12), 28), $2
         FROM generate_series($3::int, $4::int) y, generate_series(1, $5::int) s`,
      [commissionId, coordinator, firstYear, lastYear, scale.commonPerYear],
    );
    // Lists: COMMON and INDIVIDUAL per group and year, liaison office from the group's liaison link.
    const lists = await client.query(
      `INSERT INTO supervision_list (commission_id, year, type, title, owner_group_id, liaison_office_id, coordinator_office_id, host_unit_ids, bases, approved_at)
       SELECT $1, y, t, g.short_name || y || CASE t WHEN 'COMMON' THEN '年度共性监督清单' ELSE '年度个性监督清单' END, g.id, l.office_id, $2,
              COALESCE((SELECT array_agg(dc.host_unit_id) FROM dispatch_coverage dc WHERE dc.group_id = g.id), '{}'),
              ARRAY['CCDI_PLENARY','ANNUAL_PRIORITY'], make_timestamptz(y, 3, 15, 9, 0, 0)
         FROM org g
         JOIN LATERAL (SELECT office_id FROM liaison WHERE target_id = g.id ORDER BY valid_from LIMIT 1) l ON true
         CROSS JOIN generate_series($3::int, $4::int) y
         CROSS JOIN unnest(ARRAY['COMMON','INDIVIDUAL']) t
        WHERE g.commission_id = $1 AND g.kind = 'DISPATCHED_GROUP'`,
      [commissionId, coordinator, firstYear, lastYear],
    );
    // Common items fanned out: lead GROUP, assist OFFICE.
    await client.query(
      `INSERT INTO supervision_item (commission_id, list_id, seq, matter, bases, lead_side, lead_org_id, assist_side, assist_org_id,
                                     methods, frequency, due_date, state, common_item_id, host_unit_ids, last_progress_at)
       SELECT $1, sl.id, ci.seq, ci.matter, ci.bases, 'GROUP', sl.owner_group_id, 'OFFICE', sl.liaison_office_id, ci.methods, ci.frequency,
              ci.due_date, CASE WHEN sl.year < $2 THEN 'CLOSED' ELSE (${STATES})[1 + ((hashtext(sl.id::text) + ci.seq) & 7)] END, ci.id, sl.host_unit_ids,
              make_timestamptz(sl.year, 1 + (ci.seq % 11), 10, 9, 0, 0)
         FROM supervision_list sl JOIN common_item ci ON ci.commission_id = sl.commission_id AND ci.year = sl.year
        WHERE sl.commission_id = $1 AND sl.type = 'COMMON'`,
      [commissionId, lastYear],
    );
    // Individual items: half led by the group, half by its liaison office; one in five is assisted by a county commission
    // instead (联合监督 of a host unit with county branches), round robin over the counties, so county staff have items too.
    await client.query(
      `WITH county AS (SELECT (row_number() OVER (ORDER BY code) - 1)::int AS k, id, count(*) OVER ()::int AS n
                         FROM org WHERE commission_id = $1 AND kind = 'COUNTY_COMMISSION')
       INSERT INTO supervision_item (commission_id, list_id, seq, matter, bases, lead_side, lead_org_id, assist_side, assist_org_id,
                                     methods, frequency, due_date, state, host_unit_ids, last_progress_at)
       SELECT $1, sl.id, s, '个性监督事项' || sl.year || '-' || s || '：驻在单位重点领域权力运行监督', ARRAY['SECTOR_FEATURE'],
              CASE WHEN s % 2 = 0 THEN 'GROUP' ELSE 'OFFICE' END,
              CASE WHEN s % 2 = 0 THEN sl.owner_group_id ELSE sl.liaison_office_id END,
              CASE WHEN s % 5 = 0 AND c.id IS NOT NULL THEN 'COUNTY' WHEN s % 2 = 0 THEN 'OFFICE' ELSE 'GROUP' END,
              CASE WHEN s % 5 = 0 AND c.id IS NOT NULL THEN c.id WHEN s % 2 = 0 THEN sl.liaison_office_id ELSE sl.owner_group_id END,
              ARRAY['FIELD_CHECK'], 'MONTHLY', make_date(sl.year, 1 + (s % 12), 15),
              CASE WHEN sl.year < $2 THEN 'CLOSED' ELSE (${STATES})[1 + ((hashtext(sl.id::text) + s) & 7)] END, sl.host_unit_ids,
              make_timestamptz(sl.year, 1 + (s % 11), 12, 9, 0, 0)
         FROM supervision_list sl CROSS JOIN generate_series(1, $3::int) s
         LEFT JOIN county c ON c.k = (hashtext(sl.owner_group_id::text)::bigint & 2147483647) % c.n
        WHERE sl.commission_id = $1 AND sl.type = 'INDIVIDUAL'`,
      [commissionId, lastYear, scale.individualPerList],
    );
    const progress = await client.query(
      `INSERT INTO item_progress (commission_id, item_id, period, content, reported_at)
       SELECT $1, i.id, '第' || p || '次报告', '按计划推进，查阅资料、开展谈话，未发现新的突出问题（基准测试数据）', i.created_at - make_interval(days => 30 * p)
         FROM supervision_item i, generate_series(1, $2::int) p
        WHERE i.commission_id = $1`,
      [commissionId, scale.progressPerItem],
    );
    const items = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM supervision_item WHERE commission_id = $1`, [commissionId]);
    await client.query('COMMIT');
    await client.query('ANALYZE supervision_item; ANALYZE supervision_list; ANALYZE item_progress; ANALYZE common_item');
    const data = { items: items.rows[0]!.n, progress: progress.rowCount ?? 0, lists: lists.rowCount ?? 0, lastYear, ms: Date.now() - started };
    log(`supervision: ${data.lists} lists, ${data.items} items, ${data.progress} progress reports (${data.ms} ms)`);
    return data;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
