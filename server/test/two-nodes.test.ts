/**
 * Two application nodes on one database, as a scaled-out deployment runs them (docs/architecture.md,
 * "Scaling out"): two real server processes (what `npm start` runs, bench/server-child.ts) on the same
 * PostgreSQL database, each with its own data folder and the shared keys given in the environment.
 *
 * What must hold: a session opened on one node works on the other; a sign-out on one is refused by the other
 * within SESSION_CACHE_MS; a write on one node is in the other's next answer even where that node caches the
 * answer (data epochs: campaign figures, the 信息互通 grants behind a ledger); a scope change (an org link) is
 * in the other's answers within SESSION_CACHE_MS (scope epoch, behind the session cache); a schedule is
 * registered once, and a run due at one minute is created and completed once although both nodes' clocks
 * look at it many times while it is due (each clock every second here: JOB_CLOCK_SECONDS); a queued job is taken by one node (SKIP LOCKED) and completed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS } from '../src/platform/jobs';
import { COMMISSION_TIME_ZONE } from '../src/platform/zone';
import { createTestApp, type TestApp } from './app';
import { insertBareClue } from './fixtures';
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
    // Each node's clock looks at the schedules every second (production: every 30 s), so a due run is seen at once.
    JOB_CLOCK_SECONDS: '1',
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
  let parsed: Promise<unknown> | undefined;
  // Read once, however often asked (a failure message and the test both look at it).
  return { status: res.status, json: () => (parsed ??= res.json()), headers: res.headers };
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

  it('a 信息互通 grant approved on node A opens the clue in node B’s ledger at B’s next request, and its revocation on A closes it there at once', async () => {
    const clue = await insertBareClue(t.db, { title: '两节点共享测试线索（演示数据）' });
    const staff = `ld_sid=${await t.sessionFor('fin.staff')}`;
    const ledger = async (node: Node) => {
      const res = await call(node, 'GET', '/api/v1/clues?pageSize=100', staff);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((c) => c.id);
    };
    // B has answered fin.staff's ledger (its grant cache holds "no grant" for the group's org).
    expect(await ledger(b!)).not.toContain(clue);
    expect(await ledger(b!)).not.toContain(clue);
    const today = (await sql<{ d: string }>`SELECT to_char(current_date, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
    const endsOn = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const sc8 = await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-SC8').executeTakeFirstOrThrow();
    const asked = await call(a!, 'POST', '/api/v1/shares', staff, {
      origin: 'REQUEST',
      kind: 'DISCIPLINARY_REVIEW',
      ownerOrgId: sc8.id,
      purpose: '两节点一致性测试（演示数据）',
      startsOn: today,
      endsOn,
      categoryTypes: ['CLUE'],
    });
    expect(asked.status, JSON.stringify(await asked.json())).toBe(201);
    const share = (await asked.json()) as { id: string };
    expect(await ledger(b!)).not.toContain(clue); // pending: nothing opens
    const leader = `ld_sid=${await t.sessionFor('cw3.member')}`;
    const approved = await call(a!, 'POST', `/api/v1/shares/${share.id}/actions`, leader, {
      action: 'approve',
      version: 1,
      objects: [{ type: 'CLUE', id: clue }],
      detail: 'SUMMARY',
    });
    expect(approved.status, JSON.stringify(await approved.json())).toBe(200);
    expect(await ledger(b!)).toContain(clue);
    const owner = `ld_sid=${await t.sessionFor('sc8.staff')}`;
    const current = (await (await call(a!, 'GET', `/api/v1/shares/${share.id}`, owner)).json()) as { version: number };
    const revoked = await call(a!, 'POST', `/api/v1/shares/${share.id}/actions`, owner, {
      action: 'revoke',
      version: current.version,
      comment: '两节点测试结束',
    });
    expect(revoked.status, JSON.stringify(await revoked.json())).toBe(200);
    expect(await ledger(b!)).not.toContain(clue);
    expect((await call(b!, 'GET', `/api/v1/clues/${clue}`, staff)).status).toBe(404);
  });

  it('an org link created on node A widens the scope node B answers with within SESSION_CACHE_MS (scope epoch), and ending it on A narrows it again', async () => {
    const jc1 = `ld_sid=${await t.sessionFor('jc1.staff')}`;
    const admin = `ld_sid=${await t.sessionFor('sysadmin')}`;
    const seen = async (node: Node) => {
      const res = await call(node, 'GET', '/api/v1/orgs?pageSize=200&kind=DISPATCHED_GROUP', jc1);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((o) => o.id);
    };
    const before = await seen(b!);
    const groups = await t.db.selectFrom('org').select('id').where('kind', '=', 'DISPATCHED_GROUP').orderBy('code').execute();
    const outside = groups.find((g) => !before.includes(g.id));
    expect(outside, 'a dispatched group outside 第一监督检查室’s scope').toBeTruthy();
    const office = await t.db.selectFrom('org').select('id').where('code', '=', 'LZ-JW-JC1').executeTakeFirstOrThrow();
    const created = await call(a!, 'POST', '/api/v1/links', admin, { type: 'LIAISON', fromId: office.id, toId: outside!.id, validFrom: '2025-01-01' });
    expect(created.status, JSON.stringify(await created.json())).toBe(200);
    const link = (await created.json()) as { id: string; version: number };
    // B may answer from its session cache (the actor and its scope) for at most SESSION_CACHE_MS; after that, the new scope.
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 100));
    expect(await seen(b!)).toContain(outside!.id);
    const yesterday = (await sql<{ d: string }>`SELECT to_char(current_date - 1, 'YYYY-MM-DD') AS d`.execute(t.db)).rows[0]!.d;
    const ended = await call(a!, 'POST', `/api/v1/links/LIAISON/${link.id}/end`, admin, { version: link.version, validTo: yesterday });
    expect(ended.status, JSON.stringify(await ended.json())).toBe(200);
    await new Promise((r) => setTimeout(r, SESSION_CACHE_MS + 100));
    expect(await seen(b!)).toEqual(before);
  });

  it('a schedule due at one minute runs once across both nodes (each node’s clock looks at it, one job is created and completed)', async () => {
    const owner = new pg.Client({ connectionString: t.databaseUrl });
    await owner.connect();
    const jobs = (since: Date) =>
      owner.query<{ id: string; state: string }>(
        `SELECT id, state FROM pgboss.job WHERE name = $1 AND created_on >= $2
         UNION ALL SELECT id, state FROM pgboss.archive WHERE name = $1 AND created_on >= $2`,
        [JOBS.passwordExpiry, since],
      );
    const boss = new PgBoss({ connectionString: t.databaseUrl, schema: 'pgboss', max: 1, supervise: false, schedule: false });
    await boss.start();
    try {
      // A run stays due for the minute after its time (pg-boss: the cron's last time less than 60 s ago), and the nodes'
      // clocks look every JOB_CLOCK_SECONDS (1 s here, 30 s in production): the schedule is set to the current minute
      // with at least 15 s of it left, so it is due at once and both clocks look at it many times while it is due.
      const left = () => 60_000 - (Date.now() % 60_000);
      if (left() < 15_000) await new Promise((r) => setTimeout(r, left() + 500));
      const since = (await owner.query<{ now: Date }>('SELECT now() AS now')).rows[0]!.now;
      const dueUntil = Date.now() + left();
      // A daily cron in the commission's zone (UTC+8, no DST): this minute, due once.
      const local = new Date(Date.now() + 8 * 3600_000);
      await boss.schedule(JOBS.passwordExpiry, `${local.getUTCMinutes()} ${local.getUTCHours()} * * *`, {}, { tz: COMMISSION_TIME_ZONE });
      // Each look that runs the schedules stamps pgboss.version.cron_on (one node per interval): counted while due.
      const looks = new Set<string>();
      let runs = (await jobs(since)).rows;
      while (Date.now() < dueUntil - 2_000 && (looks.size < 5 || !runs.some((j) => j.state === 'completed'))) {
        await new Promise((r) => setTimeout(r, 250));
        const stamp = (await owner.query<{ at: Date | null }>('SELECT cron_on AS at FROM pgboss.version')).rows[0]?.at;
        if (stamp && stamp >= since) looks.add(stamp.toISOString());
        runs = (await jobs(since)).rows;
      }
      expect(looks.size, 'the clocks ran the schedules more than once while the run was due').toBeGreaterThanOrEqual(3);
      const deadline = Date.now() + 30_000;
      while (!runs.some((j) => j.state === 'completed') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        runs = (await jobs(since)).rows;
      }
      expect(runs.map((j) => j.state)).toEqual(['completed']);
    } finally {
      await boss.schedule(JOBS.passwordExpiry, '5 8 * * *', {}, { tz: COMMISSION_TIME_ZONE }).catch(() => undefined);
      await boss.stop({ graceful: false, wait: true });
      await owner.end();
    }
  }, 120_000);

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
