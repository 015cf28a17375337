// `npm test`: lint, type-check, then unit + HTTP tests and the browser journeys as two vitest runs side by side.
// Ends with the runner's summary and a plain "N passed, N failed" line.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
function step(title, cmd, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    console.log('0 passed, 1 failed');
    process.exit(r.status ?? 1);
  }
}

step('lint (biome)', bin('biome'), ['check', '.']);
step('type-check domain', bin('tsc'), ['--noEmit', '-p', 'domain']);
step('type-check server', bin('tsc'), ['--noEmit', '-p', 'server']);
step('type-check web', bin('tsc'), ['--noEmit', '-p', 'web']);

mkdirSync(path.join(root, 'test-results'), { recursive: true });
console.log('\n▶ tests (vitest: unit, HTTP on embedded PostgreSQL, browser journeys)');
const extra = process.argv.slice(2);
// The two projects run as two vitest processes side by side: in one process vitest runs the journeys
// (fileParallelism: false) only after every unit file, and a journey spends most of its time waiting for
// the browser, so the cores the unit files leave idle at their tail and the journeys' waits overlap. Each
// line is prefixed with its project. Naming a project on the command line runs that one run only.
const runs = extra.some((a) => a === '--project' || a.startsWith('--project='))
  ? [{ name: '', args: extra }]
  : [
      { name: 'e2e', args: ['--project', 'e2e', '--passWithNoTests', ...extra] },
      { name: 'unit', args: ['--project', 'unit', '--passWithNoTests', ...extra] },
    ];
const results = await Promise.all(runs.map(runVitest));
let passed = 0;
let failed = 0;
let skipped = 0;
for (const { status, report } of results) {
  if (existsSync(report)) {
    const j = JSON.parse(readFileSync(report, 'utf8'));
    passed += j.numPassedTests ?? 0;
    failed += (j.numFailedTests ?? 0) + (status !== 0 && !j.numFailedTests ? 1 : 0);
    skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  } else if (status !== 0) failed += 1;
}
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(results.every((r) => r.status === 0) ? 0 : 1);

/** One `vitest run` with a JSON report of its own; resolves with its exit status. */
function runVitest({ name, args }) {
  const report = path.join(root, 'test-results', name ? `vitest-${name}.json` : 'vitest.json');
  rmSync(report, { force: true });
  const child = spawn(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: process.env,
  });
  const prefix = name ? `[${name}] ` : '';
  for (const [from, to] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    const lines = createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', (line) => to.write(`${prefix}${line}\n`));
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      console.error(`${prefix}${err.message}`);
      resolve({ status: 1, report });
    });
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), report }));
  });
}
