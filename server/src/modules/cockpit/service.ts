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
  type CockpitLink,
  type CockpitMetric,
  type CockpitRow,
} from '@liandong/domain/cockpit/contracts';
import { LETTER_ISSUED_STATES } from '@liandong/domain/reform/machine';
import { type Actor, hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import {
  AREA_ROLES,
  type CockpitParams,
  isAggregatesOnly,
  isWideCockpit,
  LETTER_REPLIED,
  type RowKey,
  SECTOR_FILTER,
  sectorApplies,
  TASK_NOT_DONE,
} from './areas';
import { computeFigures, TOTAL } from './scans';

export { type CockpitParams, isWideCockpit, ORG_KINDS, type RowKey } from './areas';
export { computeFigures } from './scans';

/*
 * 监督质效 cockpit (issue 15): the cells of the rows and the total, each with the link to the ledger behind it, from
 * the figures the area scans count (scans.ts) — a figure and the ledger's `total` for its link are the same number
 * for the same caller. The standing committee gets no links; a ledger the caller cannot open gives a null figure.
 */

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
