import type { KpiFigure, KpiGroup } from '@liandong/domain/campaigns/contracts-kpis';
import { ACCOUNTABILITY_METHOD_LABELS } from '@liandong/domain/reform/enums';
import { FOUR_FORMS_LABELS, type FourForm } from '@liandong/domain/cases/machine';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';
import { inspectionKpis } from '../inspections';
import { selfInspectionKpis } from '../self-inspection';

/*
 * 专项整治成效 (domain.md b.5 kpis [C S68]): every figure is counted from the records that carry the
 * campaign's id — clues (clue.campaign_id), the cases filed on them (clue.case_id or case_clue), those
 * cases' outcomes by 四种形态, accountability records, rectification tasks, reform records, letters,
 * the 建章立制 register and the funds recovered on the cases. Nothing is typed in.
 *
 * Scope choice: the figures are campaign aggregates, shown to whoever may see the campaign
 * (campaignVisible), not recounted per caller. A 专班 member or a participating office sees the same
 * totals as the 书记, so that everyone works from one set of numbers (the 通报 quotes them). They are
 * counts and sums only: no title, name or number of any record leaves this query, so a caller learns
 * how many clues the campaign screened, never which. Drill-down lists go through each object's own
 * visibility predicate (links.ts).
 */

/** Counts of persons by 四种形态: one per case (its heaviest form), plus clues closed in the first form. */
const FORMS: FourForm[] = ['FIRST', 'SECOND', 'THIRD', 'FOURTH'];
const METHODS = Object.keys(ACCOUNTABILITY_METHOD_LABELS) as (keyof typeof ACCOUNTABILITY_METHOD_LABELS)[];

/**
 * Open task states (c.5) that count as overdue once their deadline has passed, as the daily reform job
 * marks them (reform/light.ts TASK_OPEN_STATES); OVERDUE and ESCALATED count anyway. A task reported done
 * waits for the supervisor's check and is not the unit's delay.
 */
const TASK_OPEN = ['ASSIGNED', 'PLAN_SUBMITTED', 'IN_PROGRESS', 'RETURNED'];

export interface KpiRow {
  clues: number;
  clues_in_handling: number;
  clues_first_form: number;
  clues_to_case: number;
  cases_filed: number;
  cases_decided: number;
  funds: string | null;
  form_first: number;
  form_second: number;
  form_third: number;
  form_fourth: number;
  acc_total: number;
  acc_by_method: Record<string, number> | null;
  tasks: number;
  tasks_closed: number;
  tasks_overdue: number;
  reform_records: number;
  letters_issued: number;
  rules: number;
}

/**
 * The one statement behind GET /api/v1/campaigns/:id/kpis (the bench's bare baseline runs it too).
 * Cases are reached through the campaign's clues: `clue.case_id` (the case filed on the clue) and
 * `case_clue` (clues joined to a case later, 同案人员). A person is counted once, in the heaviest form
 * of his case's outcomes (a party and an administrative sanction of one person are one person).
 */
export function kpiQuery(campaignId: string, today: string) {
  return sql<KpiRow>`
    WITH cl AS (SELECT c.id, c.state, c.case_id FROM clue c WHERE c.campaign_id = ${campaignId}::uuid AND c.merged_into_id IS NULL),
    cs AS (SELECT DISTINCT x.case_id FROM (SELECT case_id FROM cl WHERE case_id IS NOT NULL
             UNION ALL SELECT cc.case_id FROM case_clue cc JOIN cl ON cl.id = cc.clue_id) x),
    k AS (SELECT f.id, f.filed_on, f.decided_on, f.funds_recovered FROM case_file f JOIN cs ON cs.case_id = f.id WHERE f.filed_on IS NOT NULL),
    heavy AS (SELECT o.case_id, max(CASE o.four_form WHEN 'FIRST' THEN 1 WHEN 'SECOND' THEN 2 WHEN 'THIRD' THEN 3 WHEN 'FOURTH' THEN 4 END) AS f
                FROM k JOIN case_outcome o ON o.commission_id = (SELECT cm.commission_id FROM campaign cm WHERE cm.id = ${campaignId}::uuid)
                 AND o.case_id = k.id WHERE o.four_form IS NOT NULL GROUP BY o.case_id),
    acc AS (SELECT a.method, count(*)::int AS n FROM accountability a WHERE a.campaign_id = ${campaignId}::uuid GROUP BY a.method)
    SELECT
      (SELECT count(*)::int FROM cl) AS clues,
      (SELECT count(*)::int FROM cl WHERE cl.state NOT IN ('CLOSED','CLOSED_FIRST_FORM','TRANSFERRED_OUT','TRANSFERRED_TO_PARTY_ORG','FALSE_ACCUSATION','CASE_FILED')) AS clues_in_handling,
      (SELECT count(*)::int FROM cl WHERE cl.state = 'CLOSED_FIRST_FORM') AS clues_first_form,
      (SELECT count(*)::int FROM cl WHERE cl.case_id IS NOT NULL OR cl.state = 'CASE_FILED') AS clues_to_case,
      (SELECT count(*)::int FROM k) AS cases_filed,
      (SELECT count(*)::int FROM k WHERE k.decided_on IS NOT NULL) AS cases_decided,
      (SELECT sum(k.funds_recovered)::text FROM k) AS funds,
      (SELECT count(*)::int FROM heavy WHERE f = 1) + (SELECT count(*)::int FROM cl WHERE cl.state = 'CLOSED_FIRST_FORM' AND cl.case_id IS NULL) AS form_first,
      (SELECT count(*)::int FROM heavy WHERE f = 2) AS form_second,
      (SELECT count(*)::int FROM heavy WHERE f = 3) AS form_third,
      (SELECT count(*)::int FROM heavy WHERE f = 4) AS form_fourth,
      (SELECT COALESCE(sum(n), 0)::int FROM acc) AS acc_total,
      (SELECT jsonb_object_agg(acc.method, acc.n) FROM acc) AS acc_by_method,
      t.total AS tasks, t.closed AS tasks_closed, t.overdue AS tasks_overdue,
      (SELECT count(*)::int FROM reform_record r WHERE r.campaign_id = ${campaignId}::uuid) AS reform_records,
      (SELECT count(*)::int FROM letter l WHERE l.campaign_id = ${campaignId}::uuid AND l.doc_no IS NOT NULL) AS letters_issued,
      (SELECT count(*)::int FROM campaign_rule ru WHERE ru.campaign_id = ${campaignId}::uuid) AS rules
    FROM (SELECT count(*)::int AS total,
                 count(*) FILTER (WHERE rt.state = 'CLOSED')::int AS closed,
                 count(*) FILTER (WHERE rt.state IN ('OVERDUE','ESCALATED')
                   OR (rt.state = ANY(${TASK_OPEN}::text[]) AND rt.deadline < ${today}::date))::int AS overdue
            FROM rectification_task rt WHERE rt.campaign_id = ${campaignId}::uuid) t`;
}

