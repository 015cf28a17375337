import {
  LinkageMapSchema,
  LinkCreateBodySchema,
  LinkEndBodySchema,
  LinkListQuerySchema,
  LinkListSchema,
  LinkParamsSchema,
  LinkSchema,
} from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { STRUCTURE_READ_ROLES, STRUCTURE_WRITE_ROLES } from './policy';
import { createLink, endLink, listLinksPage } from './service-links';
import { linkageMap } from './service-map';

const tags = ['orgs'];

/** 分管 / 联系 / 派驻 / 片区成员 links and the linkage map. */
export async function linksRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/links',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: {
        operationId: 'listLinks',
        tags,
        summary: '分管、联系、派驻、片区成员关系',
        querystring: LinkListQuerySchema,
        response: { 200: LinkListSchema },
      },
    },
    async (req) => listLinksPage(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/links',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: { operationId: 'createLink', tags, summary: '新增关联（系统管理员）', body: LinkCreateBodySchema, response: { 200: LinkSchema } },
    },
    async (req) => createLink(ctxOf(app, req), req.body),
  );

  r.post(
    '/api/v1/links/:type/:id/end',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'endLink',
        tags,
        summary: '终止关联（按生效日期，历史保留）',
        params: LinkParamsSchema,
        body: LinkEndBodySchema,
        response: { 200: LinkSchema },
      },
    },
    async (req) => endLink(ctxOf(app, req), req.params.type, req.params.id, req.body),
  );

  r.get(
    '/api/v1/linkage-map',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'getLinkageMap', tags, summary: '室组地联动关系图（现行关系，按知悉范围）', response: { 200: LinkageMapSchema } },
    },
    async (req) => linkageMap(ctxOf(app, req)),
  );
}
