// `npm test`: lint, type-check, then unit + HTTP + browser tests in one vitest run.
// Ends with the runner's summary and a plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
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

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
console.log('\n▶ tests (vitest: unit, HTTP on embedded PostgreSQL, browser journeys)');
const r = spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: process.env,
});
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  passed = j.numPassedTests ?? 0;
  failed = (j.numFailedTests ?? 0) + (r.status !== 0 && !j.numFailedTests ? 1 : 0);
  skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
} else if (r.status !== 0) failed = 1;
console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(r.status ?? 1);
