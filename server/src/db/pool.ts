import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { COMMISSION_TIME_ZONE } from '../platform/zone';
import { bindRequestTx, inRequestTransaction, RequestTxDialect } from './request-tx';
import type { DB } from './types';

/**
 * Type parsers set on purpose so row shapes never depend on the driver's defaults:
 * int8 (counts, identities) → number while it is a safe integer (they are here: row counts and ids),
 * numeric → string (money must not lose precision), date → 'YYYY-MM-DD' string (no time-zone shift),
 * timestamptz stays a Date.
 */
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds the safe integer range`);
  return n;
});
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);

export type Db = Kysely<DB>;

export interface DbHandle {
  db: Db;
  pool: pg.Pool;
  /** The generic-plan pool (`createDb`'s `genericPlanMax` connections), if any. */
  genericPool?: pg.Pool;
  genericPlanMax: number;
  close(): Promise<void>;
}

/**
 * Time limits of one pool's connections. A frozen or unreachable database must turn into a quick 503,
 * not a request that hangs for the whole outage (issue 8): the server-side limits stop runaway
 * statements, locks and forgotten transactions; the client-side `queryMs` and `connectMs` also fire
 * when the server does not answer at all (SIGSTOP, a dead network), where server-side limits cannot.
 */
export interface DbTimeouts {
  /** Server-side `statement_timeout`. */
  statementMs: number;
  /** Server-side `lock_timeout`: waiting for a row or table lock. */
  lockMs: number;
  /** Server-side `idle_in_transaction_session_timeout`: a transaction its client forgot. */
  idleInTransactionMs: number;
  /** Client-side limit per query: no answer in time → the query fails and the connection is discarded. */
  queryMs: number;
  /** Client-side limit for opening a connection (a frozen server accepts the socket but never answers). */
  connectMs: number;
  /** How long a request may wait for a free connection when all are busy (our own load, not an outage). */
  poolWaitMs: number;
}

/** Request path: every route answers (503 at worst) within 5 s of the database freezing or dying. */
export const REQUEST_TIMEOUTS: DbTimeouts = { statementMs: 3000, lockMs: 2500, idleInTransactionMs: 60_000, queryMs: 3500, connectMs: 3500, poolWaitMs: 5000 };

/** Background jobs (reminder sweeps, archives): larger batches, still bounded. */
export const JOB_TIMEOUTS: DbTimeouts = {
  statementMs: 120_000,
  lockMs: 30_000,
  idleInTransactionMs: 300_000,
  queryMs: 130_000,
  connectMs: 10_000,
  poolWaitMs: 60_000,
};

/** Migrations and the demo load at start: long DDL and bulk inserts, bounded only against a hang. */
export const MAINTENANCE_TIMEOUTS: DbTimeouts = {
  statementMs: 1_800_000,
  lockMs: 300_000,
  idleInTransactionMs: 1_800_000,
  queryMs: 1_810_000,
  connectMs: 30_000,
  poolWaitMs: 60_000,
};

/**
 * Named (prepared) statements, opt-in (issue 12). A statement whose text starts with PREPARED_MARK is sent
 * with a name derived from its text: each connection parses it once, and after a few executions PostgreSQL
 * may keep a generic plan instead of planning it again for every request. Only for the hot statements that
 * every request or every page runs (the session lookup, GET /me): their texts are a handful of fixed
 * strings, so the statements kept per connection stay bounded. Dynamic SQL (IN lists of varying length,
 * optional filters) is never marked — each variant would be kept per connection forever.
 */
export const PREPARED_MARK = '/*ld:prepared*/ ';
const preparedNames = new Map<string, string>();

/** The statement `query` marked to be sent as a named (prepared) statement. */
export function prepared<T>(query: RawBuilder<T>): RawBuilder<T> {
  return sql<T>`${sql.raw(PREPARED_MARK)}${query}`;
}

/**
 * Runs `run` on one connection inside a transaction under `plan_cache_mode = force_generic_plan` (SET LOCAL, sent with
 * BEGIN as one message): a named statement there is planned once per connection and its generic plan kept, where
 * PostgreSQL's own choice planned it afresh on every call because a custom plan, knowing the values, always looks a
 * little cheaper (issue 12: 2–7 ms of planning for 2–8 ms of execution). Only for statements whose generic plan was
 * measured to read what the custom one reads; the rows are the same either way. Inside a transaction it runs as it is.
 * With the handle's generic-plan pool (`createDb`'s `genericPlanMax`, the server's) `run` gets that pool instead, whose
 * connections start under the generic plan: each statement is one round trip, not three, and no transaction — so `run`'s
 * statements must not need one snapshot or one connection (every caller runs one read; READ COMMITTED gave each
 * statement its own snapshot anyway).
 */
export async function underGenericPlan<T>(db: Kysely<DB>, run: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  // Inside a transaction (a service's, or a request's outer one) it runs as it is: BEGIN and COMMIT there would end it.
  if (db.isTransaction || inRequestTransaction()) return run(db);
  // The handle's generic-plan pool: each statement one round trip, not three (see `createDb`'s `genericPlanMax`).
  const generic = genericPlanDbs.get(db);
  if (generic) return run(generic);
  return db.connection().execute(async (conn) => {
    await sql.raw('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan').execute(conn);
    let out: T;
    try {
      out = await run(conn);
    } catch (e) {
      await sql
        .raw('ROLLBACK')
        .execute(conn)
        .catch(() => undefined);
      throw e;
    }
    await sql.raw('COMMIT').execute(conn);
    return out;
  });
}

/** A handle's `db` → its generic-plan pool's (`createDb`'s `genericPlanMax`), read by `underGenericPlan`. */
const genericPlanDbs = new WeakMap<Kysely<DB>, Kysely<DB>>();

function statementName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) {
    name = `ld_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (preparedNames.size > 1000) preparedNames.clear();
    preparedNames.set(text, name);
  }
  return name;
}

