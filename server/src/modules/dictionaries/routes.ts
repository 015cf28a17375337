import { DictionaryItemParamsSchema, DictionaryItemSchema, DictionaryListSchema, SaveDictionaryItemBodySchema } from '@liandong/domain/dictionaries/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/context';
import { listDictionaries, saveItem } from './service';

/** 数据字典 */
export async function dictionaryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/dictionaries',
    {
      config: { access: { roles: 'any' } },
      schema: { operationId: 'listDictionaries', tags: ['dictionaries'], summary: '数据字典（含字典项）', response: { 200: DictionaryListSchema } },
    },
    async (req) => listDictionaries(ctxOf(app, req)),
  );

  r.put(
    '/api/v1/dictionaries/:code/items/:itemCode',
    {
      config: { access: { roles: ['SYS_ADMIN'] } },
      schema: {
        operationId: 'saveDictionaryItem',
        tags: ['dictionaries'],
        summary: '新增或修改字典项（系统字典只能改名称和排序）',
        params: DictionaryItemParamsSchema,
        body: SaveDictionaryItemBodySchema,
        response: { 200: DictionaryItemSchema },
      },
    },
    async (req) => saveItem(ctxOf(app, req), req.params.code, req.params.itemCode, req.body),
  );
}
