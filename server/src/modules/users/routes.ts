import { IdParamsSchema, VersionBodySchema } from '@liandong/domain/platform/common';
import {
  CreateUserBodySchema,
  ResetPasswordBodySchema,
  SetRolesBodySchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
} from '@liandong/domain/users/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/http';
import { createUser, disableUser, enableUser, getUser, listUsers, resetPassword, resetTotp, setRoles, unlockUser, updateUser } from './service';

const SYS = ['SYS_ADMIN'] as const;
const SEC = ['SEC_ADMIN'] as const;
const tags = ['users'];

/** 账号与角色 (三员 separation): the system administrator keeps accounts, the security administrator grants roles and resets credentials. */
export async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      config: { access: { roles: ['SYS_ADMIN', 'SEC_ADMIN'] } },
      schema: { operationId: 'listUsers', tags, summary: '账号列表', querystring: UserListQuerySchema, response: { 200: UserListSchema } },
    },
    async (req) => listUsers(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/users/:id',
    {
      config: { access: { roles: ['SYS_ADMIN', 'SEC_ADMIN'] } },
      schema: { operationId: 'getUser', tags, summary: '账号详情', params: IdParamsSchema, response: { 200: UserSchema } },
    },
    async (req) => getUser(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/users',
    {
      config: { access: { roles: SYS } },
      schema: { operationId: 'createUser', tags, summary: '新建账号（系统管理员；首次登录须改密）', body: CreateUserBodySchema, response: { 201: UserSchema } },
    },
    async (req, reply) => reply.code(201).send(await createUser(ctxOf(app, req), req.body)),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      config: { access: { roles: SYS } },
      schema: {
        operationId: 'updateUser',
        tags,
        summary: '修改账号信息（姓名、单位、涉密等级）',
        params: IdParamsSchema,
        body: UpdateUserBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => updateUser(ctxOf(app, req), req.params.id, req.body),
  );

  r.put(
    '/api/v1/users/:id/roles',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'setUserRoles',
        tags,
        summary: '授予角色（安全管理员）',
        params: IdParamsSchema,
        body: SetRolesBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => setRoles(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/users/:id/unlock',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'unlockUser',
        tags,
        summary: '解锁账号（安全管理员）',
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => unlockUser(ctxOf(app, req), req.params.id, req.body.version),
  );

  r.post(
    '/api/v1/users/:id/disable',
    {
      config: { access: { roles: SYS } },
      schema: {
        operationId: 'disableUser',
        tags,
        summary: '停用账号（结束其全部会话）',
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => disableUser(ctxOf(app, req), req.params.id, req.body.version),
  );

  r.post(
    '/api/v1/users/:id/enable',
    {
      config: { access: { roles: SYS } },
      schema: { operationId: 'enableUser', tags, summary: '启用账号', params: IdParamsSchema, body: VersionBodySchema, response: { 200: UserSchema } },
    },
    async (req) => enableUser(ctxOf(app, req), req.params.id, req.body.version),
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'resetUserPassword',
        tags,
        summary: '重置密码（安全管理员；下次登录须改密）',
        params: IdParamsSchema,
        body: ResetPasswordBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => resetPassword(ctxOf(app, req), req.params.id, req.body.version, req.body.newPassword),
  );

  r.post(
    '/api/v1/users/:id/reset-totp',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'resetUserTotp',
        tags,
        summary: '重置动态口令（安全管理员）',
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => resetTotp(ctxOf(app, req), req.params.id, req.body.version),
  );
}
