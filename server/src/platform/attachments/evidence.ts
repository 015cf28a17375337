import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, recordVisible } from '../access';
import type { AttachmentOwnerType } from './owner-types';

/**
 * SQL: the file aliased `a` admits the actor by its own attributes — clearance ≥ its 密级, member of its
 * knowledge scope (知悉范围) if it has one, not recused from it. The single per-file rule: the attachment
 * routes, the evidence check and every timeline that names a file (supervision progress, rectification
 * updates) apply this, so a file's name never shows where the file itself would be 404.
 */
export function fileOwnVisible(actor: Actor, a = 'a'): RawBuilder<boolean> {
  return recordVisible(actor, { classification: `${a}.classification`, knowledgeScopeId: `${a}.knowledge_scope_id`, objectType: 'attachment', id: `${a}.id` });
}

/**
 * Evidence on a report (progress of a supervision item, a rectification task's reports): the ids among
 * `ids` that are files of exactly this owner and that the actor may see. A file of another record —
 * even one the actor sees — cannot be cited, so its name never surfaces in this record's timeline.
 * The caller has already loaded the owner under its own visibility predicate.
 */
export async function ownedAttachmentIds(
  db: Kysely<DB> | Transaction<DB>,
  actor: Actor,
  owner: { type: AttachmentOwnerType; id: string },
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('attachment as a')
    .select('a.id')
    .where('a.id', 'in', [...ids])
    .where('a.commission_id', '=', actor.commissionId)
    .where('a.owner_type', '=', owner.type)
    .where('a.owner_id', '=', owner.id)
    .where(fileOwnVisible(actor))
    .execute();
  return new Set(rows.map((r) => r.id));
}
