import { sql } from 'kysely';
import { notFound } from '../../platform/errors';
import type { Ctx } from '../../platform/context';

/** 消息 — the caller's own inbox. Another account's message does not exist for the caller (404). */

type Row = { id: string; kind: string; title: string; body: string; link: string | null; created_at: Date; read_at: Date | null };

function present(r: Row) {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  };
}

const COLUMNS = ['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'] as const;

export async function listInbox(ctx: Ctx, q: { unread?: boolean; limit: number }) {
  let query = ctx.db.selectFrom('inbox_message').select(COLUMNS).where('user_id', '=', ctx.actor.userId);
  if (q.unread) query = query.where('read_at', 'is', null);
  const [rows, unread] = await Promise.all([
    query.orderBy('created_at', 'desc').orderBy('id').limit(q.limit).execute(),
    ctx.db
      .selectFrom('inbox_message')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', ctx.actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(present), unread: unread.n };
}

/** Marks one own message read (idempotent: the first read time is kept). */
export async function markRead(ctx: Ctx, id: string) {
  const row = await ctx.db
    .updateTable('inbox_message')
    .set({ read_at: sql`COALESCE(read_at, now())` })
    .where('id', '=', id)
    .where('user_id', '=', ctx.actor.userId)
    .returning(COLUMNS)
    .executeTakeFirst();
  if (!row) throw notFound('消息');
  return present(row);
}

export async function markAllRead(ctx: Ctx): Promise<number> {
  const r = await ctx.db
    .updateTable('inbox_message')
    .set({ read_at: new Date() })
    .where('user_id', '=', ctx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
