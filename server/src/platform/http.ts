import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Config } from '../config';
import type { Db } from '../db/pool';
import type { DB } from '../db/types';
import type { Actor } from './access';
import { type AuditInput, writeAudit } from './audit';
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

export type App = FastifyInstance;

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

/** Audit input pre-filled from the context (actor, commission, request). */
export function auditFrom(ctx: Ctx, e: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>): AuditInput {
  return {
    ...e,
    commissionId: ctx.actor.commissionId,
    actorId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

export async function audit(trx: Transaction<DB>, ctx: Ctx, e: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>) {
  await writeAudit(trx, auditFrom(ctx, e));
}

/** Sends a file download with an RFC 5987 filename (Chinese names survive). */
export function sendFile(reply: FastifyReply, filename: string, mime: string, body: Buffer) {
  return reply
    .header('content-type', mime)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
