import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { withDatabase } from '../src/db/embedded';
import { writeBackup } from '../src/platform/backup/dump';
import { BackupKeyError, type BackupSecret } from '../src/platform/backup/envelope';
import { RestoreRefusedError, restoreBackup } from '../src/platform/backup/restore';
import { createTestApp, TEMPLATE_DB, type TestApp } from './app';

/**
 * `npm run backup` / `npm run restore` round trip on the demo commission: every table of the schema and
 * every sequence compared between source and restored database by row count and an order-independent
 * digest of every row (attachment bytes included), encrypted and plain; a wrong key, a tampered file and
 * a non-empty target fail cleanly and leave no restored row behind.
 */
let t: TestApp;
let dir: string;
const created: string[] = [];
const attachmentBytes = randomBytes(3 * 1024 * 1024 + 17);
const passphrase: BackupSecret = { passphrase: 'correct horse battery staple 2026' };

async function emptyDatabase(template = 'template0'): Promise<string> {
  const server = inject('pgServerUrl');
  const name = `restore_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await c.end();
  created.push(name);
  return withDatabase(server, name);
}

/** Row count and a digest of the sorted row digests, for every table; last value of every sequence. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, string> = {};
    const tables = await c.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    for (const { name } of tables.rows) {
      const r = await c.query<{ n: string; h: string }>(
        `SELECT count(*)::text AS n, md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS h FROM public."${name}" t`,
      );
      out[`table:${name}`] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
    }
    const seqs = await c.query<{ name: string; v: string | null }>(
      "SELECT sequencename AS name, last_value::text AS v FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1",
    );
    for (const s of seqs.rows) out[`sequence:${s.name}`] = String(s.v);
    return out;
  } finally {
    await c.end();
  }
}

let sourcePrint: Record<string, string> | undefined;
/** The source is not written after beforeAll: its fingerprint is taken once. */
async function sourceFingerprint(): Promise<Record<string, string>> {
  sourcePrint ??= await fingerprint(t.databaseUrl);
  return sourcePrint;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function backupTo(file: string, opts: { secret?: BackupSecret; keysJson?: string } = {}) {
  return writeBackup({ databaseUrl: t.databaseUrl, out: createWriteStream(file), sm4KeyId: 'abc123', ...opts });
}

beforeAll(async () => {
  t = await createTestApp();
  dir = mkdtempSync(path.join(os.tmpdir(), 'ld-backup-test-'));
  // An attachment larger than a segment, a record and a COPY batch, and a sequence moved past its rows.
  await query(
    t.databaseUrl,
    `INSERT INTO attachment (commission_id, owner_type, filename, mime_type, size_bytes, sha256, content)
     SELECT id, 'test', '备份测试.bin', 'application/octet-stream', $1, 'x', $2 FROM commission LIMIT 1`,
    [attachmentBytes.length, attachmentBytes],
  );
  await query(t.databaseUrl, "SELECT setval(pg_get_serial_sequence('audit_event', 'id'), (SELECT max(id) FROM audit_event) + 1000)");
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
  const c = new pg.Client({ connectionString: withDatabase(inject('pgServerUrl'), 'postgres') });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

// Each case backs up and restores the whole demo commission: allow for a machine under load.
describe('backup and restore (npm run backup / restore)', { timeout: 60_000 }, () => {
  it('a plain backup restores into an empty database identical table by table, attachments and sequences included', async () => {
    const file = path.join(dir, 'plain.ldbak');
    const backup = await backupTo(file);
    expect(backup.manifest.schemaVersion).toMatch(/^\d{4}_/);
    expect(backup.manifest.commissions.map((c) => c.name)).toContain('兰州市纪委监委（演示数据）');
    expect(backup.manifest.keys).toMatchObject({ included: false, sm4KeyId: 'abc123' });
    expect(backup.manifest.keys.notice).toContain('keys.json');
    expect(backup.manifest.tables.find((x) => x.name === 'attachment')!.rows).toBeGreaterThan(0);
    expect(backup.digests.find((x) => x.name === 'attachment')!.sm3).toMatch(/^[0-9a-f]{64}$/);

    const target = await emptyDatabase();
    const restored = await restoreBackup({ databaseUrl: target, input: createReadStream(file) });
    expect(restored.tables.length).toBe(backup.manifest.tables.length);
    const [before, after] = [await sourceFingerprint(), await fingerprint(target)];
    expect(Object.keys(before).length).toBeGreaterThan(60);
    expect(after).toEqual(before);
    const [att] = await query<{ content: Buffer }>(target, "SELECT content FROM attachment WHERE filename = '备份测试.bin'");
    expect(att!.content.equals(attachmentBytes)).toBe(true);
  });

  it('an encrypted backup (SM4) hides the data, carries keys.json only on request and restores identically', async () => {
    const file = path.join(dir, 'sealed.ldbak');
    const keysJson = JSON.stringify({ sessionSecret: 's'.repeat(64), sm4Key: '00112233445566778899aabbccddeeff' });
    await backupTo(file, { secret: passphrase, keysJson });
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 8).toString()).toBe('LDBACKUP');
    expect(bytes.includes(Buffer.from('"sm4Key"'))).toBe(false);
    expect(bytes.includes(attachmentBytes.subarray(0, 64))).toBe(false);

    const target = await emptyDatabase();
    const restored = await restoreBackup({ databaseUrl: target, input: createReadStream(file), secret: passphrase });
    expect(restored.keysJson).toBe(keysJson);
    expect(await fingerprint(target)).toEqual(await sourceFingerprint());
  });

  it('keys.json is refused in a plain backup', async () => {
    await expect(backupTo(path.join(dir, 'nokeys.ldbak'), { keysJson: '{}' })).rejects.toThrow(/--include-keys/);
  });

  it('a wrong key, a missing key or a tampered file fails cleanly and leaves the target without data', async () => {
    const keyFile = path.join(dir, 'backup.key');
    writeFileSync(keyFile, randomBytes(32).toString('hex'));
    const file = path.join(dir, 'keyfile.ldbak');
    await backupTo(file, { secret: { keyFile } });
    const target = await emptyDatabase();

    await expect(restoreBackup({ databaseUrl: target, input: createReadStream(file), secret: passphrase })).rejects.toThrow(BackupKeyError);
    await expect(restoreBackup({ databaseUrl: target, input: createReadStream(file) })).rejects.toThrow(/已加密/);
    expect(await query(target, "SELECT 1 FROM pg_tables WHERE schemaname = 'public'")).toEqual([]);

    const tampered = readFileSync(file);
    tampered[tampered.length - 5_000]! ^= 0x01;
    const bad = path.join(dir, 'tampered.ldbak');
    writeFileSync(bad, tampered);
    await expect(restoreBackup({ databaseUrl: target, input: createReadStream(bad), secret: { keyFile } })).rejects.toThrow(/篡改或损坏/);
    expect(await query(target, 'SELECT id FROM commission')).toEqual([]);

    const cut = path.join(dir, 'cut.ldbak');
    writeFileSync(cut, readFileSync(file).subarray(0, Math.floor(tampered.length * 0.7)));
    await expect(restoreBackup({ databaseUrl: target, input: createReadStream(cut), secret: { keyFile } })).rejects.toThrow(/截断|不完整/);
    expect(await query(target, 'SELECT id FROM commission')).toEqual([]);

    // The same target, untouched by the failures, still takes the good file.
    await restoreBackup({ databaseUrl: target, input: createReadStream(file), secret: { keyFile } });
    expect(await fingerprint(target)).toEqual(await sourceFingerprint());
  });

  it('a restore into a database that holds data is refused without --force and leaves it unchanged', async () => {
    const file = path.join(dir, 'plain.ldbak');
    const other = await emptyDatabase();
    await restoreBackup({ databaseUrl: other, input: createReadStream(file) });
    await query(other, "UPDATE commission SET name_zh = '另一个委'");
    const before = await fingerprint(other);
    await expect(restoreBackup({ databaseUrl: other, input: createReadStream(file) })).rejects.toThrow(RestoreRefusedError);
    expect(await fingerprint(other)).toEqual(before);
    await restoreBackup({ databaseUrl: other, input: createReadStream(file), force: true });
    expect(await fingerprint(other)).toEqual(await sourceFingerprint());
  });

  it('the backup is one snapshot: writes that run during it are wholly in it or wholly out', async () => {
    const live = await emptyDatabase(TEMPLATE_DB);
    const writer = new pg.Client({ connectionString: live });
    await writer.connect();
    // Each write adds an attachment and sets a setting to the number of such attachments, atomically.
    const step = () =>
      writer.query(`WITH c AS (SELECT id FROM commission LIMIT 1),
                         a AS (INSERT INTO attachment (commission_id, owner_type, filename, mime_type, size_bytes, sha256, content)
                               SELECT id, 'snapshot', 'w', 'text/plain', 1, 'x', '\\x00' FROM c RETURNING 1)
                    INSERT INTO setting (commission_id, key, value)
                    SELECT id, 'test.snapshot', to_jsonb((SELECT count(*) FROM attachment WHERE owner_type = 'snapshot') + 1) FROM c
                    ON CONFLICT (commission_id, key) DO UPDATE SET value = EXCLUDED.value`);
    for (let i = 0; i < 5; i++) await step();
    let running = true;
    const loop = (async () => {
      while (running) await step();
    })();
    const file = path.join(dir, 'live.ldbak');
    try {
      await writeBackup({ databaseUrl: live, out: createWriteStream(file) });
      for (let i = 0; i < 5; i++) await step();
    } finally {
      running = false;
      await loop;
      await writer.end();
    }
    const target = await emptyDatabase();
    await restoreBackup({ databaseUrl: target, input: createReadStream(file) });
    const [restored] = await query<{ n: number; v: number }>(
      target,
      "SELECT (SELECT count(*)::int FROM attachment WHERE owner_type = 'snapshot') AS n, (SELECT (value)::int FROM setting WHERE key = 'test.snapshot') AS v",
    );
    const [final] = await query<{ n: number }>(live, "SELECT count(*)::int AS n FROM attachment WHERE owner_type = 'snapshot'");
    expect(restored!.n).toBeGreaterThanOrEqual(5);
    expect(restored!.v).toBe(restored!.n);
    expect(final!.n).toBeGreaterThan(restored!.n);
  });
});
