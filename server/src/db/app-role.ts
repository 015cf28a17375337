import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import PgBoss from 'pg-boss';

/**
 * The database role the running application uses. The schema belongs to the owner (migrations run as
 * the owner); the application role has the ordinary rights on every table except the audit trail, where
 * it may only INSERT and SELECT, so that a compromised or buggy application cannot rewrite or remove
 * history (issue 8). The login log is append-only for the same reason (网络安全法 art. 21). Archiving and
 * deleting old audit rows is therefore the owner's job (`npm run audit:archive -- --delete`).
 */
export const APP_ROLE = 'liandong_app';
/** Tables the application may only INSERT into and SELECT from. */
export const APPEND_ONLY_TABLES = ['audit_event', 'login_log'] as const;
/** Tables only the owner writes (signed audit checkpoints, the migration ledger). */
const OWNER_WRITE_TABLES = ['audit_checkpoint', 'schema_migration'] as const;
const PGBOSS_SCHEMA = 'pgboss';

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe role name: ${name}`);
  return `"${name}"`;
}

/** The application role's password, generated once into DATA_DIR/pg-app-password (mode 600). */
export function appRolePassword(dataDir: string): string {
  const file = path.join(dataDir, 'pg-app-password');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** The same connection URL with other credentials (the socket host and database stay). */
export function withCredentials(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The user name of a connection URL. */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/** Creates the application role (LOGIN, no other attributes) or sets its password when it exists. */
export async function ensureAppRole(owner: pg.Pool | pg.Client, password: string, role = APP_ROLE): Promise<void> {
  const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const literal = `'${password.replace(/'/g, "''")}'`;
  if (exists.rowCount === 0) {
    try {
      await owner.query(`CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '42710') throw err; // created by a parallel start
    }
  }
  await owner.query(`ALTER ROLE ${ident(role)} LOGIN PASSWORD ${literal}`);
}

/**
 * Grants the application role its rights in the current database; idempotent, run after every migration
 * (new tables get their grants here). Also hands the job queue's schema to the role: pg-boss creates
 * partitions of its own tables at run time, which only their owner may do.
 */
export async function grantAppRole(owner: pg.Pool, role = APP_ROLE): Promise<void> {
  const r = ident(role);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  for (const t of APPEND_ONLY_TABLES) await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${t} FROM ${r}`);
  for (const t of OWNER_WRITE_TABLES) {
    await owner.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${t} FROM ${r}`);
    await owner.query(`GRANT SELECT ON ${t} TO ${r}`);
  }
  await handOverJobSchema(owner, role);
}

async function handOverJobSchema(owner: pg.Pool, role: string): Promise<void> {
  const r = ident(role);
  const schema = await owner.query<{ owner: string }>('SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1', [PGBOSS_SCHEMA]);
  if (schema.rowCount === 0) {
    await owner.query(`CREATE SCHEMA ${PGBOSS_SCHEMA} AUTHORIZATION ${r}`);
    await owner.query(PgBoss.getConstructionPlans(PGBOSS_SCHEMA));
  } else if (schema.rows[0]!.owner !== role) {
    await owner.query(`ALTER SCHEMA ${PGBOSS_SCHEMA} OWNER TO ${r}`);
  }
  const rels = await owner.query<{ name: string; kind: string }>(
    `SELECT c.oid::regclass::text AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r','p','v','m','S') AND pg_get_userbyid(c.relowner) <> $2
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a','i') AND c.relkind = 'S')`,
    [PGBOSS_SCHEMA, role],
  );
  for (const rel of rels.rows) {
    const what = rel.kind === 'S' ? 'SEQUENCE' : rel.kind === 'v' ? 'VIEW' : rel.kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
    await owner.query(`ALTER ${what} ${rel.name} OWNER TO ${r}`);
  }
  const types = await owner.query<{ name: string }>(
    `SELECT t.oid::regtype::text AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype = 'e' AND pg_get_userbyid(t.typowner) <> $2`,
    [PGBOSS_SCHEMA, role],
  );
  for (const t of types.rows) await owner.query(`ALTER TYPE ${t.name} OWNER TO ${r}`);
  const fns = await owner.query<{ name: string }>(
    `SELECT p.oid::regprocedure::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND pg_get_userbyid(p.proowner) <> $2`,
    [PGBOSS_SCHEMA, role],
  );
  for (const f of fns.rows) await owner.query(`ALTER FUNCTION ${f.name} OWNER TO ${r}`);
}

/**
 * Decides which role the running application connects as, after the owner has migrated.
 * - `appUrl` given with another user than the owner (DATABASE_URL + DATABASE_OWNER_URL): that role gets
 *   its grants and is used.
 * - Otherwise (embedded server, or a single URL): the owner creates `liandong_app` with a password
 *   generated into DATA_DIR/pg-app-password and the application connects as it. When the owner may not
 *   create roles or the new role cannot connect, the application falls back to the owner's URL and a
 *   warning says that the audit table is then not protected by the database.
 */
export async function prepareAppRole(
  owner: pg.Pool,
  ownerUrl: string,
  appUrl: string | undefined,
  dataDir: string,
  log: (msg: string) => void,
): Promise<string> {
  if (appUrl && userOf(appUrl) !== userOf(ownerUrl)) {
    await grantAppRole(owner, userOf(appUrl));
    return appUrl;
  }
  try {
    const password = appRolePassword(dataDir);
    await ensureAppRole(owner, password);
    await grantAppRole(owner);
    const url = withCredentials(ownerUrl, APP_ROLE, password);
    const { default: pgMod } = await import('pg');
    const probe = new pgMod.Client({ connectionString: url });
    await probe.connect();
    await probe.end();
    return url;
  } catch (err) {
    log(
      `WARNING: could not set up the application role ${APP_ROLE} (${(err as Error).message}); the application connects as the owner and ` +
        'nothing in the database stops UPDATE or DELETE on the audit table. Set DATABASE_URL (application role) and DATABASE_OWNER_URL (migrations).',
    );
    return appUrl ?? ownerUrl;
  }
}
