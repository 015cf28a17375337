/**
 * The real application for the benchmark, alone in its own process so that its memory can be
 * measured without the load generator or PostgreSQL: `node --import tsx --expose-gc bench/server-child.ts`.
 * Runs exactly what `npm start` runs (startServer: migrations, job queue, the full app), against the
 * bench database given in DATABASE_URL. Talks to the orchestrator over IPC:
 *   → { type: 'ready', url, ms }     once listening
 *   ← { type: 'memory' }             → { type: 'memory', rss, heapUsed, external } after two GCs
 *   ← { type: 'stop' }               stops the server and exits
 */
import { loadConfig } from '../server/src/config';
import { startServer } from '../server/src/server';

const started = performance.now();
const server = await startServer(loadConfig(), (m) => process.stderr.write(`[server] ${m}\n`));

function send(message: Record<string, unknown>) {
  process.send?.(message);
}

const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') {
    void (async () => {
      gc?.();
      await new Promise((r) => setTimeout(r, 200));
      gc?.();
      await new Promise((r) => setTimeout(r, 300));
      const m = process.memoryUsage();
      send({ type: 'memory', rss: m.rss, heapUsed: m.heapUsed, external: m.external, gc: Boolean(gc) });
    })();
  } else if (message.type === 'stop') {
    void server.stop().finally(() => process.exit(0));
  }
});
// Orchestrator gone (killed): do not linger.
process.on('disconnect', () => void server.stop().finally(() => process.exit(0)));
send({ type: 'ready', url: server.url, ms: Math.round(performance.now() - started) });
