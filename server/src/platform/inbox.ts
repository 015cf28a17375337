import type { Db } from '../db/pool';

export interface Notice {
  commissionId: string;
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key for the same user → the notice is sent once, however often the job reruns. */
  dedupeKey?: string;
}

/** Puts a message in a user's in-app inbox. Returns 1 when written, 0 when the dedupe key already exists. */
export async function notify(db: Pick<Db, 'insertInto'>, n: Notice): Promise<number> {
  const r = await db
    .insertInto('inbox_message')
    .values({
      commission_id: n.commissionId,
      user_id: n.userId,
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      dedupe_key: n.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}
