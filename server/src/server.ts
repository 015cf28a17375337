import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type PgBoss from 'pg-boss';
import { buildApp } from './app';
import type { Config } from './config';
import { type EmbeddedPg, startEmbeddedPg, withDatabase } from './db/embedded';
import { prepareAppRole } from './db/app-role';
import { migrate } from './db/migrate';
import { createDb, type DbHandle } from './db/pool';
import { commissionCount, createEmptyCommission, loadDemo } from './demo/load';
import { startAuditJobs } from './modules/audit/jobs';
import { writeAnchors } from './modules/audit/anchors';
import { sealLegacyChain } from './modules/audit/seal';
import { configureAuditKey } from './platform/audit';
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
  // The owner migrates; the application connects as a role that may only append to the audit trail.
  let ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  if (!ownerUrl) {
    embedded = await startEmbeddedPg({ dataDir: path.join(config.dataDir, 'pg'), port: config.pgPort, log });
    await ensureDatabase(embedded.url, 'liandong');
    ownerUrl = withDatabase(embedded.url, 'liandong');
  }
  configureAuditKey(config.keys.auditKey);
  let databaseUrl = ownerUrl;
  let handle: DbHandle | undefined;
  let owner: DbHandle | undefined;
  let boss: PgBoss | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close().catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    if (handle) await writeAnchors(handle.db, config.keys.auditKey, config.dataDir, log).catch((e) => log(`audit anchor at shutdown failed: ${e.message}`));
    await handle?.close().catch(() => undefined);
    await owner?.close().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    owner = createDb(ownerUrl, 2);
    await migrate(owner.pool);
    databaseUrl = await prepareAppRole(owner.pool, ownerUrl, config.databaseOwnerUrl ? config.databaseUrl : undefined, config.dataDir, log);
    await sealLegacyChain(owner.db, config.keys.auditKey, config.dataDir, log);
    let demoLoaded = false;
    let firstAdmins: { username: string; password: string }[] = [];
    if ((await commissionCount(owner.db)) === 0) {
      if (config.demo) {
        await loadDemo(owner.db, new FieldCipher(config.keys.sm4Key));
        demoLoaded = true;
      } else {
        firstAdmins = (await createEmptyCommission(owner.db, process.env.COMMISSION_NAME ?? '纪委监委')).admins;
      }
    }
    await owner.close();
    owner = undefined;
    handle = createDb(databaseUrl, 20);
    boss = await startJobs(databaseUrl, handle.db, log);
    await startAuditJobs(boss, handle.db, config, log);
    app = await buildApp({ db: handle.db, config, logger: { level: config.logLevel } });
    await app.listen({ host: config.host, port: config.port });
    return { app, url: `http://${config.host}:${config.port}`, databaseUrl, demoLoaded, firstAdmins, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
