import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { todayIso } from './calendar';
import { COMMISSION_TIME_ZONE } from './zone';
import { runCalendarWarning } from '../modules/calendar';
import { runCampaignBulletins } from '../modules/campaign-kpis';
import { runClueReminders } from '../modules/clues';
import { runIntegrityDaily } from '../modules/integrity';
import { runIntegrityFilesDaily } from '../modules/integrity-files';
import { runMeetingsDaily } from '../modules/meetings';
import { runReformDaily } from '../modules/reform';
import { runSecondmentExpiry } from '../modules/secondments';
import { runSelfInspectionDaily } from '../modules/self-inspection';
import { runSupervisionReminders } from '../modules/supervision';
import { runWorkReportsDaily } from '../modules/work-reports';
import { compactAggregates } from './aggregate-compaction';
import { purgeIdempotencyKeys } from './idempotency';
import { notify } from './inbox';

/**
 * Scheduled jobs on pg-boss (PostgreSQL-backed, claimed with SKIP LOCKED, safe on several nodes).
 * Each handler is idempotent: a rerun sends nothing twice (inbox dedupe keys).
 */
export const JOBS = {
  /** Purges sessions that ended more than 30 days ago (login records stay in login_log). */
  sessionCleanup: 'platform.session-cleanup',
  /** Reminds accounts whose password expires within 7 days. */
  passwordExpiry: 'platform.password-expiry-reminder',
  /** 督办: due-soon and overdue reminders of supervision items, escalation to liaison office and leader. */
  supervisionReminders: 'supervision.reminders',
  /** 问题线索到期提醒: limits due within 5 working days or past, to the undertaking department. */
  clueReminders: 'clues.reminders',
  /** 以案促改: open rectification tasks past their deadline → overdue (once), letters past reply_due flagged. */
  reformDaily: 'reform.daily',
  /** 自查自纠: unanswered answers past their round's due date → marked overdue once, reminders to units and lead office. */
  selfInspectionDaily: 'self-inspection.daily',
  /** 节假日安排待维护: from 1 November of the last maintained year, a daily notice to SYS/SEC admins. */
  calendarWarning: 'calendar.maintenance-warning',
  /** 定期通报: each running campaign with a schedule gets its period's progress 通报 drafted once (campaign-kpis). */
  campaignBulletins: 'campaigns.periodic-bulletins',
  /** 会议议定事项督办: running decisions past their deadline → overdue (once), due-soon reminders, escalation to the 书记. */
  meetingsDaily: 'meetings.daily',
  /** 党风廉政意见回复: reminders 3 working days before the 回复期限, overdue notices to the 干部监督室 and its 分管领导 (once). */
  integrityDaily: 'integrity.daily',
  /** 汇报计划: reports due within 5 working days → reminder to the reporter org; past due → the org and the 党风政风监督室, once. */
  workReportsDaily: 'work-reports.daily',
  /** 抽调期满: team memberships whose planned end has come end (left_on), the member told, audited, scope epoch bumped. */
  secondmentExpiry: 'secondments.expiry',
  /** 廉政档案: the custodian's staff told, once a day, how many of the files they keep were not updated for a year. */
  integrityFilesStale: 'integrity-files.stale',
  /** 聚合表整理: the aggregates' empty buckets (n = 0, left by moves and deletes) removed, at night. */
  aggregateCompaction: 'platform.aggregate-compaction',
} as const;

