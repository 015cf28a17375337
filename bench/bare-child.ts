/**
 * The baseline: a bare Fastify instance (no plugins, no hooks, no auth, no zod, default JSON
 * serialisation) whose routes call the endpoints' own data functions — listOrgs
 * (modules/orgs/repo-orgs.ts) and getMe (modules/auth/me.ts) — so they run exactly the SQL the
 * real endpoints run, on a pool of the same size, for the account named in `?u=<user id>`.
 * `node --import tsx bench/bare-child.ts` with DATABASE_URL, PORT and HOST; reports
 * `{ type: 'ready', url }` over IPC.
 *
 * The account (its row, roles and need-to-know scope) is resolved once per account and kept, as the
 * real server's scope cache keeps the scope; the bare route has no session lookup. What the real
 * endpoint does on top of this is what the ratio measures: the session lookup (one query per
 * request), the route chain (cookie, CSRF and access hooks, helmet headers), zod validation and
 * serialisation, presentation (abilities) and logging.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { createDb } from '../server/src/db/pool';
import { getMe } from '../server/src/modules/auth';
import { listOrgs } from '../server/src/modules/orgs';
import { matrix, myItems } from '../server/src/modules/supervision';
import type { Actor } from '../server/src/platform/access';
import { findAccountActor } from '../server/src/platform/account-actor';
import { configureAuditKey } from '../server/src/platform/audit';
import type { Ctx } from '../server/src/platform/context';
import { registerCampaignBare } from './campaign-bare';
import { registerCaseworkBare } from './casework-bare';
import { registerCockpitBare } from './cockpit';
import { registerLedgersBare } from './ledgers-bare';
import { registerReformBare } from './reform-bare';
import { registerSelfInspectionBare } from './self-inspection';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const { db } = createDb(databaseUrl, 20);
// Audited reads (search) are keyed like the real server's (HMAC-SM3); the bench database is thrown away.
configureAuditKey(randomBytes(32));

const actors = new Map<string, Promise<Actor | undefined>>();

function actorOf(query: unknown): Promise<Actor | undefined> {
  const id = (query as { u?: string }).u ?? '';
  if (!/^[0-9a-f-]{36}$/.test(id)) return Promise.resolve(undefined);
  let hit = actors.get(id);
  if (!hit) {
    hit = findAccountActor(db, { userId: id });
    actors.set(id, hit);
  }
  return hit;
}

const app = Fastify({ logger: false });

app.get('/bare/me', async (req, reply) => {
  const actor = await actorOf(req.query);
  if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
  return getMe({ db, actor } as Ctx);
});

app.get('/bare/orgs', async (req, reply) => {
  const actor = await actorOf(req.query);
  if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
  const { rows, total } = await listOrgs(db, actor, { page: 1, pageSize: 50, includeRetired: false, directory: false });
  return { items: rows, total };
});

app.get('/bare/my-items', async (req, reply) => {
  const actor = await actorOf(req.query);
  if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
  return myItems({ db, actor } as Ctx, { role: 'all', page: 1, pageSize: 20 });
});

app.get('/bare/matrix', async (req, reply) => {
  const actor = await actorOf(req.query);
  if (!actor) return reply.code(404).send({ code: 'NOT_FOUND' });
  return matrix({ db, actor } as Ctx, 2026);
});

registerCaseworkBare(app, db, actorOf);
registerCockpitBare(app, db, actorOf);
registerReformBare(app, db, actorOf);
registerCampaignBare(app, db, actorOf);
registerSelfInspectionBare(app, db, actorOf);
registerLedgersBare(app, db, actorOf);

await app.listen({ host, port });
const address = app.server.address();
const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop')
    void app
      .close()
      .then(() => db.destroy())
      .finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url });
