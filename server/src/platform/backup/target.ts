import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoPath } from '../../config';
import { pidAlive } from '../../db/embedded';
import { startEmbeddedDatabase } from '../../db/ensure';
import { RestoreRefusedError } from './restore';

/**
 * Where `npm run backup` / `npm run restore` connect, and the key material they report on.
 *
 * The settings are read here, not with loadConfig(): loadConfig creates a fresh keys.json when none
 * exists, and a restore into an empty data folder must not invent a key that does not open the restored
 * complainant fields.
 */
export interface StorageSettings {
  databaseUrl: string | undefined;
  dataDir: string;
  pgPort: number;
}

/**
 * BACKUP_DATABASE_URL, when set, wins over DATABASE_OWNER_URL, which wins over DATABASE_URL: the
 * application connects as a restricted role (audit table insert-only) that cannot read or restore
 * everything; backups need the owner.
 */
export function storageSettings(env: NodeJS.ProcessEnv = process.env): StorageSettings {
  return {
    databaseUrl: env.BACKUP_DATABASE_URL || env.DATABASE_OWNER_URL || env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR ?? repoPath('data')),
    pgPort: Number(env.PGPORT_EMBEDDED ?? 54329),
  };
}

/** A fingerprint of an SM4 field key: tells whether two keys are the same without revealing either. */
export function keyId(sm4Key: Buffer): string {
  return createHmac('sm3', sm4Key).update('liandong key id').digest('hex').slice(0, 16);
}

/** The SM4 field key in force (LIANDONG_SM4_KEY, else DATA_DIR/keys.json), or null when there is none yet. */
export function currentKeyId(settings: StorageSettings, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.LIANDONG_SM4_KEY && /^[0-9a-f]{32}$/i.test(env.LIANDONG_SM4_KEY)) return keyId(Buffer.from(env.LIANDONG_SM4_KEY, 'hex'));
  const file = keysFile(settings);
  if (!existsSync(file)) return null;
  const stored = JSON.parse(readFileSync(file, 'utf8')) as { sm4Key?: string };
  return stored.sm4Key ? keyId(Buffer.from(stored.sm4Key, 'hex')) : null;
}

export function keysFile(settings: StorageSettings): string {
  return path.join(settings.dataDir, 'keys.json');
}

/** The folder holding the embedded cluster (a `.location` pointer when it lives elsewhere, see db/embedded.ts). */
function clusterDir(settings: StorageSettings): string {
  const requested = path.join(settings.dataDir, 'pg');
  const pointer = `${requested}.location`;
  return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : requested;
}

/** The embedded PostgreSQL already running on this data folder (an `npm start` in progress), if any. */
export function runningEmbedded(settings: StorageSettings): { pid: number; url: string } | null {
  const dir = clusterDir(settings);
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!pid || !pidAlive(pid)) return null;
  const port = Number(lines[3]) || settings.pgPort;
  const passwordFile = path.join(settings.dataDir, 'pg-password');
  const password = readFileSync(passwordFile, 'utf8').trim();
  return { pid, url: `postgres://postgres:${encodeURIComponent(password)}@localhost:${port}/liandong?host=${encodeURIComponent(dir)}` };
}

export interface Connection {
  url: string;
  /** Describes the target for the CLI output. */
  description: string;
  close(): Promise<void>;
}

/**
 * Connects as the owner/superuser: DATABASE_URL as given (give the owner's URL, not the restricted
 * application role's), or the embedded server's `postgres` superuser. A backup reads a running embedded
 * server online (the snapshot makes it consistent); a restore refuses a server that `npm start` holds,
 * because the application would keep writing beside the restore. With no server running, the embedded
 * one is started on DATA_DIR (initialised when the folder is empty) and stopped afterwards.
 */
export async function connect(settings: StorageSettings, purpose: 'backup' | 'restore', log: (l: string) => void): Promise<Connection> {
  if (settings.databaseUrl) {
    const u = new URL(settings.databaseUrl);
    return {
      url: settings.databaseUrl,
      description: `${process.env.BACKUP_DATABASE_URL ? 'BACKUP_DATABASE_URL' : process.env.DATABASE_OWNER_URL ? 'DATABASE_OWNER_URL' : 'DATABASE_URL'} (${u.hostname}${u.pathname})`,
      close: async () => undefined,
    };
  }
  const running = runningEmbedded(settings);
  if (running) {
    if (purpose === 'restore') {
      throw new RestoreRefusedError(
        `内置数据库正在被运行中的服务使用（pid ${running.pid}），请先停止 npm start — the embedded PostgreSQL on ${settings.dataDir} is in use (pid ${running.pid}): stop npm start before restoring`,
      );
    }
    return { url: running.url, description: `running embedded PostgreSQL (pid ${running.pid}, ${settings.dataDir})`, close: async () => undefined };
  }
  const { embedded, url } = await startEmbeddedDatabase({ dataDir: settings.dataDir, port: settings.pgPort, log });
  return { url, description: `embedded PostgreSQL (${settings.dataDir})`, close: () => embedded.stop() };
}
