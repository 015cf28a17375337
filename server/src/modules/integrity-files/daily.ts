import { STALE_AFTER_DAYS } from '@liandong/domain/integrity-files/enums';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import type { Actor } from '../../platform/access';
import { notify, whoMayOpen } from '../../platform/inbox';
import { fileKept } from './access';

/*
 * The daily job of 廉政档案 (JOBS.integrityFilesStale, domain.md b.6: the file is kept up to date by the
 * 干部监督室): each staff member of a custodian office who keeps at least one file not updated for more than a
 * year (content_updated_at before `day` minus STALE_AFTER_DAYS, as the register's 超过一年未更新 counts it) gets one
 * notice that day, with how many of the files they keep are stale, linking to the register under that filter.
 * The files counted are exactly those the recipient keeps (fileKept: their office's, never their own file,
 * within their clearance). Idempotent per day: the dedupe key carries the day, a rerun sends nothing twice.
 */

export interface IntegrityFilesDailyResult {
  /** Notices written this run (0 on a rerun of the same day). */
  notices: number;
}

/** The stale-file predicate for the day (a file last updated before the day's midnight one year earlier). */
const staleOn = (day: string) => sql<boolean>`(f.content_updated_at < (${day}::date - ${STALE_AFTER_DAYS}::int)::timestamp AT TIME ZONE 'Asia/Shanghai')`;

/** Runs the stale-file notices for `day` (YYYY-MM-DD, Beijing). */
export async function runIntegrityFilesDaily(db: Db, day: string): Promise<IntegrityFilesDailyResult> {
  // The custodian offices that have a stale file at all, and their staff holding the custodian role.
  const { rows: staff } = await sql<{ user_id: string; commission_id: string }>`
    SELECT DISTINCT u.id AS user_id, u.commission_id
      FROM app_user u JOIN user_role r ON r.user_id = u.id AND r.role = 'CADRE_SUPERVISION'
     WHERE u.status = 'ACTIVE'
       AND EXISTS (SELECT 1 FROM integrity_file f WHERE f.custodian_org_id = u.org_id AND ${staleOn(day)})
     ORDER BY u.id`.execute(db);
  let notices = 0;
  for (const s of staff) {
    const actor = await actorOf(db, s.user_id);
    if (!actor) continue;
    // The stale files this account keeps, through the register's own predicate (recusal and clearance included).
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM integrity_file f WHERE ${fileKept(actor, 'f')} AND ${staleOn(day)}`.execute(db);
    const count = rows[0]?.n ?? 0;
    if (count === 0) continue;
    notices += await notify(db, {
      commissionId: s.commission_id,
      userId: s.user_id,
      kind: 'integrityfile.stale',
      title: `廉政档案超过一年未更新：${count}份`,
      body: `截至${day}，您所在干部监督室保管的廉政档案中有${count}份超过一年未更新，请及时补充完善。`,
      link: '/integrity-files?stale=true',
      dedupeKey: `integrity-files-stale:${day}`,
    });
  }
  return { notices };
}

/**
 * The account as an actor (roles, clearance, org scope), built the way notices build it (whoMayOpen evaluates each
 * candidate as an actor; inactive accounts and administrators yield none).
 */
async function actorOf(db: Db, userId: string): Promise<Actor | null> {
  let actor: Actor | null = null;
  await whoMayOpen(db, [userId], (a) => {
    actor = a;
    return sql`SELECT 1`;
  });
  return actor;
}
