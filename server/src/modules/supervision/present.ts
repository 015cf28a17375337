import type { Adjustment, Item, ListSummary } from '@liandong/domain/supervision/contracts';
import type { Basis, Frequency, Light, Method, Side } from '@liandong/domain/supervision/enums';
import { ITEM_STATE_LABELS, type ItemState } from '@liandong/domain/supervision/machine';
import { type ActorFacts, allLiveApproved, itemAbilities, listAbilities } from './policy';
import { APPROVED_OR_LATER, type ItemRow, type ListCounts, type ListRow } from './repo';

/** Item as the API shows it, with the actor's abilities. */
export function presentItem(f: ActorFacts, r: ItemRow): Item {
  return {
    id: r.id,
    listId: r.list_id,
    listTitle: r.list_title,
    listType: r.list_type,
    year: r.year,
    seq: r.seq,
    matter: r.matter,
    bases: r.bases as Basis[],
    leadSide: r.lead_side as Side,
    leadOrgId: r.lead_org_id,
    leadOrgName: r.lead_org_name,
    assistSide: r.assist_side as Side | null,
    assistOrgId: r.assist_org_id,
    assistOrgName: r.assist_org_name,
    responsibleUsers: r.responsible_users,
    hostUnits: r.host_units,
    methods: r.methods as Method[],
    frequency: r.frequency as Frequency | null,
    dueDate: r.due_date,
    state: r.state,
    light: r.light,
    commonItemId: r.common_item_id,
    orderedBy: r.ordered_by_id ? { id: r.ordered_by_id, name: r.ordered_by_name ?? '' } : null,
    lastProgressAt: r.last_progress_at ? new Date(r.last_progress_at).toISOString() : null,
    pendingAdjustment: (r.pending_adjustment as Adjustment | null) ?? null,
    version: r.version,
    abilities: itemAbilities(f, {
      ownerGroupId: r.owner_group_id,
      liaisonOfficeId: r.liaison_office_id,
      leadOrgId: r.lead_org_id,
      assistOrgId: r.assist_org_id,
      state: r.state,
      previousState: r.previous_state,
      hasConsultation: r.has_consultation,
      lastProgressAt: r.last_progress_at,
      pendingAdjustment: r.pending_adjustment,
    }),
  };
}

const DONE: readonly ItemState[] = ['COMPLETED', 'CLOSED'];

/**
 * List summary. doneCount counts COMPLETED and CLOSED items; the completion rate leaves cancelled
 * items out of the denominator (a cancelled item is neither done nor owed).
 */
export function presentList(f: ActorFacts, r: ListRow, counts: readonly ListCounts[]): ListSummary {
  const lights: Record<Light, number> = { GREEN: 0, YELLOW: 0, RED: 0, DONE: 0, NONE: 0 };
  const stateCounts: Record<string, number> = Object.fromEntries(Object.keys(ITEM_STATE_LABELS).map((s) => [s, 0]));
  let itemCount = 0;
  let doneCount = 0;
  for (const c of counts) {
    itemCount += c.n;
    lights[c.light] += c.n;
    stateCounts[c.state] = (stateCounts[c.state] ?? 0) + c.n;
    if (DONE.includes(c.state)) doneCount += c.n;
  }
  const owed = itemCount - (stateCounts.CANCELLED ?? 0);
  const hasApprovedItems = r.approved_at !== null || APPROVED_OR_LATER.some((s) => (stateCounts[s] ?? 0) > 0);
  return {
    id: r.id,
    year: r.year,
    type: r.type,
    title: r.title,
    ownerGroupId: r.owner_group_id,
    ownerGroupName: r.owner_group_name,
    liaisonOfficeId: r.liaison_office_id,
    liaisonOfficeName: r.liaison_office_name,
    coordinatorOfficeName: r.coordinator_office_name,
    hostUnits: r.host_units,
    bases: r.bases as Basis[],
    itemCount,
    doneCount,
    completionRate: owed > 0 ? doneCount / owed : 0,
    lights,
    stateCounts,
    approvedAt: r.approved_at ? new Date(r.approved_at).toISOString() : null,
    docNo: r.doc_no,
    issuedOn: r.issued_on,
    version: r.version,
    abilities: listAbilities(f, {
      ownerGroupId: r.owner_group_id,
      liaisonOfficeId: r.liaison_office_id,
      coordinatorOfficeId: r.coordinator_office_id,
      docNo: r.doc_no,
      allApproved: allLiveApproved(Object.entries(stateCounts).flatMap(([s, n]) => (n > 0 ? [s as ItemState] : []))),
      approvedAt: r.approved_at,
      hasApprovedItems,
      hasConsultation: r.has_consultation,
      draftCount: stateCounts.DRAFT ?? 0,
      consultedCount: stateCounts.CONSULTED ?? 0,
    }),
  };
}

/** Whether the list has items past planning (new items then go through 点题派单). */
export function listHasApprovedItems(r: ListRow, counts: readonly ListCounts[]): boolean {
  return r.approved_at !== null || counts.some((c) => APPROVED_OR_LATER.includes(c.state) && c.n > 0);
}
