import path from 'node:path';
import pg from 'pg';
import { type EmbeddedPg, startEmbeddedPg, withDatabase } from './embedded';

/**
 * Creates the database on a server if it does not exist (embedded default: `liandong`). Lives here, not
 * in server.ts, so that the maintenance commands (backup, restore, audit) need not load the application.
 */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await client.end();
  }
}

/**
 * Starts the embedded PostgreSQL on DATA_DIR/pg for one command run (initialised when the folder is
 * empty) with the `liandong` database in it, as `npm start` would find it. Stops the server again when
 * the database cannot be made, so a failed command leaves no PostgreSQL behind.
 */
export async function startEmbeddedDatabase(opts: {
  dataDir: string;
  port: number;
  log: (line: string) => void;
}): Promise<{ embedded: EmbeddedPg; url: string }> {
  const embedded = await startEmbeddedPg({ dataDir: path.join(opts.dataDir, 'pg'), port: opts.port, log: opts.log });
  try {
    await ensureDatabase(embedded.url, 'liandong');
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return { embedded, url: withDatabase(embedded.url, 'liandong') };
}
