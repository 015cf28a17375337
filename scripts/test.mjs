// `npm test`: lint, type-check, then unit + HTTP tests and the browser journeys.
// The two vitest projects run as two processes at the same time: the journeys run one file at a time and mostly
// wait on the browser, the HTTP tests keep the cores busy, so side by side they end ~10 minutes sooner than one
// after the other (vitest runs a project limited to one worker after all the others). The journeys' output is
// kept in test-results/e2e.log and printed when they end, so the two never interleave.
// Ends with both runners' summaries and a plain "N passed, N failed" line over both.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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

const results = path.join(root, 'test-results');
mkdirSync(results, { recursive: true });
const extra = process.argv.slice(2);

/** One project's vitest run; resolves with its exit status. `log` set: output to that file instead of the terminal. */
function project(name, log) {
  const report = path.join(results, `vitest-${name}.json`);
  const args = ['run', '--project', name, '--passWithNoTests', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra];
  return new Promise((resolve) => {
    const out = log ? createWriteStream(log) : undefined;
    const child = spawn(bin('vitest'), args, { cwd: root, stdio: out ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    if (out) {
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
    }
    child.on('close', (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (out) out.end(() => resolve({ name, status, report, log }));
      else resolve({ name, status, report, log });
    });
  });
}

console.log('\n▶ tests (vitest: unit and HTTP on embedded PostgreSQL, browser journeys beside them)');
const e2eLog = path.join(results, 'e2e.log');
const started = Date.now();
const runs = await Promise.all([
  project('unit'),
  project('e2e', e2eLog).then((run) => {
    console.log(`\n▶ browser journeys ended after ${Math.round((Date.now() - started) / 1000)} s (their output, from ${path.relative(root, e2eLog)}):`);
    console.log(readFileSync(e2eLog, 'utf8'));
    return run;
  }),
]);

let passed = 0;
let failed = 0;
let skipped = 0;
const merged = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, numTotalTests: 0, testResults: [] };
for (const run of runs) {
  if (!existsSync(run.report)) {
    if (run.status !== 0) failed += 1;
    continue;
  }
  const j = JSON.parse(readFileSync(run.report, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += (j.numFailedTests ?? 0) + (run.status !== 0 && !j.numFailedTests ? 1 : 0);
  skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  for (const key of ['numPassedTests', 'numFailedTests', 'numPendingTests', 'numTodoTests', 'numTotalTests']) merged[key] += j[key] ?? 0;
  merged.testResults.push(...(j.testResults ?? []));
}
writeFileSync(path.join(results, 'vitest.json'), JSON.stringify(merged));
for (const run of runs) if (run.status !== 0) console.log(`✖ vitest project ${run.name} exited with ${run.status}`);
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(runs.some((run) => run.status !== 0) ? 1 : 0);
