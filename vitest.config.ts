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
          // The property tests over random actors and data take 10-30 s each on this machine, more when the host
          // takes CPU as steal (bench/cpu-steal.ts); a hung test still fails, after 90 s.
          testTimeout: 90_000,
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
          // A CI machine under load (or a host taking CPU as steal) renders a page in seconds, not in expect.poll's
          // default 1 s.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
