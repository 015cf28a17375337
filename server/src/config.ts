import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runtime configuration, read once from the environment (README lists every variable). */
export interface Config {
  /** External PostgreSQL; when unset the embedded server is started. */
  databaseUrl: string | undefined;
  /** Owner of the schema for migrations and audit archiving (DATABASE_OWNER_URL); DATABASE_URL is then the application role. */
  databaseOwnerUrl: string | undefined;
  host: string;
  port: number;
  /** Where the embedded cluster, key material and logs live (default ./data). */
  dataDir: string;
  /** Load the demo commission on first start. */
  demo: boolean;
  /**
   * DEMO was set to a true value in the environment, not merely defaulted: required before demo accounts
   * may listen on a non-loopback HOST (server.ts demoRefusal).
   */
  demoExplicit?: boolean;
  logLevel: string;
  /** Port of the embedded PostgreSQL. */
  pgPort: number;
  /** Keys: session-cookie signing key, SM4 field-encryption key (hex, 16 bytes for SM4) and the HMAC-SM3 key of the audit chain. */
  keys: { sessionSecret: string; sm4Key: Buffer; auditKey: Buffer };
  /** Serve the built web app from this folder when it exists. */
  webDist: string;
  /** Set behind TLS so the session cookie carries Secure. */
  secureCookies: boolean;
  /**
   * The deployment is reached over HTTPS (TLS=1, or SECURE_COOKIES=1): only then do pages carry HSTS and the
   * CSP's upgrade-insecure-requests. On a plain-HTTP intranet install those would make the browser ask for
   * https assets that do not exist, and the page would stay blank. Absent: as secureCookies.
   */
  tls?: boolean;
  /** How long a node may reuse a resolved session (ms); 0 disables the cache. */
  sessionCacheMs: number;
  /**
   * How often each node's job clock looks at the schedules (s, 1-45; JOB_CLOCK_SECONDS, default 30, pg-boss's own).
   * A due run is created once whatever the interval; server/test/two-nodes.test.ts looks every second.
   */
  jobClockSeconds?: number;
  /** Days audit and login records stay in the database before they may be archived (网络安全法 art. 21: ≥ 180). */
  auditRetentionDays: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs or proxy-addr names such as
   * `loopback`); empty or absent: none, the client address is the socket's (TRUST_PROXY).
   */
  trustProxy?: string[];
  /**
   * Connections of the request path's generic-plan pool (GENERIC_PLAN_POOL, 0-20, default 20 as the request pool; 0: none, `underGenericPlan`
   * then wraps each read in BEGIN + SET LOCAL … COMMIT on the request pool). db/pool.ts `createDb`.
   */
  genericPlanPool?: number;
}

/**
 * The generic-plan pool's default size: as many as the request pool. With 8, a county's common-word search (one ~20 ms
 * statement per request, all on the pool) answered 39 → 30 req/s at 32 connections; with 20, 39 → 41 (bench/generic-pool-ab.ts).
 */
export const GENERIC_PLAN_POOL = 20;

/** GENERIC_PLAN_POOL: a whole number 0–20 (clamped); unset, empty or not a number, the default. */
function genericPlanPool(v: string | undefined): number {
  const n = v === undefined || v.trim() === '' ? Number.NaN : Number(v);
  return Number.isFinite(n) ? Math.max(0, Math.min(20, Math.round(n))) : GENERIC_PLAN_POOL;
}

/** How often a node's job clock looks at the schedules by default (s): pg-boss's own interval. */
export const JOB_CLOCK_SECONDS = 30;

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The repository root (for locating web/dist, docs and migrations). */
export function repoPath(...parts: string[]): string {
  return path.join(repoRoot, ...parts);
}

/**
 * Key material: taken from LIANDONG_SESSION_SECRET / LIANDONG_SM4_KEY when set, otherwise generated
 * once into DATA_DIR/keys.json (mode 600). Never committed: DATA_DIR is git-ignored.
 */
