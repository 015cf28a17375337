import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ADMIN_ROLES } from '@liandong/domain/access/enums';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from './config';
import type { Db } from './db/pool';
import { authRoutes, clearSessionCache, loadSession, SESSION_COOKIE } from './modules/auth';
import { type AccessRule, hasAnyRole } from './platform/access';
import { configureAuditKey } from './platform/audit';
import { FieldCipher } from './platform/crypto';
import { JSON_BODY_LIMIT } from './platform/body-limits';
import { AppError } from './platform/errors';
import { errorHandler, frameworkErrorHandler } from './platform/error-handler';
import { registerIdempotency } from './platform/idempotency';
import { registerSecurityHeaders } from './platform/security-headers';
import { registerModules } from './modules';

z.config(z.locales.zhCN());

export interface AppOptions {
  db: Db;
  config: Config;
  logger?: FastifyServerOptions['logger'];
  /** Extra routes registered after the modules (tests use it to prove the deny-by-default check). */
  extraRoutes?: (app: FastifyInstance) => Promise<void>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'liandong';

/**
 * Builds the HTTP application. Route chain (style rule 2): authenticate → authorize (the route's declared
 * access rule, before the body is read) → schema → handler (load, policy, service, present). A route under /api without
 * an access rule makes this function throw: deny by default.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: JSON_BODY_LIMIT,
    // Only configured proxies may set the client address (X-Forwarded-For); default none (TRUST_PROXY).
    trustProxy: opts.config.trustProxy?.length ? opts.config.trustProxy : false,
    ajv: { customOptions: { removeAdditional: false } },
    frameworkErrors: frameworkErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('platform', { db: opts.db, cipher: new FieldCipher(opts.config.keys.sm4Key), config: opts.config });
  configureAuditKey(opts.config.keys.auditKey);
  app.decorateRequest('actor', null);
  app.setErrorHandler(errorHandler);

  const missing: string[] = [];
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = (route.config as { access?: AccessRule } | undefined)?.access;
    if (!access) missing.push(`${route.method} ${route.url}`);
    if (access && !('public' in access)) {
      route.schema = { ...(route.schema ?? {}), security: [{ session: [] }] } as typeof route.schema;
    } else if (access) {
      route.schema = { ...(route.schema ?? {}), security: [] } as typeof route.schema;
    }
  });

  await app.register(fastifyCookie, { secret: opts.config.keys.sessionSecret });
  // Behind TLS only: HSTS and upgrade-insecure-requests would blank a plain-HTTP intranet install (config.tls).
  const tls = opts.config.tls ?? opts.config.secureCookies;
  registerSecurityHeaders(app, {
    strictTransportSecurity: tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: tls ? [] : null,
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 25 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: '联动监督平台 API', description: '室组地联动监督平台 REST API (zh-CN messages; en-US with Accept-Language: en)', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });

  // CSRF: SameSite=Strict cookie plus a header a cross-site form cannot set. Checked for every unsafe
  // method whatever the path looks like (`/%61pi/…`, `//api/…` reach the same routes as `/api/…`).
  // Then authenticate and authorise by the matched route's declared rule — in onRequest, before the body
  // is read or anything is validated: an anonymous caller learns nothing and costs nothing.
  app.addHook('onRequest', async (req) => {
    if (UNSAFE.has(req.method) && req.headers[CSRF_HEADER] !== CSRF_VALUE) {
      throw new AppError('CSRF', `缺少请求头 X-Requested-With: ${CSRF_VALUE}`);
    }
    await authenticate(req, opts);
  });

  registerIdempotency(app, opts.db);
  // A write on this node may end sessions or change scopes: drop the per-node session cache.
  // Synchronous (no promise per request): only writes clear it.
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (UNSAFE.has(req.method)) clearSessionCache(opts.db);
    done(null, payload);
  });

  const r = app.withTypeProvider();
  r.get(
    '/api/v1/health',
    {
      config: { access: { public: true } },
      schema: { operationId: 'health', tags: ['platform'], summary: '健康检查（含数据库连通性）' },
    },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(opts.db);
        return { status: 'ok', db: 'ok' };
      } catch {
        return reply.code(503).send({ status: 'degraded', db: 'unavailable' });
      }
    },
  );
  r.get('/api/openapi.json', { config: {}, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await registerModules(app);
  if (opts.extraRoutes) await app.register(opts.extraRoutes);

  if (missing.length) throw new Error(`routes registered without an access rule (deny by default): ${missing.join(', ')}`);

  // The web app: built assets with long caching, index.html for every other non-API path. The build
  // writes .br/.gz siblings (scripts/precompress.ts); they are sent as the asset's encoded variants only,
  // never as files of their own, and index.html only through the no-cache fallback.
  if (existsSync(path.join(opts.config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: opts.config.webDist,
      wildcard: false,
      index: false,
      maxAge: '1y',
      immutable: true,
      preCompressed: true,
      globIgnore: ['**/*.br', '**/*.gz', 'index.html'],
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) {
        return reply.code(404).send({ code: 'NOT_FOUND', message: '接口不存在', requestId: req.id });
      }
      // A missing hashed asset (a chunk of an older build) is a 404, not the HTML shell under a script's name.
      if (req.url.startsWith('/assets/')) return reply.code(404).send({ code: 'NOT_FOUND', message: '文件不存在', requestId: req.id });
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0, immutable: false, cacheControl: false });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.code(404).send({ code: 'NOT_FOUND', message: '接口不存在', requestId: req.id }));
  }
  void ADMIN_ROLES;
  return app;
}

/**
 * Resolves the session and applies the matched route's access rule (deny by default): 401 without a
 * valid session, 403 for a restricted session or a missing role (404 where the route hides itself).
 * Runs from onRequest so that it precedes body parsing and schema validation.
 */
async function authenticate(req: FastifyRequest, opts: AppOptions): Promise<void> {
  const access = (req.routeOptions.config as { access?: AccessRule } | undefined)?.access;
  if (!access) {
    if (req.url.startsWith('/api/v1')) throw new AppError('NOT_FOUND', '接口不存在');
    return;
  }
  if ('public' in access) return;
  const token = req.cookies[SESSION_COOKIE];
  const found = token ? await loadSession(opts.db, token, opts.config.sessionCacheMs) : null;
  if (!found) throw new AppError('UNAUTHENTICATED', '请先登录');
  if ('expired' in found) throw new AppError('SESSION_EXPIRED', '会话已超时，请重新登录');
  const actor = found.actor;
  if (actor.restriction && !access.allowRestricted) {
    throw actor.restriction === 'TOTP_ENROLMENT'
      ? new AppError('TOTP_ENROLMENT_REQUIRED', '请先绑定动态口令（双因素认证）')
      : new AppError('PASSWORD_CHANGE_REQUIRED', '密码已过期或为初始密码，请先修改密码');
  }
  if (access.roles !== 'any' && !hasAnyRole(actor, access.roles)) {
    throw access.notFoundOnDeny ? new AppError('NOT_FOUND', '对象不存在或无权访问') : new AppError('FORBIDDEN', '无权访问此功能');
  }
  req.actor = actor;
}
