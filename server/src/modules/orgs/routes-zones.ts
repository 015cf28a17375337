import { IdParamsSchema, ZoneCreateBodySchema, ZoneListQuerySchema, ZoneListSchema, ZonePatchBodySchema, ZoneSchema } from '@liandong/domain/org/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { STRUCTURE_READ_ROLES, STRUCTURE_WRITE_ROLES } from './policy';
import { createZone, listZonesPage, updateZone } from './service-zones';

const tags = ['orgs'];

/** 片区 / 片区协作组. Members are added and ended through /links (type ZONE_MEMBER). */
export async function zonesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/zones',
    {
      config: { access: { roles: STRUCTURE_READ_ROLES } },
      schema: { operationId: 'listZones', tags, summary: '片区及成员', querystring: ZoneListQuerySchema, response: { 200: ZoneListSchema } },
    },
    async (req) => listZonesPage(ctxOf(app, req), req.query.includeEnded),
  );

  r.post(
    '/api/v1/zones',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: { operationId: 'createZone', tags, summary: '新增片区（系统管理员）', body: ZoneCreateBodySchema, response: { 200: ZoneSchema } },
    },
    async (req) => createZone(ctxOf(app, req), req.body),
  );

  r.patch(
    '/api/v1/zones/:id',
    {
      config: { access: { roles: STRUCTURE_WRITE_ROLES } },
      schema: {
        operationId: 'updateZone',
        tags,
        summary: '修改片区（名称、牵头单位、协作模式、撤销）',
        params: IdParamsSchema,
        body: ZonePatchBodySchema,
        response: { 200: ZoneSchema },
      },
    },
    async (req) => updateZone(ctxOf(app, req), req.params.id, req.body),
  );
}
