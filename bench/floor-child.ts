/**
 * The floor (issue 12): what one request can cost on this machine at best — a bare Fastify instance and a
 * plain `pg` Pool of the same size as the app's (20), one route answering one indexed SELECT of 20 rows of
 * the `clue` table (the commission's newest clues, read in the order of the `clue_ledger` index
 * `(commission_id, received_on DESC, id)`: an index scan that stops after 20 rows, no sort). No plugins,
 * hooks, Kysely, zod or scope; the statement is unnamed, as the pg driver sends the app's.
 * Every figure's `floor_ratio` is its req/s over this one's, measured first in the same run.
 *
 * `node --import tsx bench/floor-child.ts` with DATABASE_URL, PORT, HOST and FLOOR_COMMISSION_ID; reports
 * `{ type: 'ready', url }` over IPC and stops on `{ type: 'stop' }`. The route accepts and ignores `?u=`,
 * so the load generator sends it the same requests as the bare baselines.
 */
import Fastify from 'fastify';
import pg from 'pg';

/** The floor's statement; the orchestrator checks with EXPLAIN that it is an index scan (floorPlan). */
export const FLOOR_SQL = 'SELECT id, clue_no, title, state, received_on FROM clue WHERE commission_id = $1 ORDER BY received_on DESC, id LIMIT 20';
export const FLOOR_PATH = '/floor/clues';
/** Same size as the app's pool (server/src/db/pool.ts) and the bare baseline's. */
export const FLOOR_POOL_SIZE = 20;

/** The plan of FLOOR_SQL for a commission, one line per node (EXPLAIN without ANALYZE). */
export async function floorPlan(pool: pg.Pool, commissionId: string): Promise<string[]> {
  const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${FLOOR_SQL}`, [commissionId]);
  return r.rows.map((x) => x['QUERY PLAN']);
}

// Only when run as the child process (run.ts imports FLOOR_SQL and floorPlan from here).
if (process.env.FLOOR_COMMISSION_ID) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const commissionId = process.env.FLOOR_COMMISSION_ID;
  const port = Number(process.env.PORT ?? 0);
  const host = process.env.HOST ?? '127.0.0.1';
  // `date` stays a string, as the app's type parsers keep it (no Date object per row).
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 1082 ? (v: string) => v : pg.types.getTypeParser(oid, format))) as never,
  };
  const pool = new pg.Pool({ connectionString: databaseUrl, max: FLOOR_POOL_SIZE, types });
  pool.on('error', () => undefined);

  const app = Fastify({ logger: false });
  app.get(FLOOR_PATH, async () => {
    const { rows } = await pool.query(FLOOR_SQL, [commissionId]);
    return { items: rows, total: rows.length };
  });

  await app.listen({ host, port });
  const address = app.server.address();
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`;
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop')
      void app
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready', url });
}
