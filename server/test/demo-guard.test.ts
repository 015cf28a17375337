import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { loadConfig } from '../src/config';
import { withDatabase } from '../src/db/embedded';
import { demoRefusal, isLoopbackHost, startServer } from '../src/server';
import { TEMPLATE_DB, testConfig } from './app';

/**
 * Demo accounts share one published password. `npm start` keeps them on loopback by default; on an
 * address others can reach the server refuses to start with them (to be loaded, or already in the
 * database) unless DEMO=1 was set explicitly, and says so in the log.
 */
describe('demo data guard: config and decision', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ld-demo-guard-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = (extra: Record<string, string>) => ({ DATA_DIR: dataDir, ...extra });

  it('DEMO is on by default but only explicit when set to a true value', () => {
    expect(loadConfig(env({}))).toMatchObject({ demo: true, demoExplicit: false });
    expect(loadConfig(env({ DEMO: '' }))).toMatchObject({ demo: true, demoExplicit: false });
    expect(loadConfig(env({ DEMO: '1' }))).toMatchObject({ demo: true, demoExplicit: true });
    expect(loadConfig(env({ DEMO: 'true' }))).toMatchObject({ demo: true, demoExplicit: true });
    expect(loadConfig(env({ DEMO: '0' }))).toMatchObject({ demo: false, demoExplicit: false });
  });

  it('loopback hosts are told from every other address', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.0.0.2', '::ffff:127.0.0.1']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.1.2.3', '192.168.0.5', 'liandong.example', '128.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
  });

  it('refuses demo accounts on a public HOST unless DEMO=1 was explicit, to be loaded or already present', () => {
    const none = { willLoad: false, present: false };
    expect(demoRefusal({ host: '127.0.0.1', demoExplicit: false }, { willLoad: true, present: false })).toBeNull();
    expect(demoRefusal({ host: '0.0.0.0', demoExplicit: false }, { willLoad: true, present: false })).toMatch(/拒绝启动[\s\S]*DEMO=1[\s\S]*Refusing to start/);
    expect(demoRefusal({ host: '0.0.0.0', demoExplicit: false }, { willLoad: false, present: true })).toMatch(/数据库中有演示数据/);
    expect(demoRefusal({ host: '0.0.0.0', demoExplicit: true }, { willLoad: false, present: true })).toBeNull();
    expect(demoRefusal({ host: '0.0.0.0', demoExplicit: false }, none)).toBeNull();
    expect(demoRefusal({ host: '10.0.0.8', demoExplicit: undefined }, { willLoad: true, present: false })).not.toBeNull();
  });
});

describe('demo data guard: startServer on a database holding the demo commission', () => {
  let name: string;
  let url: string;
  beforeAll(async () => {
    const server = inject('pgServerUrl');
    name = `demo_guard_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
    await c.connect();
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await c.end();
    url = withDatabase(server, name);
  });
  afterAll(async () => {
    const c = new pg.Client({ connectionString: withDatabase(inject('pgServerUrl'), 'postgres') });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('HOST=0.0.0.0 with DEMO defaulted (or DEMO=0) refuses and logs why; DEMO=1 explicitly starts', async () => {
    const lines: string[] = [];
    const base = { ...testConfig(), databaseUrl: url, host: '0.0.0.0', port: 0 };
    await expect(startServer({ ...base, demo: true, demoExplicit: false }, (l) => lines.push(l))).rejects.toThrow(/拒绝启动[\s\S]*DEMO=1/);
    expect(lines.join('\n')).toMatch(/Refusing to start: the database holds the demo commission/);
    await expect(startServer({ ...base, demo: false, demoExplicit: false }, () => undefined)).rejects.toThrow(/HOST=0\.0\.0\.0/);

    lines.length = 0;
    const running = await startServer({ ...base, demo: true, demoExplicit: true }, (l) => lines.push(l));
    try {
      expect(running.app.server.listening).toBe(true);
      expect(lines.join('\n')).toMatch(/演示账号在非本机地址 0\.0\.0\.0 上开放[\s\S]*DEMO=1/);
    } finally {
      await running.stop();
    }
    const onLoopback = await startServer({ ...base, host: '127.0.0.1', demo: true, demoExplicit: false }, () => undefined);
    await onLoopback.stop();
  });
});
