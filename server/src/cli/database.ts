import type { Config } from '../config';
import { startEmbeddedDatabase } from '../db/ensure';
import { createDb, type DbHandle, MAINTENANCE_TIMEOUTS } from '../db/pool';

/**
 * Runs a maintenance command on the database at `url`, or, when none is configured, on the embedded
 * PostgreSQL of DATA_DIR started for this run only. Connects with the maintenance time limits (an
 * archive or a chain check takes longer than a request may) and closes the pool, then stops the
 * embedded server, whatever `work` does.
 */
export async function withCliDatabase<T>(
  url: string | undefined,
  config: Pick<Config, 'dataDir' | 'pgPort'>,
  work: (handle: DbHandle) => Promise<T>,
): Promise<T> {
  const target = url
    ? { url, embedded: undefined }
    : await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.pgPort, log: (l) => console.error(`[pg] ${l}`) });
  const handle = createDb(target.url, 2, MAINTENANCE_TIMEOUTS);
  try {
    return await work(handle);
  } finally {
    await handle.close();
    await target.embedded?.stop();
  }
}

/**
 * Runs a command's `main` and exits with the code it returns; an unexpected error is printed after
 * `failure` (e.g. '备份失败 backup failed:') and exits 2, the code every command documents for "error".
 */
export function runCli(failure: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(failure, err instanceof Error ? err.message : err);
      process.exit(2);
    },
  );
}
