/**
 * Clue and case data set for `npm run bench` (issue 4): 1,000,000 clues and 200,000 cases at full scale
 * over every dispatched group (subjects in its host units), every county (its host units) and the
 * investigation offices, received over ten years. Set-based SQL only. Titles and summaries are built
 * from Chinese word lists; the search vector is built from the same lists segmented once here with
 * jieba (platform/search.ts `tokens`), so to_tsvector('simple', …) over the space-separated tokens gives
 * exactly what the application stores — no per-row segmentation.
 */
import type pg from 'pg';
import { tokens } from '../server/src/platform/search';

export interface ClueScale {
  clues: number;
  cases: number;
}

export const CLUE_SCALES: Record<'small' | 'full', ClueScale> = {
  full: { clues: 1_000_000, cases: 200_000 },
  small: { clues: 100_000, cases: 20_000 },
};

export interface ClueData {
  clues: number;
  cases: number;
  caseTeam: number;
  outcomes: number;
  ms: number;
}

const SECTORS = [
  '粮食储备库',
  '城市商业银行',
  '公共资源交易中心',
  '住房公积金',
  '医疗保障',
  '学生资助',
  '乡村振兴',
  '校园餐',
  '工程招投标',
  '国有企业',
  '供销合作社',
  '交通运输',
  '自然资源',
  '市场监管',
  '生态环境',
  '退役军人',
  '养老服务',
  '危房改造',
  '惠农补贴',
  '公交集团',
];
const POSITIONS = ['主任', '副主任', '科长', '副科长', '干部', '总经理', '副总经理', '会计', '出纳', '站长', '所长', '校长', '院长', '村党支部书记', '镇长'];
const ISSUES = [
  '违规收受礼金',
  '关联交易',
  '虚报冒领',
  '挪用公款',
  '插手工程项目',
  '违规发放津补贴',
  '公车私用',
  '违规兼职取酬',
  '利用职务便利谋利',
  '收受购物卡',
  '违规放贷',
  '截留挪用资金',
  '吃拿卡要',
  '优亲厚友',
  '违规操办婚丧喜庆',
  '泄露评标信息',
  '滥用职权',
  '玩忽职守',
  '接受宴请',
  '套取补贴',
];
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程'.split('');
const DETAILS = ['涉及金额较大，群众反映强烈', '时间跨度较长，线索较为具体', '有相关票据和聊天记录佐证', '同一事项多次被反映', '反映内容较为笼统'];
const SOURCES = [
  'PETITION_LETTER',
  'PETITION_VISIT',
  'PETITION_PHONE',
  'PETITION_ONLINE',
  'FOUND_IN_SUPERVISION',
  'INSPECTION_TOUR',
  'AUDIT',
  'DATA_ALERT',
  'CAMPAIGN_SCREENING',
  'OTHER',
];
const STATES = [
  'RECEIVED',
  'REGISTERED',
  'ASSIGNED',
  'UNDER_ANALYSIS',
  'UNDER_ANALYSIS',
  'DISPOSITION_PROPOSED',
  'TALK_INQUIRY',
  'TALK_INQUIRY_REPORTED',
  'PRELIM_VERIFICATION',
  'PENDING_HOLD',
  'CLOSED',
  'CLOSED',
  'CLOSED',
  'CLOSED_FIRST_FORM',
  'MERGED',
  'CASE_FILED',
];
const CASE_STATES = ['FILED', 'INVESTIGATING', 'INVESTIGATING', 'IN_TRIAL', 'DECIDED', 'SANCTION_ANNOUNCED', 'EXECUTED', 'ARCHIVED'];
const FORMS = ['FIRST', 'SECOND', 'SECOND', 'THIRD', 'FOURTH'];

/**
 * A rare phrase (issue 12: search is measured on rare and common words): one clue in RARE_EVERY has it at the end of
 * its summary (about 100 clues at small scale, 1,000 at full), so 冷库 is rare where 问题 is in every clue.
 */
