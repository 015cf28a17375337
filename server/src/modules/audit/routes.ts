import { AuditSearchQuerySchema, AuditSearchResultSchema, AuditVerifyResultSchema } from '@liandong/domain/audit/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { searchAuditEvents, verifyChain } from './service';

const AUDIT = ['AUDIT_ADMIN'] as const;

/** 安全审计 (audit administrator only). */
export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit/events',
    {
      config: { access: { roles: AUDIT } },
      schema: {
        operationId: 'searchAuditEvents',
        tags: ['audit'],
        summary: '查询审计日志（按编号倒序，游标分页）',
        querystring: AuditSearchQuerySchema,
        response: { 200: AuditSearchResultSchema },
      },
    },
    async (req) => searchAuditEvents(ctxOf(app, req), req.query),
  );

  r.get(
    '/api/v1/audit/verify',
    {
      config: { access: { roles: AUDIT } },
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: '校验本委审计链（HMAC-SM3 密钥链，对照签名锚点）',
        response: { 200: AuditVerifyResultSchema },
      },
    },
    async (req) => verifyChain(ctxOf(app, req)),
  );
}
