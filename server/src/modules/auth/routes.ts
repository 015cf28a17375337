import { ADMIN_ROLES } from '@liandong/domain/access/enums';
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  LoginLogEntrySchema,
  MeSchema,
  SessionSchema,
  TotpConfirmBodySchema,
  TotpEnrolBodySchema,
  TotpEnrolmentSchema,
} from '@liandong/domain/auth/contracts';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { getMe } from './me';
import { login } from './login';
import { changePassword, confirmTotpEnrolment, logout, startTotpEnrolment } from './service';
import { SESSION_COOKIE } from './session';
import { listLoginLog, listSessions, revokeSession } from './sessions';
import { retryAfterOf, SIGN_INS_PER_ADDRESS, SignInThrottle } from './sign-in-throttle';

const Ok = z.object({ ok: z.literal(true) });

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOpts = () => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: app.platform.config.secureCookies });
  const throttle = new SignInThrottle();

  r.post(
    '/api/v1/auth/login',
    {
      config: { access: { public: true }, rateLimit: { max: SIGN_INS_PER_ADDRESS, timeWindow: '1 minute' } },
      onError: async (_req, reply, err) => {
        const seconds = retryAfterOf(err);
        if (seconds) reply.header('Retry-After', String(seconds));
      },
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: '登录',
        body: LoginBodySchema,
        response: { 200: z.object({ restriction: MeSchema.shape.restriction }) },
      },
    },
    async (req, reply) => {
      throttle.check(req.ip);
      const result = await login(app.platform.db, app.platform.cipher, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
      }).catch((err: unknown) => {
        // The TOTP prompt is a right password: only refusals count against the address.
        if (!(err instanceof AppError && err.code === 'TOTP_REQUIRED')) throttle.failed(req.ip);
        throw err;
      });
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOpts(), maxAge: result.absoluteHours * 3600 });
      return { restriction: result.restriction };
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      config: { access: { roles: 'any', allowRestricted: true } },
      schema: { operationId: 'logout', tags: ['auth'], summary: '退出登录', response: { 200: Ok } },
    },
    async (req, reply) => {
      await logout(ctxOf(app, req));
      reply.clearCookie(SESSION_COOKIE, cookieOpts());
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/me',
    {
      config: { access: { roles: 'any', allowRestricted: true } },
      schema: { operationId: 'getMe', tags: ['auth'], summary: '当前用户、单位与知悉范围', response: { 200: MeSchema } },
    },
    async (req) => getMe(ctxOf(app, req)),
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: { roles: 'any', allowRestricted: true } },
      schema: { operationId: 'changePassword', tags: ['auth'], summary: '修改本人密码', body: ChangePasswordBodySchema, response: { 200: Ok } },
    },
    async (req) => {
      await changePassword(ctxOf(app, req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/v1/auth/totp/enrol',
    {
      config: { access: { roles: 'any', allowRestricted: true }, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        operationId: 'startTotpEnrolment',
        tags: ['auth'],
        summary: '获取动态口令绑定二维码（换绑须密码和当前动态口令）',
        body: TotpEnrolBodySchema,
        response: { 200: TotpEnrolmentSchema },
      },
    },
    async (req) => startTotpEnrolment(ctxOf(app, req), req.body),
  );

  r.post(
    '/api/v1/auth/totp/confirm',
    {
      config: { access: { roles: 'any', allowRestricted: true } },
      schema: { operationId: 'confirmTotpEnrolment', tags: ['auth'], summary: '确认绑定动态口令', body: TotpConfirmBodySchema, response: { 200: Ok } },
    },
    async (req) => {
      await confirmTotpEnrolment(ctxOf(app, req), req.body.code);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/sessions',
    {
      config: { access: { roles: 'any' } },
      schema: { operationId: 'listMySessions', tags: ['auth'], summary: '本人在线会话', response: { 200: z.object({ items: z.array(SessionSchema) }) } },
    },
    async (req) => ({ items: await listSessions(ctxOf(app, req), { mine: true }) }),
  );

  r.get(
    '/api/v1/admin/sessions',
    {
      config: { access: { roles: ['SEC_ADMIN', 'SYS_ADMIN'] } },
      schema: {
        operationId: 'listSessions',
        tags: ['auth'],
        summary: '在线用户（安全管理员）',
        response: { 200: z.object({ items: z.array(SessionSchema) }) },
      },
    },
    async (req) => ({ items: await listSessions(ctxOf(app, req), { mine: false }) }),
  );

  r.delete(
    '/api/v1/auth/sessions/:id',
    {
      config: { access: { roles: 'any' } },
      schema: {
        operationId: 'revokeSession',
        tags: ['auth'],
        summary: '结束会话（本人或安全管理员强制下线）',
        params: z.object({ id: z.uuid('会话编号格式不正确') }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await revokeSession(ctxOf(app, req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/admin/login-log',
    {
      config: { access: { roles: ['SEC_ADMIN', 'AUDIT_ADMIN'] } },
      schema: {
        operationId: 'listLoginLog',
        tags: ['auth'],
        summary: '登录日志',
        querystring: z.object({
          username: z.string().max(40).optional(),
          outcome: z.string().max(40).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          before: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.object({ items: z.array(LoginLogEntrySchema) }) },
      },
    },
    async (req) => ({ items: await listLoginLog(ctxOf(app, req), req.query) }),
  );
  void ADMIN_ROLES;
}
