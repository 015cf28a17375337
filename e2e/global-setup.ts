import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import '../server/test/provided';
import { loadConfig, repoPath } from '../server/src/config';
import { startServer } from '../server/src/server';
import { CHROMIUM_PATH } from './browser';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Browser journeys need Chromium (Debian package `chromium`). Without it they skip and say so, unless
 * REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails the run. The server under test
 * is the real product: built web app, embedded PostgreSQL in a fresh data folder, demo commission.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.REQUIRE_BROWSER === '1') throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: apt-get install chromium fonts-noto-cjk`);
    project.provide('e2eSkipReason', `Chromium not found at ${CHROMIUM_PATH}; browser journeys skipped (apt-get install chromium fonts-noto-cjk)`);
    project.provide('e2eBaseUrl', '');
    project.provide('e2eDatabaseUrl', '');
    return;
  }
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { cwd: repoPath(), stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-e2e-'));
  chmodSync(dir, 0o755);
  const config = { ...loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }), port: await freePort(), pgPort: await freePort(), logLevel: 'warn' };
  const server = await startServer(config, () => undefined);
  project.provide('e2eBaseUrl', server.url);
  // A journey may move a record's dates (a grant ending yesterday) where no screen can.
  project.provide('e2eDatabaseUrl', server.databaseUrl);
  project.provide('e2eSkipReason', '');
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
