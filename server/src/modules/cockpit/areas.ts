import {
  AGGREGATES_ONLY_ROLES,
  CAMPAIGN_READ_ROLES,
  CASE_READ_ROLES,
  CLUE_READ_ROLES,
  DASHBOARD_WIDE_ROLES,
  REFORM_READ_ROLES,
  SUPERVISION_ROLES,
} from '@liandong/domain/access/role-sets';
import type { Role } from '@liandong/domain/access/enums';
import { CampaignDomainSchema } from '@liandong/domain/campaigns/enums';
import type { CockpitArea, CockpitDimension } from '@liandong/domain/cockpit/contracts';
import { type LetterState, TASK_STATE_LABELS, type TaskState } from '@liandong/domain/reform/machine';
import { type Actor, hasAnyRole } from '../../platform/access';
import { TASK_DONE_STATES } from '../reform';

/*
 * 监督质效 cockpit (issue 15): what the figures (scans.ts) and the cells and links (service.ts) share — the
 * parameters, the rows of each dimension, who counts the commission and who reads which ledger.
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
export const AREA_ROLES: Readonly<Record<CockpitArea, readonly Role[]>> = {
  supervision: SUPERVISION_ROLES,
  clues: CLUE_READ_ROLES,
  cases: CASE_READ_ROLES,
  letters: REFORM_READ_ROLES,
  tasks: REFORM_READ_ROLES,
  campaigns: CAMPAIGN_READ_ROLES,
};

/** The ledger filter of each area naming a row's sector (the ledgers that have one). */
export const SECTOR_FILTER: Readonly<Partial<Record<CockpitArea, string>>> = { clues: 'sector', cases: 'sector', campaigns: 'domain' };

/** Whether the area's figures exist under the sector filter or dimension (items, letters and tasks carry no sector). */
export function sectorApplies(area: CockpitArea, sector: string | null): boolean {
  if (!(area in SECTOR_FILTER)) return false;
  return area !== 'campaigns' || sector === null || CampaignDomainSchema.safeParse(sector).success;
}

/** Letters answered by the unit (the ledger's states of 已回复). */
export const LETTER_REPLIED: readonly LetterState[] = ['REPLIED', 'EVALUATED', 'CLOSED'];
/** Tasks not yet done (the ledger's states of 未完成). */
export const TASK_NOT_DONE = (Object.keys(TASK_STATE_LABELS) as TaskState[]).filter((s) => !TASK_DONE_STATES.includes(s));