export async function sweepSessions(db: Db): Promise<number> {
  const r = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('revoked_at', '<', sql<Date>`now() - interval '30 days'`), eb('expires_at', '<', sql<Date>`now() - interval '30 days'`)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Sends one reminder per account and expiry date (dedupe key carries the date). */
export async function remindPasswordExpiry(db: Db): Promise<number> {
  const rows = await sql<{ id: string; commission_id: string; expires: string }>`
    SELECT u.id, u.commission_id, to_char(u.password_changed_at + make_interval(days => COALESCE((s.value)::int, 90)), 'YYYY-MM-DD') AS expires
      FROM app_user u LEFT JOIN setting s ON s.commission_id = u.commission_id AND s.key = 'password.maxAgeDays'
     WHERE u.status = 'ACTIVE'
       AND u.password_changed_at + make_interval(days => COALESCE((s.value)::int, 90)) BETWEEN now() AND now() + interval '7 days'`.execute(db);
  let sent = 0;
  for (const r of rows.rows) {
    sent += await notify(db, {
      commissionId: r.commission_id,
      userId: r.id,
      kind: 'PASSWORD_EXPIRY',
      title: '密码即将过期',
      body: `您的密码将于${r.expires}过期，请及时修改。`,
      link: '/account/password',
      dedupeKey: `password-expiry:${r.expires}`,
    });
  }
  return sent;
}

/**
 * Starts the node's job queue: its schedules (daily, in the commission's zone) and their workers. `clockSeconds`: how
 * often the node's clock looks at the schedules (pg-boss's cron monitor; its send-it worker polls as often, at most
 * every 5 s); 30 s in production, shorter where a test watches a schedule fall due.
 */
export async function startJobs(url: string, db: Db, log: (msg: string) => void, clockSeconds = 30): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: 'pgboss',
    max: 4,
    application_name: 'liandong-jobs',
    cronMonitorIntervalSeconds: clockSeconds,
    cronWorkerIntervalSeconds: Math.min(5, clockSeconds),
  });
  // 57P01: the database is shutting down with us; not worth a line.
  boss.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') log(`job queue error: ${err.message}`);
  });
  await boss.start();
  for (const name of Object.values(JOBS)) await boss.createQueue(name);
  await boss.schedule(JOBS.sessionCleanup, '17 3 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.schedule(JOBS.passwordExpiry, '5 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.schedule(JOBS.supervisionReminders, '0 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.sessionCleanup, async () => {
    await sweepSessions(db);
    await purgeIdempotencyKeys(db);
  });
  await boss.work(JOBS.passwordExpiry, async () => {
    await remindPasswordExpiry(db);
  });
  await boss.work(JOBS.supervisionReminders, async () => {
    await runSupervisionReminders(db, todayIso());
  });
  await boss.schedule(JOBS.clueReminders, '10 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.clueReminders, async () => {
    await runClueReminders(db, todayIso());
  });
  await boss.schedule(JOBS.reformDaily, '20 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.reformDaily, async () => {
    await runReformDaily(db, todayIso());
  });
  await boss.schedule(JOBS.selfInspectionDaily, '25 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.selfInspectionDaily, async () => {
    await runSelfInspectionDaily(db, todayIso());
  });
  await boss.schedule(JOBS.calendarWarning, '30 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.calendarWarning, async () => {
    await runCalendarWarning(db, todayIso());
  });
  // Daily, so a period's draft appears on its first day (and after any outage); once per period by its unique key.
  await boss.schedule(JOBS.campaignBulletins, '40 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.campaignBulletins, async () => {
    await runCampaignBulletins(db, todayIso());
  });
  // Shortly after midnight of the commission's day, so access ends on the planned end date itself.
  await boss.schedule(JOBS.secondmentExpiry, '2 0 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.secondmentExpiry, async () => {
    await runSecondmentExpiry(db, todayIso());
  });
  await boss.schedule(JOBS.meetingsDaily, '45 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.meetingsDaily, async () => {
    await runMeetingsDaily(db, todayIso());
  });
  await boss.schedule(JOBS.integrityDaily, '50 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.integrityDaily, async () => {
    await runIntegrityDaily(db, todayIso());
  });
  await boss.schedule(JOBS.integrityFilesStale, '52 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.integrityFilesStale, async () => {
    await runIntegrityFilesDaily(db, todayIso());
  });
  await boss.schedule(JOBS.aggregateCompaction, '37 3 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.aggregateCompaction, async () => {
    const removed = await compactAggregates(db);
    const total = Object.values(removed).reduce((a, b) => a + b, 0);
    if (total) log(`aggregate compaction: ${total} empty bucket(s) removed (${Object.keys(removed).join(', ')})`);
  });
  await boss.schedule(JOBS.workReportsDaily, '55 8 * * *', {}, { tz: COMMISSION_TIME_ZONE });
  await boss.work(JOBS.workReportsDaily, async () => {
    await runWorkReportsDaily(db, todayIso());
  });
  return boss;
}
