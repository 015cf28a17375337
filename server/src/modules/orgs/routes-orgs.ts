import {
  IdParamsSchema,
  OrgCreateBodySchema,
  OrgDetailSchema,
  OrgListQuerySchema,
  OrgListSchema,
  OrgPatchBodySchema,
  OrgRetireBodySchema,
  OrgSchema,
  OrgStaffQuerySchema,
  OrgStaffSchema,
  OrgTreeQuerySchema,
  OrgTreeSchema,
} from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { STRUCTURE_READ_ROLES, STRUCTURE_WRITE_ROLES } from './policy';
import { createOrg, getOrgDetail, listOrgsPage, orgStaff, orgTree, retireOrg, updateOrg } from './service-orgs';

const tags = ['orgs'];

/** 组织机构: list, tree, detail, create, edit, retire. */
export async function orgsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/orgs',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'listOrgs', tags, summary: '组织机构列表（按知悉范围）', querystring: OrgListQuerySchema, response: { 200: OrgListSchema } },
    },
    async (req) => listOrgsPage(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/orgs/tree',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: {
        operationId: 'getOrgTree',
        tags,
        summary: '组织机构树（派驻单位挂在派驻组下）',
        querystring: OrgTreeQuerySchema,
        response: { 200: OrgTreeSchema },
      },
    },
    async (req) => orgTree(ctxOf(app, req), req.query.includeRetired),
  );

  r.get(
    '/api/v1/orgs/:id',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'getOrg', tags, summary: '组织详情及现行关联', params: IdParamsSchema, response: { 200: OrgDetailSchema } },
    },
    async (req) => getOrgDetail(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/orgs/:id/staff',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'getOrgStaff',
        tags,
        summary: '本单位在职账号（选择负责人）',
        params: IdParamsSchema,
        querystring: OrgStaffQuerySchema,
        response: { 200: OrgStaffSchema },
      },
    },
    async (req) => orgStaff(ctxOf(app, req), req.params.id, req.query.q),
  );

  r.post(
    '/api/v1/orgs',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: { operationId: 'createOrg', tags, summary: '新增组织（系统管理员）', body: OrgCreateBodySchema, response: { 200: OrgSchema } },
    },
    async (req) => createOrg(ctxOf(app, req), req.body),
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'updateOrg',
        tags,
        summary: '修改组织（须带版本号）',
        params: IdParamsSchema,
        body: OrgPatchBodySchema,
        response: { 200: OrgSchema },
      },
    },
    async (req) => updateOrg(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/orgs/:id/retire',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'retireOrg',
        tags,
        summary: '撤销组织（仍有下级、关联或账号时拒绝）',
        params: IdParamsSchema,
        body: OrgRetireBodySchema,
        response: { 200: OrgSchema },
      },
    },
    async (req) => retireOrg(ctxOf(app, req), req.params.id, req.body),
  );
}
