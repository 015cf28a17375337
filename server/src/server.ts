import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { buildApp } from './app';
import type { Config } from './config';
import { type EmbeddedPg, superviseEmbeddedPg, withDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { createDb, type DbHandle, JOB_TIMEOUTS, MAINTENANCE_TIMEOUTS } from './db/pool';
import { commissionCount, createEmptyCommission, loadDemo } from './demo/load';
import { FieldCipher } from './platform/crypto';
import { startJobs } from './platform/jobs';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  databaseUrl: string;
  demoLoaded: boolean;
  firstAdmins: { username: string; password: string }[];
  stop(): Promise<void>;
}

/** Creates the database on a server if it does not exist (embedded default: `liandong`). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
}

/**
 * When the embedded PostgreSQL cannot be brought back, the process exits non-zero: a service manager
 * (systemd Restart=on-failure, a container runtime) then restarts the whole product.
 */
function giveUp(log: (msg: string) => void): (err: Error) => void {
  return (err) => {
    log(`the embedded PostgreSQL cannot be restarted (${err.message.split('\n')[0]}); exiting so that the service manager restarts Liandong`);
    process.exit(75);
  };
}

/**
 * Starts everything: the embedded PostgreSQL unless DATABASE_URL is set, migrations, the demo
 * commission on first start, the job queue and the HTTP server. `stop()` undoes it in reverse order.
 */
export async function startServer(config: Config, log: (msg: string) => void = console.log): Promise<RunningServer> {
  let embedded: EmbeddedPg | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await superviseEmbeddedPg({ dataDir: path.join(config.dataDir, 'pg'), port: config.pgPort, log, onGiveUp: giveUp(log) });
    await ensureDatabase(embedded.url, 'liandong');
    databaseUrl = withDatabase(embedded.url, 'liandong');
  }
  let handle: DbHandle | undefined;
  let maintenance: DbHandle | undefined;
  let jobsHandle: DbHandle | undefined;
  let boss: PgBoss | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close().catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await jobsHandle?.close().catch(() => undefined);
    await maintenance?.close().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    // Migrations and the demo load run long statements: their own connection with larger time limits.
    maintenance = createDb(databaseUrl, 2, MAINTENANCE_TIMEOUTS);
    await migrate(maintenance.pool);
    let demoLoaded = false;
    let firstAdmins: { username: string; password: string }[] = [];
    if ((await commissionCount(maintenance.db)) === 0) {
      if (config.demo) {
        await loadDemo(maintenance.db, new FieldCipher(config.keys.sm4Key));
        demoLoaded = true;
      } else {
        firstAdmins = (await createEmptyCommission(maintenance.db, process.env.COMMISSION_NAME ?? '纪委监委')).admins;
      }
    }
    await maintenance.close();
    maintenance = undefined;
    handle = createDb(databaseUrl, 20);
    jobsHandle = createDb(databaseUrl, 4, JOB_TIMEOUTS);
    boss = await startJobs(databaseUrl, jobsHandle.db, log);
    app = await buildApp({ db: handle.db, config, logger: { level: config.logLevel } });
    await app.listen({ host: config.host, port: config.port });
    return { app, url: `http://${config.host}:${config.port}`, databaseUrl, demoLoaded, firstAdmins, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
