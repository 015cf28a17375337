import { IdParamsSchema } from '@liandong/domain/platform/common';
import {
  ConsultationBodySchema,
  ConsultationSchema,
  ItemCreateBodySchema,
  ItemSchema,
  ListCollectionSchema,
  ListCreateBodySchema,
  ListDetailSchema,
  ListIssueBodySchema,
  ListPatchBodySchema,
  ListQuerySchema,
  ListTransitionBodySchema,
  ProgressChartSchema,
} from '@liandong/domain/supervision/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { ctxOf } from '../../platform/context';
import { SUPERVISION_ROLES } from './policy';
import { progressChart } from './service-chart';
import { createItem } from './service-items';
import { createList, getList, issueList, listLists, listStaff, patchList, recordConsultation, transitionList } from './service-lists';
import { retryAfterOnError } from '../../platform/gate';
import { z } from 'zod';

const tags = ['supervision'];
const { collection, object } = routeAccess(SUPERVISION_ROLES);

/** 监督清单: lists, their planning actions and 室组会商 records. */
export async function listRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/supervision/lists',
    {
      config: collection,
      schema: {
        operationId: 'listSupervisionLists',
        tags,
        summary: '监督清单（按知悉范围）',
        querystring: ListQuerySchema,
        response: { 200: ListCollectionSchema },
      },
    },
    async (req) => listLists(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/supervision/lists',
    {
      config: collection,
      schema: { operationId: 'createSupervisionList', tags, summary: '建立年度监督清单', body: ListCreateBodySchema, response: { 200: ListDetailSchema } },
    },
    async (req) => createList(ctxOf(app, req), req.body),
  );

  r.get(
    '/api/v1/supervision/lists/:id',
    {
      config: object,
      schema: {
        operationId: 'getSupervisionList',
        tags,
        summary: '监督清单详情（事项、会商记录）',
        params: IdParamsSchema,
        response: { 200: ListDetailSchema },
      },
    },
    async (req) => getList(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/supervision/lists/:id/staff',
    {
      config: object,
      schema: {
        operationId: 'listSupervisionListStaff',
        tags,
        summary: '清单所属派驻组和联系室的在岗人员（可指定为事项责任人）',
        params: IdParamsSchema,
        response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() })) }) },
      },
    },
    async (req) => listStaff(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/supervision/lists/:id',
    {
      config: object,
      schema: {
        operationId: 'updateSupervisionList',
        tags,
        summary: '修改监督清单',
        params: IdParamsSchema,
        body: ListPatchBodySchema,
        response: { 200: ListDetailSchema },
      },
    },
    async (req) => patchList(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/lists/:id/transitions',
    {
      config: object,
      schema: {
        operationId: 'transitionSupervisionList',
        tags,
        summary: '整单会商或审定（对清单中处于相应状态的全部事项）',
        params: IdParamsSchema,
        body: ListTransitionBodySchema,
        response: { 200: ListDetailSchema },
      },
    },
    async (req) => transitionList(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/lists/:id/issue',
    {
      config: object,
      onError: retryAfterOnError,
      schema: {
        operationId: 'issueSupervisionList',
        tags,
        summary: '印发监督清单（党风政风监督室；以通知印发，编发文字号；事项须全部审定；只能印发一次）',
        params: IdParamsSchema,
        body: ListIssueBodySchema,
        response: { 200: ListDetailSchema },
      },
    },
    async (req) => issueList(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/lists/:id/items',
    {
      config: object,
      schema: {
        operationId: 'createSupervisionItem',
        tags,
        summary: '新增监督事项（草拟）',
        params: IdParamsSchema,
        body: ItemCreateBodySchema,
        response: { 200: ItemSchema },
      },
    },
    async (req) => createItem(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/lists/:id/consultations',
    {
      config: object,
      schema: {
        operationId: 'recordListConsultation',
        tags,
        summary: '记录室组会商',
        params: IdParamsSchema,
        body: ConsultationBodySchema,
        response: { 200: ConsultationSchema },
      },
    },
    async (req) => recordConsultation(ctxOf(app, req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/supervision/lists/:id/progress-chart',
    {
      config: object,
      schema: { operationId: 'getListProgressChart', tags, summary: '清单推进情况（按月）', params: IdParamsSchema, response: { 200: ProgressChartSchema } },
    },
    async (req) => progressChart(ctxOf(app, req), req.params.id),
  );
}
