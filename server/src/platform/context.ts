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

export function ctxOf(app: FastifyInstance, req: FastifyRequest): Ctx {
  return {
    db: app.platform.db,
    actor: actorOf(req),
    requestId: req.id,
    ip: req.ip,
    cipher: app.platform.cipher,
    config: app.platform.config,
    log: req.log,
  };
}

/** A context inside a request transaction: what the workflow kernel and the request-scoped services receive. */
export interface TxCtx extends Ctx {
  trx: Transaction<DB>;
}

/** The context with its transaction attached. */
export function inTx(ctx: Ctx, trx: Transaction<DB>): TxCtx {
  return { ...ctx, trx };
}