export const RARE_PHRASE = '冷库租赁';
export const RARE_EVERY = 997;

const seg = (words: readonly string[]) => words.map((w) => tokens(w).join(' '));
/** An element of a SQL array chosen by a hash of the row number and a salt, so the lists vary independently. */
const pick = (list: string, i: string, salt: number) => `(${list})[1 + ((hashint4(${i} + ${salt})::bigint & 2147483647) % array_length(${list}, 1))]`;

export async function generateClues(pool: pg.Pool, commissionId: string, scale: ClueScale, log: (m: string) => void): Promise<ClueData> {
  const started = Date.now();
  const client = await pool.connect();
  const fixed = tokens('反映 问题 群众 在履职中存在 等问题').join(' ');
  const rare = `另涉及${RARE_PHRASE}。`;
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL synchronous_commit = off');
    // Where a clue goes: (undertaking org, subject unit, receiving petition office or the org itself).
    await client.query(
      `CREATE TEMP TABLE bench_target ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY t.org_id, t.unit_id) - 1)::int AS idx, t.org_id, t.unit_id FROM (
         SELECT dc.group_id AS org_id, dc.host_unit_id AS unit_id FROM dispatch_coverage dc WHERE dc.commission_id = $1
         UNION ALL
         SELECT c.id, h.id FROM org c JOIN org h ON h.parent_id = c.id AND h.kind = 'HOST_UNIT' WHERE c.commission_id = $1 AND c.kind = 'COUNTY_COMMISSION'
         UNION ALL
         SELECT o.id, h.id FROM org o JOIN LATERAL (SELECT id FROM org WHERE commission_id = $1 AND kind = 'HOST_UNIT' AND parent_id IS NULL
                                                    ORDER BY code LIMIT 20) h ON true
          WHERE o.commission_id = $1 AND o.office_kind = 'INVESTIGATION') t`,
      [commissionId],
    );
    const petition = (await client.query<{ id: string }>(`SELECT id FROM org WHERE commission_id = $1 AND office_kind = 'PETITION'`, [commissionId])).rows[0]!
      .id;
    const params = [
      commissionId,
      scale.clues,
      SECTORS,
      seg(SECTORS),
      POSITIONS,
      seg(POSITIONS),
      ISSUES,
      seg(ISSUES),
      SURNAMES,
      seg(SURNAMES.map((s) => `${s}某某`)),
      DETAILS,
      SOURCES,
      STATES,
      petition,
      fixed,
      rare,
      tokens(rare).join(' '),
      RARE_EVERY,
    ];
    const sector = pick('$3::text[]', 'i', 7919);
    const sectorSeg = pick('$4::text[]', 'i', 7919);
    const position = pick('$5::text[]', 'i', 104_729);
    const positionSeg = pick('$6::text[]', 'i', 104_729);
    const issue = pick('$7::text[]', 'i', 15_485_863);
    const issueSeg = pick('$8::text[]', 'i', 15_485_863);
    const surname = pick('$9::text[]', 'i', 32_452_843);
    const surnameSeg = pick('$10::text[]', 'i', 32_452_843);
    const detail = pick('$11::text[]', 'i', 49_979_687);
    await client.query(
      `INSERT INTO clue (commission_id, year, seq, clue_no, source, received_on, receiving_org_id, registered_at, real_name, title, summary,
                         issue_types, subject_name, subject_org_id, subject_position, undertaking_org_id, state, proposed_method, closed_kind, closed_on,
                         propose_due, inquiry_report_due, hold_review_due, search_tsv, created_at)
       SELECT $1, extract(year FROM d.day)::int, i, '兰纪线〔' || extract(year FROM d.day)::int || '〕' || i || '号', s.source, d.day, 
              CASE WHEN s.source LIKE 'PETITION%' THEN $14::uuid ELSE t.org_id END, d.day + time '10:00', (i % 5 = 0),
              '反映' || ${sector} || ${position} || ${surname} || '某某' || ${issue} || '问题',
              '群众反映，' || ${sector} || '相关' || ${position} || ${surname} || '某某在履职中存在' || ${issue} || '等问题，' || ${detail} || '。' || CASE WHEN i % $18::int = 0 THEN $16 ELSE '' END,
              ARRAY['INTEGRITY'], ${surname} || '某某', t.unit_id, ${position}, t.org_id, st.state,
              CASE WHEN st.state IN ('TALK_INQUIRY','TALK_INQUIRY_REPORTED','CLOSED_FIRST_FORM') THEN 'TALK_INQUIRY'
                   WHEN st.state IN ('PRELIM_VERIFICATION','CASE_FILED') THEN 'PRELIM_VERIFICATION'
                   WHEN st.state = 'PENDING_HOLD' THEN 'PENDING_HOLD' WHEN st.state = 'CLOSED' THEN 'CLOSE' END,
              CASE WHEN st.state = 'CLOSED' THEN 'DIRECT' WHEN st.state = 'CLOSED_FIRST_FORM' THEN 'AFTER_INQUIRY' END,
              CASE WHEN st.state IN ('CLOSED','CLOSED_FIRST_FORM') THEN d.day + 40 END,
              d.day + 30,
              CASE WHEN st.state = 'TALK_INQUIRY' THEN d.day + 60 END,
              CASE WHEN st.state = 'PENDING_HOLD' THEN d.day + 200 END,
              to_tsvector('simple', ${sectorSeg} || ' ' || ${positionSeg} || ' ' || ${surnameSeg} || ' ' || ${issueSeg} || ' ' || $15 || CASE WHEN i % $18::int = 0 THEN ' ' || $17 ELSE '' END),
              d.day + time '09:00'
         FROM generate_series(1, $2::int) i
         CROSS JOIN LATERAL (SELECT (date '2026-11-26' - ((i::bigint * 3652) / $2::int)::int) AS day) d
         CROSS JOIN LATERAL (SELECT ($12::text[])[1 + (i * 31 % array_length($12::text[], 1))] AS source) s
         CROSS JOIN LATERAL (SELECT CASE WHEN d.day < date '2026-06-01' AND i % 3 > 0 THEN (ARRAY['CLOSED','CASE_FILED','CLOSED_FIRST_FORM','CASE_FILED'])[1 + i % 4]
                                         ELSE ($13::text[])[1 + (i * 13 % array_length($13::text[], 1))] END AS state) st
         JOIN bench_target t ON t.idx = (i * 7 % (SELECT count(*) FROM bench_target))`,
      params,
    );
    // Cases, led by the same departments, each with a 审查调查组 drawn from the lead org's staff.
    await client.query(
      `INSERT INTO case_file (commission_id, year, seq, case_no, title, summary, subject_name, subject_org_id, subject_position, lead_org_id, state,
                              filed_on, trial_received_on, trial_due, decided_on, execution_report_due, search_tsv, created_at)
       SELECT c.commission_id, c.year, c.seq, '兰纪案〔' || c.year || '〕' || c.seq || '号', c.title, c.summary, c.subject_name, c.subject_org_id,
              c.subject_position, c.undertaking_org_id, k.state, c.received_on + 70,
              CASE WHEN k.state NOT IN ('FILED','INVESTIGATING') THEN c.received_on + 130 END,
              CASE WHEN k.state NOT IN ('FILED','INVESTIGATING') THEN c.received_on + 160 END,
              CASE WHEN k.state IN ('DECIDED','SANCTION_ANNOUNCED','EXECUTED','ARCHIVED') THEN c.received_on + 150 END,
              CASE WHEN k.state IN ('SANCTION_ANNOUNCED','EXECUTED','ARCHIVED') THEN c.received_on + 190 END,
              c.search_tsv, c.created_at + interval '70 days'
         FROM (SELECT * FROM clue WHERE commission_id = $1 AND state = 'CASE_FILED' ORDER BY seq LIMIT $2) c
         CROSS JOIN LATERAL (SELECT ($3::text[])[1 + (c.seq * 17 % array_length($3::text[], 1))] AS state) k`,
      [commissionId, scale.cases, CASE_STATES],
    );
    await client.query(
      `UPDATE clue c SET case_id = k.id FROM case_file k WHERE k.commission_id = $1 AND c.commission_id = $1 AND c.seq = k.seq AND c.year = k.year`,
      [commissionId],
    );
    // The 审查调查组: a lead and a member from the lead org's staff (spread over all of them), and on one case in four
    // led by a group or county a member of the 监督检查室 that liaises with it (室组地联合办案).
    const team = await client.query(
      `WITH staff AS (SELECT org_id, array_agg(id ORDER BY username) AS ids FROM app_user WHERE commission_id = $1 GROUP BY org_id),
       liaison_staff AS (SELECT l.target_id, s.org_id, s.ids FROM liaison l JOIN staff s ON s.org_id = l.office_id WHERE l.commission_id = $1),
       member AS (
         SELECT k.id AS case_id, k.filed_on, s.ids[1 + (k.seq + j) % cardinality(s.ids)] AS user_id, s.org_id,
                CASE WHEN j = 0 THEN 'LEAD' ELSE 'MEMBER' END AS role
           FROM case_file k JOIN staff s ON s.org_id = k.lead_org_id CROSS JOIN generate_series(0, 1) j
          WHERE k.commission_id = $1 AND (j = 0 OR cardinality(s.ids) > 1)
         UNION ALL
         SELECT k.id, k.filed_on, ls.ids[1 + (k.seq / 4) % cardinality(ls.ids)], ls.org_id, 'MEMBER'
           FROM case_file k JOIN liaison_staff ls ON ls.target_id = k.lead_org_id
          WHERE k.commission_id = $1 AND k.seq % 4 = 1)
       INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, role, joined_on)
       SELECT $1, case_id, 'INVESTIGATION', user_id, org_id, role, filed_on FROM member`,
      [commissionId],
    );
    const outcomes = await client.query(
      `INSERT INTO case_outcome (commission_id, case_id, kind, detail, four_form, decided_on)
       SELECT k.commission_id, k.id, 'PARTY_SANCTION', 'WARNING', ($2::text[])[1 + (k.seq * 7 % 5)], k.decided_on
         FROM case_file k WHERE k.commission_id = $1 AND k.decided_on IS NOT NULL`,
      [commissionId, FORMS],
    );
    const counts = await client.query<{ clues: number; cases: number }>(
      `SELECT (SELECT count(*) FROM clue WHERE commission_id = $1)::int AS clues, (SELECT count(*) FROM case_file WHERE commission_id = $1)::int AS cases`,
      [commissionId],
    );
    await client.query('COMMIT');
    // The org-keyed casework aggregates of migration 0066 are filled by the triggers above (at small scale nearly a row
    // per clue): without statistics their plans read them whole.
    for (const stmt of [
      'VACUUM (ANALYZE) clue',
      'VACUUM (ANALYZE) case_file',
      'ANALYZE case_team_member',
      'ANALYZE case_outcome',
      'ANALYZE casework_clue_intake_key_agg',
      'ANALYZE casework_clue_disposition_key_agg',
      'ANALYZE casework_case_key_agg',
      'ANALYZE casework_case_due_key_agg',
    ])
      await client.query(stmt);
    const data = { ...counts.rows[0]!, caseTeam: team.rowCount ?? 0, outcomes: outcomes.rowCount ?? 0, ms: Date.now() - started };
    log(`clues: ${data.clues} clues, ${data.cases} cases, ${data.caseTeam} team members, ${data.outcomes} outcomes (${data.ms} ms)`);
    return data;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
