import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { AppError } from './errors';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey?: string;
  }
}

/**
 * Creates accept an `Idempotency-Key` header (architecture.md §3): the first request with a key runs
 * and its 2xx answer is stored; a repeat with the same key (same account, same URL) gets the stored
 * answer without running again; a repeat while the first is still running gets 409; a failed first
 * request leaves nothing behind, so the client may retry with the same key.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers[HEADER];
    if (req.method !== 'POST' || key === undefined || !req.actor) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION', '请求头 Idempotency-Key 须为 8–100 位字母、数字或 _.:-', {
        issues: [{ path: 'headers.idempotency-key', message: '格式不正确' }],
      });
    }
    const inserted = await db
      .insertInto('idempotency_key')
      .values({ user_id: req.actor.userId, key, status: 0, response: JSON.stringify({ url: req.url }) })
      .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      req.idempotencyKey = key;
      return;
    }
    const prior = await db
      .selectFrom('idempotency_key')
      .select(['status', 'response'])
      .where('user_id', '=', req.actor.userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const stored = prior.response as { url: string; body?: string; contentType?: string };
    if (stored.url !== req.url) throw new AppError('BUSINESS_RULE', '该幂等键已用于另一个请求，请更换 Idempotency-Key');
    if (prior.status === 0) throw new AppError('CONFLICT', '相同幂等键的请求正在处理，请稍后重试');
    return reply
      .code(prior.status)
      .header('content-type', stored.contentType ?? 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(stored.body ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotencyKey || !req.actor) return payload;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
    if (ok) {
      await db
        .updateTable('idempotency_key')
        .set({
          status: reply.statusCode,
          response: JSON.stringify({ url: req.url, body: payload, contentType: String(reply.getHeader('content-type') ?? '') }),
        })
        .where('user_id', '=', req.actor.userId)
        .where('key', '=', req.idempotencyKey)
        .execute();
    } else {
      await db.deleteFrom('idempotency_key').where('user_id', '=', req.actor.userId).where('key', '=', req.idempotencyKey).execute();
    }
    return payload;
  });
}

/** Stored answers older than a day are dropped by the session clean-up job. */
export async function purgeIdempotencyKeys(db: Db): Promise<void> {
  await db.deleteFrom('idempotency_key').where('created_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
