import { IdParamsSchema, VersionBodySchema } from '@liandong/domain/platform/common';
import {
  CreateUserBodySchema,
  CredentialResetListSchema,
  CredentialResetSchema,
  SetClearanceBodySchema,
  ResetPasswordBodySchema,
  SetRolesBodySchema,
  UpdateUserBodySchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema,
} from '@liandong/domain/users/contracts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { approveReset, listResets, RESET_APPROVER_ROLES, rejectReset } from './resets';
import { createUser, disableUser, enableUser, getUser, listUsers, resetPassword, resetTotp, setClearance, setRoles, unlockUser, updateUser } from './service';

/** A reset carried out answers 200 with the account; a privileged account's answers 202 with the pending request. */
function resetAnswer(reply: FastifyReply, result: Awaited<ReturnType<typeof resetPassword>>) {
  return 'pending' in result ? reply.code(202).send(result.pending) : reply.code(200).send(result);
}

const SYS = ['SYS_ADMIN'] as const;
const SEC = ['SEC_ADMIN'] as const;
const tags = ['users'];

/**
 * 账号与角色 (三员 separation): the system administrator keeps accounts, the security administrator grants
 * roles, sets clearances and resets credentials; a privileged account's reset waits for a second administrator.
 */
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
        summary: '重置密码（安全管理员；下次登录须改密；委领导和三员账号须另一名管理员批准，返回 202 申请）',
        params: IdParamsSchema,
        body: ResetPasswordBodySchema,
        response: { 200: UserSchema, 202: CredentialResetSchema },
      },
    },
    async (req, reply) => resetAnswer(reply, await resetPassword(ctxOf(app, req), req.params.id, req.body.version, req.body.newPassword)),
  );

  r.post(
    '/api/v1/users/:id/reset-totp',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'resetUserTotp',
        tags,
        summary: '重置动态口令（安全管理员；委领导和三员账号须另一名管理员批准，返回 202 申请）',
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: UserSchema, 202: CredentialResetSchema },
      },
    },
    async (req, reply) => resetAnswer(reply, await resetTotp(ctxOf(app, req), req.params.id, req.body.version)),
  );

  r.put(
    '/api/v1/users/:id/clearance',
    {
      config: { access: { roles: SEC } },
      schema: {
        operationId: 'setUserClearance',
        tags,
        summary: '设定涉密等级（安全管理员）',
        params: IdParamsSchema,
        body: SetClearanceBodySchema,
        response: { 200: UserSchema },
      },
    },
    async (req) => setClearance(ctxOf(app, req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/users/credential-resets',
    {
      config: { access: { roles: RESET_APPROVER_ROLES } },
      schema: {
        operationId: 'listCredentialResets',
        tags,
        summary: '凭据重置申请（待批准及近30日已处理）',
        response: { 200: CredentialResetListSchema },
      },
    },
    async (req) => ({ items: await listResets(ctxOf(app, req)) }),
  );

  r.post(
    '/api/v1/users/credential-resets/:id/approve',
    {
      config: { access: { roles: RESET_APPROVER_ROLES } },
      schema: {
        operationId: 'approveCredentialReset',
        tags,
        summary: '批准凭据重置（须非申请人）',
        params: IdParamsSchema,
        response: { 200: CredentialResetSchema },
      },
    },
    async (req) => approveReset(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/users/credential-resets/:id/reject',
    {
      config: { access: { roles: RESET_APPROVER_ROLES } },
      schema: {
        operationId: 'rejectCredentialReset',
        tags,
        summary: '驳回或撤回凭据重置申请',
        params: IdParamsSchema,
        response: { 200: CredentialResetSchema },
      },
    },
    async (req) => rejectReset(ctxOf(app, req), req.params.id),
  );
}
