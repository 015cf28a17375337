/**
 * `npm run backup -- [--out FILE] [--encrypt --key-file FILE | --passphrase-file FILE] [--include-keys]`
 *
 * A snapshot-consistent logical backup of the whole application schema (attachments, settings, audit
 * trail, sequences, migration ledger) through the `pg` driver: the embedded PostgreSQL 18 ships no
 * pg_dump and neither npm nor Debian 12 offers an 18 client (15 refuses the server). Reads the running
 * embedded server online, or starts it on DATA_DIR, or uses DATABASE_URL (the owner's URL).
 * Exit codes: 0 done, 2 error.
 */
import { createWriteStream, existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { KEYS_NOTICE, writeBackup } from '../platform/backup/dump';
import { secretFrom, userPath } from '../platform/backup/secret';
import { connect, currentKeyId, keysFile, storageSettings } from '../platform/backup/target';
import { runCli } from './database';

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** keys.json as the server would read it: the file, or the values from the environment. */
function keysJsonFor(file: string): string {
  const env = process.env;
  if (env.LIANDONG_SESSION_SECRET && env.LIANDONG_SM4_KEY) {
    return JSON.stringify({ sessionSecret: env.LIANDONG_SESSION_SECRET, sm4Key: env.LIANDONG_SM4_KEY }, null, 2);
  }
  if (!existsSync(file)) throw new Error(`没有可包含的密钥文件 ${file} — no keys.json to include at ${file}`);
  return readFileSync(file, 'utf8');
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', short: 'o' },
      encrypt: { type: 'boolean', default: false },
      'key-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      'include-keys': { type: 'boolean', default: false },
    },
  });
  const secret = values.encrypt || values['key-file'] || values['passphrase-file'] ? secretFrom(values) : undefined;
  if (values.encrypt && !secret) {
    console.error(
      '--encrypt 需要 --key-file FILE、--passphrase-file FILE 或环境变量 LIANDONG_BACKUP_PASSPHRASE — --encrypt needs a key file, a passphrase file or LIANDONG_BACKUP_PASSPHRASE',
    );
    return 2;
  }
  if (values['include-keys'] && !secret) {
    console.error('拒绝：--include-keys 只能用于加密备份（--encrypt） — refused: keys.json is only ever put into an encrypted backup (--encrypt)');
    return 2;
  }
  const settings = storageSettings();
  const keysJson = values['include-keys'] ? keysJsonFor(keysFile(settings)) : undefined;
  const out = userPath(values.out ?? `liandong-${stamp()}.ldbak`);
  if (existsSync(out)) {
    console.error(`文件已存在，不覆盖 — ${out} exists; not overwriting`);
    return 2;
  }
  const partial = `${out}.partial`;
  const conn = await connect(settings, 'backup', (l) => console.error(`[pg] ${l}`));
  console.log(`备份 Backing up ${conn.description} → ${out}`);
  try {
    const result = await writeBackup({
      databaseUrl: conn.url,
      out: createWriteStream(partial, { mode: 0o600 }),
      secret,
      keysJson,
      sm4KeyId: currentKeyId(settings),
    });
    renameSync(partial, out);
    const m = result.manifest;
    const rows = result.digests.reduce((s, d) => s + d.rows, 0);
    console.log(`  结构版本 schema:   ${m.schemaVersion}`);
    console.log(`  委 commissions:    ${m.commissions.map((c) => c.name).join('、') || '—'}`);
    console.log(`  表 tables:         ${m.tables.length}（${rows} 行 rows），序列 sequences: ${m.sequences}`);
    console.log(`  未包含 excluded:   ${m.excluded.join('; ')}`);
    console.log(`  大小 size:         ${(statSync(out).size / 1024 / 1024).toFixed(2)} MiB`);
    console.log(`  加密 encrypted:    ${m.encrypted ? 'SM4-CTR + HMAC-SM3' : '否 no（明文，请妥善保管 — plain: protect the file）'}`);
    console.log(`  字段密钥 key id:    ${m.keys.sm4KeyId ?? '—'}`);
    console.log(`  keys.json:         ${m.keys.included ? '已包含（加密） included (encrypted)' : '未包含 NOT included'}`);
    console.log('');
    console.log(KEYS_NOTICE);
    return 0;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  } finally {
    await conn.close();
  }
}

runCli('备份失败 backup failed:', main);
