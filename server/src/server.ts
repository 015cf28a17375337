import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { buildApp } from './app';
import type { Config } from './config';
import { type EmbeddedPg, startEmbeddedPg, withDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { createDb, type DbHandle } from './db/pool';
import { commissionCount, createEmptyCommission, loadDemo } from './demo/load';
import { sealAttachments } from './modules/attachments/store';
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
 * Starts everything: the embedded PostgreSQL unless DATABASE_URL is set, migrations, the demo
 * commission on first start, the job queue and the HTTP server. `stop()` undoes it in reverse order.
 */
export async function startServer(config: Config, log: (msg: string) => void = console.log): Promise<RunningServer> {
  let embedded: EmbeddedPg | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPg({ dataDir: path.join(config.dataDir, 'pg'), port: config.pgPort, log });
    await ensureDatabase(embedded.url, 'liandong');
    databaseUrl = withDatabase(embedded.url, 'liandong');
  }
  let handle: DbHandle | undefined;
  let boss: PgBoss | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close().catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    await handle?.close().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    handle = createDb(databaseUrl, 20);
    await migrate(handle.pool);
    // Attachments written before migration 0012 are still clear text: seal them before serving (issue 8).
    const sealed = await sealAttachments(handle.db, new FieldCipher(config.keys.sm4Key));
    if (sealed) log(`已加密 ${sealed} 个早于加密存储的附件（SM4）`);
    let demoLoaded = false;
    let firstAdmins: { username: string; password: string }[] = [];
    if ((await commissionCount(handle.db)) === 0) {
      if (config.demo) {
        await loadDemo(handle.db, new FieldCipher(config.keys.sm4Key));
        demoLoaded = true;
      } else {
        firstAdmins = (await createEmptyCommission(handle.db, process.env.COMMISSION_NAME ?? '纪委监委')).admins;
      }
    }
    boss = await startJobs(databaseUrl, handle.db, log);
    app = await buildApp({ db: handle.db, config, logger: { level: config.logLevel } });
    await app.listen({ host: config.host, port: config.port });
    return { app, url: `http://${config.host}:${config.port}`, databaseUrl, demoLoaded, firstAdmins, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
