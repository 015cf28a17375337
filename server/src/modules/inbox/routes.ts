import { InboxListSchema, InboxMessageSchema, InboxQuerySchema } from '@liandong/domain/inbox/contracts';
import { IdParamsSchema } from '@liandong/domain/platform/common';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import { listInbox, markAllRead, markRead } from './service';

/** 消息 (own messages only). */
export async function inboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/inbox',
    {
      config: { access: { roles: 'any' } },
      schema: { operationId: 'listInbox', tags: ['inbox'], summary: '我的消息', querystring: InboxQuerySchema, response: { 200: InboxListSchema } },
    },
    async (req) => listInbox(ctxOf(app, req), req.query),
  );

  r.post(
    '/api/v1/inbox/:id/read',
    {
      config: { access: { roles: 'any' } },
      schema: { operationId: 'markInboxRead', tags: ['inbox'], summary: '标记为已读', params: IdParamsSchema, response: { 200: InboxMessageSchema } },
    },
    async (req) => markRead(ctxOf(app, req), req.params.id),
  );

  r.post(
    '/api/v1/inbox/read-all',
    {
      config: { access: { roles: 'any' } },
      schema: { operationId: 'markAllInboxRead', tags: ['inbox'], summary: '全部标记为已读', response: { 200: z.object({ updated: z.number() }) } },
    },
    async (req) => ({ updated: await markAllRead(ctxOf(app, req)) }),
  );
}
