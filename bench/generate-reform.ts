/**
 * 以案促改 data set for `npm run bench` (issue 5), run after the clue generator: 50,000 recommendation
 * letters (3 numbered recommendations each) drawn from the generated cases — drafted by the case's lead
 * org (dispatched group, county commission or 审查调查室), addressed to the subject's unit, followed by a
 * member of the drafting org — and 200,000 rectification tasks: one per recommendation of every adopted
 * letter, the rest assigned by hand by the groups and counties to their host units. Issued letters carry
 * gap-free 发文字号 per (代字, 年), and doc_sequence is set so later issuing continues the sequence. Then the 以案促改
 * records (台账): one per decided case or case with a letter, with their 问题清单 (100,000 + at full scale).
 * Set-based SQL only (INSERT … SELECT generate_series / window functions).
 */
import { LETTER_DOC_CODES } from '@liandong/domain/reform/enums';
import type pg from 'pg';

export interface ReformScale {
  letters: number;
  tasks: number;
}

export const REFORM_SCALES: Record<'small' | 'full', ReformScale> = {
  full: { letters: 50_000, tasks: 200_000 },
  small: { letters: 5_000, tasks: 20_000 },
};

export interface ReformData {
  letters: number;
  issued: number;
  items: number;
  tasks: number;
  tasksFromLetters: number;
  /** 以案促改台账 records (one per decided case or case with a letter). */
  records: number;
  ms: number;
}

/** Letter states by weight; letters drafted before 2026 are mostly closed (see the SELECT). */
const LETTER_STATES = [
  'DRAFTING',
  'CONSULTING',
  'UNDER_REVIEW',
  'APPROVED',
  'ISSUED',
  'SERVED',
  'RECTIFYING',
  'RECTIFYING',
  'RECTIFYING',
  'REPLIED',
  'EVALUATED',
  'CLOSED',
  'CLOSED',
  'NON_COMPLIANT',
  'WITHDRAWN',
];
const ISSUED_STATES = ['ISSUED', 'SERVED', 'RECTIFYING', 'REPLIED', 'EVALUATED', 'CLOSED', 'NON_COMPLIANT', 'ESCALATED'];
const ADOPTED_STATES = ['RECTIFYING', 'REPLIED', 'EVALUATED', 'CLOSED', 'NON_COMPLIANT', 'ESCALATED'];
const OPEN_TASK_STATES = ['ASSIGNED', 'PLAN_SUBMITTED', 'IN_PROGRESS', 'IN_PROGRESS', 'REPORTED_DONE', 'RETURNED', 'OVERDUE', 'ESCALATED'];
const TYPES = ['DISCIPLINE', 'SUPERVISION', 'COMBINED'] as const;
/** Case states from the decision on (visibility/reform.ts CASE_DECIDED_STATES): a 以案促改 record is open for them. */
const DECIDED_CASE_STATES = ['DECIDED', 'PROSECUTION_TRANSFERRED', 'SANCTION_ANNOUNCED', 'EXECUTED', 'ARCHIVED'];
const RECOMMENDATIONS = [
  '健全权力运行制约机制，落实集体决策和分级审批',
  '建立关联交易申报和回避制度，开展一次全面排查',
  '加强日常监督和内部审计，定期开展专项检查',
  '以案为鉴开展警示教育，关键岗位定期交流轮岗',
  '完善资金拨付和项目验收制度，引入第三方复核',
  '规范采购招标程序，建立供应商履约评价和退出机制',
];

