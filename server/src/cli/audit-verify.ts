/**
 * `npm run audit:verify` — verifies every commission's keyed audit chain, lane by lane, (HMAC-SM3 with the audit key
 * from DATA_DIR/keys.json or LIANDONG_AUDIT_KEY) against its signed checkpoints and the latest signed
 * anchor in DATA_DIR/audit-anchors.jsonl, and every archive file in DATA_DIR/audit-archive. Names each
 * break and its kind: changed, inserted, deleted (in the middle), truncated (tail after an anchor).
 * Uses DATABASE_URL (or DATABASE_OWNER_URL), or starts the embedded PostgreSQL on DATA_DIR (./data)
 * like `npm start` does. Exit code 1 when anything is broken, 2 on error.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { readAnchors, ARCHIVE_DIR, verifyArchiveFile, verifyChains } from '../modules/audit';
import { runCli, withCliDatabase } from './database';

const KIND_ZH: Record<string, string> = {
  changed: '篡改',
  inserted: '伪造插入',
  deleted: '中间删除',
  truncated: '尾部截断',
  anchor: '锚点不符',
  checkpoint: '检查点无效',
  legacy: '升级前已破坏',
};

async function main(): Promise<number> {
  const config = loadConfig();
  const key = config.keys.auditKey;
  return withCliDatabase(config.databaseUrl ?? config.databaseOwnerUrl, config, async (handle) => {
    const exists = await handle.pool.query("SELECT to_regclass('public.audit_event') IS NOT NULL AS ok");
    if (!exists.rows[0]?.ok) {
      console.log('审计表不存在（数据库尚未初始化）— audit_event table missing; nothing to verify');
      return 0;
    }
    let bad = 0;
    const { anchors, invalid } = readAnchors(config.dataDir, key);
    for (const line of invalid) {
      console.log(`  锚点文件第 ${line} 行签名无效 — anchor line ${line} has a bad signature`);
      bad++;
    }
    const result = await verifyChains(handle.db, key, anchors);
    console.log(`已校验 checked: ${result.checked} 条审计事件 events in ${result.commissions.length} 条链 chains`);
    for (const c of result.commissions) {
      const a = c.anchor ? `锚点 anchor #${c.anchor.lastId} (${c.anchor.count}) ${c.anchor.at}` : '无锚点 no anchor yet';
      console.log(`  委 commission ${c.commissionId ?? '-'}: 至 #${c.lastId}，共 ${c.count} 条，${c.lanes.length} 道 lanes；${a}`);
    }
    for (const b of result.broken) console.log(`  #${b.id}  [${b.kind} ${KIND_ZH[b.kind]}] ${b.reason}  (commission ${b.commissionId ?? '-'}, lane ${b.lane})`);
    bad += result.broken.length;
    const dir = path.join(config.dataDir, ARCHIVE_DIR);
    if (existsSync(dir)) {
      for (const f of readdirSync(dir)
        .filter((n) => n.endsWith('.jsonl'))
        .sort()) {
        const r = verifyArchiveFile(path.join(dir, f), key);
        console.log(`  归档 archive ${f}: ${r.ok ? `完整 intact (${r.rows})` : `被破坏 BROKEN: ${r.reason}`}`);
        if (!r.ok) bad++;
      }
    }
    if (bad === 0) {
      console.log('审计链完整 — audit chain intact');
      return 0;
    }
    console.log(`审计链被破坏 — chain BROKEN: ${bad} finding(s)`);
    return 1;
  });
}

runCli('audit:verify failed:', main);
