import type { Role } from '@liandong/domain/access/enums';
import { type RawBuilder, sql } from 'kysely';
import { type Actor, hasAnyRole } from '../../platform/access';
import { ATTACHMENT_OWNER_TYPES, type AttachmentOwnerType } from '../../platform/attachments/owner-types';
import {
  CASE_READ_ROLES,
  caseVisible,
  CLUE_READ_ROLES,
  clueVisible,
  accountabilityVisible,
  bulletinVisible,
  CAMPAIGN_READ_ROLES,
  campaignVisible,
  visibleFindingIds,
  letterVisible,
  REFORM_READ_ROLES,
  REFORM_STAFF_ROLES,
  reformVisible,
  taskVisible,
} from '../visibility';
import { BULLETIN_ROLES, LETTER_ROLES } from '../letters';
import { SUPERVISION_ROLES, itemVisible } from '../supervision';
import { SELF_ANSWER_ROLES, responseVisible } from '../self-inspection';

/**
 * Owner registry (issue 8): an attachment is visible exactly where the record it belongs to is. For every
 * owner type there is one resolver that answers, in SQL, which owners of that type the actor sees — built
 * from the owning module's own predicate (clueVisible, caseVisible, letterVisible, …) and the roles its
 * routes admit, so classification, recusal and case gating follow from the owner without a second copy
 * of the rules. A type missing from this map does not compile; an owner type not in it is refused on
 * upload (400) and its rows are never shown (deny by default). The list of owner types itself lives in the
 * platform (the blob store records it); this registry sits above the owner modules and reads their faces.
 */
export { ATTACHMENT_OWNER_TYPES, type AttachmentOwnerType };

export interface OwnerResolver {
  /** What the owner is called in messages (zh-CN). */
  label: string;
  /** Roles whose routes reach the owner at all; anyone else gets 404 on it, so nothing of its files. */
  roles: readonly Role[];
  /** SQL: `SELECT o.id FROM <owner table> o WHERE <owner visible to the actor>`. */
  visibleIds(actor: Actor): RawBuilder<{ id: string }>;
  /** Set when files reach this owner only through its own route (its rules on type and state): the 400 of POST /attachments. */
  ownRoute?: string;
}

export const OWNER_RESOLVERS: { readonly [K in AttachmentOwnerType]: OwnerResolver } = {
  supervision_item: {
    label: '监督事项',
    roles: SUPERVISION_ROLES,
    visibleIds: (actor) => sql`SELECT i.id FROM supervision_item i JOIN supervision_list l ON l.id = i.list_id WHERE ${itemVisible(actor)}`,
  },
  clue: { label: '问题线索', roles: CLUE_READ_ROLES, visibleIds: (actor) => sql`SELECT o.id FROM clue o WHERE ${clueVisible(actor, 'o')}` },
  case: {
    label: '案件',
    roles: CASE_READ_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM case_file o WHERE ${caseVisible(actor, 'o')}`,
  },
  letter: {
    label: '建议书',
    roles: LETTER_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM letter o WHERE ${letterVisible(actor, 'o')}`,
  },
  rectification_task: {
    label: '整改任务',
    roles: REFORM_READ_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM rectification_task o WHERE ${taskVisible(actor, 'o')}`,
  },
  reform_record: {
    label: '以案促改记录',
    roles: REFORM_STAFF_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM reform_record o WHERE ${reformVisible(actor, 'o')}`,
  },
  accountability: {
    label: '问责记录',
    roles: REFORM_STAFF_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM accountability o WHERE ${accountabilityVisible(actor, 'o')}`,
  },
  bulletin: { label: '通报', roles: BULLETIN_ROLES, visibleIds: (actor) => sql`SELECT o.id FROM bulletin o WHERE ${bulletinVisible(actor, 'o')}` },
  // 依据文件 of a 专项整治: visible where the campaign is (its 专班 members included, for their dates).
  campaign: {
    label: '专项整治',
    roles: CAMPAIGN_READ_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM campaign o WHERE ${campaignVisible(actor, 'o')}`,
  },
  self_inspection_response: {
    label: '自查反馈',
    roles: SELF_ANSWER_ROLES,
    visibleIds: (actor) => sql`SELECT o.id FROM self_inspection_response o WHERE ${responseVisible(actor, 'o')}`,
  },
  // A check's secrecy (四不两直) follows its photos: the one predicate of the inspections module.
  inspection_finding: {
    label: '检查发现问题',
    roles: CAMPAIGN_READ_ROLES,
    visibleIds: (actor) => visibleFindingIds(actor),
    ownRoute: '检查发现问题的照片请在检查详情中上传（仅限图片）',
  },
};

/** Whether a string names a registered owner type (anything else is refused, never guessed at). */
export function isOwnerType(value: string): value is AttachmentOwnerType {
  return Object.hasOwn(OWNER_RESOLVERS, value);
}

/** The owner types whose records the actor can reach at all (their routes admit one of its roles). */
function reachable(actor: Actor, types: readonly AttachmentOwnerType[]): AttachmentOwnerType[] {
  return types.filter((t) => hasAnyRole(actor, OWNER_RESOLVERS[t].roles));
}

/**
 * SQL predicate over an `attachment` row aliased `a`: its owner exists and is visible to the actor.
 * Set-based (one semi-join per owner type), so a ledger of files filters in the database, not row by row.
 * With `only`, just that owner type is considered. Rows of an unregistered type or without an owner id
 * match no arm and stay hidden.
 */
export function ownerVisible(actor: Actor, only?: AttachmentOwnerType): RawBuilder<boolean> {
  const arms = reachable(actor, only ? [only] : ATTACHMENT_OWNER_TYPES).map(
    (t) => sql<boolean>`(a.owner_type = ${t} AND a.owner_id IN (${OWNER_RESOLVERS[t].visibleIds(actor)}))`,
  );
  return arms.length ? sql<boolean>`(${sql.join(arms, sql` OR `)})` : sql<boolean>`false`;
}

/** SQL predicate: the owner `type`/`id` exists and the actor sees it (upload checks; 404 otherwise). */
export function ownerExistsAndVisible(actor: Actor, type: AttachmentOwnerType, id: string): RawBuilder<boolean> {
  if (!reachable(actor, [type]).length) return sql<boolean>`false`;
  return sql<boolean>`${id}::uuid IN (${OWNER_RESOLVERS[type].visibleIds(actor)})`;
}
