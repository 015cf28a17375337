import { AsyncLocalStorage } from 'node:async_hooks';
import { CompiledQuery, type DatabaseConnection, type Driver, PostgresDialect, type QueryCompiler, type QueryResult, type TransactionSettings } from 'kysely';

/**
 * One request, one transaction (issue 8, idempotent creates).
 *
 * A create with an `Idempotency-Key` must commit its business rows and the stored answer together:
 * a crash before that commit leaves neither (the retry runs afresh), a crash after it leaves both (the
 * retry gets the stored answer). Services open their own transactions on the shared `Db`, so the
 * request cannot simply wrap them. Instead, inside a request scope the driver pins one connection that
 * carries an outer transaction: the services' transactions become savepoints on it, their standalone
 * statements run under a savepoint each (a caught error does not poison the request), and the outer
 * transaction commits once, after the answer is known and stored.
 *
 * Limits: isolation levels requested by a service are not applied inside the scope (the outer
 * transaction is READ COMMITTED); concurrent transactions within one request are not supported.
 */
interface Pinned {
  driver: RequestTxDriver;
  conn: DatabaseConnection;
  /** Serialises statements so that a statement and its savepoint are never interleaved. */
  chain: Promise<unknown>;
  seq: number;
  open: boolean;
}

interface Scope {
  pinned?: Pinned;
}

const storage = new AsyncLocalStorage<Scope>();
const drivers = new WeakMap<object, RequestTxDriver>();

function serial<T>(p: Pinned, fn: () => Promise<T>): Promise<T> {
  const next = p.chain.then(fn, fn);
  p.chain = next.catch(() => undefined);
  return next;
}

class PinnedConnection implements DatabaseConnection {
  readonly #p: Pinned;
  readonly #savepoints: string[] = [];
  constructor(p: Pinned) {
    this.#p = p;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const conn = this.#p.conn;
    if (this.#savepoints.length > 0) return serial(this.#p, () => conn.executeQuery<R>(query));
    return serial(this.#p, async () => {
      await conn.executeQuery(CompiledQuery.raw('SAVEPOINT ld_stmt'));
      try {
        const result = await conn.executeQuery<R>(query);
        await conn.executeQuery(CompiledQuery.raw('RELEASE SAVEPOINT ld_stmt'));
        return result;
      } catch (err) {
        await conn.executeQuery(CompiledQuery.raw('ROLLBACK TO SAVEPOINT ld_stmt')).catch(() => undefined);
        await conn.executeQuery(CompiledQuery.raw('RELEASE SAVEPOINT ld_stmt')).catch(() => undefined);
        throw err;
      }
    });
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.#p.conn.streamQuery<R>(query, chunkSize);
  }

