import type {
  BulletinCreateBody,
  BulletinDetail,
  BulletinIssueBody,
  BulletinList,
  BulletinListItem,
  BulletinListQuery,
  BulletinSignBody,
  BulletinUpdateBody,
} from '@liandong/domain/reform/contracts-letters';
import type { BulletinScopeSchema, BulletinTypeSchema } from '@liandong/domain/reform/enums';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { z } from 'zod';
import { hasAnyRole, inOrgScope } from '../../platform/access';
import { AppError, forbidden, notFound, staleVersion, validation } from '../../platform/errors';
import type { DocCopy } from '../../platform/official-doc';
import { todayIso } from '../../platform/calendar';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { allocateDocNumber, issuingQueue } from '../../platform/numbering';
import { storeAttachment } from '../../platform/attachments/store';
import { bulletinVisible } from '../visibility';
import { resolveCampaignLink } from '../campaign-links';
import { draftBulletinDocx, issuedDocx, renderBulletinDocx } from './docx';
import { DOCX_MIME } from './issue';
import { BULLETIN_WRITE_ROLES, oversees } from './policy';

/*
 * 通报 (domain.md f.3): drafted by an office, group or county (or the 书记), signed off (签发) by the 书记
 * or the 分管领导 of the owner office (issue 9: an outgoing document is numbered only after 签发), then
 * numbered at issue with the commission's 通报 代字 (兰纪通〔年〕N号) in the issuing transaction, rendered
 * as DOCX in the GB/T 9704 layout and kept as an attachment. Visibility: bulletinVisible (the liaison
 * sees issued public ones).
 */

interface Row {
  id: string;
  type: z.infer<typeof BulletinTypeSchema>;
  scope: z.infer<typeof BulletinScopeSchema>;
  title: string;
  recipients: string;
  body: string;
  owner_org_id: string;
  owner_org_name: string;
  doc_no: string | null;
  issued_on: string | null;
  docx_attachment_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: Date | null;
  campaign_id: string | null;
  campaign_name: string | null;
  /** The actor is the 分管领导 of the owner org. */
  overseen: boolean;
  created_at: Date;
  version: number;
  in_scope: boolean;
  today: string;
}

const COLUMNS = (ctx: Ctx) => sql`b.id, b.type, b.scope, b.title, b.recipients, b.body, b.owner_org_id, o.name_zh AS owner_org_name, b.doc_no,
  b.issued_on::text AS issued_on, b.docx_attachment_id, b.created_by, u.display_name AS created_by_name, b.signed_by,
  su.display_name AS signed_by_name, b.signed_at, b.campaign_id, (SELECT cp.name FROM campaign cp WHERE cp.id = b.campaign_id) AS campaign_name,
  ${oversees(ctx.actor, 'b.owner_org_id')} AS overseen, b.created_at, b.version,
  ${inOrgScope(ctx.actor, 'b.owner_org_id')} AS in_scope, current_date::text AS today`;
const FROM = sql`bulletin b JOIN org o ON o.id = b.owner_org_id LEFT JOIN app_user u ON u.id = b.created_by
  LEFT JOIN app_user su ON su.id = b.signed_by`;

