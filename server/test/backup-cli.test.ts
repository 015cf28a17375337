import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { repoPath } from '../src/config';
import { withDatabase } from '../src/db/embedded';
import { TEMPLATE_DB } from './app';

/**
 * The commands as an operator types them: `npm run backup` on DATABASE_URL with an SM4 key file and
 * --include-keys, `npm run restore` into an empty database and an empty DATA_DIR (keys.json placed
 * there from the backup), a second restore refused, keys.json refused in a plain backup.
 */
const created: string[] = [];
let dir: string;
let source: string;

async function database(template: string): Promise<string> {
  const name = `cli_${randomBytes(5).toString('hex')}`;
  const c = new pg.Client({ connectionString: withDatabase(inject('pgServerUrl'), 'postgres') });
  await c.connect();
  await c.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await c.end();
  created.push(name);
  return withDatabase(inject('pgServerUrl'), name);
}

function run(cli: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(repoPath('node_modules', '.bin', 'tsx'), [repoPath('server', 'src', 'cli', `${cli}.ts`), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ld-backup-cli-'));
  source = await database(TEMPLATE_DB);
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const c = new pg.Client({ connectionString: withDatabase(inject('pgServerUrl'), 'postgres') });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe('npm run backup / npm run restore (command line)', () => {
  it('an encrypted backup with keys restores into an empty database and data folder; a second restore is refused', async () => {
    const srcData = path.join(dir, 'src-data');
    mkdirSync(srcData);
    const keys = JSON.stringify({ sessionSecret: randomBytes(32).toString('hex'), sm4Key: randomBytes(16).toString('hex') });
    writeFileSync(path.join(srcData, 'keys.json'), keys);
    writeFileSync(path.join(dir, 'backup.key'), randomBytes(32).toString('hex'));

    const plainKeys = await run('backup', ['--include-keys', '--out', 'x.ldbak'], { DATABASE_URL: source, DATA_DIR: srcData });
    expect(plainKeys.code).toBe(2);
    expect(plainKeys.out).toMatch(/拒绝：--include-keys 只能用于加密备份/);
    expect(existsSync(path.join(dir, 'x.ldbak'))).toBe(false);

    const b = await run('backup', ['--key-file', 'backup.key', '--include-keys', '--out', 'full.ldbak'], { DATABASE_URL: source, DATA_DIR: srcData });
    expect(b.out).toContain('SM4-CTR + HMAC-SM3');
    expect(b.code).toBe(0);
    expect(b.out).toMatch(/keys\.json:\s+已包含/);
    expect(b.out).toMatch(/需要 DATA_DIR\/keys\.json[\s\S]*NOT in this backup unless --include-keys/);

    const target = await database('template0');
    const dstData = path.join(dir, 'dst-data');
    const noKey = await run('restore', ['full.ldbak'], { DATABASE_URL: target, DATA_DIR: dstData });
    expect(noKey.code).toBe(2);
    expect(noKey.out).toMatch(/备份已加密/);

    const r = await run('restore', ['full.ldbak', '--key-file', 'backup.key'], { DATABASE_URL: target, DATA_DIR: dstData });
    expect(r.out).toMatch(/已恢复并校验 restored and verified: \d+ 表/);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dstData, 'keys.json'), 'utf8')).toBe(keys);
    expect(r.out).toMatch(/字段密钥一致 field key matches/);

    const again = await run('restore', ['full.ldbak', '--key-file', 'backup.key'], { DATABASE_URL: target, DATA_DIR: dstData });
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/拒绝恢复[\s\S]*--force/);
  }, 60_000);
});
