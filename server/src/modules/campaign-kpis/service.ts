import type {
  CampaignBulletinDraftResult,
  CampaignBulletinList,
  CampaignKpis,
  CampaignLinks,
  KpiSeries,
  KpiSeriesQuery,
} from '@liandong/domain/campaigns/contracts-kpis';
import { sql } from 'kysely';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import { auditRead } from '../../platform/audit';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { epochCached } from '../../platform/epoch-cache';
import { businessRule, forbidden, notFound, validation } from '../../platform/errors';
import { bulletinVisible, campaignMemberArm, campaignVisible, caseVisible, clueVisible, taskVisible } from '../visibility';
import { draftCampaignBulletin, periodOf } from './bulletin-draft';
import { computeKpis, computeSeries, monthsBetween } from './kpis';

/*
 * The campaign cockpit's reads (issue 10): figures, their monthly series, the linked objects the caller
 * may open, the campaign's bulletins, and "draft this period's bulletin now". Every call first loads the
 * campaign through campaignVisible (a 专班 member through its member arm): 404 for anyone else.
 */

export interface CampaignHead {
  id: string;
  state: string;
  bulletin_schedule: string;
  lead_org_id: string;
  starts_on: string | null;
  ends_on: string | null;
  /** Lead office in the caller's scope, or a 专班 member today. */
  runs: boolean;
  today: string;
}

/** The campaign if the caller may see it; 404 otherwise (never confirms it exists). */
export async function loadCampaign(ctx: Ctx, id: string): Promise<CampaignHead> {
  const { rows } = await sql<CampaignHead>`SELECT campaign.id, campaign.state, campaign.bulletin_schedule, campaign.lead_org_id,
      campaign.starts_on::text AS starts_on, campaign.ends_on::text AS ends_on,
      (${inOrgScope(ctx.actor, 'campaign.lead_org_id')} OR ${campaignMemberArm(ctx.actor, sql`campaign.id`)}) AS runs, ${todayIso()}::text AS today
    FROM campaign WHERE campaign.id = ${id}::uuid AND ${campaignVisible(ctx.actor)}`.execute(ctx.db);
  if (!rows[0]) throw notFound('专项整治');
  return rows[0];
}

/** GET /api/v1/campaigns/:id/kpis */
export async function getCampaignKpis(ctx: Ctx, id: string): Promise<CampaignKpis> {
  const c = await loadCampaign(ctx, id);
  const groups = await epochCached(ctx.db, KPI_AREAS, `campaign-kpis:${c.id}:${c.today}`, () => computeKpis(ctx.db, c.id, c.today));
  return { campaignId: c.id, state: c.state, bulletinSchedule: c.bulletin_schedule, asOf: c.today, groups };
}

/**
 * The figures are aggregates of one campaign, the same for everyone who passed loadCampaign (see kpis.ts),
 * so they are cached per node under the epochs of every table they read: clue / case_file / case_outcome
 * ('clues'), letter / rectification_task / accountability ('reform'), the rest ('campaign', migration 0032).
 * The day is in the key (overdue tasks and checks whose visit date has come move with it).
 */
const KPI_AREAS = ['clues', 'reform', 'campaign'] as const;

const MAX_MONTHS = 36;

/** GET /api/v1/campaigns/:id/kpis/series — default: the campaign's start month (or 11 months back) to this month. */
export async function getCampaignSeries(ctx: Ctx, id: string, q: KpiSeriesQuery): Promise<KpiSeries> {
  const c = await loadCampaign(ctx, id);
  const to = q.to ?? c.today.slice(0, 7);
  const back = monthsBack(to, 11);
  const from =
    q.from ?? (c.starts_on && c.starts_on.slice(0, 7) <= to && c.starts_on.slice(0, 7) >= monthsBack(to, MAX_MONTHS - 1) ? c.starts_on.slice(0, 7) : back);
  if (from > to) throw validation([{ path: 'from', message: '起始月份不能晚于截止月份' }]);
  if (monthsBetween(from, to).length > MAX_MONTHS) throw validation([{ path: 'from', message: `一次最多查询${MAX_MONTHS}个月` }]);
  return epochCached(ctx.db, KPI_AREAS, `campaign-series:${c.id}:${from}:${to}`, () => computeSeries(ctx.db, c.id, from, to));
}

function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) - n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

const LINK_LIMIT = 200;

/**
 * GET /api/v1/campaigns/:id/links — the campaign's clues, cases and tasks that the caller may open
 * (each through its own predicate), newest first, at most 200 of each: a drill-down, not a ledger. Every
 * read is recorded (campaign.links_read).
 */