export async function generateReform(pool: pg.Pool, commissionId: string, scale: ReformScale, log: (m: string) => void): Promise<ReformData> {
  const started = Date.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    // One letter per selected case, spread evenly over the cases; its drafter is a member of the lead org.
    await client.query(
      `CREATE TEMP TABLE bench_letter ON COMMIT DROP AS
       WITH k AS (
         SELECT k.id, k.lead_org_id, k.subject_org_id, k.filed_on, k.title, row_number() OVER (ORDER BY k.year, k.seq) AS rn, count(*) OVER () AS n
           FROM case_file k WHERE k.commission_id = $1 AND k.subject_org_id IS NOT NULL AND k.filed_on IS NOT NULL)
       SELECT gen_random_uuid() AS id, (row_number() OVER (ORDER BY k.rn))::int AS i, k.id AS case_id, k.lead_org_id, k.subject_org_id,
              k.filed_on + 30 AS drafted_on, k.title, u.id AS user_id
         FROM k JOIN LATERAL (SELECT id FROM app_user WHERE org_id = k.lead_org_id ORDER BY username OFFSET (k.rn % 2) LIMIT 1) u ON true
        WHERE k.rn % greatest(k.n / $2::int, 1) = 0
        LIMIT $2::int`,
      [commissionId, scale.letters],
    );
    await client.query(
      `INSERT INTO letter (id, commission_id, type, origin, case_id, drafting_org_id, supervisor_user_id, recipient_org_id, recipient_name,
                                   title, background, facts, causes, legal_basis, state, approved_by, approved_at, served_on,
                                   receipt_signed_by, objection_due, reply_due, reply, replied_on, evaluation, evaluation_score, evaluated_on, closed_on,
                                   created_by, created_at, updated_at, version)
       SELECT b.id, $1, t.type, 'CASE', b.case_id, b.lead_org_id, b.user_id, b.subject_org_id, o.name_zh,
              '关于' || o.name_zh || '加强管理、堵塞漏洞的' || CASE t.type WHEN 'DISCIPLINE' THEN '纪律检查建议书' WHEN 'SUPERVISION' THEN '监察建议书' ELSE '纪检监察建议书' END,
              '在查处' || b.title || '中，对暴露出的问题进行了剖析。', '调查发现，该单位在权力运行、制度执行和日常监督方面存在漏洞。',
              '制度缺失，监督制约不力。', ARRAY['《中华人民共和国监察法》第十一条第（三）项'], s.state,
              CASE WHEN s.state NOT IN ('DRAFTING','CONSULTING','UNDER_REVIEW','WITHDRAWN') THEN b.user_id END,
              CASE WHEN s.state NOT IN ('DRAFTING','CONSULTING','UNDER_REVIEW','WITHDRAWN') THEN (b.drafted_on + 20) + time '11:00' END,
              CASE WHEN s.state = ANY($3::text[]) AND s.state <> 'ISSUED' THEN b.drafted_on + 24 END,
              CASE WHEN s.state = ANY($3::text[]) AND s.state <> 'ISSUED' THEN '单位办公室' END,
              CASE WHEN s.state = ANY($3::text[]) AND s.state <> 'ISSUED' THEN b.drafted_on + 39 END,
              CASE WHEN s.state = ANY($3::text[]) AND s.state <> 'ISSUED' THEN b.drafted_on + 54 END,
              CASE WHEN s.state IN ('REPLIED','EVALUATED','CLOSED') THEN '已全部采纳并完成整改。' END,
              CASE WHEN s.state IN ('REPLIED','EVALUATED','CLOSED') THEN b.drafted_on + 50 END,
              CASE WHEN s.state IN ('EVALUATED','CLOSED') THEN '回头看：整改到位。' END,
              CASE WHEN s.state IN ('EVALUATED','CLOSED') THEN 80 + b.i % 20 END,
              CASE WHEN s.state IN ('EVALUATED','CLOSED') THEN b.drafted_on + 80 END,
              CASE WHEN s.state = 'CLOSED' THEN b.drafted_on + 85 END,
              b.user_id, b.drafted_on + time '10:00', b.drafted_on + time '16:00', 1
         FROM bench_letter b
         JOIN org o ON o.id = b.subject_org_id
         CROSS JOIN LATERAL (SELECT ($2::text[])[1 + b.i % 3] AS type) t
         CROSS JOIN LATERAL (SELECT CASE WHEN b.drafted_on < date '2026-01-01' AND b.i % 5 > 0 THEN 'CLOSED'
                                         ELSE ($4::text[])[1 + (b.i * 7 % array_length($4::text[], 1))] END AS state) s`,
      [commissionId, TYPES, ISSUED_STATES, LETTER_STATES],
    );
    // 编号印发 two days after approval: 发文字号 gap-free per (代字, 年) in the order of issue.
    const codes = TYPES.map((t) => LETTER_DOC_CODES[t]);
    await client.query(
      `UPDATE letter r SET doc_code = n.code, doc_year = n.year, doc_seq = n.seq,
              doc_no = n.code || '〔' || n.year || '〕' || n.seq || '号', issued_on = n.day
         FROM (SELECT i.id, i.code, i.day, extract(year FROM i.day)::int AS year,
                      row_number() OVER (PARTITION BY i.type, extract(year FROM i.day) ORDER BY i.day, i.id)::int AS seq
                 FROM (SELECT r.id, r.type, c.code, (r.approved_at AT TIME ZONE current_setting('TimeZone'))::date + 2 AS day
                         FROM letter r
                         JOIN unnest($2::text[], $3::text[]) AS c (type, code) ON c.type = r.type
                        WHERE r.commission_id = $1 AND r.state = ANY($4::text[])) i) n
        WHERE r.id = n.id`,
      [commissionId, [...TYPES], codes, ISSUED_STATES],
    );
    await client.query(
      `INSERT INTO doc_sequence (commission_id, doc_code, year, last_no)
       SELECT $1, doc_code, doc_year, max(doc_seq) FROM letter WHERE commission_id = $1 AND doc_code IS NOT NULL GROUP BY doc_code, doc_year
       ON CONFLICT (commission_id, doc_code, year) DO UPDATE SET last_no = greatest(doc_sequence.last_no, excluded.last_no)`,
      [commissionId],
    );
    const items = await client.query(
      `INSERT INTO letter_item (commission_id, letter_id, no, text, deadline)
       SELECT $1, b.id, n, ($2::text[])[1 + (b.i + n) % array_length($2::text[], 1)] || '。', b.drafted_on + 60 + n * 30
         FROM bench_letter b CROSS JOIN generate_series(1, 3) n`,
      [commissionId, RECOMMENDATIONS],
    );
    await client.query(
      `INSERT INTO letter_event (commission_id, letter_id, action, from_state, to_state, actor_id, at)
       SELECT $1, b.id, 'draft', NULL, 'DRAFTING', b.user_id, b.drafted_on + time '10:00' FROM bench_letter b`,
      [commissionId],
    );
    // Adoption spawned one task per recommendation, followed by the letter's supervisor in the drafting org.
    const fromLetters = await client.query(
      `INSERT INTO rectification_task (commission_id, source, letter_id, letter_item_id, unit_org_id, issue, deadline, plan_due,
                                       responsible_person, supervisor_user_id, supervisor_org_id, state, overdue_since, escalation_step,
                                       verified_on, closed_on, created_by, created_at, updated_at)
       SELECT $1, 'RECOMMENDATION', r.id, ri.id, r.recipient_org_id, ri.text, ri.deadline, r.served_on + 14, '单位分管负责人',
              r.supervisor_user_id, r.drafting_org_id, st.state,
              CASE WHEN st.state IN ('OVERDUE','ESCALATED') THEN ri.deadline + 1 END,
              CASE WHEN st.state = 'ESCALATED' THEN 'URGE' END,
              CASE WHEN st.state = 'CLOSED' THEN ri.deadline - 5 END,
              CASE WHEN st.state = 'CLOSED' THEN ri.deadline - 3 END,
              r.created_by, r.served_on + time '15:00', r.updated_at
         FROM letter r
         JOIN letter_item ri ON ri.letter_id = r.id
         CROSS JOIN LATERAL (SELECT CASE WHEN r.state IN ('REPLIED','EVALUATED','CLOSED') THEN 'CLOSED'
                                         ELSE ($3::text[])[1 + ((hashtext(ri.id::text)::bigint & 2147483647) % array_length($3::text[], 1))]
                                    END AS state) st
        WHERE r.commission_id = $1 AND r.state = ANY($2::text[])`,
      [commissionId, ADOPTED_STATES, OPEN_TASK_STATES],
    );
    const remaining = Math.max(scale.tasks - (fromLetters.rowCount ?? 0), 0);
    // The rest by hand: each group or county assigns tasks to the units it supervises.
    const manual = await client.query(
      `WITH target AS (
         SELECT (row_number() OVER (ORDER BY t.org_id, t.unit_id) - 1)::int AS idx, t.org_id, t.unit_id FROM (
           SELECT dc.group_id AS org_id, dc.host_unit_id AS unit_id FROM dispatch_coverage dc WHERE dc.commission_id = $1
           UNION ALL
           SELECT c.id, h.id FROM org c JOIN org h ON h.parent_id = c.id AND h.kind = 'HOST_UNIT' WHERE c.commission_id = $1 AND c.kind = 'COUNTY_COMMISSION') t),
       sup AS (SELECT DISTINCT ON (u.org_id) u.org_id, u.id FROM app_user u WHERE u.commission_id = $1 ORDER BY u.org_id, u.username)
       INSERT INTO rectification_task (commission_id, source, unit_org_id, issue, required_outcome, deadline, plan_due, responsible_person,
                                       supervisor_user_id, supervisor_org_id, state, overdue_since, verified_on, closed_on, created_by, created_at, updated_at)
       SELECT $1, 'MANUAL', t.unit_id, '日常监督发现问题整改（第' || i || '项）', '问题整改到位，建立长效机制。', d.day + 90, d.day + 14, '单位主要负责人',
              s.id, t.org_id, st.state,
              CASE WHEN st.state IN ('OVERDUE','ESCALATED') THEN d.day + 91 END,
              CASE WHEN st.state = 'CLOSED' THEN d.day + 80 END,
              CASE WHEN st.state = 'CLOSED' THEN d.day + 85 END,
              s.id, d.day + time '10:00', d.day + time '16:00'
         FROM generate_series(1, $2::int) i
         CROSS JOIN LATERAL (SELECT (date '2026-11-26' - ((i::bigint * 1826) / greatest($2::int, 1))::int) AS day) d
         JOIN target t ON t.idx = (i * 7 % (SELECT count(*) FROM target))
         JOIN sup s ON s.org_id = t.org_id
         CROSS JOIN LATERAL (SELECT CASE WHEN d.day < date '2026-06-01' AND i % 4 > 0 THEN 'CLOSED'
                                         ELSE ($3::text[])[1 + (i * 11 % array_length($3::text[], 1))] END AS state) st`,
      [commissionId, remaining, OPEN_TASK_STATES],
    );
    // 以案促改台账: one record per case from its decision on, and per case with a letter (openReformRecordForCase), owned by
    // the case's lead org and named after the subject's unit; its 问题清单 once analysed; one in ten group-led records is
    // co-owned by the 监督检查室 that liaises with the group.
    const records = await client.query(
      `INSERT INTO reform_record (commission_id, origin, case_id, title, unit_org_id, owner_org_id, state, root_causes, cause_categories,
                                  classification, created_by, created_at, updated_at)
       SELECT $1, 'CASE', k.id, '以案促改：' || uo.name_zh, uo.id, k.lead_org_id,
              CASE WHEN l.state = 'CLOSED' THEN 'CLOSED' WHEN l.id IS NOT NULL THEN 'RECOMMENDED' WHEN k.seq % 2 = 0 THEN 'ANALYSED' ELSE 'COLLECTING' END,
              CASE WHEN l.id IS NOT NULL OR k.seq % 2 = 0 THEN '制度执行不到位，监督制约不力。' ELSE '' END,
              CASE WHEN l.id IS NOT NULL OR k.seq % 2 = 0 THEN ARRAY['SYSTEM_GAP', 'OVERSIGHT_WEAKNESS'] ELSE '{}' END,
              k.classification, l.created_by,
              COALESCE(k.decided_on, k.filed_on + 30) + time '09:30', COALESCE(k.decided_on, k.filed_on + 30) + time '09:30'
         FROM case_file k
         JOIN org uo ON uo.id = COALESCE(k.subject_org_id, k.lead_org_id)
         LEFT JOIN letter l ON l.case_id = k.id
        WHERE k.commission_id = $1 AND (k.state = ANY($2::text[]) OR l.id IS NOT NULL)`,
      [commissionId, DECIDED_CASE_STATES],
    );
    await client.query(
      `INSERT INTO reform_problem (commission_id, record_id, seq, description, category, found_on, created_at)
       SELECT $1, r.id, n, ($2::text[])[n], ($3::text[])[n], r.created_at::date, r.created_at
         FROM reform_record r CROSS JOIN generate_series(1, 2) n
        WHERE r.commission_id = $1 AND r.state <> 'COLLECTING'`,
      [commissionId, ['审批环节缺少制约，关键岗位长期未交流。', '内部监督流于形式，问题整改不到位。'], ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS']],
    );
    await client.query(
      `INSERT INTO reform_record_co_owner (commission_id, record_id, org_id, added_at)
       SELECT $1, r.id, l.office_id, r.created_at
         FROM reform_record r JOIN case_file k ON k.id = r.case_id JOIN liaison l ON l.target_id = r.owner_org_id
        WHERE r.commission_id = $1 AND k.seq % 10 = 3`,
      [commissionId],
    );
    const counts = await client.query<{ letters: number; issued: number; tasks: number; records: number }>(
      `SELECT (SELECT count(*) FROM letter WHERE commission_id = $1)::int AS letters,
              (SELECT count(*) FROM letter WHERE commission_id = $1 AND doc_no IS NOT NULL)::int AS issued,
              (SELECT count(*) FROM rectification_task WHERE commission_id = $1)::int AS tasks,
              (SELECT count(*) FROM reform_record WHERE commission_id = $1)::int AS records`,
      [commissionId],
    );
    await client.query('COMMIT');
    for (const t of ['letter', 'letter_item', 'letter_event', 'rectification_task', 'reform_record', 'reform_problem', 'reform_record_co_owner'])
      await client.query(`VACUUM (ANALYZE) ${t}`);
    const data: ReformData = {
      ...counts.rows[0]!,
      items: items.rowCount ?? 0,
      tasksFromLetters: fromLetters.rowCount ?? 0,
      ms: Date.now() - started,
    };
    log(
      `reform: ${data.letters} letters (${data.issued} issued), ${data.items} recommendations, ${data.tasks} rectification tasks (${data.tasksFromLetters} from letters, ${manual.rowCount ?? 0} by hand), ${data.records} reform records (${records.rowCount ?? 0} opened) (${data.ms} ms)`,
    );
    return data;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * For each account of a sample, an issued letter its own org drafted (spread over the org's letters), for
 * the DOCX figure: the issuing office exports its own letters. Accounts whose org issued none are left out.
 */
export async function issuedLetterOf(pool: pg.Pool, commissionId: string, userIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ user_id: string; letter_id: string }>(
    `SELECT u.id AS user_id, l.id AS letter_id
       FROM unnest($2::uuid[]) WITH ORDINALITY AS s (user_id, n)
       JOIN app_user u ON u.id = s.user_id
       JOIN LATERAL (SELECT r.id FROM letter r
                      WHERE r.commission_id = $1 AND r.drafting_org_id = u.org_id AND r.doc_no IS NOT NULL
                      ORDER BY r.doc_code, r.doc_year, r.doc_seq
                     OFFSET (s.n % greatest((SELECT count(*) FROM letter c WHERE c.commission_id = $1 AND c.drafting_org_id = u.org_id
                                                AND c.doc_no IS NOT NULL), 1)) LIMIT 1) l ON true`,
    [commissionId, userIds],
  );
  return new Map(rows.map((r) => [r.user_id, r.letter_id]));
}

/**
 * The generated letters are numbered in SQL, without the text issuing renders and keeps (issue 5), so an issued
 * letter's first export renders and keeps it (modules/letters/service-letters.ts). Before the DOCX figures, each
 * account of the sample exports its letter once through the real server — four at a time, no deadline — so that
 * the figures measure exports of issued letters as issuing leaves them (stored text, stamped per export), not a
 * cold data set's first renders. Returns how many letters were exported and the wall time.
 */
export async function keepIssuedTexts(
  realUrl: string,
  cookieName: string,
  sample: readonly { userId: string; token: string }[],
  letterOf: ReadonlyMap<string, string>,
): Promise<{ letters: number; ms: number }> {
  const started = performance.now();
  const seen = new Set<string>();
  const queue = sample.filter((s) => {
    const id = letterOf.get(s.userId);
    if (!id || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const s = queue[next++]!;
      const res = await fetch(`${realUrl}/api/v1/letters/${letterOf.get(s.userId)}/document.docx`, { headers: { cookie: `${cookieName}=${s.token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`keeping the issued texts: the export answered ${res.status}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return { letters: queue.length, ms: Math.round(performance.now() - started) };
}