/** `client.query(text, values)` of a marked statement → the same as a named statement. */
function withStatementName(args: unknown[]): unknown[] {
  const [text, values] = args;
  if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK) || (args.length > 2 && typeof args[2] === 'function')) return args;
  return [{ name: statementName(text), text, values }];
}

/**
 * A client whose query got no answer in time is in an unknown state (the server may still send the
 * answer later): end it, so that the pool discards it on release instead of handing it out again.
 */
function discardOnClientTimeout(client: pg.PoolClient): void {
  // A connection that dies while checked out (the server was killed) emits 'error' besides failing its
  // query; without a listener that would crash the process. The pool discards it on release.
  client.on('error', () => undefined);
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = original(...withStatementName(args));
    if (result && typeof (result as Promise<unknown>).catch === 'function') {
      (result as Promise<unknown>).catch((err: Error) => {
        if (err?.message === 'Query read timeout') client.end().catch(() => undefined);
      });
    }
    return result;
  };
}

/**
 * The connection string without its `options` parameter, and startup `options` that keep those and add
 * the commission's `TimeZone`: `current_date`, `::date` and `extract(year …)` then give the commission's
 * day (issue 9), on every connection of every pool. pg lets a URL's `options` override the config's, so
 * they are merged here rather than one clobbering the other.
 */
export function withSessionTimeZone(url: string, zone: string = COMMISSION_TIME_ZONE): { url: string; options: string } {
  const own = `-c TimeZone=${zone}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, options: own };
  }
  const existing = parsed.searchParams.get('options');
  if (existing === null) return { url, options: own };
  parsed.searchParams.delete('options');
  return { url: parsed.toString(), options: `${existing} ${own}` };
}

/** One pool of `createDb`: bounded connects, the session's time limits and startup `options`, broken clients discarded. */
function boundedPool(url: string, options: string, max: number, timeouts: DbTimeouts, more: pg.PoolConfig = {}): pg.Pool {
  // The pool's own timer covers waiting for a free connection; each client bounds its own connect.
  class BoundedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: timeouts.connectMs });
    }
  }
  const pool = new pg.Pool({
    Client: BoundedClient,
    connectionString: url,
    max,
    idleTimeoutMillis: 30000,
    connectionTimeoutMillis: timeouts.poolWaitMs,
    query_timeout: timeouts.queryMs,
    statement_timeout: timeouts.statementMs,
    lock_timeout: timeouts.lockMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    application_name: 'liandong',
    options,
    ...more,
  });
  // A broken idle connection (database restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', discardOnClientTimeout);
  return pool;
}

/**
 * The request pool (`max` connections) and, with `genericPlanMax` > 0, a second pool (the server's as large as the
 * request pool) of connections opened with `plan_cache_mode = force_generic_plan` (a startup option, libpq's `options`):
 * `underGenericPlan` outside a transaction runs its read there, one round trip per statement, where the request pool
 * needed three (BEGIN + SET LOCAL, the statement, COMMIT; a ledger runs two such reads, issue 12).
 * Its connections are kept (`min` = `max`): each keeps the generic plans of the named statements it ran, and a new
 * connection's first generic plan of a ledger costs 30–70 ms under load. `warmGenericPool` opens them at start.
 */
export function createDb(databaseUrl: string, max = 20, timeouts: DbTimeouts = REQUEST_TIMEOUTS, genericPlanMax = 0): DbHandle {
  const { url, options } = withSessionTimeZone(databaseUrl);
  const pool = boundedPool(url, options, max, timeouts);
  const dialect = new RequestTxDialect({ pool });
  const db = new Kysely<DB>({ dialect });
  bindRequestTx(db, dialect);
  let genericPool: pg.Pool | undefined;
  let genericDb: Kysely<DB> | undefined;
  if (genericPlanMax > 0) {
    genericPool = boundedPool(url, `${options} -c plan_cache_mode=force_generic_plan`, genericPlanMax, timeouts, {
      min: genericPlanMax,
      application_name: 'liandong-generic',
    });
    genericDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: genericPool }) });
    genericPlanDbs.set(db, genericDb);
  }
  return {
    db,
    pool,
    genericPool,
    genericPlanMax,
    async close() {
      await db.destroy();
      await genericDb?.destroy();
    },
  };
}

/** Opens every connection of the handle's generic-plan pool (at start, so that no request waits for a connect); never throws. */
export async function warmGenericPool(handle: DbHandle): Promise<void> {
  const pool = handle.genericPool;
  if (!pool) return;
  const clients = await Promise.all(Array.from({ length: handle.genericPlanMax }, () => pool.connect().catch(() => undefined)));
  for (const c of clients) c?.release();
}
