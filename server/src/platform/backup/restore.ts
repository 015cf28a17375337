import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import pg from 'pg';
import { migrate } from '../../db/migrate';
import { type ArchiveRecord, json, readRecords } from './archive';
import { copyIn, copyOut } from './copy';
import type { Manifest, SequenceValue, TableDigest, Trailer } from './dump';
import { type BackupSecret, BackupFormatError, openReader } from './envelope';
import { copyInSql, copyOutSql, ident, listTables, SCHEMA, TEXT_SETTINGS } from './schema';

/** The target already holds data (or a newer schema) and `force` was not given. */
export class RestoreRefusedError extends Error {}

export interface RestoreOptions {
  /** Owner or superuser connection to the target database (it must be allowed to disable triggers). */
  databaseUrl: string;
  input: Readable;
  secret?: BackupSecret;
  /** Replace the data of a database that already holds a commission. */
  force?: boolean;
  /** Folder of this code's migrations (tests); default server/src/db/migrations. */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface RestoreResult {
  manifest: Manifest;
  tables: TableDigest[];
  sequences: number;
  /** keys.json carried in the archive (--include-keys), for the caller to place. */
  keysJson: string | null;
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, '..', '..', 'db', 'migrations');

/** Pulls records one at a time; the end of the stream before 'Z' is a truncated archive. */
class RecordCursor {
  private readonly it: AsyncIterator<ArchiveRecord>;
  constructor(source: AsyncIterable<Buffer>) {
    this.it = readRecords(source)[Symbol.asyncIterator]();
  }
  async next(): Promise<ArchiveRecord> {
    const r = await this.it.next();
    if (r.done) throw new BackupFormatError('备份文件被截断 — the backup ends before its last record');
    return r.value;
  }
}

/** True when the target holds no business data: no schema yet, or no commission (every business row hangs off one). */
async function targetState(client: pg.ClientBase): Promise<{ empty: boolean; ledger: Map<string, string> }> {
  const r = await client.query<{ ledger: boolean; commission: boolean }>(
    "SELECT to_regclass('public.schema_migration') IS NOT NULL AS ledger, to_regclass('public.commission') IS NOT NULL AS commission",
  );
  const ledger = new Map<string, string>();
  if (r.rows[0]!.ledger) {
    for (const m of (await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM schema_migration')).rows)
      ledger.set(m.name, m.checksum);
  }
  if (!r.rows[0]!.commission) return { empty: true, ledger };
  const n = await client.query('SELECT 1 FROM commission LIMIT 1');
  return { empty: n.rowCount === 0, ledger };
}

/**
 * Brings the target's schema to exactly the backup's migration version, using this code's migration
 * files (each checked against the checksum in the backup). Later migrations of this code are left for
 * the next start, which applies them to the restored data as to any older database.
 */
function migrationsAtVersion(manifest: Manifest, dir: string): string {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ld-restore-migrations-'));
  for (const m of manifest.migrations) {
    const file = path.join(dir, m.name);
    if (!existsSync(file)) {
      rmSync(tmp, { recursive: true, force: true });
      throw new RestoreRefusedError(
        `备份来自更新的版本（缺少迁移 ${m.name}），请用对应版本的程序恢复 — the backup needs migration ${m.name}, which this code does not have`,
      );
    }
    const checksum = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (checksum !== m.checksum) {
      rmSync(tmp, { recursive: true, force: true });
      throw new RestoreRefusedError(`迁移 ${m.name} 与备份时的内容不同 — migration ${m.name} differs from the one the backup was made with`);
    }
    copyFileSync(file, path.join(tmp, m.name));
  }
  return tmp;
}

/**
 * Restores a backup into an empty database: checks the envelope (and key), migrates the target to the
 * backup's schema version, then in ONE transaction with triggers and foreign-key checks off (replica
 * mode: the snapshot was consistent) truncates, loads every table with COPY, checks each table's row
 * count and SM3 against the archive, sets every sequence, re-reads every table from the target and
 * compares its SM3 again, and only then commits. Any failure leaves no restored row behind.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const log = opts.log ?? (() => undefined);
  const plain = pipeline(opts.input, openReader(opts.secret), createGunzip(), () => undefined);
  const cursor = new RecordCursor(plain);
  let manifest: Manifest;
  try {
    const head = await cursor.next();
    if (head.type !== 'H') throw new BackupFormatError('备份缺少清单 — the archive does not start with its manifest');
    manifest = json<Manifest>(head);
    if (manifest.format !== 'liandong-backup') throw new BackupFormatError('备份清单格式不符 — not a Liandong backup manifest');
  } catch (err) {
    opts.input.destroy();
    throw err;
  }
  log(
    `备份 backup of ${manifest.createdAt}, schema ${manifest.schemaVersion}, ${manifest.tables.length} tables, commissions: ${manifest.commissions.map((c) => c.name).join('、') || '—'}`,
  );

  const client = new pg.Client({ connectionString: opts.databaseUrl, application_name: 'liandong-restore' });
  await client.connect();
  try {
    const state = await targetState(client);
    if (!state.empty && !opts.force) {
      throw new RestoreRefusedError(
        '目标数据库已有数据，拒绝覆盖（确认要替换时加 --force） — the target database already holds data; refusing (use --force to replace it)',
      );
    }
    const newer = [...state.ledger.keys()].filter((n) => !manifest.migrations.some((m) => m.name === n));
    if (newer.length) {
      throw new RestoreRefusedError(
        `目标数据库的结构比备份新（${newer.join(', ')}），请恢复到空数据库 — the target schema is newer than the backup; restore into an empty database`,
      );
    }
    const dir = migrationsAtVersion(manifest, opts.migrationsDir ?? MIGRATIONS_DIR);
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
    try {
      await migrate(pool, dir);
    } finally {
      await pool.end();
      rmSync(dir, { recursive: true, force: true });
    }

    await client.query('BEGIN');
    for (const s of TEXT_SETTINGS) await client.query(s);
    try {
      await client.query('SET LOCAL session_replication_role = replica');
    } catch (err) {
      throw new Error(
        `恢复需要超级用户或被授予 SET session_replication_role 的属主角色 — restore must run as a superuser or a role granted SET ON PARAMETER session_replication_role: ${(err as Error).message}`,
      );
    }
    const targetTables = new Map((await listTables(client)).map((t) => [t.name, t]));
    for (const t of manifest.tables) {
      if (!targetTables.has(t.name)) throw new BackupFormatError(`目标数据库缺少表 ${t.name} — table ${t.name} is missing in the target`);
    }
    // Re-checked under lock: nothing may have written into the target since the first look.
    await client.query(`LOCK TABLE ${ident(SCHEMA)}.commission IN ACCESS EXCLUSIVE MODE`);
    if (!opts.force && !(await targetState(client)).empty) {
      throw new RestoreRefusedError('目标数据库在恢复开始时被写入 — the target database was written to as the restore began; refusing');
    }
    await client.query(`TRUNCATE ${[...targetTables.keys()].map((n) => `${ident(SCHEMA)}.${ident(n)}`).join(', ')}`);

    const loaded: TableDigest[] = [];
    let sequences: SequenceValue[] = [];
    let keysJson: string | null = null;
    for (;;) {
      const r = await cursor.next();
      if (r.type === 'Z') {
        const trailer = json<Trailer>(r);
        const same =
          trailer.tables.length === loaded.length &&
          trailer.tables.every((d, i) => d.name === loaded[i]!.name && d.sm3 === loaded[i]!.sm3 && d.rows === loaded[i]!.rows);
        if (!same) throw new BackupFormatError('备份末尾的校验清单与数据不符 — the archive trailer does not match its tables');
        break;
      }
      if (r.type === 'S') sequences = json<SequenceValue[]>(r);
      else if (r.type === 'K') keysJson = r.payload.toString('utf8');
      else if (r.type === 'T') loaded.push(await loadTable(client, cursor, json<{ name: string; columns: string[] }>(r), manifest));
      else throw new BackupFormatError(`备份内容顺序错误（${r.type}） — unexpected record ${r.type}`);
    }
    if (loaded.length !== manifest.tables.length) throw new BackupFormatError('备份中的表与清单不符 — the archive holds fewer tables than its manifest');
    for (const s of sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [`${ident(SCHEMA)}.${ident(s.name)}`, s.lastValue, s.isCalled]);
    }
    // Read everything back from the target in canonical order: what was committed is what was backed up.
    for (const d of loaded) {
      const t = targetTables.get(d.name)!;
      const hash = createHash('sm3');
      const rows = await copyOut(client, copyOutSql({ ...t, columns: manifest.tables.find((m) => m.name === d.name)!.columns }), (c) => {
        hash.update(c);
      });
      if (rows !== d.rows || hash.digest('hex') !== d.sm3) throw new Error(`恢复后表 ${d.name} 校验不一致 — table ${d.name} differs after restore`);
    }
    await client.query('COMMIT');
    return { manifest, tables: loaded, sequences: sequences.length, keysJson };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    opts.input.destroy();
    await client.end().catch(() => undefined);
  }
}

/** Streams one table's data records into COPY FROM, checking them against the table's end record. */
async function loadTable(client: pg.ClientBase, cursor: RecordCursor, table: { name: string; columns: string[] }, manifest: Manifest): Promise<TableDigest> {
  const expected = manifest.tables.find((t) => t.name === table.name);
  if (!expected) throw new BackupFormatError(`表 ${table.name} 不在清单中 — table ${table.name} is not in the manifest`);
  const hash = createHash('sm3');
  let end: TableDigest | undefined;
  async function* source(): AsyncGenerator<Buffer> {
    for (;;) {
      const r = await cursor.next();
      if (r.type === 'D') {
        hash.update(r.payload);
        yield r.payload;
        continue;
      }
      if (r.type !== 'E') throw new BackupFormatError(`表 ${table.name} 的数据不完整 — data of ${table.name} is cut short`);
      end = json<TableDigest>(r);
      // Checked before COPY completes, so a damaged table aborts the load instead of being committed.
      if (end.name !== table.name || end.sm3 !== hash.digest('hex'))
        throw new BackupFormatError(`表 ${table.name} 的校验和不符 — checksum of ${table.name} does not match`);
      return;
    }
  }
  const rows = await copyIn(client, copyInSql(table), source());
  if (!end || rows !== end.rows || rows !== expected.rows) {
    throw new BackupFormatError(`表 ${table.name} 行数不符（${rows} ≠ ${expected.rows}） — row count of ${table.name} does not match`);
  }
  return end;
}
