/**
 * The baseline: a bare Fastify instance (no plugins, no hooks, no auth, no zod, default JSON
 * serialisation) running the same SQL as the real endpoints on a plain pg pool of the same size,
 * for the account named in `?u=<user id>`. `node --import tsx bench/bare-child.ts`, with
 * DATABASE_URL, PORT and HOST; reports `{ type: 'ready', url }` over IPC.
 *
 * What the real endpoints do on top of this is what the ratio measures: the session lookup (one
 * query), the route chain (hooks, access rule), Kysely query building, zod validation and
 * serialisation, helmet headers and logging.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { ME_SQL, ORGS_SQL } from './bare-sql';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const pool = new pg.Pool({ connectionString: databaseUrl, max: 20, idleTimeoutMillis: 30000, application_name: 'liandong-bench-bare' });
pool.on('error', () => undefined);

interface Account {
  id: string;
  username: string;
  display_name: string;
  org_id: string;
  person_id: string;
  commission_id: string;
  clearance: string;
  roles: string[];
}

// What a session would have told us, loaded once up front (the bare endpoint has no session lookup).
const accounts = new Map(
  (
    await pool.query<Account>(
      'SELECT u.id, u.username, u.display_name, u.org_id, u.person_id, u.commission_id, u.clearance, ARRAY(SELECT role FROM user_role r WHERE r.user_id = u.id ORDER BY role) AS roles FROM app_user u',
    )
  ).rows.map((a) => [a.id, a]),
);

const BUSINESS_EXCLUDED = ['SYS_ADMIN', 'SEC_ADMIN', 'AUDIT_ADMIN'];
const COMMISSION_WIDE = ['SECRETARY', 'STANDING_COMMITTEE', 'CASE_MANAGER', 'PETITION_OFFICER', 'CADRE_SUPERVISION'];

// Same 5-second cache of per-commission settings as platform/settings.ts.
const settingsCache = new Map<string, { at: number; rows: { key: string; value: unknown }[] }>();
async function settings(commissionId: string) {
  const hit = settingsCache.get(commissionId);
  if (hit && Date.now() - hit.at < 5000) return hit.rows;
  const rows = (await pool.query<{ key: string; value: unknown }>(ME_SQL.settings, [commissionId])).rows;
  settingsCache.set(commissionId, { at: Date.now(), rows });
  return rows;
}

const app = Fastify({ logger: false });

function accountOf(query: unknown): Account | undefined {
  const id = (query as { u?: string }).u;
  return id ? accounts.get(id) : undefined;
}

app.get('/bare/me', async (req, reply) => {
  const a = accountOf(req.query);
  if (!a) return reply.code(404).send({ code: 'NOT_FOUND' });
  const business = a.roles.some((r) => !BUSINESS_EXCLUDED.includes(r));
  const [user, , scope, reasons, unread] = await Promise.all([
    pool.query(ME_SQL.user, [a.id]),
    settings(a.commission_id),
    pool.query<{ id: string; name_zh: string; kind: string; own: boolean }>(ME_SQL.scope, [a.org_id, a.id, a.org_id]),
    business
      ? pool.query<Record<string, boolean>>(ME_SQL.reasons, [
          a.roles.some((r) => COMMISSION_WIDE.includes(r)),
          a.org_id,
          a.person_id,
          a.org_id,
          a.org_id,
          a.org_id,
          a.org_id,
          a.id,
          a.roles.includes('COUNTY_STAFF'),
        ])
      : undefined,
    pool.query<{ n: number }>(ME_SQL.unread, [a.id]),
  ]);
  const byKind: Record<string, number> = {};
  for (const r of scope.rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  const u = user.rows[0];
  return {
    user: {
      id: a.id,
      username: a.username,
      displayName: a.display_name,
      roles: a.roles,
      clearance: a.clearance,
      org: { id: a.org_id, nameZh: u.org_name, kind: u.org_kind },
    },
    scope: {
      orgCount: scope.rows.length,
      byKind,
      sample: scope.rows.slice(0, 12).map((r) => ({ id: r.id, nameZh: r.name_zh, kind: r.kind })),
      reasons: reasons
        ? Object.entries(reasons.rows[0] ?? {})
            .filter(([, v]) => v)
            .map(([k]) => k)
        : [],
    },
    unreadInbox: unread.rows[0]?.n ?? 0,
  };
});

app.get('/bare/orgs', async (req, reply) => {
  const a = accountOf(req.query);
  if (!a) return reply.code(404).send({ code: 'NOT_FOUND' });
  const [items, total] = await Promise.all([
    pool.query(ORGS_SQL.list, [a.commission_id, a.id, 50, 0]),
    pool.query<{ n: number }>(ORGS_SQL.count, [a.commission_id, a.id]),
  ]);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
});

await app.listen({ host, port });
const address = app.server.address();
const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
process.on('message', (message: { type: string }) => {
  if (message.type === 'stop')
    void app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready', url, accounts: accounts.size });
