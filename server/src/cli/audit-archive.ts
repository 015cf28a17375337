/**
 * `npm run audit:archive` — exports audit events and login records older than the retention window
 * (AUDIT_RETENTION_DAYS, at least 180 days; 网络安全法第二十一条) to signed JSONL files in
 * DATA_DIR/audit-archive, with an anchor covering each file. `-- --delete` also deletes the archived rows,
 * which only the owner role may do: it connects with DATABASE_OWNER_URL (or the embedded superuser) and
 * deletes a chain part only after its file was written, read back and verified, in one transaction with a
 * signed ARCHIVE checkpoint from which the rest of the chain is verified. Exit 1 when a chain part was
 * refused (it does not verify), 2 on error.
 */
import path from 'node:path';
import { loadConfig, retentionDays } from '../config';
import { archiveAudit } from '../modules/audit';
import { configureAuditKey } from '../platform/audit';
import { runCli, withCliDatabase } from './database';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const config = loadConfig();
  const daysArg = args.find((a) => a.startsWith('--retention-days='));
  const days = daysArg ? retentionDays(daysArg.split('=')[1]) : config.auditRetentionDays;
  const remove = args.includes('--delete');
  configureAuditKey(config.keys.auditKey);
  if (remove && !config.databaseOwnerUrl && config.databaseUrl) {
    console.error('WARNING: DATABASE_OWNER_URL is not set; deleting as the DATABASE_URL user (fails if it is the application role)');
  }
  return withCliDatabase(config.databaseOwnerUrl ?? config.databaseUrl, config, async (handle) => {
    const r = await archiveAudit({
      db: handle.db,
      owner: remove ? handle.db : undefined,
      key: config.keys.auditKey,
      dataDir: config.dataDir,
      retentionDays: days,
      log: (m) => console.log(m),
    });
    console.log(`保留期 retention ${days} 天 days; 导出 exported ${r.exported} 条审计事件 audit events, ${r.loginExported} 条登录记录 login records`);
    for (const f of r.files) console.log(`  ${path.join(config.dataDir, f)}`);
    console.log(
      remove
        ? `已删除 deleted ${r.deleted} audit events, ${r.loginDeleted} login records`
        : '仅导出 export only (add --delete to remove the archived rows as the owner)',
    );
    for (const x of r.refused) console.log(`  拒绝归档 refused (commission ${x.commissionId ?? '-'}): ${x.reasons.join('; ')}`);
    return r.refused.length ? 1 : 0;
  });
}

runCli('audit:archive failed:', main);
