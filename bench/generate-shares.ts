/**
 * 信息互通 grants for `npm run bench` (issue 11): N approved grants in force today (10,000 by default), spread
 * over every office, dispatched group and county of the commission as owners and grantees, each naming one
 * to three clues of the data set, plus one grant in 500 on a whole category (the owner's clues: rare, a whole
 * clue book is shared seldom). Set-based
 * SQL only. The clue ledger is measured before and after they are added (bench/run.ts), so the figure shows
 * what the grant arms of the predicates cost with a realistic number of grants in the data set.
 */
import type pg from 'pg';

export interface ShareData {
  grants: number;
  namedObjects: number;
  categoryGrants: number;
  ms: number;
}

/**
 * `n` grants whose grantees are drawn from `grantees` (org ids) — the other orgs of the commission, or the
 * orgs of the measured accounts — and whose owners are any office, group or county but the grantee.
 */
export async function generateShares(pool: pg.Pool, commissionId: string, n: number, grantees: string[], log: (m: string) => void): Promise<ShareData> {
  const t0 = Date.now();
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const ins = await c.query<{ id: string; category: boolean }>(
      `WITH o AS (SELECT array_agg(id ORDER BY id) AS a, count(*)::int AS k FROM org
          WHERE commission_id = $1 AND kind IN ('INTERNAL_OFFICE', 'DISPATCHED_GROUP', 'COUNTY_COMMISSION')),
        r AS (SELECT $3::uuid[] AS a, cardinality($3::uuid[]) AS k),
        u AS (SELECT id, org_id FROM app_user WHERE commission_id = $1 ORDER BY username LIMIT 1),
        pick AS (SELECT g, o.a[1 + (g * 7) % o.k] AS owner, r.a[1 + (g * 13) % r.k] AS grantee FROM generate_series(1, $2::int) g, o, r)
      INSERT INTO information_share (commission_id, origin, kind, owner_org_id, grantee_org_id, started_by, started_org_id, purpose, detail,
          starts_on, ends_on, category_types, state, approver_id, decided_at, version)
      SELECT $1, 'REQUEST', 'DISCIPLINARY_REVIEW', pick.owner, pick.grantee, u.id, pick.grantee, '基准测试：共享执纪审查信息', 'SUMMARY',
        current_date - (g % 30), current_date + 1 + (g % 200), CASE WHEN g % 500 = 0 THEN ARRAY['CLUE'] ELSE '{}'::text[] END,
        'APPROVED', u.id, now(), 2
      FROM pick, u WHERE pick.owner <> pick.grantee
      RETURNING id, (category_types <> '{}') AS category`,
      [commissionId, n, grantees],
    );
    // Named clues: one to three per grant, from a numbered sample of the clue book (a join, not array subscripts).
    await c.query(
      `CREATE TEMP TABLE bench_clue_sample ON COMMIT DROP AS
        SELECT id, (row_number() OVER (ORDER BY md5(id::text)) - 1)::int AS n FROM clue WHERE commission_id = $1 LIMIT 50000`,
      [commissionId],
    );
    await c.query('CREATE INDEX ON bench_clue_sample (n)');
    const objects = await c.query(
      `WITH s AS (SELECT id, row_number() OVER (ORDER BY id)::int AS r FROM information_share WHERE id = ANY($1::uuid[]) AND category_types = '{}'),
        m AS (SELECT count(*)::int AS m FROM bench_clue_sample)
      INSERT INTO information_share_object (share_id, object_type, object_id)
      SELECT s.id, 'CLUE', k.id FROM s CROSS JOIN m CROSS JOIN generate_series(0, 2) j
        JOIN bench_clue_sample k ON k.n = ((s.r * 3 + j) * 7919) % m.m
      WHERE j <= s.r % 3
      ON CONFLICT DO NOTHING`,
      [ins.rows.map((r) => r.id)],
    );
    await c.query('COMMIT');
    await c.query('ANALYZE information_share; ANALYZE information_share_object');
    const out = {
      grants: ins.rowCount ?? 0,
      namedObjects: objects.rowCount ?? 0,
      categoryGrants: ins.rows.filter((r) => r.category).length,
      ms: Date.now() - t0,
    };
    log(`shares: ${out.grants} grants in force (${out.categoryGrants} on a category), ${out.namedObjects} named clues in ${out.ms} ms`);
    return out;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
