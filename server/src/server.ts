import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type PgBoss from 'pg-boss';
import { buildApp } from './app';
import { type Config, GENERIC_PLAN_POOL } from './config';
import { type EmbeddedPg, superviseEmbeddedPg, withDatabase } from './db/embedded';
import { ensureDatabase } from './db/ensure';
import { prepareAppRole } from './db/app-role';
import { migrate } from './db/migrate';
import { createDb, type DbHandle, JOB_TIMEOUTS, MAINTENANCE_TIMEOUTS, REQUEST_TIMEOUTS, warmGenericPool } from './db/pool';
import { DEMO_COMMISSION } from './demo/data';
import { commissionCount, createEmptyCommission, loadDemo } from './demo/load';
import { sealAttachments } from './platform/attachments/store';
import { startAuditJobs, writeAnchors, sealLegacyChain } from './modules/audit';
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

/** True for addresses only this machine can reach: the demo commission may listen there by default. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Demo accounts share one published password: on an address others can reach they are a way in. They
 * are the default on loopback; elsewhere only with DEMO=1 set explicitly. Covers both a demo commission
 * about to be loaded and one already in the database (restarted on a public HOST). Returns the refusal
 * to log (zh-CN, then English), or null to go on.
 */
export function demoRefusal(config: Pick<Config, 'host' | 'demoExplicit'>, demo: { willLoad: boolean; present: boolean }): string | null {
  if (isLoopbackHost(config.host) || config.demoExplicit || !(demo.willLoad || demo.present)) return null;
  const what = demo.present ? '数据库中有演示数据（演示账号）' : '将加载演示数据（演示账号）';
  const whatEn = demo.present ? 'the database holds the demo commission and its accounts' : 'the demo commission and its accounts would be loaded';
  return (
    `拒绝启动：${what}，而 HOST=${config.host} 不是本机回环地址。正式使用请设 DEMO=0 并使用新的 DATA_DIR（或恢复正式备份）；确需对外演示请显式设置 DEMO=1。\n` +
    `Refusing to start: ${whatEn} (shared published password) and HOST=${config.host} is not a loopback address. Set DEMO=0 with a fresh DATA_DIR (or restore a real backup), or set DEMO=1 explicitly to expose the demo on purpose.`
  );
}

/** The demo commission is in the database (loaded by an earlier start). */
export async function hasDemoCommission(pool: pg.Pool): Promise<boolean> {
  const r = await pool.query('SELECT 1 FROM commission WHERE code = $1 AND name_zh = $2 LIMIT 1', [DEMO_COMMISSION.code, DEMO_COMMISSION.nameZh]);
  return (r.rowCount ?? 0) > 0;
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
  // The owner migrates; the application connects as a role that may only append to the audit trail.
  let ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
  if (!ownerUrl) {
    embedded = await superviseEmbeddedPg({ dataDir: path.join(config.dataDir, 'pg'), port: config.pgPort, log, onGiveUp: giveUp(log) });
    await ensureDatabase(embedded.url, 'liandong');
    ownerUrl = withDatabase(embedded.url, 'liandong');
  }
  configureAuditKey(config.keys.auditKey);
  let databaseUrl = ownerUrl;
  let handle: DbHandle | undefined;
  let owner: DbHandle | undefined;
  let jobsHandle: DbHandle | undefined;
  let boss: PgBoss | undefined;
  let app: FastifyInstance | undefined;
  const stop = async () => {
    await app?.close().catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    if (handle) await writeAnchors(handle.db, config.keys.auditKey, config.dataDir, log).catch((e) => log(`audit anchor at shutdown failed: ${e.message}`));
    await handle?.close().catch(() => undefined);
    await jobsHandle?.close().catch(() => undefined);
    await owner?.close().catch(() => undefined);
    await embedded?.stop();
  };
  try {
    // Migrations and the demo load run long statements: the owner's connection with larger time limits.
    owner = createDb(ownerUrl, 2, MAINTENANCE_TIMEOUTS);
    await migrate(owner.pool);
    databaseUrl = await prepareAppRole(owner.pool, ownerUrl, config.databaseOwnerUrl ? config.databaseUrl : undefined, config.dataDir, log);
    await sealLegacyChain(owner.db, config.keys.auditKey, config.dataDir, log);
    // Attachments written before migration 0012 are still clear text: seal them before serving (issue 8).
    const sealed = await sealAttachments(owner.db, new FieldCipher(config.keys.sm4Key));
    if (sealed) log(`已加密 ${sealed} 个早于加密存储的附件（SM4）`);
    let demoLoaded = false;
    let firstAdmins: { username: string; password: string }[] = [];
    const commissions = await commissionCount(owner.db);
    const demo = { willLoad: commissions === 0 && config.demo, present: commissions > 0 && (await hasDemoCommission(owner.pool)) };
    const refusal = demoRefusal(config, demo);
    if (refusal) {
      log(refusal);
      throw new Error(refusal);
    }
    if ((demo.willLoad || demo.present) && !isLoopbackHost(config.host)) {
      log(`演示账号在非本机地址 ${config.host} 上开放（已显式设置 DEMO=1） — demo accounts are reachable on ${config.host} (DEMO=1 set explicitly)`);
    }
    if (commissions === 0) {
      if (config.demo) {
        await loadDemo(owner.db, new FieldCipher(config.keys.sm4Key));
        demoLoaded = true;
      } else {
        firstAdmins = (await createEmptyCommission(owner.db, process.env.COMMISSION_NAME ?? '纪委监委')).admins;
      }
    }
    await owner.close();
    owner = undefined;
    // The request pool and its generic-plan pool (underGenericPlan's reads, one round trip each), opened before serving.
    handle = createDb(databaseUrl, 20, REQUEST_TIMEOUTS, config.genericPlanPool ?? GENERIC_PLAN_POOL);
    await warmGenericPool(handle);
    jobsHandle = createDb(databaseUrl, 4, JOB_TIMEOUTS);
    boss = await startJobs(databaseUrl, jobsHandle.db, log, config.jobClockSeconds);
    await startAuditJobs(boss, jobsHandle.db, config, log);
    app = await buildApp({ db: handle.db, config, logger: { level: config.logLevel } });
    await app.listen({ host: config.host, port: config.port });
    return { app, url: `http://${config.host}:${config.port}`, databaseUrl, demoLoaded, firstAdmins, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