  async begin(): Promise<void> {
    const name = `ld_tx_${++this.#p.seq}`;
    await serial(this.#p, () => this.#p.conn.executeQuery(CompiledQuery.raw(`SAVEPOINT ${name}`)));
    this.#savepoints.push(name);
  }

  async commit(): Promise<void> {
    const name = this.#savepoints.pop();
    if (name) await serial(this.#p, () => this.#p.conn.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${name}`)));
  }

  async rollback(): Promise<void> {
    const name = this.#savepoints.pop();
    if (!name) return;
    await serial(this.#p, async () => {
      await this.#p.conn.executeQuery(CompiledQuery.raw(`ROLLBACK TO SAVEPOINT ${name}`));
      await this.#p.conn.executeQuery(CompiledQuery.raw(`RELEASE SAVEPOINT ${name}`));
    });
  }
}

/** PostgreSQL driver that hands out the request's pinned connection inside a request scope. */
class RequestTxDriver implements Driver {
  readonly #inner: Driver;
  constructor(inner: Driver) {
    this.#inner = inner;
  }
  init(): Promise<void> {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const pinned = storage.getStore()?.pinned;
    if (pinned?.open && pinned.driver === this) return new PinnedConnection(pinned);
    return this.#inner.acquireConnection();
  }
  /** A connection outside any scope: used to pin the request's own. */
  acquireRaw(): Promise<DatabaseConnection> {
    return this.#inner.acquireConnection();
  }
  beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return conn instanceof PinnedConnection ? conn.begin() : this.#inner.beginTransaction(conn, settings);
  }
  commitTransaction(conn: DatabaseConnection): Promise<void> {
    return conn instanceof PinnedConnection ? conn.commit() : this.#inner.commitTransaction(conn);
  }
  rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    return conn instanceof PinnedConnection ? conn.rollback() : this.#inner.rollbackTransaction(conn);
  }
  async savepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.savepoint?.(conn, name, compile);
  }
  async rollbackToSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.rollbackToSavepoint?.(conn, name, compile);
  }
  async releaseSavepoint(conn: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.#inner.releaseSavepoint?.(conn, name, compile);
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    if (!(conn instanceof PinnedConnection)) await this.#inner.releaseConnection(conn);
  }
  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
  /** Rolls back and returns a broken or abandoned pinned connection (the pool discards broken ones). */
  async releaseRaw(conn: DatabaseConnection, discard: boolean): Promise<void> {
    if (discard) await this.#inner.rollbackTransaction(conn).catch(() => undefined);
    await this.#inner.releaseConnection(conn);
  }
}

/** The PostgreSQL dialect with request-scoped transactions; `createDb` uses it for every pool. */
export class RequestTxDialect extends PostgresDialect {
  driver?: RequestTxDriver;
  override createDriver(): Driver {
    this.driver = new RequestTxDriver(super.createDriver());
    return this.driver;
  }
}

/** Records which driver serves a Kysely instance, so that `openRequestTransaction(db)` can pin on it. */
export function bindRequestTx(db: object, dialect: RequestTxDialect): void {
  if (dialect.driver) drivers.set(db, dialect.driver);
}

/** Whether the current request scope holds an open outer transaction (its statements then run on the pinned connection). */
export const inRequestTransaction = (): boolean => Boolean(storage.getStore()?.pinned?.open);

/** Runs `fn` (and everything it starts) in a fresh request scope. */
export function runInRequestScope(fn: () => void): void {
  storage.run({}, fn);
}

/** The outer transaction of the current request scope. */
export interface RequestTx {
  /** Runs `fn` inside the request scope (for hooks that may run outside it, such as onSend). */
  within<T>(fn: () => Promise<T>): Promise<T>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens the outer transaction of the current request scope on a pinned connection. Every query the
 * request makes through `db` from now on runs inside it, until `commit()` or `rollback()`.
 */
export async function openRequestTransaction(db: object): Promise<RequestTx> {
  const scope = storage.getStore();
  const driver = drivers.get(db);
  if (!scope || !driver) throw new Error('openRequestTransaction needs a request scope and a Db from createDb');
  const conn = await driver.acquireRaw();
  try {
    await conn.executeQuery(CompiledQuery.raw('BEGIN'));
  } catch (err) {
    await driver.releaseRaw(conn, true);
    throw err;
  }
  const pinned: Pinned = { driver, conn, chain: Promise.resolve(), seq: 0, open: true };
  scope.pinned = pinned;
  const finish = async (command: 'COMMIT' | 'ROLLBACK') => {
    if (!pinned.open) return;
    pinned.open = false;
    await pinned.chain;
    try {
      const r = await conn.executeQuery<{ command?: string }>(CompiledQuery.raw(command));
      if (command === 'COMMIT' && r.rows[0]?.command === 'ROLLBACK') throw new Error('the request transaction was rolled back');
      await driver.releaseRaw(conn, false);
    } catch (err) {
      await driver.releaseRaw(conn, true);
      throw err;
    }
  };
  return { within: (fn) => storage.run(scope, fn), commit: () => finish('COMMIT'), rollback: () => finish('ROLLBACK') };
}
