import { defineConfig } from 'vitest/config';

/**
 * One run, two projects: `unit` (pure logic and HTTP tests against the embedded PostgreSQL, one
 * cloned database per test file) and `e2e` (browser journeys in Chromium against a started server).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['domain/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 3,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
          // They run beside the HTTP tests (scripts/test.mjs), on a machine whose cores those keep busy: a page
          // renders in seconds, not in expect.poll's default 1 s.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
