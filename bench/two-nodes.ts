/**
 * `npm run bench -- --nodes=2` (issue 12, "two nodes, one database"): the throughput of N application nodes
 * against one, on the same PostgreSQL database, behind a round-robin on loopback (bench/round-robin.ts).
 *
 * The orchestrator's real server is node A. Further nodes are the same program (bench/server-child.ts:
 * startServer, migrations, pg-boss, the full app) on the same DATABASE_URL, each with its own DATA_DIR
 * holding node A's keys and application-role password (a deployment gives every node the same keys;
 * docs/architecture.md, "Scaling out"). Two proxies in their own processes: one forwarding to node A alone,
 * one to all nodes, so both figures pay the same extra hop. Per figure, one node then all nodes, same load
 * (warm-up, timed run at N connections). Before the runs, every account of the sample is asked on every
 * node directly: a session works on each and each answers the same scope.
 *
 * Reported, not judged: on a machine whose cores are already shared by PostgreSQL and the load generator,
 * a second node adds event-loop parallelism and memory, not CPU.
 */
import { copyFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SESSION_COOKIE } from '../server/src/modules/auth';
import { ENDPOINTS, probe } from './endpoints';
import type { SessionSample } from './generate';
import { type LoadOptions, measure, type Target } from './load';
import { childEnv, freePort, log, type Started, serverMemory, startChild, stopChild, tempDir } from './processes';

/** The figures measured on one node and on all nodes (ENDPOINTS names; group-staff sample, no per-letter paths). */
export const NODE_FIGURES = ['GET /api/v1/me', 'GET /api/v1/clues (group staff)', 'GET /api/v1/supervision/my-items'] as const;

export interface NodeRun {
  rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Connections the round-robin handed to each node during this run (warm-up included). */
  connections_per_node: number[];
}

export interface NodesFigure {
  name: string;
  one_node: NodeRun;
  all_nodes: NodeRun;
  /** all_nodes.rps / one_node.rps. */
  rps_ratio: number | null;
}

export interface NodesResult {
  nodes: number;
  via: string;
  connections: number;
  /** ms until each further node answered (start-up against an already migrated database). */
  start_ms: number[];
  /** RSS at idle of each further node (node A's is server.rss_idle_mb). */
  rss_idle_mb: number[];
  /** Every account of the sample answered 200 with the same scope size on every node, asked directly. */
  same_answers: boolean;
  load_avg_before: number[];
  load_avg_after: number[];
  figures: NodesFigure[];
}

export interface NodesOptions {
  nodes: number;
  /** Node A: the orchestrator's real server, and its DATA_DIR (keys.json, pg-app-password). */
  nodeA: Started;
  appDir: string;
  databaseUrl: string;
  logLevel: string;
  sample: SessionSample[];
  load: LoadOptions;
}

const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;

function proxy(backends: string[], logLevel: string): Promise<Started> {
  return freePort().then((port) =>
    startChild('round-robin.ts', childEnv({ BACKENDS: backends.join(','), PORT: String(port) }, logLevel), `round-robin over ${backends.length}`),
  );
}

function proxyStats(p: Started): Promise<number[]> {
  return new Promise((resolve) => {
    const onMessage = (m: { type: string; connections: number[] }) => {
      if (m.type !== 'stats') return;
      p.child.off('message', onMessage);
      resolve(m.connections);
    };
    p.child.on('message', onMessage);
    p.child.send({ type: 'stats' });
  });
}

async function runThrough(p: Started, target: Omit<Target, 'baseUrl'>, load: LoadOptions): Promise<NodeRun> {
  const before = await proxyStats(p);
  const m = await measure({ ...target, baseUrl: p.url }, load);
  const after = await proxyStats(p);
  return {
    rps: m.rps,
    p50_ms: m.p50_ms,
    p95_ms: m.p95_ms,
    p99_ms: m.p99_ms,
    requests: m.ok,
    non2xx: m.non2xx,
    errors: m.errors,
    connections_per_node: after.map((n, i) => n - (before[i] ?? 0)),
  };
}