function loadKeys(dataDir: string): Config['keys'] {
  const envSession = process.env.LIANDONG_SESSION_SECRET;
  const envSm4 = process.env.LIANDONG_SM4_KEY;
  if (envSession && envSm4) {
    if (!/^[0-9a-f]{32}$/i.test(envSm4)) throw new Error('LIANDONG_SM4_KEY must be 32 hex characters (128 bits)');
    return { sessionSecret: envSession, sm4Key: Buffer.from(envSm4, 'hex'), auditKey: loadAuditKey(dataDir) };
  }
  const file = path.join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const generated = { sessionSecret: randomBytes(32).toString('hex'), sm4Key: randomBytes(16).toString('hex') };
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { sessionSecret: string; sm4Key: string };
  return { sessionSecret: envSession ?? stored.sessionSecret, sm4Key: Buffer.from(envSm4 ?? stored.sm4Key, 'hex'), auditKey: loadAuditKey(dataDir) };
}

/**
 * The HMAC-SM3 key of the audit chain: LIANDONG_AUDIT_KEY (64 hex characters) or `auditKey` in
 * DATA_DIR/keys.json, added to an existing file on first start after the upgrade. It must live outside
 * the database: whoever can write the audit table must not be able to recompute the chain.
 */
function loadAuditKey(dataDir: string): Buffer {
  const env = process.env.LIANDONG_AUDIT_KEY;
  if (env) {
    if (!/^[0-9a-f]{64}$/i.test(env)) throw new Error('LIANDONG_AUDIT_KEY must be 64 hex characters (256 bits)');
    return Buffer.from(env, 'hex');
  }
  const file = path.join(dataDir, 'keys.json');
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  if (!stored.auditKey) {
    mkdirSync(dataDir, { recursive: true });
    stored.auditKey = randomBytes(32).toString('hex');
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Buffer.from(stored.auditKey, 'hex');
}

/** Retention of audit and login records in days; refuses less than the legal minimum of 180. */
export function retentionDays(value: string | undefined): number {
  if (value === undefined || value === '') return 180;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 180)
    throw new Error(`AUDIT_RETENTION_DAYS must be an integer of at least 180 (网络安全法第二十一条：日志留存不少于六个月); got ${value}`);
  return n;
}

/**
 * TRUST_PROXY: a comma-separated list of proxy addresses or CIDRs (as Fastify's `trustProxy` takes
 * them). `true`/`*` is refused: trusting every hop lets any client choose its address, which defeats the
 * sign-in rate limit and forges the IPs in the login log and the audit trail.
 */
export function parseTrustProxy(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const item of list) {
    if (/^(true|\*|1|yes|on|0\.0\.0\.0\/0|::\/0)$/i.test(item)) {
      throw new Error(`TRUST_PROXY must list the proxies' addresses or CIDRs, not "${item}" (that would trust every client)`);
    }
  }
  return list;
}

function flag(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? repoPath('data'));
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dataDir,
    demo: flag(env.DEMO, true),
    demoExplicit: flag(env.DEMO, false),
    logLevel: env.LOG_LEVEL ?? 'info',
    pgPort: Number(env.PGPORT_EMBEDDED ?? 54329),
    keys: loadKeys(dataDir),
    webDist: repoPath('web', 'dist'),
    secureCookies: flag(env.SECURE_COOKIES, false),
    tls: flag(env.TLS, false) || flag(env.SECURE_COOKIES, false),
    sessionCacheMs: Math.max(0, Math.min(10_000, Number(env.SESSION_CACHE_MS ?? 2000) || 0)),
    jobClockSeconds: Math.max(1, Math.min(45, Math.round(Number(env.JOB_CLOCK_SECONDS ?? JOB_CLOCK_SECONDS) || JOB_CLOCK_SECONDS))),
    auditRetentionDays: retentionDays(env.AUDIT_RETENTION_DAYS),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    genericPlanPool: genericPlanPool(env.GENERIC_PLAN_POOL),
  };
}