const fig = (key: string, label: string, value: number, unit: KpiFigure['unit'] = 'COUNT'): KpiFigure => ({ key, label, value, unit });

/** Turns the statement's row into the groups of the API (and of the 通报's progress paragraph). */
export function kpiGroups(r: KpiRow): KpiGroup[] {
  const forms: Record<FourForm, number> = { FIRST: r.form_first, SECOND: r.form_second, THIRD: r.form_third, FOURTH: r.form_fourth };
  return [
    {
      key: 'clues',
      label: '问题线索',
      figures: [
        fig('screened', '排查问题线索', r.clues),
        fig('inHandling', '正在处置', r.clues_in_handling),
        fig('firstForm', '运用第一种形态了结', r.clues_first_form),
        fig('toCase', '转立案', r.clues_to_case),
      ],
    },
    {
      key: 'cases',
      label: '立案查处',
      figures: [
        fig('filed', '立案', r.cases_filed),
        fig('decided', '作出处理决定', r.cases_decided),
        fig('fundsRecovered', '追缴挽回资金', Number(r.funds ?? 0), 'YUAN'),
      ],
    },
    {
      key: 'fourForms',
      label: '运用“四种形态”处理',
      figures: [
        ...FORMS.map((f) => fig(f, FOUR_FORMS_LABELS[f].zh, forms[f], 'PERSON')),
        fig(
          'total',
          '合计',
          FORMS.reduce((s, f) => s + forms[f], 0),
          'PERSON',
        ),
      ],
    },
    {
      key: 'accountability',
      label: '追责问责',
      figures: [fig('total', '问责', r.acc_total), ...METHODS.map((m) => fig(m, ACCOUNTABILITY_METHOD_LABELS[m].zh, r.acc_by_method?.[m] ?? 0))],
    },
    {
      key: 'rectification',
      label: '整改落实',
      figures: [fig('tasks', '整改任务', r.tasks), fig('closed', '已办结', r.tasks_closed), fig('overdue', '逾期', r.tasks_overdue)],
    },
    {
      key: 'reform',
      label: '以案促改与建章立制',
      figures: [fig('records', '以案促改', r.reform_records), fig('letters', '制发纪检监察建议书', r.letters_issued), fig('rules', '建章立制', r.rules)],
    },
  ];
}

/** Computes the figures of one campaign (no access check: callers check campaignVisible first). */
export async function computeKpis(db: Kysely<DB>, campaignId: string, today: string): Promise<KpiGroup[]> {
  const { rows } = await kpiQuery(campaignId, today).execute(db);
  return [...kpiGroups(rows[0]!), selfInspectionGroup(await selfInspectionKpis(db, campaignId, today)), inspectionGroup(await inspectionKpis(db, campaignId))];
}

