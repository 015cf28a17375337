import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { openRequestTransaction, type RequestTx, runInRequestScope } from '../db/request-tx';
import { AppError } from './errors';

const HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; tx: RequestTx };
  }
}

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Creates accept an `Idempotency-Key` header (architecture.md §3): the first request with a key runs
 * and its 2xx answer is stored; a repeat with the same key (same account, same URL) gets the stored
 * answer without running again; a repeat while the first is still running waits for it briefly and then
 * gets 409; a failed first request leaves nothing behind, so the client may retry with the same key.
 *
 * Crash safety (issue 8): the key, the business rows and the stored answer are written in ONE
 * transaction (db/request-tx.ts). A crash of the server or of PostgreSQL before that commit leaves no
 * key and no rows, so the retry runs afresh; a crash after it leaves both, so the retry replays the
 * answer. No key is ever left "in progress": a running request holds its key only as an uncommitted
 * row, which PostgreSQL drops when the connection dies.
 */
export function registerIdempotency(app: FastifyInstance, db: Db): void {
  const wanted = (req: FastifyRequest) => req.method === 'POST' && req.headers[HEADER] !== undefined && !!req.actor;
  // A request scope, entered with a callback so that the handler runs inside it.
  app.addHook('preHandler', (req, _reply, done) => (wanted(req) ? runInRequestScope(done) : done()));
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!wanted(req) || !req.actor) return;
    const key = req.headers[HEADER];
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new AppError('VALIDATION', '请求头 Idempotency-Key 须为 8–100 位字母、数字或 _.:-', {
        issues: [{ path: 'headers.idempotency-key', message: '格式不正确' }],
      });
    }
    const tx = await openRequestTransaction(db);
    const userId = req.actor.userId;
    let prior: { status: number; response: unknown } | undefined;
    try {
      // Waits (up to lock_timeout) while another request with this key is running, then sees its outcome.
      const inserted = await db
        .insertInto('idempotency_key')
        .values({ user_id: userId, key, status: 0, response: JSON.stringify({ url: req.url }) })
        .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!inserted) {
        prior = await db
          .selectFrom('idempotency_key')
          .select(['status', 'response'])
          .where('user_id', '=', userId)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (prior.status === 0) {
          // A marker committed by an older version that crashed mid-request: nothing ran to completion.
          await db
            .updateTable('idempotency_key')
            .set({ response: JSON.stringify({ url: req.url }), created_at: sql<Date>`now()` })
            .where('user_id', '=', userId)
            .where('key', '=', key)
            .execute();
          prior = undefined;
        }
      }
    } catch (err) {
      await tx.rollback().catch(() => undefined);
      if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new AppError('CONFLICT', '相同幂等键的请求正在处理，请稍后重试');
      throw err;
    }
    if (!prior) {
      req.idempotency = { key, tx };
      return;
    }
    await tx.rollback();
    const stored = prior.response as { url: string; body?: string; contentType?: string };
    if (stored.url !== req.url) throw new AppError('BUSINESS_RULE', '该幂等键已用于另一个请求，请更换 Idempotency-Key');
    return reply
      .code(prior.status)
      .header('content-type', stored.contentType ?? 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(stored.body ?? '');
  });

  // The hooks below run for every request; without a claim (every GET) they answer synchronously.
  app.addHook('onSend', (req, reply, payload, done) => {
    if (!req.idempotency || !req.actor) return done(null, payload);
    storeAnswer(req, reply, payload).then((p) => done(null, p), done);
  });
  const storeAnswer = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = req.idempotency;
    if (!claim || !req.actor) return payload;
    req.idempotency = undefined;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
    if (!ok) {
      await claim.tx.rollback().catch(() => undefined);
      return payload;
    }
    try {
      const userId = req.actor.userId;
      const response = JSON.stringify({ url: req.url, body: payload, contentType: String(reply.getHeader('content-type') ?? '') });
      await claim.tx.within(() =>
        db.updateTable('idempotency_key').set({ status: reply.statusCode, response }).where('user_id', '=', userId).where('key', '=', claim.key).execute(),
      );
      await claim.tx.commit();
    } catch (err) {
      await claim.tx.rollback().catch(() => undefined);
      throw err;
    }
    return payload;
  };

  // Whatever ended the request without an answer (client gone, error while answering): roll back.
  const abandon = async (req: FastifyRequest) => {
    const claim = req.idempotency;
    req.idempotency = undefined;
    await claim?.tx.rollback().catch(() => undefined);
  };
  app.addHook('onResponse', (req, _reply, done) => {
    if (!req.idempotency) return done();
    abandon(req).then(() => done(), done);
  });
  app.addHook('onRequestAbort', (req, done) => {
    if (!req.idempotency) return done();
    abandon(req).then(() => done(), done);
  });
}

/** Stored answers older than a day are dropped by the session clean-up job. */
export async function purgeIdempotencyKeys(db: Db): Promise<void> {
  await db.deleteFrom('idempotency_key').where('created_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
