import {
  AGGREGATES_ONLY_ROLES,
  CAMPAIGN_READ_ROLES,
  CASE_READ_ROLES,
  CLUE_READ_ROLES,
  CLUE_SCOPED_ROLES,
  DASHBOARD_WIDE_ROLES,
  REFORM_READ_ROLES,
  SUPERVISION_ROLES,
} from '@liandong/domain/access/role-sets';
import type { Role } from '@liandong/domain/access/enums';
import { CAMPAIGN_ACTIVE_STATES, CampaignDomainSchema } from '@liandong/domain/campaigns/enums';
import { CASE_STAGE_STATES } from '@liandong/domain/cases/contracts-core';
import { CLUE_STATE_GROUPS } from '@liandong/domain/casework/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import {
  COCKPIT_METRIC_AREA,
  COCKPIT_METRICS,
  COCKPIT_SERIES_LABELS,
  type Cockpit,
  type CockpitArea,
  type CockpitCell,
  type CockpitCells,
  type CockpitDimension,
  type CockpitLink,
  type CockpitMetric,
  type CockpitRow,
  type CockpitSeriesKey,
} from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES, type LetterState, TASK_STATE_LABELS, type TaskState } from '@liandong/domain/reform/machine';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { REPLY_OVERDUE_SQL } from '../letters';
import { TASK_DONE_STATES, taskLightDates, taskLightIs } from '../reform';
import { lightDates, lightIs, itemVisible } from '../supervision';
import {
  CLUE_BOOK_ROLES,
  campaignMemberArm,
  campaignVisible,
  caseVisible,
  clueVisible,
  letterVisible,
  REFORM_SCOPED_ROLES,
  type SharedRead,
  sharedRead,
  taskVisible,
} from '../visibility';

/*
 * 监督质效 cockpit (issue 15). Each area is one grouped count over its table — GROUPING SETS give the rows of
 * the dimension and the total in one scan — under the same predicate and filters as the ledger its links
 * open, so that a figure and the ledger's `total` for its link are the same number for the same caller:
 *  - supervision items of the year (`/supervision/my-items?role=scope&year=`), by the lead org;
 *  - clues of the year (`/clues?year=`), by the undertaking org or the sector;
 *  - cases of the year (`/cases?year=`), by the lead org or the sector;
 *  - letters of the year of issue (`/letters?year=`), by the drafting org;
 *  - rectification tasks as they stand today (`/rectification-tasks`), by the supervising org;
 *  - campaigns of the year (`/campaigns?year=`), by the lead org or the domain (the sector's first codes).
 * The wide roles (书记, 常委会, 案管室) count the commission; everyone else what their visibility predicates
 * allow, 信息互通 grants in force included as the ledgers do. The standing committee gets no links.
 */

export const ORG_KINDS: Readonly<Record<Exclude<CockpitDimension, 'sector'>, readonly string[]>> = {
  office: ['INTERNAL_OFFICE'],
  group: ['DISPATCHED_GROUP'],
  county: ['COUNTY_COMMISSION', 'NEW_AREA_COMMISSION'],
};

export interface CockpitParams {
  year: number;
  dimension: CockpitDimension;
  orgId: string | null;
  sector: string | null;
}

/** The rows' keys and names (org ids or sector codes), in display order. */
export interface RowKey {
  key: string;
  name: string;
}

export function isWideCockpit(actor: Actor): boolean {
  return hasAnyRole(actor, DASHBOARD_WIDE_ROLES);
}

/** The standing committee: figures only, never a path to object lists (domain.md d). */
export function isAggregatesOnly(actor: Actor): boolean {
  // A standing member who also leads a department still counts the commission as a member of the committee:
  // the links would open ledgers of the department's scope only, so there are none. The 书记 and the 案管室
  // read the commission's ledgers and keep them.
  return hasAnyRole(actor, AGGREGATES_ONLY_ROLES) && !hasAnyRole(actor, BOOK_ROLES);
}
const BOOK_ROLES: readonly Role[] = ['SECRETARY', 'CASE_MANAGER'];

