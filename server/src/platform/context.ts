import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../config';
import type { Db } from '../db/pool';
import type { DB } from '../db/types';
import type { Actor } from './access';
import type { FieldCipher } from './crypto';
import { AppError } from './errors';

/** What services receive (style rule 10): the database, the actor and request facts. No DI container. */
export interface Ctx {
  db: Db;
  actor: Actor;
  requestId: string;
  ip: string;
  cipher: FieldCipher;
  config: Config;
  log: FastifyRequest['log'];
}

/** Services shared by every module, decorated on the Fastify instance. */
export interface Platform {
  db: Db;
  cipher: FieldCipher;
  config: Config;
}

declare module 'fastify' {
  interface FastifyInstance {
    platform: Platform;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: import('./access').AccessRule;
  }
}

/** The signed-in actor of a route whose rule requires a session (the access hook guarantees it). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.actor;
}

/** The contexts ctxOf made: one per handler call of a request, so what a request asks twice can be asked once. */
const requestCtxs = new WeakSet<object>();

/** Whether `ctx` is a request's own context (ctxOf), not one a job, a test or a transaction (inTx) made. */
export const isRequestCtx = (ctx: object): boolean => requestCtxs.has(ctx);

export function ctxOf(app: FastifyInstance, req: FastifyRequest): Ctx {
  const ctx: Ctx = {
    db: app.platform.db,
    actor: actorOf(req),
    requestId: req.id,
    ip: req.ip,
    cipher: app.platform.cipher,
    config: app.platform.config,
    log: req.log,
  };
  requestCtxs.add(ctx);
  return ctx;
}

/** A context inside a request transaction: what the workflow kernel and the request-scoped services receive. */
export interface TxCtx extends Ctx {
  trx: Transaction<DB>;
}

/** The context with its transaction attached. */
export function inTx(ctx: Ctx, trx: Transaction<DB>): TxCtx {
  return { ...ctx, trx };
}
