import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { type RecordType, record } from './archive';
import { copyOut } from './copy';
import { type BackupSecret, encryptWriter, FORMAT_VERSION, plainWriter } from './envelope';
import { copyOutSql, EXCLUDED, ident, listSequences, listTables, SCHEMA, TEXT_SETTINGS } from './schema';

/** Said in every manifest, in the CLI output and in the README: the backup alone does not open the sealed fields. */
export const KEYS_NOTICE =
  '读取加密字段（举报人身份等 SM4 加密内容）需要 DATA_DIR/keys.json（SM4 字段密钥、会话密钥及其中的其他密钥）。该文件默认不包含在备份中，须另行保管在与备份分开的介质上。' +
  ' — Reading the encrypted fields (complainant identity and other SM4-sealed content) needs DATA_DIR/keys.json' +
  ' (SM4 field key, session secret and any other key in it). It is NOT in this backup unless --include-keys was given with encryption: keep it on a separate medium.';

/** Largest data record; COPY text is cut anywhere, a row may span records. */
const DATA_RECORD = 1024 * 1024;

export interface TableEntry {
  name: string;
  columns: string[];
  /** Rows counted in the backup's snapshot. */
  rows: number;
}

export interface TableDigest {
  name: string;
  rows: number;
  bytes: number;
  /** SM3 of the table's COPY text in canonical order. */
  sm3: string;
}

export interface SequenceValue {
  name: string;
  lastValue: string;
  isCalled: boolean;
}

/** The first record of every archive: enough to judge a backup before restoring it. */
export interface Manifest {
  format: 'liandong-backup';
  formatVersion: number;
  createdAt: string;
  postgres: string;
  schema: string;
  excluded: string[];
  /** The migration ledger at backup time; the last name is the schema version. */
  migrations: { name: string; checksum: string }[];
  schemaVersion: string | null;
  commissions: { code: string; name: string }[];
  tables: TableEntry[];
  sequences: number;
  encrypted: boolean;
  keys: { included: boolean; sm4KeyId: string | null; notice: string };
}

/** The last record: per-table row counts and SM3 of the whole archive. */
export interface Trailer {
  tables: TableDigest[];
  rows: number;
}

export interface BackupOptions {
  /** Owner or superuser connection: the backup must read every table (not the restricted app role). */
  databaseUrl: string;
  out: Writable;
  /** Encrypt with SM4 under this secret. */
  secret?: BackupSecret;
  /** keys.json to carry inside the (encrypted) archive. */
  keysJson?: string;
  /** Fingerprint of the SM4 field key in use (see keyId), so a restore can tell a mismatched keys.json. */
  sm4KeyId?: string | null;
}

export interface BackupResult {
  manifest: Manifest;
  digests: TableDigest[];
  sequences: SequenceValue[];
}

/**
 * Writes a snapshot-consistent backup of the application schema to `out`: one REPEATABLE READ READ ONLY
 * transaction (every table seen at the same instant, writers never blocked), tables streamed with COPY
 * in canonical order, SM3 per table, sequence values, and the manifest first. Streams end to end.
 */
export async function writeBackup(opts: BackupOptions): Promise<BackupResult> {
  if (opts.keysJson && !opts.secret) {
    throw new Error('--include-keys 只能与 --encrypt 一起使用 — keys.json is only ever written into an encrypted backup');
  }
  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'liandong-backup' });
  await client.connect();
  const gzip = createGzip({ level: 6 });
  const done = pipeline(gzip, opts.secret ? encryptWriter(opts.secret) : plainWriter(), opts.out);
  done.catch(() => undefined);
  const write = async (type: RecordType, payload: Buffer | object) => {
    if (!gzip.write(record(type, payload))) await Promise.race([once(gzip, 'drain'), done]);
  };
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    for (const s of TEXT_SETTINGS) await client.query(s);
    const tables = await listTables(client);
    if (!tables.some((t) => t.name === 'schema_migration')) {
      throw new Error('数据库尚未初始化（没有迁移记录） — the database has no migration ledger: nothing to back up');
    }
    // Keep DDL (a migration on another node) out while we read; ordinary writes go on.
    await client.query(`LOCK TABLE ${tables.map((t) => `${ident(SCHEMA)}.${ident(t.name)}`).join(', ')} IN ACCESS SHARE MODE`);
    const entries: TableEntry[] = [];
    for (const t of tables) {
      const n = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(SCHEMA)}.${ident(t.name)}`);
      entries.push({ name: t.name, columns: t.columns, rows: Number(n.rows[0]!.n) });
    }
    const migrations = (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration ORDER BY name')).rows;
    const hasCommission = tables.some((t) => t.name === 'commission');
    const commissions = hasCommission
      ? (await client.query<{ code: string; name: string }>('SELECT code, name_zh AS name FROM commission ORDER BY code')).rows
      : [];
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
    const sequenceNames = await listSequences(client);
    const manifest: Manifest = {
      format: 'liandong-backup',
      formatVersion: FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      postgres: version,
      schema: SCHEMA,
      excluded: EXCLUDED,
      migrations,
      schemaVersion: migrations.at(-1)?.name ?? null,
      commissions,
      tables: entries,
      sequences: sequenceNames.length,
      encrypted: !!opts.secret,
      keys: { included: !!opts.keysJson, sm4KeyId: opts.sm4KeyId ?? null, notice: KEYS_NOTICE },
    };
    await write('H', manifest);
    const digests: TableDigest[] = [];
    for (const [i, t] of tables.entries()) {
      await write('T', { name: t.name, columns: t.columns });
      const hash = createHash('sm3');
      let bytes = 0;
      const rows = await copyOut(client, copyOutSql(t), async (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        // COPY FROM takes any split, so a huge row (a large attachment) becomes several records.
        for (let at = 0; at < chunk.length; at += DATA_RECORD) await write('D', chunk.subarray(at, at + DATA_RECORD));
      });
      if (rows !== entries[i]!.rows) throw new Error(`表 ${t.name} 行数在快照内变化 — row count of ${t.name} changed inside the snapshot`);
      const digest = { name: t.name, rows, bytes, sm3: hash.digest('hex') };
      digests.push(digest);
      await write('E', digest);
    }
    const sequences: SequenceValue[] = [];
    for (const name of sequenceNames) {
      const r = await client.query<{ last_value: string; is_called: boolean }>(
        `SELECT last_value::text AS last_value, is_called FROM ${ident(SCHEMA)}.${ident(name)}`,
      );
      sequences.push({ name, lastValue: r.rows[0]!.last_value, isCalled: r.rows[0]!.is_called });
    }
    await write('S', sequences);
    if (opts.keysJson) await write('K', Buffer.from(opts.keysJson, 'utf8'));
    // The trailer repeats every table's count and SM3: the manifest's checksums, known only at the end.
    await write('Z', { tables: digests, rows: digests.reduce((s, d) => s + d.rows, 0) } satisfies Trailer);
    await client.query('COMMIT');
    gzip.end();
    await done;
    return { manifest, digests, sequences };
  } catch (err) {
    gzip.destroy(err as Error);
    await done.catch(() => undefined);
    throw err;
  } finally {
    await client.end().catch(() => undefined);
  }
}
