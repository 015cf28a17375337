/**
 * Bare routes of the issue-12 ledgers for bench/bare-child.ts: the case ledger, the rectification-task ledger, the
 * 以案促改 ledger and a leader's my-items over the org scope, each through its module's own data function
 * (listCases, listTasks, listRecords, myItems: same SQL by construction) with the query the real route gets when
 * the ledger opens (the schema's defaults: first page, default sort), for the account named in `?u=`.
 */
import { CaseListQuerySchema } from '@liandong/domain/cases/contracts';
import { ReformRecordQuerySchema, TaskQuerySchema } from '@liandong/domain/reform/contracts';
import { MyItemsQuerySchema } from '@liandong/domain/supervision/contracts';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../server/src/db/pool';
import { listCases } from '../server/src/modules/cases';
import { listRecords, listTasks } from '../server/src/modules/reform';
import { myItems } from '../server/src/modules/supervision';
import type { Actor } from '../server/src/platform/access';
import type { Ctx } from '../server/src/platform/context';

function ctxFor(db: Db, actor: Actor): Ctx {
  return { db, actor, requestId: 'bench', ip: '127.0.0.1', log: console as never, cipher: undefined as never, config: undefined as never };
}

export function registerLedgersBare(app: FastifyInstance, db: Db, actorOf: (query: unknown) => Promise<Actor | undefined>) {
  const cases = CaseListQuerySchema.parse({});
  const tasks = TaskQuerySchema.parse({});
  const records = ReformRecordQuerySchema.parse({});
  // GET /api/v1/supervision/my-items?role=scope&pageSize=20: a leader's items across the org scope.
  const scopeItems = MyItemsQuerySchema.parse({ role: 'scope', pageSize: 20 });
  const route = (path: string, run: (ctx: Ctx) => Promise<unknown>) =>
    app.get(path, async (req, reply) => {
      const actor = await actorOf(req.query);
      if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
      return run(ctxFor(db, actor));
    });
  route('/bare/cases', (ctx) => listCases(ctx, cases));
  route('/bare/tasks', (ctx) => listTasks(ctx, tasks));
  route('/bare/reform-records', (ctx) => listRecords(ctx, records));
  route('/bare/my-items/scope', (ctx) => myItems(ctx, scopeItems));
}