/** The roles that reach each ledger (a figure of a ledger the caller cannot open is null). */
const AREA_ROLES: Readonly<Record<CockpitArea, readonly Role[]>> = {
  supervision: SUPERVISION_ROLES,
  clues: CLUE_READ_ROLES,
  cases: CASE_READ_ROLES,
  letters: REFORM_READ_ROLES,
  tasks: REFORM_READ_ROLES,
  campaigns: CAMPAIGN_READ_ROLES,
};

const LEDGER: Readonly<Record<CockpitArea, { screen: string; api: string }>> = {
  supervision: { screen: '/supervision/my-items', api: '/api/v1/supervision/my-items' },
  clues: { screen: '/clues', api: '/api/v1/clues' },
  cases: { screen: '/cases', api: '/api/v1/cases' },
  letters: { screen: '/letters', api: '/api/v1/letters' },
  tasks: { screen: '/rectification', api: '/api/v1/rectification-tasks' },
  campaigns: { screen: '/campaigns', api: '/api/v1/campaigns' },
};

/** The filter of each ledger naming the org of a row (sector: the ledgers that have one). */
const ORG_FILTER: Readonly<Record<CockpitArea, string>> = {
  supervision: 'leadOrgId',
  clues: 'undertakingOrgId',
  cases: 'leadOrgId',
  letters: 'draftingOrgId',
  tasks: 'supervisorOrgId',
  campaigns: 'leadOrgId',
};
const SECTOR_FILTER: Readonly<Partial<Record<CockpitArea, string>>> = { clues: 'sector', cases: 'sector', campaigns: 'domain' };

const LETTER_REPLIED: readonly LetterState[] = ['REPLIED', 'EVALUATED', 'CLOSED'];
const TASK_NOT_DONE = (Object.keys(TASK_STATE_LABELS) as TaskState[]).filter((s) => !TASK_DONE_STATES.includes(s));

/** The ledger filters of each figure beyond the year, org and sector. */
function metricFilter(m: CockpitMetric): Record<string, string | string[]> {
  switch (m) {
    case 'itemsTotal':
      return {};
    case 'itemsDone':
      return { light: 'DONE' };
    case 'itemsRed':
      return { light: 'RED' };
    case 'cluesReceived':
      return {};
    case 'cluesOpen':
      return { state: [...CLUE_OPEN] };
    case 'cluesClosed':
      return { state: [...CLUE_STATE_GROUPS.CLOSED] };
    case 'casesFiled':
      return {};
    case 'casesClosed':
      return { stage: 'CLOSED' };
    case 'lettersIssued':
      return { state: [...LETTER_ISSUED_STATES] };
    case 'lettersReplied':
      return { state: [...LETTER_REPLIED] };
    case 'lettersOverdue':
      return { overdueReply: 'true' };
    case 'tasksOpen':
      return { state: TASK_NOT_DONE };
    case 'tasksDone':
      return { light: 'DONE' };
    case 'tasksOverdue':
      return { light: 'RED' };
    case 'campaignsTotal':
      return {};
    case 'campaignsActive':
      return { active: 'true' };
  }
}

/** Whether the area's figures exist under the sector filter or dimension (items, letters and tasks carry no sector). */
function sectorApplies(area: CockpitArea, sector: string | null): boolean {
  if (!(area in SECTOR_FILTER)) return false;
  return area !== 'campaigns' || sector === null || CampaignDomainSchema.safeParse(sector).success;
}

/** Builds the link of one cell (null for the standing committee and for ledgers the caller cannot open). */
export function linkOf(actor: Actor, p: CockpitParams, m: CockpitMetric, row: { org?: string; sector?: string }): CockpitLink | null {
  const area = COCKPIT_METRIC_AREA[m];
  if (isAggregatesOnly(actor) || !hasAnyRole(actor, AREA_ROLES[area])) return null;
  const query: Record<string, string | string[]> = {};
  if (area === 'supervision') query.role = 'scope';
  if (area !== 'tasks') query.year = String(p.year);
  const org = row.org ?? p.orgId;
  if (org) query[ORG_FILTER[area]] = org;
  const sector = row.sector ?? p.sector;
  if (sector) {
    const f = SECTOR_FILTER[area];
    if (!f || !sectorApplies(area, sector)) return null;
    query[f] = sector;
  }
  Object.assign(query, metricFilter(m));
  return { ...LEDGER[area], query };
}

