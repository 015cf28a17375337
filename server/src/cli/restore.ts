/**
 * `npm run restore -- FILE [--key-file FILE | --passphrase-file FILE] [--force]`
 *
 * Restores a backup into an empty database: a new DATA_DIR (the embedded server is initialised and
 * started, then stopped) or DATABASE_URL (the owner's URL). Refuses a database that already holds a
 * commission unless --force, and an embedded server that a running `npm start` holds.
 * Exit codes: 0 done, 1 refused, 2 error.
 */
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KEYS_NOTICE } from '../platform/backup/dump';
import { readPreamble } from '../platform/backup/envelope';
import { RestoreRefusedError, restoreBackup } from '../platform/backup/restore';
import { secretFrom, userPath } from '../platform/backup/secret';
import { connect, currentKeyId, keyId, keysFile, type StorageSettings, storageSettings } from '../platform/backup/target';
import { runCli } from './database';

/** Places keys.json from the archive, never over a different one. */
function placeKeys(settings: StorageSettings, json: string): void {
  const file = keysFile(settings);
  mkdirSync(settings.dataDir, { recursive: true });
  if (!existsSync(file)) {
    writeFileSync(file, json, { mode: 0o600 });
    console.log(`  keys.json 已从备份恢复 restored from the backup → ${file}`);
  } else if (readFileSync(file, 'utf8').trim() !== json.trim()) {
    const aside = `${file}.from-backup`;
    writeFileSync(aside, json, { mode: 0o600 });
    console.log(`  已有不同的 keys.json，未覆盖；备份中的密钥写到 ${aside} — a different keys.json exists; the backup's keys were written beside it`);
  }
}

function checkKeys(settings: StorageSettings, expected: string | null): void {
  if (settings.databaseUrl && !existsSync(keysFile(settings)) && !process.env.LIANDONG_SM4_KEY) {
    console.log(`  请把与备份一起另行保管的 keys.json 放到运行服务的 DATA_DIR — put the keys.json you kept apart into the server's DATA_DIR`);
    return;
  }
  const present = currentKeyId(settings);
  if (!expected) return;
  if (!present) {
    console.log(`  ⚠ 缺少 keys.json：请把另行保管的 keys.json 复制到 ${keysFile(settings)}，否则举报人身份等加密字段无法读取`);
    console.log(`    keys.json missing: copy the keys.json you kept apart to ${keysFile(settings)}, or the encrypted fields stay unreadable`);
  } else if (present !== expected) {
    console.log(`  ⚠ 当前密钥（${present}）与备份时的密钥（${expected}）不同，加密字段将无法读取`);
    console.log('    the SM4 key in force differs from the one the backup was taken with: the encrypted fields will not open');
  } else {
    console.log(`  字段密钥一致 field key matches (${present})`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'key-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0] ? userPath(positionals[0]) : undefined;
  if (!file || positionals.length > 1) {
    console.error('用法 usage: npm run restore -- FILE [--key-file FILE | --passphrase-file FILE] [--force]');
    return 2;
  }
  if (!existsSync(file)) {
    console.error(`找不到备份文件 — backup file not found: ${file}`);
    return 2;
  }
  const secret = secretFrom(values);
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  if (readPreamble(head).encrypted && !secret) {
    console.error(
      '备份已加密，请提供 --key-file FILE、--passphrase-file FILE 或 LIANDONG_BACKUP_PASSPHRASE — the backup is encrypted: give its key file or passphrase',
    );
    return 2;
  }
  const settings = storageSettings();
  let conn: Awaited<ReturnType<typeof connect>>;
  try {
    conn = await connect(settings, 'restore', (l) => console.error(`[pg] ${l}`));
  } catch (err) {
    if (!(err instanceof RestoreRefusedError)) throw err;
    console.error(`拒绝恢复 restore refused: ${err.message}`);
    return 1;
  }
  console.log(`恢复 Restoring ${file} → ${conn.description}`);
  try {
    const result = await restoreBackup({
      databaseUrl: conn.url,
      input: createReadStream(file),
      secret,
      force: values.force,
      log: (l) => console.log(`  ${l}`),
    });
    const rows = result.tables.reduce((s, t) => s + t.rows, 0);
    console.log(`已恢复并校验 restored and verified: ${result.tables.length} 表 tables, ${rows} 行 rows, ${result.sequences} 序列 sequences`);
    if (result.keysJson) {
      placeKeys(settings, result.keysJson);
      const stored = JSON.parse(result.keysJson) as { sm4Key?: string };
      if (stored.sm4Key && result.manifest.keys.sm4KeyId && keyId(Buffer.from(stored.sm4Key, 'hex')) !== result.manifest.keys.sm4KeyId) {
        console.log('  ⚠ 备份中的 keys.json 与备份时使用的密钥不同 — the keys.json in the backup is not the key the data was sealed with');
      }
    }
    checkKeys(settings, result.manifest.keys.sm4KeyId);
    console.log('');
    console.log(KEYS_NOTICE);
    return 0;
  } catch (err) {
    if (err instanceof RestoreRefusedError) {
      console.error(`拒绝恢复 restore refused: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await conn.close();
  }
}

runCli('恢复失败 restore failed:', main);
