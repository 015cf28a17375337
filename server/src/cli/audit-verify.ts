/**
 * `npm run audit:verify` — recomputes the SM3 hash chain of the whole audit trail and names every event
 * where it breaks (an edited, inserted or deleted row). Uses DATABASE_URL, or starts the embedded
 * PostgreSQL on DATA_DIR (./data) like `npm start` does. Exit code 1 when the chain is broken, 2 on error.
 */
import path from 'node:path';
import { loadConfig } from '../config';
import { type EmbeddedPg, startEmbeddedPg, withDatabase } from '../db/embedded';
import { createDb, MAINTENANCE_TIMEOUTS } from '../db/pool';
import { verifyAuditChain } from '../platform/audit';
import { ensureDatabase } from '../server';

async function main(): Promise<number> {
  const config = loadConfig();
  let embedded: EmbeddedPg | undefined;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPg({ dataDir: path.join(config.dataDir, 'pg'), port: config.pgPort, log: (l) => console.error(`[pg] ${l}`) });
    await ensureDatabase(embedded.url, 'liandong');
    url = withDatabase(embedded.url, 'liandong');
  }
  const handle = createDb(url, 2, MAINTENANCE_TIMEOUTS);
  try {
    const exists = await handle.pool.query("SELECT to_regclass('public.audit_event') IS NOT NULL AS ok");
    if (!exists.rows[0]?.ok) {
      console.log('审计表不存在（数据库尚未初始化）— audit_event table missing; nothing to verify');
      return 0;
    }
    const result = await verifyAuditChain(handle.db);
    console.log(`已校验 checked: ${result.checked} 条审计事件 events`);
    if (result.ok) {
      console.log('审计链完整 — audit chain intact');
      return 0;
    }
    console.log(`审计链被破坏 — chain BROKEN at ${result.broken.length} event(s):`);
    for (const b of result.broken) console.log(`  #${b.id}  ${b.reason}`);
    return 1;
  } finally {
    await handle.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('audit:verify failed:', err instanceof Error ? err.message : err);
    process.exit(2);
  },
);
