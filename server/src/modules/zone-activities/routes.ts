import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  ZoneActivityCollectionSchema,
  ZoneActivityCreateBodySchema,
  ZoneActivityDetailSchema,
  ZoneActivityPatchBodySchema,
  ZoneActivityQuerySchema,
  ZoneActivitySchema,
  ZoneFindingBodySchema,
} from '@liandong/domain/zone-activities/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { ZONE_ACTIVITY_ROLES } from './repo';
import { createZoneActivity, getZoneActivity, listZoneActivities, recordZoneFinding, updateZoneActivity } from './service';

const tags = ['zone-activities'];
const access = { roles: ZONE_ACTIVITY_ROLES };

/** 片区协作 — joint activities of county work zones, their outcomes and findings. */
export async function zoneActivityRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/zone-activities',
    {
      config: { access },
      schema: {
        operationId: 'listZoneActivities',
        tags,
        summary: '片区协作活动',
        querystring: ZoneActivityQuerySchema,
        response: { 200: ZoneActivityCollectionSchema },
      },
    },
    async (req) => listZoneActivities(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/zone-activities/:id',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: { operationId: 'getZoneActivity', tags, summary: '片区协作活动详情', params: IdParamsSchema, response: { 200: ZoneActivityDetailSchema } },
    },
    async (req) => getZoneActivity(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/zone-activities',
    {
      config: { access },
      schema: {
        operationId: 'createZoneActivity',
        tags,
        summary: '记录片区协作活动',
        body: ZoneActivityCreateBodySchema,
        response: { 200: ZoneActivitySchema },
      },
    },
    async (req) => createZoneActivity(ctxOf(app, req), req.body),
  );

  r.patch(
    '/api/v1/zone-activities/:id',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: {
        operationId: 'updateZoneActivity',
        tags,
        summary: '修改片区协作活动',
        params: IdParamsSchema,
        body: ZoneActivityPatchBodySchema,
        response: { 200: ZoneActivitySchema },
      },
    },
    async (req) => updateZoneActivity(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/zone-activities/:id/findings',
    {
      config: { access: { ...access, notFoundOnDeny: true } },
      schema: {
        operationId: 'recordZoneFinding',
        tags,
        summary: '记录片区协作发现问题',
        params: IdParamsSchema,
        body: ZoneFindingBodySchema,
        response: { 200: ZoneActivityDetailSchema },
      },
    },
    async (req) => recordZoneFinding(ctxOf(app, req), req.params.id, req.body),
  );
}
