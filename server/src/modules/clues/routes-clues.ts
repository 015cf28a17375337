import {
  ClueActionBodySchema,
  ClueCreateBodySchema,
  ClueDetailSchema,
  ClueListSchema,
  ClueOverdueQuerySchema,
  ClueOverdueSchema,
  CluePatchBodySchema,
  ClueQuerySchema,
  ClueRequestBodySchema,
  ClueRequestSchema,
  ComplainantSchema,
  HandOverBodySchema,
  RelatedCluesSchema,
} from '@liandong/domain/clues/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { routeAccess } from '../../platform/access';
import { XLSX } from '../../platform/excel';
import { ctxOf } from '../../platform/context';
import { sendFile } from '../../platform/http';
import { exportClues } from './excel';
import { CLUE_READ_ROLES, INTAKE_ROLES } from './policy';
import { clueAction } from './service-actions';
import { getClue } from './service-detail';
import { createClue, handOverFinding, patchClue, readComplainant } from './service-intake';
import { listClues, relatedClues } from './service-ledger';
import { overdueBoard } from './service-overdue';
import { createRequest } from './service-requests';

const tags = ['clues'];
const { collection, object } = routeAccess(CLUE_READ_ROLES);

/** 问题线索: intake, ledger, export, overdue board, detail, edits, complainant, related, actions, requests. */
export async function clueBookRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/clues',
    {
      config: { access: { roles: INTAKE_ROLES } },
      schema: { operationId: 'createClue', tags, summary: '受理问题线索', body: ClueCreateBodySchema, response: { 200: ClueDetailSchema } },
    },
    async (req) => {
      const ctx = ctxOf(app, req);
      const { id } = await createClue(ctx, req.body);
      return getClue(ctx, id);
    },
  );

  r.get(
    '/api/v1/clues',
    {
      config: collection,
      schema: { operationId: 'listClues', tags, summary: '问题线索台账', querystring: ClueQuerySchema, response: { 200: ClueListSchema } },
    },
    async (req) => listClues(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/clues/export.xlsx',
    { config: collection, schema: { operationId: 'exportClues', tags, summary: '导出问题线索台账（Excel）', querystring: ClueQuerySchema } },
    async (req, reply) => sendFile(reply, '问题线索台账.xlsx', XLSX, await exportClues(ctxOf(app, req), req.query)),
  );

  r.get(
    '/api/v1/clues/overdue',
    {
      config: collection,
      schema: { operationId: 'clueOverdue', tags, summary: '问题线索到期提醒', querystring: ClueOverdueQuerySchema, response: { 200: ClueOverdueSchema } },
    },
    async (req) => overdueBoard(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/clues/:id',
    { config: object, schema: { operationId: 'getClue', tags, summary: '问题线索详情', params: IdParamsSchema, response: { 200: ClueDetailSchema } } },
    async (req) => getClue(ctxOf(app, req), req.params.id),
  );

  r.patch(
    '/api/v1/clues/:id',
    {
      config: object,
      schema: {
        operationId: 'updateClue',
        tags,
        summary: '修改受理信息',
        params: IdParamsSchema,
        body: CluePatchBodySchema,
        response: { 200: ClueDetailSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(app, req);
      await patchClue(ctx, req.params.id, req.body);
      return getClue(ctx, req.params.id);
    },
  );

  r.get(
    '/api/v1/clues/:id/complainant',
    {
      config: object,
      schema: {
        operationId: 'getClueComplainant',
        tags,
        summary: '举报人信息（信访室；查阅留痕）',
        params: IdParamsSchema,
        response: { 200: ComplainantSchema },
      },
    },
    async (req) => readComplainant(ctxOf(app, req), req.params.id),
  );

  r.get(
    '/api/v1/clues/:id/related',
    { config: object, schema: { operationId: 'relatedClues', tags, summary: '相关线索', params: IdParamsSchema, response: { 200: RelatedCluesSchema } } },
    async (req) => relatedClues(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/clues/:id/actions',
    {
      config: object,
      schema: {
        operationId: 'clueAction',
        tags,
        summary: '问题线索办理',
        params: IdParamsSchema,
        body: ClueActionBodySchema,
        response: { 200: ClueDetailSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(app, req);
      await clueAction(ctx, req.params.id, req.body);
      return getClue(ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/clues/:id/requests',
    {
      config: object,
      schema: {
        operationId: 'requestClueApproval',
        tags,
        summary: '提请审批',
        params: IdParamsSchema,
        body: ClueRequestBodySchema,
        response: { 200: ClueRequestSchema },
      },
    },
    async (req) => createRequest(ctxOf(app, req), req.params.id, req.body),
  );

  r.post(
    '/api/v1/supervision/findings/:id/hand-over',
    {
      config: { access: { roles: INTAKE_ROLES, notFoundOnDeny: true } },
      schema: {
        operationId: 'handOverFinding',
        tags,
        summary: '监督发现问题移交为问题线索',
        params: IdParamsSchema,
        body: HandOverBodySchema,
        response: { 200: ClueDetailSchema },
      },
    },
    async (req) => {
      const ctx = ctxOf(app, req);
      const { id } = await handOverFinding(ctx, req.params.id, req.body);
      return getClue(ctx, id);
    },
  );
}
