/**
 * Two application nodes on one database, as a scaled-out deployment runs them (docs/architecture.md,
 * "Scaling out"): two real server processes (what `npm start` runs, bench/server-child.ts) on the same
 * PostgreSQL database, each with its own data folder and the shared keys given in the environment.
 *
 * What must hold: a session opened on one node works on the other; a sign-out on one is refused by the other
 * within SESSION_CACHE_MS; a write on one node is in the other's next answer even where that node caches the
 * answer (data epochs); a scheduled job is registered once (pg-boss then creates each cron run once, whichever node's clock
 * fires) and a queued job is taken by one node (SKIP LOCKED) and completed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../src/platform/jobs';
import { createTestApp, type TestApp } from './app';
import { TEST_AUDIT_KEY, TEST_SM4_KEY } from './keys';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SESSION_CACHE_MS = 1500;

interface Node {
  child: ChildProcess;
  url: string;
  dir: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function startNode(t: TestApp, label: string): Promise<Node> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ld-node-${label}-`));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'DATA_DIR', 'PORT', 'HOST', 'PGPORT_EMBEDDED', 'DEMO', 'LOG_LEVEL']) delete env[k];
  Object.assign(env, {
    DATABASE_URL: t.appDatabaseUrl,
    DATABASE_OWNER_URL: t.databaseUrl,
    DATA_DIR: dir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    SESSION_CACHE_MS: String(SESSION_CACHE_MS),
    LIANDONG_SESSION_SECRET: 'two-nodes-session-secret-0123456789',
    LIANDONG_SM4_KEY: TEST_SM4_KEY.toString('hex'),
    LIANDONG_AUDIT_KEY: TEST_AUDIT_KEY.toString('hex'),
  });
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'server-child.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out = (out + c).slice(-4000)));
  child.stderr?.on('data', (c: Buffer) => (out = (out + c).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node ${label} did not start in 150 s:\n${out}`)), 150_000);
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready' && m.url) {
        clearTimeout(timer);
        resolve(m.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node ${label} exited (${code}):\n${out}`));
    });
  });
  return { child, url, dir };
}

async function stopNode(n: Node | undefined): Promise<void> {
  if (!n) return;
  if (n.child.exitCode === null) {
    const exited = new Promise((r) => n.child.once('exit', r));
    n.child.send({ type: 'stop' });
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (n.child.exitCode === null) n.child.kill('SIGKILL');
  }
  rmSync(n.dir, { recursive: true, force: true });
}

const HEADERS = { 'x-requested-with': 'liandong', 'content-type': 'application/json' };

async function call(
  node: Node,
  method: string,
  url: string,
  cookie?: string,
  body?: unknown,
): Promise<{ status: number; json: () => Promise<unknown>; headers: Headers }> {
  const res = await fetch(`${node.url}${url}`, {
    method,
    headers: { ...HEADERS, ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: () => res.json(), headers: res.headers };
}

async function signIn(node: Node, username: string): Promise<string> {
  const res = await call(node, 'POST', '/api/v1/auth/login', undefined, { username, password: 'Demo@2026lz' });
  expect(res.status, JSON.stringify(await res.json().catch(() => null))).toBe(200);
  const set = res.headers.getSetCookie().find((c) => c.startsWith('ld_sid='));
  expect(set).toBeTruthy();
  return set!.split(';')[0]!;
}

let t: TestApp;
let a: Node | undefined;
let b: Node | undefined;

beforeAll(async () => {
  t = await createTestApp();
  // One after the other: both run the start-up steps (migrations, grants, seals) against the same database.
  a = await startNode(t, 'a');
  b = await startNode(t, 'b');
}, 330_000);

afterAll(async () => {
  await Promise.all([stopNode(a), stopNode(b)]);
  await t?.close();
}, 60_000);

describe('two nodes on one database', () => {
  it('a session opened on node A works on node B; signed out on A, it is refused on B within SESSION_CACHE_MS', async () => {
    const cookie = await signIn(a!, 'fin.staff');
    const onB = await call(b!, 'GET', '/api/v1/me', cookie);
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { user: { username: string } }).user.username).toBe('fin.staff');
    expect((await call(a!, 'POST', '/api/v1/auth/logout', cookie, {})).status).toBeLessThan(300);
    expect((await call(a!, 'GET', '/api/v1/me', cookie)).status).toBe(401);
    const signedOutAt = Date.now();
    let status = 200;
    while (Date.now() - signedOutAt < SESSION_CACHE_MS + 3_000) {
      status = (await call(b!, 'GET', '/api/v1/me', cookie)).status;
      if (status === 401) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - signedOutAt).toBeLessThan(SESSION_CACHE_MS + 3_000);
  });

  it('a write on node A is in node B’s next answer, although B caches that answer per node (data epochs)', async () => {
    const director = await signIn(a!, 'dfzf.director');
    const list = (await (await call(b!, 'GET', '/api/v1/campaigns?pageSize=50', director)).json()) as { items: { id: string; name: string }[] };
    const campaign = list.items[0];
    expect(campaign, 'a demo campaign visible to the 党风政风监督室').toBeTruthy();
    const rules = async (node: Node) => {
      const res = await call(node, 'GET', `/api/v1/campaigns/${campaign!.id}/kpis`, director);
      expect(res.status).toBe(200);
      const groups = ((await res.json()) as { groups: { key: string; figures: { key: string; value: number }[] }[] }).groups;
      return groups.find((g) => g.key === 'reform')!.figures.find((f) => f.key === 'rules')!.value;
    };
    const before = await rules(b!);
    expect(await rules(b!)).toBe(before); // now served from B's cache
    const unit = await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-HU-JYJ').executeTakeFirstOrThrow();
    const created = await call(a!, 'POST', `/api/v1/campaigns/${campaign!.id}/rules`, director, {
      unitOrgId: unit.id,
      title: '两节点一致性测试制度（演示数据）',
      issuedOn: '2026-04-25',
    });
    expect(created.status, JSON.stringify(await created.json())).toBe(200);
    expect(await rules(b!)).toBe(before + 1);
  });

  it('registers each schedule once (not once per node), and a queued job is taken and completed by a node, without a retry', async () => {
    const owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    try {
      const schedules = await owner.query<{ name: string; n: number }>('SELECT name, count(*)::int AS n FROM pgboss.schedule GROUP BY name');
      expect(schedules.rows.length).toBeGreaterThan(5);
      expect(schedules.rows.every((r) => r.n === 1)).toBe(true);
      const boss = new PgBoss({ connectionString: t.databaseUrl, schema: 'pgboss', max: 1, supervise: false, schedule: false });
      await boss.start();
      const id = await boss.send(JOBS.passwordExpiry, { twoNodes: true });
      await boss.stop({ graceful: false, wait: true });
      expect(id).toBeTruthy();
      const started = Date.now();
      let state = '';
      let retries = 0;
      while (Date.now() - started < 60_000) {
        const r = await owner.query<{ state: string; retry_count: number }>('SELECT state, retry_count FROM pgboss.job WHERE id = $1', [id]);
        state = r.rows[0]?.state ?? 'archived';
        retries = r.rows[0]?.retry_count ?? 0;
        if (state === 'completed' || state === 'archived') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(state).toBe('completed');
      expect(retries).toBe(0);
    } finally {
      await owner.end();
    }
  }, 90_000);
});