/** 自查自纠: coverage of the target units and the problems they found and corrected themselves. */
function selfInspectionGroup(s: Awaited<ReturnType<typeof selfInspectionKpis>>): KpiGroup {
  return {
    key: 'selfInspection',
    label: '自查自纠',
    figures: [
      fig('targetUnits', '自查单位', s.targetUnits),
      fig('respondedUnits', '已报送单位', s.respondedUnits),
      fig('coverage', '自查覆盖率', Math.round(s.coverage * 1000) / 10, 'PERCENT'),
      fig('problemsFound', '自查发现问题', s.problemsFound),
      fig('problemsCorrected', '立行立改', s.problemsCorrected),
      fig('overdueUnits', '逾期未报送单位', s.overdueUnits),
    ],
  };
}

/** 联合抽查 / 明察暗访: only checks whose visit date has come count (a secret plan never shows in a figure). */
function inspectionGroup(i: Awaited<ReturnType<typeof inspectionKpis>>): KpiGroup {
  return {
    key: 'inspections',
    label: '联合抽查与明察暗访',
    figures: [
      fig('checks', '开展检查', i.checks),
      fig('unannounced', '其中明察暗访', i.unannouncedVisits),
      fig('unitsInspected', '检查单位', i.unitsInspected),
      fig('findings', '发现问题', i.findings),
      fig('handedOver', '移交处置', i.findingsHandedOver),
    ],
  };
}

/** Months 'YYYY-MM' from `from` to `to` inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

interface SeriesRow {
  key: string;
  month: string;
  value: string;
}

/** The series keys, in display order, with their labels and units. */
export const SERIES: readonly { key: string; label: string; unit: KpiFigure['unit'] }[] = [
  { key: 'clues', label: '排查问题线索', unit: 'COUNT' },
  { key: 'cases', label: '立案', unit: 'COUNT' },
  { key: 'persons', label: '运用“四种形态”处理', unit: 'PERSON' },
  { key: 'accountability', label: '问责', unit: 'COUNT' },
  { key: 'tasksClosed', label: '整改办结', unit: 'COUNT' },
  { key: 'rules', label: '建章立制', unit: 'COUNT' },
  { key: 'fundsRecovered', label: '追缴挽回资金', unit: 'YUAN' },
];

/**
 * The same figures per month (new in the month): clues by 受理 date, cases by 立案 date, persons by the
 * date of their case's first outcome (or the day a clue closed in the first form), accountability by decision date, tasks by 办结 date,
 * rules by issue date, funds by the case's decision date.
 */
export async function computeSeries(db: Kysely<DB>, campaignId: string, from: string, to: string) {
  const lo = `${from}-01`;
  const hi = sql`(${`${to}-01`}::date + interval '1 month')::date`;
  const { rows } = await sql<SeriesRow>`
    WITH cl AS (SELECT c.id, c.received_on, c.case_id, c.state, c.closed_on FROM clue c WHERE c.campaign_id = ${campaignId}::uuid AND c.merged_into_id IS NULL),
    cs AS (SELECT DISTINCT x.case_id FROM (SELECT case_id FROM cl WHERE case_id IS NOT NULL
             UNION ALL SELECT cc.case_id FROM case_clue cc JOIN cl ON cl.id = cc.clue_id) x),
    k AS (SELECT f.id, f.filed_on, f.decided_on, f.funds_recovered FROM case_file f JOIN cs ON cs.case_id = f.id WHERE f.filed_on IS NOT NULL),
    persons AS (SELECT o.case_id, min(o.decided_on) AS on_day FROM k JOIN case_outcome o
                  ON o.commission_id = (SELECT cm.commission_id FROM campaign cm WHERE cm.id = ${campaignId}::uuid) AND o.case_id = k.id
                 WHERE o.four_form IS NOT NULL GROUP BY o.case_id),
    facts AS (
      SELECT 'clues' AS key, received_on AS d, 1::numeric AS v FROM cl
      UNION ALL SELECT 'cases', filed_on, 1 FROM k
      UNION ALL SELECT 'persons', on_day, 1 FROM persons
      UNION ALL SELECT 'persons', closed_on, 1 FROM cl WHERE state = 'CLOSED_FIRST_FORM' AND case_id IS NULL
      UNION ALL SELECT 'accountability', a.decided_on, 1 FROM accountability a WHERE a.campaign_id = ${campaignId}::uuid
      UNION ALL SELECT 'tasksClosed', rt.closed_on, 1 FROM rectification_task rt WHERE rt.campaign_id = ${campaignId}::uuid AND rt.state = 'CLOSED'
      UNION ALL SELECT 'rules', ru.issued_on, 1 FROM campaign_rule ru WHERE ru.campaign_id = ${campaignId}::uuid
      UNION ALL SELECT 'fundsRecovered', decided_on, funds_recovered FROM k WHERE funds_recovered IS NOT NULL)
    SELECT key, to_char(d, 'YYYY-MM') AS month, sum(v)::text AS value FROM facts
     WHERE d >= ${lo}::date AND d < ${hi} GROUP BY key, to_char(d, 'YYYY-MM')`.execute(db);
  const months = monthsBetween(from, to);
  const at = new Map(rows.map((r) => [`${r.key}|${r.month}`, Number(r.value)]));
  return { months, series: SERIES.map((s) => ({ ...s, values: months.map((m) => at.get(`${s.key}|${m}`) ?? 0) })) };
}
