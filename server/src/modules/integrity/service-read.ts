import type { DocCopy } from '../../platform/official-doc';
import type { IntegrityDetail, IntegrityListQuery, IntegritySummary } from '@liandong/domain/integrity/contracts';
import { INTEGRITY_EDITABLE_STATES } from '@liandong/domain/integrity/machine';
import { sql } from 'kysely';
import type { Db } from '../../db/pool';
import { audit, refs } from '../../platform/audit';
import { loadWorkCalendar, todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { auditSharedReads, sharedRead } from '../visibility';
import { draftingOrgOf, integrityVisible, reachesIntegrity, replyRoles } from './access';
import { cadresOf, evidenceOf, eventsOf, findReply, type Q, type ReplyRow } from './repo';
import { INTEGRITY_DUE_SOON_WORKING_DAYS } from './daily';
import { renderReplyDocx } from './docx';
import { replyActions } from './workflow';

/*
 * The ledger and the detail of 党风廉政意见回复. Opening a reply is a consultation of integrity
 * information (domain.md d, b.6: consultation log): the read and its audit entry (integrity.read) are
 * one transaction — no audit row, no content.
 */

const NOUN = '党风廉政意见回复';

interface SummaryRow {
  id: string;
  requesting_org: string;
  request_doc_no: string | null;
  purpose: string;
  received_on: string;
  due_on: string;
  state: IntegritySummary['state'];
  doc_no: string | null;
  issued_on: string | null;
  cadre_names: string[];
  flagged: number;
  overdue: boolean;
  version: number;
  total: number;
}

/**
 * The last day that still counts as due soon (临期) for the commission today: 3 working days ahead on its
 * 工作日历 — the same window as the daily reminder, so the yellow tag and the notice agree.
 */
export async function dueSoonUntil(db: Q, commissionId: string): Promise<string> {
  const cal = await loadWorkCalendar(db as Db, commissionId);
  return cal.addWorkingDays(todayIso(), INTEGRITY_DUE_SOON_WORKING_DAYS);
}

const presentSummary = (r: Omit<SummaryRow, 'total'>, until: string): IntegritySummary => ({
  id: r.id,
  requestingOrg: r.requesting_org,
  requestDocNo: r.request_doc_no,
  purpose: r.purpose,
  receivedOn: r.received_on,
  dueOn: r.due_on,
  state: r.state,
  docNo: r.doc_no,
  issuedOn: r.issued_on,
  cadreNames: r.cadre_names,
  flagged: r.flagged,
  overdue: r.overdue,
  dueSoon: r.state !== 'ISSUED' && !r.overdue && r.due_on <= until,
  version: r.version,
});

/** The visible replies matching the filters, newest first (shared by the ledger and its export). */
export async function queryReplies(db: Q, ctx: Ctx, q: Partial<IntegrityListQuery>, page?: { limit: number; offset: number }) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows } = await sql<SummaryRow>`SELECT r.id, r.requesting_org, r.request_doc_no, r.purpose,
      to_char(r.received_on, 'YYYY-MM-DD') AS received_on, to_char(r.due_on, 'YYYY-MM-DD') AS due_on, r.state, r.doc_no,
      to_char(r.issued_on, 'YYYY-MM-DD') AS issued_on,
      ARRAY(SELECT c.name_zh FROM integrity_cadre c WHERE c.reply_id = r.id ORDER BY c.seq) AS cadre_names,
      (SELECT count(*)::int FROM integrity_cadre c WHERE c.reply_id = r.id AND c.conclusion IN ('CONCERNS','NOT_TO_BE_USED')) AS flagged,
      (r.state <> 'ISSUED' AND r.due_on < current_date) AS overdue, r.version, count(*) OVER ()::int AS total
    FROM integrity_reply r
    WHERE ${integrityVisible(ctx.actor, 'r')}
      ${q.state ? sql`AND r.state = ${q.state}` : sql``}
      ${like ? sql`AND (r.requesting_org LIKE ${like} OR r.doc_no LIKE ${like} OR EXISTS (SELECT 1 FROM integrity_cadre c WHERE c.reply_id = r.id AND c.name_zh LIKE ${like}))` : sql``}
    ORDER BY r.received_on DESC, r.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(db);
  const until = await dueSoonUntil(db, ctx.actor.commissionId);
  return { items: rows.map((r) => presentSummary(r, until)), total: rows[0]?.total ?? 0 };
}

/** GET /integrity-replies — 404 for whoever the register does not exist for; audited with the ids listed. */
export async function listReplies(ctx: Ctx, q: IntegrityListQuery) {
  if (!(await reachesIntegrity(ctx.db, ctx.actor))) throw notFound(NOUN);
  // The ledger names cadres: listing it is a consultation too, read and logged in one transaction.
  return ctx.db.transaction().execute(async (trx) => {
    const { items, total } = await queryReplies(trx, ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    await audit(trx, ctx, {
      type: 'integrity.read',
      objectType: 'integrity_reply',
      payload: { view: 'ledger', ids: items.map((i) => i.id), state: q.state ?? null, keyword: Boolean(q.q) },
    });
    return { items, total, abilities: { create: (await draftingOrgOf(trx, ctx.actor)) !== null } };
  });
}

/** The detail of a reply the caller passed the predicate for (no audit: callers record the consultation). */
export async function presentDetail(db: Q, ctx: Ctx, row: ReplyRow): Promise<IntegrityDetail> {
  const [cadres, evidence, events] = await Promise.all([cadresOf(db, row.id), evidenceOf(db, ctx.actor, row.id), eventsOf(db, row.id)]);
  const until = await dueSoonUntil(db, ctx.actor.commissionId);
  const roles = replyRoles(ctx.actor, row);
  const editable = INTEGRITY_EDITABLE_STATES.includes(row.state);
  return {
    ...presentSummary(
      {
        ...row,
        cadre_names: cadres.map((c) => c.name_zh),
        flagged: cadres.filter((c) => c.conclusion === 'CONCERNS' || c.conclusion === 'NOT_TO_BE_USED').length,
      },
      until,
    ),
    draftingOrg: { id: row.drafting_org_id, name: row.drafting_org_name },
    createdBy: { id: row.created_by, name: row.created_by_name },
    submittedBy: row.submitted_by ? { id: row.submitted_by, name: row.submitted_by_name ?? '' } : null,
    approvedBy: row.approved_by ? { id: row.approved_by, name: row.approved_by_name ?? '' } : null,
    approvedAt: row.approved_at ? row.approved_at.toISOString() : null,
    cadres: cadres.map((c) => ({
      id: c.id,
      seq: c.seq,
      name: c.name_zh,
      unitName: c.unit_name,
      unitOrgId: c.unit_org_id,
      position: c.position,
      idNumberMasked: c.id_number_masked,
      personId: c.person_id,
      conclusion: c.conclusion,
      opinion: c.opinion,
      collectedAt: c.collected_at ? c.collected_at.toISOString() : null,
      evidence: evidence
        .filter((e) => e.cadre_id === c.id)
        .map((e) => ({
          source: e.source_type,
          sourceId: e.source_id,
          refNo: e.ref_no,
          title: e.title,
          state: e.source_state,
          on: e.happened_on,
          collectedBy: e.collected_by_name,
          collectedAt: e.collected_at.toISOString(),
        })),
    })),
    events: events.map((e) => ({ action: e.action, fromState: e.from_state, toState: e.to_state, comment: e.comment, actor: e.actor, at: e.at.toISOString() })),
    shared: null,
    abilities: {
      actions: replyActions(row, roles),
      edit: editable && roles.has('DRAFTER'),
      collect: editable && (roles.has('DRAFTER') || roles.has('APPROVER')),
    },
  };
}

/** GET /integrity-replies/:id — a consultation: read and audited together. */
export async function getReply(ctx: Ctx, id: string): Promise<IntegrityDetail> {
  const shared = await sharedReply(ctx, id);
  if (shared) return shared;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findReply(trx, ctx.actor, id);
    if (!row) throw notFound(NOUN);
    const detail = await presentDetail(trx, ctx, row);
    await audit(trx, ctx, {
      type: 'integrity.read',
      objectType: 'integrity_reply',
      objectId: id,
      payload: refs({ view: 'detail', state: row.state, cadres: detail.cadres.length }),
    });
    return detail;
  });
}

/**
 * An issued reply the caller reads only under 信息互通 grants (干部信息), or null when the caller reads it in
 * their own right (or not at all: the caller's path then answers 404). Read-only; a summary grant shows
 * the conclusions without opinions, evidence or timeline. The read is audited per grant.
 */
async function sharedReply(ctx: Ctx, id: string): Promise<IntegrityDetail | null> {
  const row = await findReply(ctx.db, ctx.actor, id, false, { shared: await sharedRead(ctx) });
  if (!row) return null;
  const grants = (await auditSharedReads(ctx, 'INTEGRITY_REPLY', [id], (o) => integrityVisible(ctx.actor, o), 'detail')).get(id);
  if (!grants) return null;
  const full = grants.some((g) => g.detail === 'FULL');
  const detail = await presentDetail(ctx.db, ctx, row);
  return {
    ...detail,
    cadres: detail.cadres.map((c) => ({ ...c, idNumberMasked: null, opinion: full ? c.opinion : '', evidence: full ? c.evidence : [] })),
    events: full ? detail.events : [],
    shared: { shareIds: grants.map((g) => g.shareId), detail: full ? 'FULL' : 'SUMMARY' },
    abilities: { actions: [], edit: false, collect: false },
  };
}

/** GET /integrity-replies/:id/document.docx — the reply letter (a 草稿 preview before issue); an audited consultation. */
export async function replyDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ filename: string; body: Buffer }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await findReply(trx, ctx.actor, id);
    if (!row) throw notFound(NOUN);
    const cadres = await cadresOf(trx, id);
    const body = await renderReplyDocx(trx, ctx.actor, row, cadres, copy);
    await audit(trx, ctx, {
      type: 'integrity.read',
      objectType: 'integrity_reply',
      objectId: id,
      payload: refs({ view: 'docx', copy, draft: row.doc_no === null }),
    });
    const filename = `${row.doc_no ?? '草稿'}党风廉政意见回复.docx`.replace(/[\\/:*?"<>|]/g, '_');
    return { filename, body };
  });
}