type Counts = Map<string, Partial<Record<CockpitMetric, number>>>;
const TOTAL = '\u0000total';

/**
 * One scan of an area's table or aggregate: GROUPING SETS give the rows of the dimension (`keyCol`), the months
 * of its series (`month`, counting the rows where `inSeries` holds) and the total, in one pass. `g` is
 * GROUPING(k, m): 1 a row of the dimension, 2 a month, 3 the total (an area without a series groups by no
 * month, and its g says the same). Over an aggregate (`weighted`) each row counts its `n` objects.
 */
interface AreaScan {
  /** Each metric with the condition a counted row meets (null: every row). */
  figures: readonly [CockpitMetric, RawBuilder<boolean> | null][];
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>;
  keyCol: string | null;
  series?: { key: CockpitSeriesKey; month: RawBuilder<unknown>; inSeries: RawBuilder<unknown> };
  /** Rows of an aggregate table: each stands for `n` objects. */
  weighted?: boolean;
}

async function scan(ctx: Ctx, a: AreaScan, counts: Counts, series: Map<CockpitSeriesKey, number[]>): Promise<void> {
  // Grouped by the key column as stored (uuid or text), cast to text once per group rather than once per row.
  const k = a.keyCol ? sql`${sql.ref(a.keyCol)}` : sql`NULL::text`;
  const m = a.series ? a.series.month : sql`NULL::int`;
  const w = a.weighted ? sql`n` : sql`1`;
  const count = (cond: RawBuilder<unknown> | null) =>
    a.weighted ? sql`coalesce(sum(x.w) FILTER (WHERE ${cond ?? sql`true`}), 0)::int` : cond ? sql`count(*) FILTER (WHERE ${cond})::int` : sql`count(*)::int`;
  const figures = sql.join(a.figures.map(([metric, cond], i) => sql`${count(cond ? sql.ref(`x.f${i}`) : null)} AS ${sql.ref(metric)}`));
  const conds = a.figures.flatMap(([, cond], i) => (cond ? [sql`${cond} AS ${sql.ref(`f${i}`)}`] : []));
  const { rows } = await sql<{ k: string | null; m: number | null; g: number; s: number } & Record<string, number>>`
    SELECT x.k::text AS k, ${a.series ? sql`x.m, GROUPING(x.k, x.m)` : sql`NULL::int AS m, 1 + 2 * GROUPING(x.k)`} AS g, ${figures},
      ${count(sql`x.in_series`)} AS s
    FROM (SELECT ${k} AS k, ${m}::int AS m, ${a.series ? a.series.inSeries : sql`false`} AS in_series, ${w} AS w
      ${conds.length ? sql`, ${sql.join(conds)}` : sql``} FROM ${a.from} WHERE ${a.where}) x
    GROUP BY GROUPING SETS ${a.series ? sql`((x.k), (x.m), ())` : sql`((x.k), ())`}`.execute(ctx.db);
  const values = Array.from({ length: 12 }, () => 0);
  for (const r of rows) {
    if (r.g === 2) {
      if (r.m !== null && r.m >= 1 && r.m <= 12) values[r.m - 1] = Number(r.s);
      continue;
    }
    const key = r.g === 3 ? TOTAL : r.k;
    if (key === null) continue;
    const cell = counts.get(key) ?? {};
    for (const [metric] of a.figures) cell[metric] = Number(r[metric] ?? 0);
    counts.set(key, cell);
  }
  if (a.series) series.set(a.series.key, values);
}

