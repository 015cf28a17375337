import type { Matrix } from '@liandong/domain/supervision/contracts';
import {
  CommonItemCollectionSchema,
  CommonItemCreateBodySchema,
  CommonItemIssuedSchema,
  CommonItemQuerySchema,
  MatrixQuerySchema,
  MatrixSchema,
} from '@liandong/domain/supervision/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { SUPERVISION_ROLES } from './policy';
import { issueCommonItem, listCommonItems, matrixJson } from './service-common';

const tags = ['supervision'];
const collection = { access: { roles: SUPERVISION_ROLES } };

/** 共性事项 and the coordinator's matrix. */
export async function commonRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/supervision/common-items',
    {
      config: collection,
      schema: {
        operationId: 'listCommonItems',
        tags,
        summary: '共性监督事项',
        querystring: CommonItemQuerySchema,
        response: { 200: CommonItemCollectionSchema },
      },
    },
    async (req) => listCommonItems(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/supervision/common-items',
    {
      config: collection,
      schema: {
        operationId: 'issueCommonItem',
        tags,
        summary: '下发共性监督事项（党风政风监督室）',
        body: CommonItemCreateBodySchema,
        response: { 200: CommonItemIssuedSchema },
      },
    },
    async (req) => issueCommonItem(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/supervision/matrix',
    {
      config: collection,
      schema: {
        operationId: 'getCommonItemMatrix',
        tags,
        summary: '派驻组 × 共性事项完成情况',
        querystring: MatrixQuerySchema,
        response: { 200: MatrixSchema },
      },
    },
    // Sent pre-serialised as UTF-8 bytes (validated against MatrixSchema when kept): Fastify sends a Buffer as it is.
    async (req, reply) => reply.type('application/json; charset=utf-8').send((await matrixJson(ctxOf(app, req), req.query.year)) as unknown as Matrix),
  );
}
