import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { createDb, MAINTENANCE_TIMEOUTS } from '../server/src/db/pool';
import { hashPassword, hashSessionToken } from '../server/src/modules/auth';
import { seedCommissionBasics } from '../server/src/platform/bootstrap/seed';

/**
 * The benchmark data set, generated with set-based SQL (generate_series / INSERT … SELECT) into a
 * throwaway database. Shape of the commission (full scale ≈ 5,000 orgs, 20,000 accounts):
 *
 *   municipal commission (ROOT)
 *   ├─ 26 internal offices (7 inspection offices liaise with ≈ 1/7 of the groups and counties each)
 *   ├─ N dispatched groups, each covering 2–3 host units (派驻); each host unit has sub-units
 *   └─ counties, each with townships (two work zones of five townships) and county host units
 *
 * Accounts: ≈ 70 % GROUP_STAFF, 15 % OFFICE_STAFF, 12 % COUNTY_STAFF, 3 % commission-wide roles,
 * plus 8 委领导 (deputies with 分管, as many as a commission's leadership) and the three administrators;
 * one person per account, one shared argon2id hash.
 */
export interface DataScale {
  groups: number;
  subsPerHost: number;
  counties: number;
  townshipsPerCounty: number;
  countyHostsPerCounty: number;
  users: number;
}

export const SCALES: Record<'small' | 'full', DataScale> = {
  // 1 + 26 + 200 + 500 + 3,500 + 9 + 180 + 585 = 5,001 orgs
  full: { groups: 200, subsPerHost: 7, counties: 9, townshipsPerCounty: 20, countyHostsPerCounty: 65, users: 20_000 },
  // 1 + 26 + 40 + 100 + 700 + 3 + 30 + 99 = 999 orgs
  small: { groups: 40, subsPerHost: 7, counties: 3, townshipsPerCounty: 10, countyHostsPerCounty: 33, users: 4_000 },
};

export const BENCH_PASSWORD = 'Bench@2026lz';

/** Internal offices of the municipal commission: [office_kind, ordinal, name]. */
const OFFICES: [string, number | null, string][] = [
  ['GENERAL_OFFICE', null, '办公室'],
  ['ORGANISATION', null, '组织部'],
  ['PUBLICITY', null, '宣传部'],
  ['RESEARCH_LEGAL', null, '研究室（法规室）'],
  ['PARTY_CONDUCT', null, '党风政风监督室'],
  ['PETITION', null, '信访室（举报中心）'],
  ['CASE_MANAGEMENT', null, '案件监督管理室'],
  ...[1, 2, 3, 4, 5, 6, 7].map((n): [string, number, string] => ['INSPECTION', n, `第${n}监督检查室`]),
  ...[1, 2, 3, 4, 5, 6].map((n): [string, number, string] => ['INVESTIGATION', n, `第${n}审查调查室`]),
  ['TRIAL', 1, '第1案件审理室'],
  ['TRIAL', 2, '第2案件审理室'],
  ['CADRE_SUPERVISION', null, '干部监督室'],
  ['TECH', null, '监督和审查调查技术室'],
  ['INSPECTION_TOUR_OFFICE', null, '巡察办'],
  ['PARTY_ORGAN', null, '机关党委'],
];

export interface GeneratedData {
  commissionId: string;
  orgs: number;
  users: number;
  byRole: Record<string, number>;
  liaisons: number;
  coverage: number;
  zones: number;
  ms: number;
}