export async function getCampaignLinks(ctx: Ctx, id: string): Promise<CampaignLinks> {
  const c = await loadCampaign(ctx, id);
  const clues = await sql<{ id: string; clue_no: string | null; title: string; state: string; received_on: string }>`
    SELECT c.id, c.clue_no, c.title, c.state, c.received_on::text AS received_on FROM clue c
     WHERE c.campaign_id = ${c.id}::uuid AND ${clueVisible(ctx.actor, 'c')} ORDER BY c.received_on DESC, c.id LIMIT ${LINK_LIMIT}`.execute(ctx.db);
  const cases = await sql<{ id: string; case_no: string; title: string; state: string; filed_on: string | null }>`
    SELECT k.id, k.case_no, k.title, k.state, k.filed_on::text AS filed_on FROM case_file k
     WHERE k.id IN (SELECT cl.case_id FROM clue cl WHERE cl.campaign_id = ${c.id}::uuid AND cl.case_id IS NOT NULL
                    UNION SELECT cc.case_id FROM case_clue cc JOIN clue cl ON cl.id = cc.clue_id WHERE cl.campaign_id = ${c.id}::uuid)
       AND ${caseVisible(ctx.actor, 'k')} ORDER BY k.filed_on DESC NULLS LAST, k.id LIMIT ${LINK_LIMIT}`.execute(ctx.db);
  const tasks = await sql<{ id: string; issue: string; state: string; deadline: string }>`
    SELECT t.id, t.issue, t.state, t.deadline::text AS deadline FROM rectification_task t
     WHERE t.campaign_id = ${c.id}::uuid AND ${taskVisible(ctx.actor, 't')} ORDER BY t.deadline, t.id LIMIT ${LINK_LIMIT}`.execute(ctx.db);
  // The drill-down lists clues and cases: recorded with how many of each the caller was shown.
  await auditRead(ctx, {
    type: 'campaign.links_read',
    objectType: 'campaign',
    objectId: c.id,
    payload: { clues: clues.rows.length, cases: cases.rows.length, tasks: tasks.rows.length },
  });
  return {
    clues: clues.rows.map((r) => ({ id: r.id, clueNo: r.clue_no, title: r.title, state: r.state, receivedOn: r.received_on })),
    cases: cases.rows.map((r) => ({ id: r.id, caseNo: r.case_no, title: r.title, state: r.state, filedOn: r.filed_on })),
    tasks: tasks.rows.map((r) => ({ id: r.id, issue: r.issue, state: r.state, deadline: r.deadline })),
  };
}

/** Who may draft the period's 通报 now: the 书记, or a staff member of the lead office / a 专班 member. */
const mayDraft = (ctx: Ctx, c: CampaignHead) =>
  hasAnyRole(ctx.actor, ['SECRETARY']) || (hasAnyRole(ctx.actor, ['OFFICE_STAFF', 'GROUP_STAFF', 'COUNTY_STAFF', 'DEPUTY_OR_MEMBER']) && c.runs);

/** GET /api/v1/campaigns/:id/bulletins — the campaign's 通报 the caller may open. */
export async function listCampaignBulletins(ctx: Ctx, id: string): Promise<CampaignBulletinList> {
  const c = await loadCampaign(ctx, id);
  const { rows } = await sql<{
    id: string;
    title: string;
    period: string | null;
    doc_no: string | null;
    signed: boolean;
    issued_on: string | null;
    created_at: Date;
  }>`
    SELECT b.id, b.title, b.period, b.doc_no, b.signed_by IS NOT NULL AS signed, b.issued_on::text AS issued_on, b.created_at FROM bulletin b
     WHERE b.campaign_id = ${c.id}::uuid AND ${bulletinVisible(ctx.actor, 'b')} ORDER BY b.created_at DESC, b.id LIMIT 200`.execute(ctx.db);
  const running = ['LAUNCHED', 'SELF_INSPECTION', 'CHECKING', 'CONCENTRATED_HANDLING', 'CONSOLIDATING'].includes(c.state);
  const currentPeriod = running ? periodOf(c.bulletin_schedule, c.today) : null;
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      period: r.period,
      docNo: r.doc_no,
      signed: r.signed,
      issuedOn: r.issued_on,
      createdAt: r.created_at.toISOString(),
    })),
    currentPeriod,
    canDraft: currentPeriod !== null && mayDraft(ctx, c),
  };
}

/** POST /api/v1/campaigns/:id/bulletins/draft — the job's code path, for the current period, now. */
export async function draftCampaignBulletinNow(ctx: Ctx, id: string): Promise<CampaignBulletinDraftResult> {
  const c = await loadCampaign(ctx, id);
  if (!mayDraft(ctx, c)) throw forbidden('本期通报由牵头部门、工作专班或书记生成');
  const r = await draftCampaignBulletin(ctx.db, c.id, c.today, {
    userId: ctx.actor.userId,
    name: ctx.actor.displayName,
    requestId: ctx.requestId,
    ip: ctx.ip,
  });
  if (!r) throw businessRule('专项整治未在进行中或未设定定期通报周期，不能生成本期通报');
  return r;
}
