import type PgBoss from 'pg-boss';
import type { Config } from '../../config';
import type { Db } from '../../db/pool';
import { writeAnchors } from './anchors';
import { archiveAudit } from './archive';
import { COMMISSION_TIME_ZONE } from '../../platform/zone';

export const AUDIT_JOBS = {
  /** Signed anchors of every commission's chain head to DATA_DIR/audit-anchors.jsonl and the log. */
  anchor: 'audit.anchor',
  /** Export of audit and login records past the retention window to signed archive files (no deletion: the application role cannot delete). */
  archive: 'audit.archive-export',
} as const;

/**
 * Schedules the audit jobs on the application's pg-boss. Anchors every ten minutes bound how much of a
 * chain's tail can vanish unnoticed; the nightly export keeps the archive path current so the owner's
 * `npm run audit:archive -- --delete` only has to delete what is already on disk.
 */
export async function startAuditJobs(boss: PgBoss, db: Db, config: Config, log: (msg: string) => void): Promise<void> {
  for (const name of Object.values(AUDIT_JOBS)) await boss.createQueue(name);
  await boss.schedule(AUDIT_JOBS.anchor, '*/10 * * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(AUDIT_JOBS.anchor, async () => {
    await writeAnchors(db, config.keys.auditKey, config.dataDir, log);
  });
  await boss.schedule(AUDIT_JOBS.archive, '40 3 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(AUDIT_JOBS.archive, async () => {
    await archiveAudit({ db, key: config.keys.auditKey, dataDir: config.dataDir, retentionDays: config.auditRetentionDays, log });
  });
}