/** Fills an empty, migrated database. Returns counts. */
export async function generate(databaseUrl: string, scale: DataScale, log: (m: string) => void): Promise<GeneratedData> {
  const started = Date.now();
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const handle = createDb(databaseUrl, 2, MAINTENANCE_TIMEOUTS);
  try {
    const commissionId = await handle.db.transaction().execute(async (trx) => {
      const c = await trx.insertInto('commission').values({ code: 'BENCH', name_zh: '基准测试市纪委监委' }).returning('id').executeTakeFirstOrThrow();
      await seedCommissionBasics(trx, c.id);
      return c.id;
    });
    const client = await handle.pool.connect();
    try {
      await client.query('BEGIN');
      await generateOrgs(client, commissionId, scale);
      await generateUsers(client, commissionId, scale, passwordHash);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    await handle.pool.query('VACUUM (ANALYZE)');
    const counts = await handle.pool.query<{ orgs: number; users: number; liaisons: number; coverage: number; zones: number }>(
      `SELECT (SELECT count(*) FROM org)::int AS orgs, (SELECT count(*) FROM app_user)::int AS users,
              (SELECT count(*) FROM liaison)::int AS liaisons, (SELECT count(*) FROM dispatch_coverage)::int AS coverage,
              (SELECT count(*) FROM work_zone)::int AS zones`,
    );
    const roles = await handle.pool.query<{ role: string; n: number }>('SELECT role, count(*)::int AS n FROM user_role GROUP BY role ORDER BY n DESC');
    const row = counts.rows[0]!;
    const result = { commissionId, ...row, byRole: Object.fromEntries(roles.rows.map((r) => [r.role, r.n])), ms: Date.now() - started };
    log(`generated ${row.orgs} orgs, ${row.users} users, ${row.liaisons} liaisons, ${row.coverage} coverage links, ${row.zones} zones in ${result.ms} ms`);
    return result;
  } finally {
    await handle.close();
  }
}

async function generateOrgs(c: pg.PoolClient, cid: string, s: DataScale): Promise<void> {
  const hosts = Math.floor(s.groups * 2.5);
  // sort_order bands keep the display order stable: root, offices, groups, host units, counties.
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, sort_order, valid_from, doc_code)
     VALUES ($1, 'ROOT', '基准测试市纪委监委', '市纪委监委', 'MUNICIPAL_COMMISSION', 0, '2025-01-01', '基纪')`,
    [cid],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, office_kind, ordinal, parent_id, sort_order, valid_from)
     SELECT $1, 'OF' || lpad(t.n::text, 2, '0'), t.name, t.name, 'INTERNAL_OFFICE', t.kind, t.ordinal, root.id, 100 + t.n, '2025-01-01'
       FROM unnest($2::text[], $3::int[], $4::text[]) WITH ORDINALITY AS t (kind, ordinal, name, n),
            (SELECT id FROM org WHERE commission_id = $1 AND code = 'ROOT') root`,
    [cid, OFFICES.map((o) => o[0]), OFFICES.map((o) => o[1]), OFFICES.map((o) => o[2])],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, parent_id, sort_order, valid_from)
     SELECT $1, 'G' || lpad(g::text, 3, '0'), '派驻第' || g || '纪检监察组', '派驻' || g || '组', 'DISPATCHED_GROUP', root.id, 1000 + g, '2025-01-01'
       FROM generate_series(1, $2::int) g, (SELECT id FROM org WHERE commission_id = $1 AND code = 'ROOT') root`,
    [cid, s.groups],
  );
  // Host units are outside the commission: no parent. Each has subordinate units below it.
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, sort_order, valid_from)
     SELECT $1, 'H' || lpad(h::text, 4, '0'), '市直单位' || h, '单位' || h, 'HOST_UNIT', 10000 + h * 100, '2025-01-01'
       FROM generate_series(1, $2::int) h`,
    [cid, hosts],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, parent_id, sort_order, valid_from)
     SELECT $1, p.code || '-' || lpad(k::text, 2, '0'), p.name_zh || '下属单位' || k, p.short_name || '-' || k, 'HOST_UNIT', p.id, p.sort_order + k, '2025-01-01'
       FROM org p, generate_series(1, $2::int) k
      WHERE p.commission_id = $1 AND p.kind = 'HOST_UNIT' AND p.parent_id IS NULL`,
    [cid, s.subsPerHost],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, parent_id, region_code, sort_order, valid_from)
     SELECT $1, 'C' || lpad(n::text, 2, '0'), '第' || n || '县区纪委监委', '县区' || n, 'COUNTY_COMMISSION', root.id, '6201' || lpad(n::text, 2, '0'), 1000000 + n * 1000, '2025-01-01'
       FROM generate_series(1, $2::int) n, (SELECT id FROM org WHERE commission_id = $1 AND code = 'ROOT') root`,
    [cid, s.counties],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, parent_id, sort_order, valid_from)
     SELECT $1, p.code || '-T' || lpad(k::text, 2, '0'), p.name_zh || '第' || k || '乡镇纪委', '乡镇' || k, 'TOWNSHIP_COMMISSION', p.id, p.sort_order + k, '2025-01-01'
       FROM org p, generate_series(1, $2::int) k
      WHERE p.commission_id = $1 AND p.kind = 'COUNTY_COMMISSION'`,
    [cid, s.townshipsPerCounty],
  );
  await c.query(
    `INSERT INTO org (commission_id, code, name_zh, short_name, kind, parent_id, sort_order, valid_from)
     SELECT $1, p.code || '-U' || lpad(k::text, 3, '0'), p.name_zh || '县直单位' || k, '县直' || k, 'HOST_UNIT', p.id, p.sort_order + 100 + k, '2025-01-01'
       FROM org p, generate_series(1, $2::int) k
      WHERE p.commission_id = $1 AND p.kind = 'COUNTY_COMMISSION'`,
    [cid, s.countyHostsPerCounty],
  );
  // 派驻: host h (1..2G) is covered by group ((h-1) mod G)+1 as its resident unit; hosts 2G+1..2.5G
  // go to the odd groups as comprehensive-supervision units, so groups cover 2 or 3 units.
  await c.query(
    `INSERT INTO dispatch_coverage (commission_id, group_id, host_unit_id, role, valid_from)
     SELECT $1, g.id, h.id, CASE WHEN x.n <= 2 * $2::int THEN 'RESIDENT' ELSE 'COMPREHENSIVE' END, '2025-01-01'
       FROM generate_series(1, $3::int) x (n)
       JOIN org h ON h.commission_id = $1 AND h.code = 'H' || lpad(x.n::text, 4, '0')
       JOIN org g ON g.commission_id = $1 AND g.code = 'G' || lpad((CASE WHEN x.n <= 2 * $2::int THEN (x.n - 1) % $2::int + 1 ELSE (x.n - 2 * $2::int) * 2 - 1 END)::text, 3, '0')`,
    [cid, s.groups, hosts],
  );
  // 联系: inspection office k liaises with every 7th group and county.
  await c.query(
    `INSERT INTO liaison (commission_id, office_id, target_id, valid_from)
     SELECT $1, o.id, t.id, '2025-01-01'
       FROM org o
       JOIN org t ON t.commission_id = $1 AND t.kind IN ('DISPATCHED_GROUP', 'COUNTY_COMMISSION')
                 AND (substring(t.code from '^[GC]([0-9]+)$')::int - 1) % 7 = o.ordinal - 1
      WHERE o.commission_id = $1 AND o.office_kind = 'INSPECTION'`,
    [cid],
  );
  // 片区: two zones per county, each led by a township and made of five consecutive townships.
  await c.query(
    `INSERT INTO work_zone (commission_id, county_org_id, name_zh, lead_org_id, modes, valid_from)
     SELECT $1, county.id, county.name_zh || '第' || k || '片区', lead.id, ARRAY['ROUTINE_JOINT'], '2025-01-01'
       FROM org county CROSS JOIN generate_series(1, 2) k
       JOIN org lead ON lead.parent_id = county.id AND lead.code = county.code || '-T' || lpad(((k - 1) * 5 + 1)::text, 2, '0')
      WHERE county.commission_id = $1 AND county.kind = 'COUNTY_COMMISSION'`,
    [cid],
  );
  await c.query(
    `INSERT INTO work_zone_member (commission_id, zone_id, org_id, valid_from)
     SELECT $1, z.id, m.id, '2025-01-01'
       FROM work_zone z
       JOIN org lead ON lead.id = z.lead_org_id
       JOIN org m ON m.parent_id = z.county_org_id AND m.kind = 'TOWNSHIP_COMMISSION'
        AND substring(m.code from '-T([0-9]+)$')::int BETWEEN substring(lead.code from '-T([0-9]+)$')::int AND substring(lead.code from '-T([0-9]+)$')::int + 4
      WHERE z.commission_id = $1`,
    [cid],
  );
}

async function generateUsers(c: pg.PoolClient, cid: string, s: DataScale, passwordHash: string): Promise<void> {
  await c.query(`CREATE TEMP TABLE bench_user (
    n serial PRIMARY KEY, uid uuid NOT NULL DEFAULT gen_random_uuid(), pid uuid NOT NULL DEFAULT gen_random_uuid(),
    org_id uuid NOT NULL, role text NOT NULL) ON COMMIT DROP`);
  // 8 委领导: a commission's secretary, deputies and members (each 分管 a few offices, one or two 监督检查室 among them).
  const deputies = 8;
  const admins = 3;
  const wide = Math.round(s.users * 0.03);
  const office = Math.round(s.users * 0.15);
  const county = Math.round(s.users * 0.12);
  const group = s.users - deputies - admins - wide - office - county;
  // Group staff first so that bench_user.n 1..G covers every group once (session sampling relies on it).
  const band = (where: string, n: number, role: string) =>
    c.query(
      `WITH t AS (SELECT array_agg(id ORDER BY sort_order, code) AS ids FROM org WHERE commission_id = $1 AND ${where})
       INSERT INTO bench_user (org_id, role) SELECT t.ids[(i - 1) % cardinality(t.ids) + 1], $3 FROM t, generate_series(1, $2::int) i ORDER BY i`,
      [cid, n, role],
    );
  await band(`kind = 'DISPATCHED_GROUP'`, group, 'GROUP_STAFF');
  await band(`kind = 'INTERNAL_OFFICE' AND office_kind NOT IN ('CASE_MANAGEMENT', 'PETITION', 'CADRE_SUPERVISION')`, office, 'OFFICE_STAFF');
  await band(`kind IN ('COUNTY_COMMISSION', 'TOWNSHIP_COMMISSION')`, county, 'COUNTY_STAFF');
  const wideEach = Math.floor(wide / 3);
  await band(`office_kind = 'CASE_MANAGEMENT'`, wideEach, 'CASE_MANAGER');
  await band(`office_kind = 'PETITION'`, wideEach, 'PETITION_OFFICER');
  await band(`office_kind = 'CADRE_SUPERVISION'`, wide - 2 * wideEach, 'CADRE_SUPERVISION');
  await band(`code = 'ROOT'`, deputies, 'DEPUTY_OR_MEMBER');
  await band(`code = 'ROOT'`, 1, 'SYS_ADMIN');
  await band(`code = 'ROOT'`, 1, 'SEC_ADMIN');
  await band(`code = 'ROOT'`, admins - 2, 'AUDIT_ADMIN');

  await c.query(
    `INSERT INTO person (id, commission_id, name_zh, gender, unit_id, position, rank_level)
     SELECT pid, $1, '测试人员' || n, CASE WHEN n % 2 = 0 THEN 'F' ELSE 'M' END, org_id, '干部', 'SECTION' FROM bench_user`,
    [cid],
  );
  await c.query(
    `INSERT INTO app_user (id, commission_id, username, person_id, org_id, display_name, password_hash, must_change_password, totp_enabled)
     SELECT uid, $1, 'bu' || lpad(n::text, 5, '0'), pid, org_id, '测试人员' || n, $2, false, role IN ('SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN', 'DEPUTY_OR_MEMBER')
       FROM bench_user`,
    [cid, passwordHash],
  );
  await c.query('INSERT INTO user_role (user_id, role) SELECT uid, role FROM bench_user');
  // 委领导 with 分管: deputy d (0..7) oversees every 8th internal office (3–4 each; a 监督检查室 for seven of them).
  await c.query(
    `WITH lm AS (
       INSERT INTO leadership_member (commission_id, person_id, org_id, title, sort_order, valid_from)
       SELECT $1, pid, org_id, 'DEPUTY_SECRETARY', n, '2025-01-01' FROM bench_user WHERE role = 'DEPUTY_OR_MEMBER'
       RETURNING id, sort_order
     ), ranked AS (SELECT id, row_number() OVER (ORDER BY sort_order) - 1 AS k FROM lm)
     INSERT INTO oversight (commission_id, leader_id, office_id, valid_from)
     SELECT $1, r.id, o.id, '2025-01-01' FROM ranked r JOIN org o ON o.commission_id = $1 AND o.kind = 'INTERNAL_OFFICE'
        AND (substring(o.code from '^OF([0-9]+)$')::int - 1) % $2::int = r.k`,
    [cid, deputies],
  );
}

export interface SessionSample {
  userId: string;
  username: string;
  role: string;
  token: string;
}

export type SampleKind = 'group' | 'mixed' | 'coordinator' | 'office' | 'issuer' | 'county' | 'leader';

/** Who each sample is (the SQL after the common join of app_user u, user_role r and org o). */
const SAMPLE_ACCOUNTS: Record<Exclude<SampleKind, 'mixed'>, string> = {
  // one per dispatched group (round robin by username)
  group: `r.role = 'GROUP_STAFF'`,
  // staff of the 监督检查室: they liaise with groups and counties (the scope of 室组地联动) and lead or assist supervision items
  office: `r.role = 'OFFICE_STAFF' AND o.office_kind = 'INSPECTION'`,
  // staff of the 审查调查室, the offices that issue the generated letters (issue 5: the DOCX figures)
  issuer: `r.role = 'OFFICE_STAFF' AND o.office_kind = 'INVESTIGATION'`,
  // staff of the 党风政风监督室 (the campaign's lead office, the supervision coordinator)
  coordinator: `r.role = 'OFFICE_STAFF' AND o.office_kind = 'PARTY_CONDUCT'`,
  // staff of the county commissions themselves (township staff see the same county but lead or assist no items)
  county: `r.role = 'COUNTY_STAFF' AND o.kind = 'COUNTY_COMMISSION'`,
  // 委领导 with 分管 (8 at every scale)
  leader: `r.role = 'DEPUTY_OR_MEMBER' AND EXISTS (SELECT 1 FROM leadership_member lm JOIN oversight ov ON ov.leader_id = lm.id WHERE lm.person_id = u.person_id)`,
};

/**
 * Sessions for a sample of accounts, inserted directly (no password/TOTP round trip), exactly as
 * createSession would store them: only the SHA-256 of the cookie value.
 *  - `group`: the first `n` group-staff accounts (one per dispatched group, round robin);
 *  - `mixed`: the first of each of `n` equal slices of the business accounts (by username), so the
 *    roles appear in their data-set proportions, commission-wide ones included;
 *  - `office`: staff of the 监督检查室; `issuer`: staff of the 审查调查室; `coordinator`: staff of the 党风政风监督室;
 *    `county`: staff of the county commissions; `leader`: the 委领导 with 分管 (fewer than `n`: each repeats in the rotation).
 */
export async function createSessions(pool: pg.Pool, commissionId: string, kind: SampleKind, n: number): Promise<SessionSample[]> {
  const users =
    kind === 'mixed'
      ? await pool.query<{ id: string; username: string; role: string }>(
          `WITH b AS (SELECT u.id, u.username, r.role, ntile($2) OVER (ORDER BY u.username) AS tile
                        FROM app_user u JOIN user_role r ON r.user_id = u.id
                       WHERE u.commission_id = $1 AND r.role NOT IN ('SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'))
           SELECT DISTINCT ON (tile) id, username, role FROM b ORDER BY tile, username`,
          [commissionId, n],
        )
      : await pool.query<{ id: string; username: string; role: string }>(
          `SELECT u.id, u.username, r.role FROM app_user u JOIN user_role r ON r.user_id = u.id JOIN org o ON o.id = u.org_id
            WHERE u.commission_id = $1 AND ${SAMPLE_ACCOUNTS[kind]} ORDER BY u.username LIMIT $2`,
          [commissionId, n],
        );
  const samples = users.rows.map((u) => ({ userId: u.id, username: u.username, role: u.role, token: randomBytes(32).toString('base64url') }));
  await pool.query(
    `INSERT INTO user_session (id_hash, user_id, commission_id, expires_at, ip, user_agent)
     SELECT h, u, $3, now() + interval '12 hours', '127.0.0.1', 'liandong-bench' FROM unnest($1::bytea[], $2::uuid[]) AS t (h, u)`,
    [samples.map((s) => hashSessionToken(s.token)), samples.map((s) => s.userId), commissionId],
  );
  return samples;
}
