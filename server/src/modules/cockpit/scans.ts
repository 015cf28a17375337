import { CAMPAIGN_ACTIVE_STATES } from '@liandong/domain/campaigns/enums';
import { CASE_STAGE_STATES } from '@liandong/domain/cases/contracts-core';
import { CLUE_STATE_GROUPS } from '@liandong/domain/casework/contracts';
import { CLUE_OPEN } from '@liandong/domain/clues/machine';
import { COCKPIT_SERIES_LABELS, type CockpitArea, type CockpitSeriesKey } from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import { type RawBuilder, sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { REPLY_OVERDUE_SQL } from '../letters';
import { taskLightDates, taskLightIs } from '../reform';
import { itemScopeArms, lightDates, lightIs } from '../supervision';
import {
  campaignVisible,
  caseVisibleArms,
  clueVisibleArms,
  letterVisibleParts,
  type SharedRead,
  sharedParts,
  sharedRead,
  taskVisibleParts,
} from '../visibility';
import { AREA_ROLES, type CockpitParams, isWideCockpit, LETTER_REPLIED, sectorApplies, TASK_NOT_DONE } from './areas';

/*
 * 监督质效 cockpit (issue 15): the figures. Each area is one grouped count — GROUPING SETS give the rows of the
 * dimension, the months of its series and the total in one pass — under the same predicate and filters as the
 * ledger its links open, so that a figure and the ledger's `total` for its link are the same number for the
 * same caller:
 *  - supervision items of the year (`/supervision/my-items?role=scope&year=`), by the lead org;
 *  - clues of the year (`/clues?year=`), by the undertaking org or the sector;
 *  - cases of the year (`/cases?year=`), by the lead org or the sector;
 *  - letters of the year of issue (`/letters?year=`), by the drafting org;
 *  - rectification tasks as they stand today (`/rectification-tasks`), by the supervising org;
 *  - campaigns of the year (`/campaigns?year=`), by the lead org or the domain (the sector's first codes).
 * The wide roles (书记, 常委会, 案管室) count the commission from the aggregates of migration 0052. Everyone else
 * counts what their visibility predicates allow (信息互通 grants in force included as the ledgers do), from the
 * predicate's keyed arms (platform/keyed-page.ts `keyedRowsSql`): each org arm read per org of the scope from
 * its own index (covering, migration 0057: index-only), the small arms (teams, 专班, named grants) from their own
 * sets, the arms made disjoint so that every visible row is counted once — O(visible rows), never a scan of the
 * year. The arms are the predicate's own (visibility/*.ts builds its SQL from them): the count cannot drift.
 */

import { type AreaScan, type Counts, scan, scopedItemScan, scopedTaskScan, taskLetterCheck, visibleRows } from './area-scan';
import { scopedClueScan, scopedLetterRows, visibleRowsApart } from './area-scan-keyed';

export { type Counts, TOTAL } from './area-scan';

/**
 * The areas whose statements a scoped caller's miss runs under the generic plan (db/pool.ts `underGenericPlan`), each
 * measured at full scale (bench/cockpit-areas.ts `--generic-areas`): see docs/architecture.md.
 */
export const GENERIC_PLAN_AREAS: readonly CockpitArea[] = ['supervision', 'clues', 'cases', 'letters', 'tasks', 'campaigns'];

/**
 * The supervision items go under the generic plan only for a scope of more orgs than this (supervision/repo.ts
 * LIST_HASH_ORGS, where their statement finds the lists through the orgs hashed): below it the statement probes the
 * lists per org, and its generic plan read more than a custom one (full scale, a group: ~6 ms against ~2.5 plus planning).
 */
export const GENERIC_ITEMS_MIN_ORGS = 50;

/**
 * All figures of the cockpit, per row key and in total, plus the monthly series (`shared`: the caller's grants, else read;
 * `orgProbeLimit`, `clueYearKeysLimit`, `letterProbeLimit`: area-scan-keyed.ts ORG_PROBE_LIMIT, CLUE_YEAR_KEYS_LIMIT and LETTER_PROBE_LIMIT, for the property test's other plans; `letterHashedSets: false`: the year's letters tested with the case sets searched linearly, as before, for the bench; `clueNamedApart: false`: the named clues in one BitmapOr with the clues' other arms, as before migration 0092; `clueUndertakingAgg: false`: the clues' undertaking and subject arms from 0071's aggregates as before migration 0088; `orgAggregates: false`: a scoped
 * caller's clues row by row as before migration 0071, for bench/cockpit-areas.ts's comparison; `disjointOrgArms: false`: a
 * scoped caller's items and tasks summed with their arms ORed in one scan of the aggregate, as before migration 0098; `allListYears`: the items' list arm over the scope's lists of every year, as before;
 * `taskMonthMinOrgs`: area-scan.ts TASK_MONTH_MIN_ORGS, for the property test's other plan; `genericAreas`: the areas
 * run under the generic plan instead of GENERIC_PLAN_AREAS and GENERIC_ITEMS_MIN_ORGS, for the bench's and the tests' comparisons).
 */
export async function computeFigures(
  ctx: Ctx,
  p: CockpitParams,
  opts: {
    shared?: SharedRead;
    orgProbeLimit?: number;
    clueYearKeysLimit?: number;
    clueUndertakingAgg?: boolean;
    letterProbeLimit?: number;
    letterHashedSets?: boolean;
    clueNamedApart?: boolean;
    orgAggregates?: boolean;
    disjointOrgArms?: boolean;
    allListYears?: boolean;
    taskMonthMinOrgs?: number;
    genericAreas?: readonly CockpitArea[];
  } = {},
): Promise<{ counts: Counts; series: { key: CockpitSeriesKey; values: number[] }[]; readable: Record<CockpitArea, boolean> }> {
  const a = ctx.actor;
  const cid = a.commissionId;
  const wide = isWideCockpit(a);
  const from = `${p.year}-01-01`;
  const to = `${p.year + 1}-01-01`;
  const bySector = p.dimension === 'sector';
  const readable = Object.fromEntries(
    (Object.keys(AREA_ROLES) as CockpitArea[]).map((area) => [
      area,
      (wide || hasAnyRole(a, AREA_ROLES[area])) && (p.sector === null || sectorApplies(area, p.sector)),
    ]),
  ) as Record<CockpitArea, boolean>;
  const [shared, d, td]: [SharedRead | undefined, Awaited<ReturnType<typeof lightDates>> | null, Awaited<ReturnType<typeof taskLightDates>> | null] =
    await Promise.all([
      wide || !(readable.clues || readable.cases) ? undefined : (opts.shared ?? sharedRead(ctx)),
      readable.supervision ? lightDates(ctx.db, cid) : null,
      readable.tasks ? taskLightDates(ctx.db, cid) : null,
    ]);
  // An area without sectors has no rows in the sector dimension, only the total.
  const col = (area: CockpitArea, orgCol: string, sectorCol: string | null) => (bySector ? (sectorApplies(area, null) ? sectorCol : null) : orgCol);
  const orgIs = (c: string) => (p.orgId ? sql<boolean>`${sql.ref(c)} = ${p.orgId}::uuid` : sql<boolean>`true`);
  const sectorIs = (c: string) => (p.sector ? sql<boolean>`${sql.ref(c)} = ${p.sector}` : sql<boolean>`true`);
  const inYear = (day: RawBuilder<unknown>) => sql`(${day} >= ${from}::date AND ${day} < ${to}::date)`;
  const local = (ts: string) => sql`(${sql.ref(ts)} AT TIME ZONE current_setting('TimeZone'))::date`;
  const yearOf = (ym: string) => sql`(${sql.ref(ym)} / 100 = ${p.year})`;
  const monthOf = (ym: string) => sql`(${sql.ref(ym)} % 100)`;
  const inState = (c: string, states: readonly string[]) => sql<boolean>`${sql.ref(c)} = ANY(${[...states]}::text[])`;
  const all = (conds: RawBuilder<boolean>[]) => sql<boolean>`(${sql.join(conds, sql` AND `)})`;

  const counts: Counts = new Map();
  const series = new Map<CockpitSeriesKey, number[]>();
  const scans: AreaScan[] = [];
  // A scoped caller's statements of the areas in `generic` run under the generic plan (area-scan.ts AreaScan.genericPlan).
  const generic = new Set(
    opts.genericAreas ?? GENERIC_PLAN_AREAS.filter((x) => x !== 'supervision' || (!wide && a.scope.orgIds.length > GENERIC_ITEMS_MIN_ORGS)),
  );
  const add = (area: CockpitArea, x: AreaScan) => void scans.push(!wide && generic.has(area) ? { ...x, genericPlan: true } : x);

  if (readable.supervision && d) {
    // The aggregate keeps the due date of running items only (running_due) and the completion of done ones: the same lights.
    const figures = (due: string): AreaScan['figures'] => [
      ['itemsTotal', null],
      ['itemsDone', lightIs('i.state', due, 'DONE', d)],
      ['itemsRed', lightIs('i.state', due, 'RED', d)],
    ];
    const keyCol = col('supervision', 'i.lead_org_id', null);
    if (wide) {
      add('supervision', {
        // The aggregate (migration 0052): completion times to the quarter hour give the local month exactly.
        figures: figures('i.running_due'),
        rows: sql`cockpit_item_agg i`,
        where: all([sql`i.commission_id = ${cid}::uuid AND i.year = ${p.year}`, orgIs('i.lead_org_id')]),
        keyCol,
        series: {
          key: 'itemsDone',
          month: sql`date_part('month', ${local('i.completed_q')})`,
          inSeries: sql`(${lightIs('i.state', 'i.running_due', 'DONE', d)} AND ${inYear(local('i.completed_q'))})`,
        },
        weighted: true,
      });
    } else {
      // The scope's lists found through its orgs hashed once (supervision/repo.ts `hashedLists`, the same lists): a named
      // statement, and the plain form's two org arrays cost a county's or an office's miss ~3 ms of planning (each of
      // 786 orgs estimated) and, in a generic plan, a linear search of the array per list.
      // Only the lists of the year (`listYear`): the figures count the year's items, each of its list's year.
      const arms = itemScopeArms(a, 'i', 'l', { hashedLists: true, listYear: opts.allListYears ? undefined : p.year });
      const agg = scopedItemScan(a, arms, p.year, p.orgId, opts.disjointOrgArms !== false);
      const filters = [sql<boolean>`i.year = ${p.year}`, orgIs('i.lead_org_id')];
      if (agg)
        add('supervision', {
          figures: figures(agg.due),
          rows: agg.rows,
          where: sql`true`,
          keyCol,
          series: {
            key: 'itemsDone',
            month: sql`date_part('month', ${local(agg.completed)})`,
            inSeries: sql`(${lightIs('i.state', agg.due, 'DONE', d)} AND ${inYear(local(agg.completed))})`,
          },
          weighted: true,
        });
      else
        add('supervision', {
          figures: figures('i.due_date'),
          rows: visibleRows(
            'supervision_item',
            'i',
            arms,
            filters,
            ['lead_org_id', 'state', 'due_date', 'completed_at'],
            sql`supervision_item i JOIN supervision_list l ON l.id = i.list_id`,
          ),
          where: sql`true`,
          keyCol,
          series: {
            key: 'itemsDone',
            month: sql`date_part('month', ${local('i.completed_at')})`,
            inSeries: sql`(${lightIs('i.state', 'i.due_date', 'DONE', d)} AND ${inYear(local('i.completed_at'))})`,
          },
        });
    }
  }
  if (readable.clues) {
    const figures: AreaScan['figures'] = [
      ['cluesReceived', null],
      ['cluesOpen', inState('c.state', CLUE_OPEN)],
      ['cluesClosed', inState('c.state', CLUE_STATE_GROUPS.CLOSED)],
    ];
    const keyCol = col('clues', 'c.undertaking_org_id', 'c.sector_code');
    const filters = [sql<boolean>`c.year = ${p.year}`, orgIs('c.undertaking_org_id'), sectorIs('c.sector_code')];
    const series = { key: 'cluesReceived' as const, month: monthOf('c.received_ym'), inSeries: yearOf('c.received_ym') };
    const arms = wide ? undefined : clueVisibleArms(a, 'c', { shared });
    // A scoped caller's clues from the per-org aggregates with exact corrections (migration 0071, area-scan.ts): the
    // figures from one, the months of the series from the other (without a sector filter; with one, the rows).
    const use = arms && opts.orgAggregates !== false;
    // One statement for both (the corrections read once): the rows of each aggregate tagged by `part` (area-scan.ts).
    // The months' rows carry no state and the figures' no month, so only 收到 needs the tag; all say it.
    // The named clues (信息互通) read apart, index-only by id (migration 0092), unless `clueNamedApart: false`.
    const apart = use && opts.clueNamedApart !== false;
    const both = use
      ? scopedClueScan(
          a,
          apart ? clueVisibleArms(a, 'c', { shared, namedApart: true }) : arms,
          p,
          'both',
          opts.orgProbeLimit,
          opts.clueYearKeysLimit,
          opts.clueUndertakingAgg,
          apart ? sharedParts('CLUE', shared).ids : [],
        )
      : undefined;
    if (wide) {
      add('clues', { figures, rows: sql`cockpit_clue_agg c`, where: all([sql`c.commission_id = ${cid}::uuid`, ...filters]), keyCol, series, weighted: true });
    } else if (both) {
      const ofFigures = (cond: RawBuilder<boolean> | null) => sql<boolean>`(c.part <> 2${cond ? sql` AND ${cond}` : sql``})`;
      add('clues', {
        figures: figures.map(([metric, cond]) => [metric, ofFigures(cond)] as const),
        rows: both,
        where: sql`true`,
        keyCol,
        series: { ...series, inSeries: sql`(c.part <> 1 AND ${series.inSeries})` },
        weighted: true,
      });
    } else {
      add('clues', {
        figures,
        rows: visibleRowsApart(
          'clue',
          'c',
          arms ?? clueVisibleArms(a, 'c', { shared }),
          filters,
          [sql<boolean>`c.year + 0 = ${p.year}`, orgIs('c.undertaking_org_id'), sectorIs('c.sector_code')],
          ['undertaking_org_id', 'sector_code', 'state', 'received_on'],
          ['id', 'commission_id', 'classification'],
        ),
        where: sql`true`,
        keyCol,
        series: { key: 'cluesReceived', month: sql`date_part('month', c.received_on)`, inSeries: inYear(sql`c.received_on`) },
      });
    }
  }
  if (readable.cases) {
    const figures: AreaScan['figures'] = [
      ['casesFiled', null],
      ['casesClosed', inState('c.state', CASE_STAGE_STATES.CLOSED)],
    ];
    const keyCol = col('cases', 'c.lead_org_id', 'c.sector_code');
    const filters = [sql<boolean>`c.year = ${p.year}`, orgIs('c.lead_org_id'), sectorIs('c.sector_code')];
    add(
      'cases',
      wide
        ? {
            figures,
            rows: sql`cockpit_case_agg c`,
            where: all([sql`c.commission_id = ${cid}::uuid`, ...filters]),
            keyCol,
            series: { key: 'casesFiled', month: monthOf('c.filed_ym'), inSeries: yearOf('c.filed_ym') },
            weighted: true,
          }
        : {
            figures,
            rows: visibleRowsApart(
              'case_file',
              'c',
              caseVisibleArms(a, 'c', { shared }),
              filters,
              [sql<boolean>`c.year + 0 = ${p.year}`, orgIs('c.lead_org_id'), sectorIs('c.sector_code')],
              ['lead_org_id', 'sector_code', 'state', 'filed_on'],
              ['id', 'commission_id', 'classification'],
            ),
            where: sql`true`,
            keyCol,
            series: { key: 'casesFiled', month: sql`date_part('month', c.filed_on)`, inSeries: inYear(sql`c.filed_on`) },
          },
    );
  }
  if (readable.letters) {
    // The ledger's year, COALESCE(doc_year, year of created_at in the commission's zone) = year, written so that
    // letter_doc_year and letter_created_undated (migration 0051) find the letters: the same rows, no per-row call.
    // Over the aggregate, created_q is created_at to the quarter hour: the same comparison with local midnights.
    const letterOfYear = (t: string, created: string) => sql<boolean>`(${sql.ref(`${t}.doc_year`)} = ${p.year} OR (${sql.ref(`${t}.doc_year`)} IS NULL
      AND ${sql.ref(created)} >= (${from}::timestamp AT TIME ZONE current_setting('TimeZone'))
      AND ${sql.ref(created)} < (${to}::timestamp AT TIME ZONE current_setting('TimeZone'))))`;
    const figures = (overdue: RawBuilder<boolean>): AreaScan['figures'] => [
      ['lettersIssued', inState('r.state', LETTER_ISSUED_STATES)],
      ['lettersReplied', inState('r.state', LETTER_REPLIED)],
      ['lettersOverdue', overdue],
    ];
    const keyCol = col('letters', 'r.drafting_org_id', null);
    const issued = (month: RawBuilder<unknown>, inYearOf: RawBuilder<unknown>) => ({
      key: 'lettersIssued' as const,
      month,
      inSeries: sql`(${inState('r.state', LETTER_ISSUED_STATES)} AND ${inYearOf})`,
    });
    add(
      'letters',
      wide
        ? {
            figures: figures(sql<boolean>`(r.open_reply_due < current_date)`),
            rows: sql`cockpit_letter_agg r`,
            where: all([sql`r.commission_id = ${cid}::uuid`, letterOfYear('r', 'r.created_q'), orgIs('r.drafting_org_id')]),
            keyCol,
            series: issued(monthOf('r.issued_ym'), yearOf('r.issued_ym')),
            weighted: true,
          }
        : {
            figures: figures(REPLY_OVERDUE_SQL),
            // The letter's case read off the letter (migration 0063, as the ledger does): its lead org one more keyed arm,
            // never the caller's visible cases gathered and each letter of the year tested against them (a county: 10,000
            // cases, ~30 ms a miss). A small scope per org of each arm, a wide one the year's letters once (area-scan.ts).
            rows: scopedLetterRows(
              letterVisibleParts(a, 'r', { caseCheck: 'stored' }),
              {
                docYear: p.year,
                createdFrom: sql`(${from}::timestamp AT TIME ZONE current_setting('TimeZone'))`,
                createdTo: sql`(${to}::timestamp AT TIME ZONE current_setting('TimeZone'))`,
              },
              [orgIs('r.drafting_org_id')],
              ['drafting_org_id', 'state', 'issued_on', 'reply_due', 'replied_on'],
              opts.letterProbeLimit,
              opts.letterHashedSets === false ? undefined : letterVisibleParts(a, 'r', { caseCheck: 'stored', hashedSets: true }),
            ),
            where: sql`true`,
            keyCol,
            series: issued(sql`date_part('month', r.issued_on)`, inYear(sql`r.issued_on`)),
          },
    );
  }
  if (readable.tasks && td) {
    const figures = (deadline: string): AreaScan['figures'] => [
      ['tasksOpen', inState('t.state', TASK_NOT_DONE)],
      // The aggregate keeps the deadline of tasks not done only (open_deadline): the same lights.
      ['tasksDone', taskLightIs('t.state', deadline, 'DONE', td)],
      ['tasksOverdue', taskLightIs('t.state', deadline, 'RED', td)],
    ];
    const keyCol = col('tasks', 't.supervisor_org_id', null);
    add(
      'tasks',
      wide
        ? {
            figures: figures('t.open_deadline'),
            rows: sql`cockpit_task_agg t`,
            where: all([sql`t.commission_id = ${cid}::uuid`, orgIs('t.supervisor_org_id')]),
            keyCol,
            weighted: true,
          }
        : (scopedTaskScan(a, figures, keyCol, p.orgId, td.today, opts.disjointOrgArms !== false, opts.taskMonthMinOrgs) ?? {
            figures: figures('t.deadline'),
            rows: visibleRows(
              'rectification_task',
              't',
              taskVisibleParts(a, 't', { letterCheck: taskLetterCheck(a) }),
              [orgIs('t.supervisor_org_id')],
              ['supervisor_org_id', 'state', 'deadline'],
            ),
            where: sql`true`,
            keyCol,
          }),
    );
  }
  if (readable.campaigns) {
    // A small table (hundreds of campaigns a year): the predicate itself.
    add('campaigns', {
      figures: [
        ['campaignsTotal', null],
        ['campaignsActive', inState('c.state', CAMPAIGN_ACTIVE_STATES)],
      ],
      rows: wide ? sql`cockpit_campaign_agg c` : sql`campaign c`,
      where: all([
        wide ? sql<boolean>`c.commission_id = ${cid}::uuid` : campaignVisible(a, 'c'),
        sql<boolean>`c.year = ${p.year}`,
        orgIs('c.lead_org_id'),
        sectorIs('c.domain'),
      ]),
      keyCol: col('campaigns', 'c.lead_org_id', 'c.domain'),
      weighted: wide,
    });
  }
  await Promise.all(scans.map((x) => scan(ctx, x, counts, series)));
  const order = Object.keys(COCKPIT_SERIES_LABELS) as CockpitSeriesKey[];
  return { counts, series: order.filter((k) => series.has(k)).map((k) => ({ key: k, values: series.get(k) ?? [] })), readable };
}