const toItem = (r: Row): BulletinListItem => ({
  id: r.id,
  type: r.type,
  scope: r.scope,
  title: r.title,
  recipients: r.recipients,
  ownerOrg: { id: r.owner_org_id, name: r.owner_org_name },
  docNo: r.doc_no,
  issuedOn: r.issued_on,
  campaignId: r.campaign_id,
  campaignName: r.campaign_name,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

/** Who may 签发: the 书记, or the 分管领导 overseeing the owner org today (not any leader who sees it). */
const maySign = (ctx: Ctx, r: Row) => hasAnyRole(ctx.actor, ['SECRETARY']) || r.overseen;
/** Who may number and issue a signed bulletin: a drafting role in the owner org's scope, or the 书记. */
const mayIssue = (ctx: Ctx, r: Row) => hasAnyRole(ctx.actor, ['SECRETARY']) || (hasAnyRole(ctx.actor, BULLETIN_WRITE_ROLES) && r.in_scope);

/** Locks a bulletin the actor can see (404 otherwise) and checks the version (409). */
async function lockBulletin(ctx: Ctx, trx: Transaction<DB>, id: string, version: number): Promise<Row> {
  const { rows } = await sql<Row>`SELECT ${COLUMNS(ctx)} FROM ${FROM}
    WHERE b.id = ${id}::uuid AND ${bulletinVisible(ctx.actor, 'b')} FOR UPDATE OF b`.execute(trx);
  const r = rows[0];
  if (!r) throw notFound('通报');
  if (r.version !== version) throw staleVersion();
  return r;
}

async function load(ctx: Ctx, id: string): Promise<Row> {
  const { rows } = await sql<Row>`SELECT ${COLUMNS(ctx)} FROM ${FROM}
    WHERE b.id = ${id}::uuid AND ${bulletinVisible(ctx.actor, 'b')}`.execute(ctx.db);
  if (!rows[0]) throw notFound('通报');
  return rows[0];
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** GET /api/v1/bulletins */
export async function listBulletins(ctx: Ctx, q: BulletinListQuery): Promise<BulletinList> {
  const parts: RawBuilder<boolean>[] = [bulletinVisible(ctx.actor, 'b')];
  if (q.q) parts.push(sql<boolean>`(b.title ILIKE ${like(q.q)} OR b.doc_no ILIKE ${like(q.q)})`);
  if (q.type) parts.push(sql<boolean>`b.type = ${q.type}`);
  if (q.scope) parts.push(sql<boolean>`b.scope = ${q.scope}`);
  if (q.campaignId) parts.push(sql<boolean>`b.campaign_id = ${q.campaignId}::uuid`);
  if (q.issued === true) parts.push(sql<boolean>`b.issued_on IS NOT NULL`);
  if (q.issued === false) parts.push(sql<boolean>`b.issued_on IS NULL`);
  if (q.year)
    parts.push(sql<boolean>`extract(year FROM COALESCE(b.issued_on, (b.created_at AT TIME ZONE current_setting('TimeZone'))::date))::int = ${q.year}`);
  const where = sql.join(parts, sql` AND `);
  const { rows } = await sql<Row & { total: number }>`SELECT ${COLUMNS(ctx)}, count(*) OVER ()::int AS total FROM ${FROM}
    WHERE ${where} ORDER BY b.created_at DESC, b.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(ctx.db);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && q.page > 1)
    total = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`.execute(ctx.db)).rows[0]?.n ?? 0;
  return { items: rows.map(toItem), total };
}

/** GET /api/v1/bulletins/:id */
export async function getBulletin(ctx: Ctx, id: string): Promise<BulletinDetail> {
  const r = await load(ctx, id);
  return {
    ...toItem(r),
    body: r.body,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    signedBy: r.signed_by ? { id: r.signed_by, name: r.signed_by_name ?? '' } : null,
    signedAt: r.signed_at?.toISOString() ?? null,
    docxAttachmentId: r.docx_attachment_id,
    abilities: {
      sign: r.signed_by === null && maySign(ctx, r),
      issue: r.signed_by !== null && r.doc_no === null && mayIssue(ctx, r),
      edit: r.signed_by === null && r.doc_no === null && mayIssue(ctx, r),
      exportDocx: true,
    },
  };
}

/** POST /api/v1/bulletins */
export async function createBulletin(ctx: Ctx, body: BulletinCreateBody): Promise<BulletinDetail> {
  const ownerOrgId = body.ownerOrgId ?? ctx.actor.orgId;
  // A 专项整治进展通报 reports on one campaign: it must name it.
  const campaignId = await resolveCampaignLink(ctx.db, ctx.actor, body.campaignId, { required: body.type === 'CAMPAIGN_PROGRESS' });
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM org o WHERE o.id = ${ownerOrgId}::uuid
      AND o.commission_id = ${ctx.actor.commissionId}::uuid AND o.kind <> 'HOST_UNIT' AND ${inOrgScope(ctx.actor, 'o.id')}) AS ok`.execute(trx);
    if (!rows[0]?.ok) throw validation([{ path: 'ownerOrgId', message: '发文部门须为本人所在或管辖范围内的本委部门' }]);
    const b = await trx
      .insertInto('bulletin')
      .values({
        commission_id: ctx.actor.commissionId,
        type: body.type,
        scope: body.scope,
        title: body.title,
        recipients: body.recipients ?? '',
        body: body.body,
        owner_org_id: ownerOrgId,
        campaign_id: campaignId,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'bulletin.created',
      objectType: 'bulletin',
      objectId: b.id,
      payload: refs({ type: body.type, scope: body.scope, title: body.title, campaignId }),
    });
    return b.id;
  });
  return getBulletin(ctx, id);
}

/** POST /api/v1/bulletins/:id/sign — 签发 once, by the 书记 or the 分管领导 of the owner office; before the number. */
export async function signBulletin(ctx: Ctx, id: string, body: BulletinSignBody): Promise<BulletinDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockBulletin(ctx, trx, id, body.version);
    if (!maySign(ctx, r)) throw forbidden('通报由书记或发文部门的分管领导签发');
    if (r.signed_by) throw new AppError('ILLEGAL_TRANSITION', '通报已签发，不能重复签发');
    await trx
      .updateTable('bulletin')
      .set({ signed_by: ctx.actor.userId, signed_at: new Date(), version: r.version + 1 })
      .where('id', '=', r.id)
      .execute();
    await audit(trx, ctx, { type: 'bulletin.signed', objectType: 'bulletin', objectId: r.id, payload: refs({ title: r.title }) });
  });
  return getBulletin(ctx, id);
}

/** POST /api/v1/bulletins/:id/issue — numbered once (twice → 409), and only after 签发 (409 before). */
export async function issueBulletin(ctx: Ctx, id: string, body: BulletinIssueBody): Promise<BulletinDetail> {
  // In the node's line of issuers (see issuingQueue): the 发文字号 counter row stays locked until commit.
  await issuingQueue(ctx.actor.commissionId).run(() => issueInTx(ctx, id, body));
  return getBulletin(ctx, id);
}

async function issueInTx(ctx: Ctx, id: string, body: BulletinIssueBody): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockBulletin(ctx, trx, id, body.version);
    if (!mayIssue(ctx, r)) throw forbidden('通报由发文部门或书记印发');
    if (r.doc_no) throw new AppError('ILLEGAL_TRANSITION', `通报已印发（${r.doc_no}），不能重复印发`);
    if (!r.signed_by) throw new AppError('ILLEGAL_TRANSITION', '通报尚未经书记或分管领导签发，不能编号印发');
    const root = await trx
      .selectFrom('org')
      .select('doc_code')
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('parent_id', 'is', null)
      .orderBy('created_at')
      .executeTakeFirst();
    const docCode = `${root?.doc_code ?? '兰纪'}通`;
    // The day of issue in the commission's zone on the application clock (issue 14), as for letters.
    const today = todayIso();
    const { text } = await allocateDocNumber(trx, {
      commissionId: ctx.actor.commissionId,
      docCode,
      year: Number(today.slice(0, 4)),
      objectType: 'bulletin',
      objectId: r.id,
      userId: ctx.actor.userId,
    });
    const docx = await renderBulletinDocx(trx, ctx.actor, {
      title: r.title,
      recipients: r.recipients,
      body: r.body,
      docNo: text,
      date: today,
    });
    const att = await storeAttachment(trx, ctx.cipher, {
      commissionId: ctx.actor.commissionId,
      ownerType: 'bulletin',
      ownerId: r.id,
      ownerOrgId: r.owner_org_id,
      filename: `${text}.docx`.replace(/[\\/:*?"<>|]/g, '_'),
      mimeType: DOCX_MIME,
      classification: r.scope === 'PUBLIC' ? 'PUBLIC' : 'WORK_SECRET',
      content: docx,
      createdBy: ctx.actor.userId,
    });
    await trx
      .updateTable('bulletin')
      .set({ doc_no: text, issued_on: today, docx_attachment_id: att.id, version: r.version + 1 })
      .where('id', '=', r.id)
      .execute();
    await audit(trx, ctx, { type: 'bulletin.issued', objectType: 'bulletin', objectId: r.id, payload: refs({ docNo: text, attachmentId: att.id }) });
  });
}

/** GET /api/v1/bulletins/:id/document.docx */
export async function exportBulletinDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<{ filename: string; body: Buffer }> {
  const r = await load(ctx, id);
  const body =
    r.doc_no && r.docx_attachment_id
      ? await issuedDocx(ctx.db, ctx.cipher, ctx.actor, r.docx_attachment_id, copy)
      : await draftBulletinDocx(ctx.db, ctx.actor, { title: r.title, recipients: r.recipients, body: r.body, docNo: r.doc_no, date: r.issued_on, copy });
  await ctx.db
    .transaction()
    .execute((trx) => audit(trx, ctx, { type: 'bulletin.exported', objectType: 'bulletin', objectId: id, payload: refs({ docNo: r.doc_no, copy }) }));
  return { filename: `${(r.doc_no ?? `草稿-${r.title}`).replace(/[\\/:*?"<>|]/g, '_')}${copy === 'print' ? '（打印用）' : ''}.docx`, body };
}

/**
 * PATCH /api/v1/bulletins/:id — edits a draft (a generated campaign progress 通报 is checked and corrected
 * here by the lead office) while it is unsigned: what the leader signs (签发) is what gets numbered, so the
 * text is fixed from 签发 on (409). By whoever may issue it; stale version → 409.
 */
export async function updateBulletin(ctx: Ctx, id: string, body: BulletinUpdateBody): Promise<BulletinDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await lockBulletin(ctx, trx, id, body.version);
    if (!mayIssue(ctx, r)) throw forbidden('通报草稿由发文部门或书记修改');
    if (r.doc_no) throw new AppError('ILLEGAL_TRANSITION', `通报已印发（${r.doc_no}），不能修改`);
    if (r.signed_by) throw new AppError('ILLEGAL_TRANSITION', '通报已签发，不能修改');
    const set = { title: body.title, recipients: body.recipients, body: body.body, scope: body.scope };
    await trx
      .updateTable('bulletin')
      .set({ ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)), version: r.version + 1 })
      .where('id', '=', r.id)
      .execute();
    const fields = Object.keys(set).filter((k) => set[k as keyof typeof set] !== undefined);
    await audit(trx, ctx, { type: 'bulletin.updated', objectType: 'bulletin', objectId: r.id, payload: refs({ fields }) });
  });
  return getBulletin(ctx, id);
}