export async function measureNodes(o: NodesOptions): Promise<NodesResult> {
  const started: Started[] = [];
  const proxies: Started[] = [];
  const result: NodesResult = {
    nodes: o.nodes,
    via: 'round-robin TCP proxy on 127.0.0.1 (bench/round-robin.ts, own process), per connection; "one node" goes through the same proxy to node A alone',
    connections: o.load.connections,
    start_ms: [],
    rss_idle_mb: [],
    same_answers: false,
    load_avg_before: os.loadavg().map((v) => round(v, 2)),
    load_avg_after: [],
    figures: [],
  };
  try {
    for (let n = 2; n <= o.nodes; n++) {
      const dir = tempDir(`node${n}`);
      for (const f of ['keys.json', 'pg-app-password']) if (existsSync(path.join(o.appDir, f))) copyFileSync(path.join(o.appDir, f), path.join(dir, f));
      const t0 = performance.now();
      const node = await startChild(
        'server-child.ts',
        childEnv({ DATABASE_URL: o.databaseUrl, DATA_DIR: dir, PORT: String(await freePort()), DEMO: '0' }, o.logLevel),
        `node ${n}`,
        ['--expose-gc'],
      );
      started.push(node);
      result.start_ms.push(Math.round(performance.now() - t0));
      log(`node ${n} ready at ${node.url} after ${result.start_ms.at(-1)} ms`);
    }
    await new Promise((r) => setTimeout(r, 2000));
    for (const node of started) result.rss_idle_mb.push((await serverMemory(node.child)).rss_mb);
    const all = [o.nodeA, ...started];
    const figures = NODE_FIGURES.map((name) => {
      const ep = ENDPOINTS.find((e) => e.name === name);
      if (!ep) throw new Error(`no endpoint named ${name} in bench/endpoints.ts`);
      return ep;
    });
    // A session made once works on every node, and every node answers each account with the same scope.
    const req = (path: string) => (s: SessionSample) => ({ path, headers: { cookie: `${SESSION_COOKIE}=${s.token}` } });
    let same = true;
    for (const ep of figures) {
      const probes = await Promise.all(all.map((node) => probe(node.url, o.sample, req(ep.realPath), ep.rows)));
      const bad = probes.find((p) => p.status !== 200);
      if (bad) throw new Error(`${ep.name} answered ${bad.status} on a node: ${bad.body}`);
      if (probes.some((p) => o.sample.some((s) => !Object.is(p.scopes?.get(s.userId), probes[0]!.scopes?.get(s.userId))))) same = false;
    }
    result.same_answers = same;
    const one = await proxy([o.nodeA.url], o.logLevel);
    proxies.push(one);
    const many = await proxy(
      all.map((n) => n.url),
      o.logLevel,
    );
    proxies.push(many);
    for (const ep of figures) {
      const r = req(ep.realPath);
      const target = { path: (i: number) => r(o.sample[i % o.sample.length]!).path, headers: (i: number) => r(o.sample[i % o.sample.length]!).headers };
      log(`${ep.name}: one node behind the round-robin…`);
      const oneRun = await runThrough(one, target, o.load);
      log(`${ep.name}: ${all.length} nodes behind the round-robin…`);
      const allRun = await runThrough(many, target, o.load);
      const ratio = oneRun.rps > 0 ? round(allRun.rps / oneRun.rps, 2) : null;
      log(
        `${ep.name}: one node ${oneRun.rps} req/s (p95 ${oneRun.p95_ms} ms), ${all.length} nodes ${allRun.rps} req/s (p95 ${allRun.p95_ms} ms), ×${ratio}; connections per node ${allRun.connections_per_node.join('/')}`,
      );
      result.figures.push({ name: ep.name, one_node: oneRun, all_nodes: allRun, rps_ratio: ratio });
    }
  } finally {
    for (const p of proxies) await stopChild(p.child, () => p.child.send({ type: 'stop' }));
    for (const node of started) await stopChild(node.child, () => node.child.send({ type: 'stop' }));
    result.load_avg_after = os.loadavg().map((v) => round(v, 2));
  }
  return result;
}

export function printNodes(r: NodesResult, floor?: { rps: number; rps_end?: number }): void {
  console.log('');
  console.log(`${r.nodes} nodes on one database, ${r.connections} connections through ${r.via}:`);
  console.log(
    `  further nodes started in ${r.start_ms.join(', ')} ms, RSS at idle ${r.rss_idle_mb.join(', ')} MB; same answers on every node: ${r.same_answers ? 'yes' : 'NO'}`,
  );
  for (const f of r.figures)
    console.log(
      `  ${f.name.padEnd(36)} one node ${String(f.one_node.rps).padStart(5)} req/s p95 ${f.one_node.p95_ms.toFixed(1).padStart(7)} ms | ${r.nodes} nodes ${String(f.all_nodes.rps).padStart(5)} req/s p95 ${f.all_nodes.p95_ms.toFixed(1).padStart(7)} ms | ×${f.rps_ratio ?? '—'} (connections ${f.all_nodes.connections_per_node.join('/')})`,
    );
  console.log(
    `  load average ${r.load_avg_before.join(' ')} before, ${r.load_avg_after.join(' ')} after${floor ? `; floor ${floor.rps} req/s first, ${floor.rps_end ?? '?'} req/s at the end` : ''}`,
  );
}