/**
 * For a caller with an org scope of its own: the tasks any arm of taskVisible could open (org arms, supervising
 * user, the campaigns whose 专班 the caller is in today), a superset of the visible ones, as an init plan over
 * the arms' indexes. taskVisible then decides on these few rows; without it the planner, expecting thousands
 * of rows, tests the letters' clearance and recusal by hashing every letter of the commission.
 */
function taskCandidates(a: Actor, t: string): RawBuilder<boolean> {
  if (a.scope.wide) return sql<boolean>`true`;
  const org = hasAnyRole(a, REFORM_SCOPED_ROLES)
    ? sql`c.supervisor_org_id = ANY(${a.scope.orgIds}::uuid[]) OR c.unit_org_id = ANY(${a.scope.orgIds}::uuid[]) OR`
    : sql``;
  return sql<boolean>`${sql.ref(`${t}.id`)} = ANY(ARRAY(SELECT c.id FROM rectification_task c WHERE c.commission_id = ${a.commissionId}::uuid
    AND (${org} c.supervisor_user_id = ${a.userId}::uuid OR (c.campaign_id IS NOT NULL AND ${campaignMemberArm(a, sql.ref('c.campaign_id'))}))))`;
}

/**
 * For a scoped caller: the clues of the year any arm of clueVisible could open, a superset of the visible ones
 * as an init plan — the org arms on their year indexes (clue_year_*, migration 0051), and every other arm (teams,
 * 专班, 信息互通 grants) as clueVisible itself decides them for the same caller without an org scope. clueVisible
 * then decides on these rows; without it the planner, expecting thousands of rows, reads the whole year's index
 * and compares every entry with the scope's org list three times.
 */
function clueCandidates(a: Actor, year: number, shared: SharedRead | undefined): RawBuilder<boolean> {
  if (hasAnyRole(a, CLUE_BOOK_ROLES)) return sql<boolean>`true`;
  // One branch per org arm, each on its own year index (clue_year_*, migration 0051).
  const cols = a.scope.wide ? ['receiving_org_id', 'undertaking_org_id'] : ['receiving_org_id', 'undertaking_org_id', 'subject_org_id'];
  const orgs = a.scope.wide ? [a.orgId] : a.scope.orgIds;
  const byOrg = hasAnyRole(a, CLUE_SCOPED_ROLES)
    ? cols.map(
        (c) =>
          sql`SELECT x.id FROM clue x WHERE x.commission_id = ${a.commissionId}::uuid AND x.year = ${year} AND ${sql.ref(`x.${c}`)} = ANY(${orgs}::uuid[]) UNION `,
      )
    : [];
  const unscoped: Actor = { ...a, scope: { wide: false, orgIds: [] } };
  return sql<boolean>`c.id = ANY(ARRAY(${sql.join(byOrg, sql``)}
    SELECT x.id FROM clue x WHERE x.commission_id = ${a.commissionId}::uuid AND x.year = ${year} AND ${clueVisible(unscoped, 'x', { shared })}))`;
}

