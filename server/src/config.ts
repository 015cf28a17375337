import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Runtime configuration, read once from the environment (README lists every variable). */
export interface Config {
  /** External PostgreSQL; when unset the embedded server is started. */
  databaseUrl: string | undefined;
  host: string;
  port: number;
  /** Where the embedded cluster, key material and logs live (default ./data). */
  dataDir: string;
  /** Load the demo commission on first start. */
  demo: boolean;
  logLevel: string;
  /** Port of the embedded PostgreSQL. */
  pgPort: number;
  /** Keys: session-cookie signing key and SM4 field-encryption key (hex, 16 bytes for SM4). */
  keys: { sessionSecret: string; sm4Key: Buffer };
  /** Serve the built web app from this folder when it exists. */
  webDist: string;
  /** Set behind TLS so the session cookie carries Secure. */
  secureCookies: boolean;
  /** How long a node may reuse a resolved session (ms); 0 disables the cache. */
  sessionCacheMs: number;
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDRs or proxy-addr names such as
   * `loopback`); empty or absent: none, the client address is the socket's (TRUST_PROXY).
   */
  trustProxy?: string[];
}

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
    return { sessionSecret: envSession, sm4Key: Buffer.from(envSm4, 'hex') };
  }
  const file = path.join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const generated = { sessionSecret: randomBytes(32).toString('hex'), sm4Key: randomBytes(16).toString('hex') };
    writeFileSync(file, JSON.stringify(generated, null, 2), { mode: 0o600 });
  }
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { sessionSecret: string; sm4Key: string };
  return { sessionSecret: envSession ?? stored.sessionSecret, sm4Key: Buffer.from(envSm4 ?? stored.sm4Key, 'hex') };
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
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    dataDir,
    demo: flag(env.DEMO, true),
    logLevel: env.LOG_LEVEL ?? 'info',
    pgPort: Number(env.PGPORT_EMBEDDED ?? 54329),
    keys: loadKeys(dataDir),
    webDist: repoPath('web', 'dist'),
    secureCookies: flag(env.SECURE_COOKIES, false),
    sessionCacheMs: Math.max(0, Math.min(10_000, Number(env.SESSION_CACHE_MS ?? 2000) || 0)),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}
