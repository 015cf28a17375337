import { WorkbenchSchema } from '@liandong/domain/workbench/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { getWorkbench } from './service';

/** 工作台: the signed-in user's to-dos, each card a filtered ledger (issue 13). */
export async function workbenchRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/workbench',
    {
      // Every account has a home; what a card shows is decided per role inside, by the ledgers' own rules.
      config: { access: { roles: 'any' } },
      schema: { operationId: 'getWorkbench', tags: ['workbench'], summary: '工作台（我的待办）', response: { 200: WorkbenchSchema } },
    },
    async (req) => getWorkbench(ctxOf(app, req)),
  );
}