/** All figures of the cockpit, per row key and in total, plus the monthly series. */
export async function computeFigures(
  ctx: Ctx,
  p: CockpitParams,
): Promise<{ counts: Counts; series: { key: CockpitSeriesKey; values: number[] }[]; readable: Record<CockpitArea, boolean> }> {
  const a = ctx.actor;
  const cid = a.commissionId;
  const wide = isWideCockpit(a);
  const shared: SharedRead | undefined = wide ? undefined : await sharedRead(ctx);
  const from = `${p.year}-01-01`;
  const to = `${p.year + 1}-01-01`;
  const bySector = p.dimension === 'sector';
  const readable = Object.fromEntries(
    (Object.keys(AREA_ROLES) as CockpitArea[]).map((area) => [
      area,
      (wide || hasAnyRole(a, AREA_ROLES[area])) && (p.sector === null || sectorApplies(area, p.sector)),
    ]),
  ) as Record<CockpitArea, boolean>;
  // An area without sectors has no rows in the sector dimension, only the total.
  const col = (area: CockpitArea, orgCol: string, sectorCol: string | null) => (bySector ? (sectorApplies(area, null) ? sectorCol : null) : orgCol);
  const orgIs = (c: string) => (p.orgId ? sql`AND ${sql.ref(c)} = ${p.orgId}::uuid` : sql``);
  const sectorIs = (c: string) => (p.sector ? sql`AND ${sql.ref(c)} = ${p.sector}` : sql``);
  const inYear = (day: RawBuilder<unknown>) => sql`(${day} >= ${from}::date AND ${day} < ${to}::date)`;
  const local = (ts: string) => sql`(${sql.ref(ts)} AT TIME ZONE current_setting('TimeZone'))::date`;

  const counts: Counts = new Map();
  const series = new Map<CockpitSeriesKey, number[]>();
  const scans: AreaScan[] = [];
  const [d, td] = await Promise.all([readable.supervision ? lightDates(ctx.db, cid) : null, readable.tasks ? taskLightDates(ctx.db, cid) : null]);

  const yearOf = (ym: string) => sql`(${sql.ref(ym)} / 100 = ${p.year})`;
  const monthOf = (ym: string) => sql`(${sql.ref(ym)} % 100)`;
  const inState = (c: string, states: readonly string[]) => sql<boolean>`${sql.ref(c)} = ANY(${[...states]}::text[])`;

  if (readable.supervision && d) {
    // The aggregate keeps the due date of running items only (running_due) and the completion of done ones: the same lights.
    const figures = (due: string): AreaScan['figures'] => [
      ['itemsTotal', null],
      ['itemsDone', lightIs('i.state', due, 'DONE', d)],
      ['itemsRed', lightIs('i.state', due, 'RED', d)],
    ];
    scans.push(
      wide
        ? {
            // The aggregate (migration 0052): completion times to the quarter hour give the local month exactly.
            figures: figures('i.running_due'),
            from: sql`cockpit_item_agg i`,
            where: sql`i.commission_id = ${cid}::uuid AND i.year = ${p.year} ${orgIs('i.lead_org_id')}`,
            keyCol: col('supervision', 'i.lead_org_id', null),
            series: {
              key: 'itemsDone',
              month: sql`date_part('month', ${local('i.completed_q')})`,
              inSeries: sql`(${lightIs('i.state', 'i.running_due', 'DONE', d)} AND ${inYear(local('i.completed_q'))})`,
            },
            weighted: true,
          }
        : {
            figures: figures('i.due_date'),
            from: sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id`,
            where: sql`${itemVisible(a)} AND i.year = ${p.year} ${orgIs('i.lead_org_id')}`,
            keyCol: col('supervision', 'i.lead_org_id', null),
            series: {
              key: 'itemsDone',
              month: sql`date_part('month', ${local('i.completed_at')})`,
              inSeries: sql`(${lightIs('i.state', 'i.due_date', 'DONE', d)} AND ${inYear(local('i.completed_at'))})`,
            },
          },
    );
  }
  if (readable.clues) {
    const figures: AreaScan['figures'] = [
      ['cluesReceived', null],
      ['cluesOpen', inState('c.state', CLUE_OPEN)],
      ['cluesClosed', inState('c.state', CLUE_STATE_GROUPS.CLOSED)],
    ];
    scans.push(
      wide
        ? {
            figures,
            from: sql`cockpit_clue_agg c`,
            where: sql`c.commission_id = ${cid}::uuid AND c.year = ${p.year} ${orgIs('c.undertaking_org_id')} ${sectorIs('c.sector_code')}`,
            keyCol: col('clues', 'c.undertaking_org_id', 'c.sector_code'),
            series: { key: 'cluesReceived', month: monthOf('c.received_ym'), inSeries: yearOf('c.received_ym') },
            weighted: true,
          }
        : {
            figures,
            from: sql`clue c`,
            where: sql`c.commission_id = ${cid}::uuid AND ${clueCandidates(a, p.year, shared)} AND ${clueVisible(a, 'c', { shared })} AND c.year = ${p.year}
        ${orgIs('c.undertaking_org_id')} ${sectorIs('c.sector_code')}`,
            keyCol: col('clues', 'c.undertaking_org_id', 'c.sector_code'),
            series: { key: 'cluesReceived', month: sql`date_part('month', c.received_on)`, inSeries: inYear(sql`c.received_on`) },
          },
    );
  }
  if (readable.cases) {
    const figures: AreaScan['figures'] = [
      ['casesFiled', null],
      ['casesClosed', inState('c.state', CASE_STAGE_STATES.CLOSED)],
    ];
    scans.push(
      wide
        ? {
            figures,
            from: sql`cockpit_case_agg c`,
            where: sql`c.commission_id = ${cid}::uuid AND c.year = ${p.year} ${orgIs('c.lead_org_id')} ${sectorIs('c.sector_code')}`,
            keyCol: col('cases', 'c.lead_org_id', 'c.sector_code'),
            series: { key: 'casesFiled', month: monthOf('c.filed_ym'), inSeries: yearOf('c.filed_ym') },
            weighted: true,
          }
        : {
            figures,
            from: sql`case_file c`,
            where: sql`${caseVisible(a, 'c', { shared })} AND c.year = ${p.year} ${orgIs('c.lead_org_id')} ${sectorIs('c.sector_code')}`,
            keyCol: col('cases', 'c.lead_org_id', 'c.sector_code'),
            series: { key: 'casesFiled', month: sql`date_part('month', c.filed_on)`, inSeries: inYear(sql`c.filed_on`) },
          },
    );
  }
  if (readable.letters) {
    // The ledger's year, COALESCE(doc_year, year of created_at in the commission's zone) = year, written so that
    // letter_doc_year and letter_created_undated (migration 0051) find the letters: the same rows, no per-row call.
    // Over the aggregate, created_q is created_at to the quarter hour: the same comparison with local midnights.
    const letterOfYear = (created: string) => sql`(r.doc_year = ${p.year} OR (r.doc_year IS NULL
      AND ${sql.ref(created)} >= (${from}::timestamp AT TIME ZONE current_setting('TimeZone'))
      AND ${sql.ref(created)} < (${to}::timestamp AT TIME ZONE current_setting('TimeZone'))))`;
    const figures = (overdue: RawBuilder<boolean>): AreaScan['figures'] => [
      ['lettersIssued', inState('r.state', LETTER_ISSUED_STATES)],
      ['lettersReplied', inState('r.state', LETTER_REPLIED)],
      ['lettersOverdue', overdue],
    ];
    scans.push(
      wide
        ? {
            figures: figures(sql<boolean>`(r.open_reply_due < current_date)`),
            from: sql`cockpit_letter_agg r`,
            where: sql`r.commission_id = ${cid}::uuid AND ${letterOfYear('r.created_q')} ${orgIs('r.drafting_org_id')}`,
            keyCol: col('letters', 'r.drafting_org_id', null),
            series: {
              key: 'lettersIssued',
              month: monthOf('r.issued_ym'),
              inSeries: sql`(${inState('r.state', LETTER_ISSUED_STATES)} AND ${yearOf('r.issued_ym')})`,
            },
            weighted: true,
          }
        : {
            figures: figures(REPLY_OVERDUE_SQL),
            from: sql`letter r`,
            where: sql`${letterVisible(a, 'r')} AND ${letterOfYear('r.created_at')} ${orgIs('r.drafting_org_id')}`,
            keyCol: col('letters', 'r.drafting_org_id', null),
            series: {
              key: 'lettersIssued',
              month: sql`date_part('month', r.issued_on)`,
              inSeries: sql`(${inState('r.state', LETTER_ISSUED_STATES)} AND ${inYear(sql`r.issued_on`)})`,
            },
          },
    );
  }
  if (readable.tasks && td) {
    scans.push({
      figures: [
        ['tasksOpen', inState('t.state', TASK_NOT_DONE)],
        // The aggregate keeps the deadline of tasks not done only (open_deadline): the same lights.
        ['tasksDone', taskLightIs('t.state', wide ? 't.open_deadline' : 't.deadline', 'DONE', td)],
        ['tasksOverdue', taskLightIs('t.state', wide ? 't.open_deadline' : 't.deadline', 'RED', td)],
      ],
      from: wide ? sql`cockpit_task_agg t` : sql`rectification_task t`,
      where: wide
        ? sql`t.commission_id = ${cid}::uuid ${orgIs('t.supervisor_org_id')}`
        : sql`${taskCandidates(a, 't')} AND ${taskVisible(a, 't')} ${orgIs('t.supervisor_org_id')}`,
      keyCol: col('tasks', 't.supervisor_org_id', null),
      weighted: wide,
    });
  }
  if (readable.campaigns) {
    scans.push({
      figures: [
        ['campaignsTotal', null],
        ['campaignsActive', inState('c.state', CAMPAIGN_ACTIVE_STATES)],
      ],
      from: wide ? sql`cockpit_campaign_agg c` : sql`campaign c`,
      where: sql`${wide ? sql`c.commission_id = ${cid}::uuid` : campaignVisible(a, 'c')} AND c.year = ${p.year} ${orgIs('c.lead_org_id')} ${sectorIs('c.domain')}`,
      keyCol: col('campaigns', 'c.lead_org_id', 'c.domain'),
      weighted: wide,
    });
  }
  await Promise.all(scans.map((x) => scan(ctx, x, counts, series)));
  const order = Object.keys(COCKPIT_SERIES_LABELS) as CockpitSeriesKey[];
  return { counts, series: order.filter((k) => series.has(k)).map((k) => ({ key: k, values: series.get(k) ?? [] })), readable };
}

/** The cells of one row (or of the total): null where the area is not counted for it. */
function cellsOf(
  ctx: Ctx,
  p: CockpitParams,
  figures: Partial<Record<CockpitMetric, number>> | undefined,
  readable: Record<CockpitArea, boolean>,
  row: { org?: string; sector?: string } | null,
): CockpitCells {
  const out = {} as CockpitCells;
  for (const m of COCKPIT_METRICS) {
    const area = COCKPIT_METRIC_AREA[m];
    const applies = readable[area] && (row?.sector === undefined || sectorApplies(area, row.sector));
    const value = applies ? (figures?.[m] ?? 0) : null;
    const cell: CockpitCell = { value, link: value === null ? null : linkOf(ctx.actor, p, m, row ?? {}) };
    out[m] = cell;
  }
  return out;
}

/** The cockpit for validated parameters and the rows of its dimension. */
export async function computeCockpit(ctx: Ctx, p: CockpitParams, rowKeys: readonly RowKey[]): Promise<Cockpit> {
  const { counts, series, readable } = await computeFigures(ctx, p);
  const rows: CockpitRow[] = [];
  for (const rk of rowKeys) {
    const row = p.dimension === 'sector' ? { sector: rk.key } : { org: rk.key };
    const cells = cellsOf(ctx, p, counts.get(rk.key), readable, row);
    // A row without a single figure is left out (the total still counts everything visible).
    if (!p.orgId && p.dimension !== 'sector' && Object.values(cells).every((c) => !c.value)) continue;
    if (p.dimension === 'sector' && !p.sector && Object.values(cells).every((c) => !c.value)) continue;
    rows.push({ key: rk.key, name: rk.name, cells });
  }
  return {
    year: p.year,
    dimension: p.dimension,
    orgId: p.orgId,
    sector: p.sector,
    scope: isWideCockpit(ctx.actor) ? 'COMMISSION' : 'SCOPED',
    aggregatesOnly: isAggregatesOnly(ctx.actor),
    rows,
    total: cellsOf(ctx, p, counts.get(TOTAL), readable, null),
    series: series.map((s) => ({ key: s.key, label: COCKPIT_SERIES_LABELS[s.key].zh, values: s.values })),
    computedAt: new Date().toISOString(),
  };
}
