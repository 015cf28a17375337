import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  FindingBodySchema,
  ItemDetailSchema,
  ItemOrderBodySchema,
  ItemPatchBodySchema,
  ItemSchema,
  ItemTransitionBodySchema,
  MyItemsQuerySchema,
  MyItemsSchema,
  ProgressBodySchema,
} from '@liandong/domain/supervision/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { SUPERVISION_ROLES } from './policy';
import { getItem } from './service-item-detail';
import { orderItem, patchItem, recordFinding, reportProgress, transitionItem } from './service-items';
import { myItems } from './service-my';

const tags = ['supervision'];
const { collection, object } = routeAccess(SUPERVISION_ROLES);

/** 监督事项: my items, one item, its transitions, progress reports and findings; 点题派单. */
export async function itemRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/supervision/my-items',
    {
      config: collection,
      schema: {
        operationId: 'listMySupervisionItems',
        tags,
        summary: '我的监督事项（牵头、协助、责任人）',
        querystring: MyItemsQuerySchema,
        response: { 200: MyItemsSchema },
      },
    },
    async (req) => myItems(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/supervision/items',
    {
      config: collection,
      schema: { operationId: 'orderSupervisionItem', tags, summary: '点题派单（分管领导、书记）', body: ItemOrderBodySchema, response: { 200: ItemSchema } },
    },
    async (req) => orderItem(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/supervision/items/:id',
    {
      config: object,
      schema: {
        operationId: 'getSupervisionItem',
        tags,
        summary: '监督事项详情（流转、进展、发现问题）',
        params: IdParamsSchema,
        response: { 200: ItemDetailSchema },
      },
    },
    async (req) => getItem(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/supervision/items/:id',
    {
      config: object,
      schema: {
        operationId: 'updateSupervisionItem',
        tags,
        summary: '修改监督事项（草拟、已会商）',
        params: IdParamsSchema,
        body: ItemPatchBodySchema,
        response: { 200: ItemSchema },
      },
    },
    async (req) => patchItem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/items/:id/transitions',
    {
      config: object,
      schema: {
        operationId: 'transitionSupervisionItem',
        tags,
        summary: '监督事项流转',
        params: IdParamsSchema,
        body: ItemTransitionBodySchema,
        response: { 200: ItemSchema },
      },
    },
    async (req) => transitionItem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/items/:id/progress',
    {
      config: object,
      schema: {
        operationId: 'reportSupervisionProgress',
        tags,
        summary: '报告进展（文字和附件）',
        params: IdParamsSchema,
        body: ProgressBodySchema,
        response: { 200: ItemSchema },
      },
    },
    async (req) => reportProgress(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/items/:id/findings',
    {
      config: object,
      schema: {
        operationId: 'recordSupervisionFinding',
        tags,
        summary: '记录发现问题及处置建议',
        params: IdParamsSchema,
        body: FindingBodySchema,
        response: { 200: ItemSchema },
      },
    },
    async (req) => recordFinding(ctxOf(app, req), req.params.id, req.body),
  );
}
