import {
  AllocateDocNumberBodySchema,
  AllocatedDocNumberSchema,
  DocNumberListQuerySchema,
  DocNumberListSchema,
  DocNumberSequenceListSchema,
} from '@liandong/domain/doc-numbers/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { allocateManual, listDocNumbers, listSequences } from './service';

/** 发文字号 (代字〔年〕N号): the register and manual allocation. */
export async function docNumberRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/doc-numbers',
    {
      // The register names cases and purposes: business content, so not for the 三员.
      config: { access: { roles: ['SECRETARY', 'CASE_MANAGER', 'OFFICE_STAFF'] } },
      schema: {
        operationId: 'listDocNumbers',
        tags: ['doc-numbers'],
        summary: '发文字号登记簿',
        querystring: DocNumberListQuerySchema,
        response: { 200: DocNumberListSchema },
      },
    },
    async (req) => listDocNumbers(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/doc-numbers/sequences',
    {
      config: { access: { roles: ['SYS_ADMIN', 'SECRETARY', 'CASE_MANAGER', 'OFFICE_STAFF'] } },
      schema: {
        operationId: 'listDocNumberSequences',
        tags: ['doc-numbers'],
        summary: '文号序列状态（各代字、年度的已取号数与最大号，不含用途和对象）',
        response: { 200: DocNumberSequenceListSchema },
      },
    },
    async (req) => listSequences(ctxOf(app, req)),
  );

  r.post(
    '/api/v1/doc-numbers',
    {
      config: { access: { roles: ['SECRETARY', 'OFFICE_STAFF', 'CASE_MANAGER'] } },
      schema: {
        operationId: 'allocateDocNumber',
        tags: ['doc-numbers'],
        summary: '取号（连续不跳号）',
        body: AllocateDocNumberBodySchema,
        response: { 201: AllocatedDocNumberSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await allocateManual(ctxOf(app, req), req.body)),
  );
}
