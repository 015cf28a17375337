import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureAppRole, grantAppRole } from '../src/db/app-role';
import { startEmbeddedPg, withDatabase } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { createDb, MAINTENANCE_TIMEOUTS } from '../src/db/pool';
import { loadDemo } from '../src/demo/load';
import { configureAuditKey } from '../src/platform/audit';
import { FieldCipher } from '../src/platform/crypto';
import { TEST_APP_ROLE_PASSWORD, TEST_AUDIT_KEY, TEST_SM4_KEY } from './keys';

import './provided';

export const TEMPLATE_DB = 'ld_template';

/**
 * Starts one embedded PostgreSQL for the whole run, migrates a template database once and loads the
 * demo commission into it. Each test file clones its own database from the template (test/app.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'liandong-test-'));
  chmodSync(dir, 0o755);
  const port = 55000 + Math.floor(Math.random() * 5000);
  const server = await startEmbeddedPg({ dataDir: path.join(dir, 'pg'), port, log: () => undefined });
  const admin = new pg.Client({ connectionString: withDatabase(server.url, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  // Tests run as the application role, like the server: the audit table is append-only for it.
  await ensureAppRole(admin, TEST_APP_ROLE_PASSWORD);
  await admin.end();
  const handle = createDb(withDatabase(server.url, TEMPLATE_DB), 2, MAINTENANCE_TIMEOUTS);
  await migrate(handle.pool);
  await grantAppRole(handle.pool);
  configureAuditKey(TEST_AUDIT_KEY);
  await loadDemo(handle.db, new FieldCipher(TEST_SM4_KEY));
  await handle.close();
  project.provide('pgServerUrl', server.url);
  // The test apps' data folders (audit anchors, archives) go under the run's folder, so the teardown removes them all.
  const dataRoot = path.join(dir, 'data');
  mkdirSync(dataRoot);
  project.provide('testDataRoot', dataRoot);
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
