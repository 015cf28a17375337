import { CLASSIFICATION_LABELS, type Classification, classificationRank, SYSTEM_MAX_CLASSIFICATION } from '@liandong/domain/access/enums';
import { UploadFieldsSchema } from '@liandong/domain/attachments/contracts';
import type { FastifyRequest } from 'fastify';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Actor } from '../../platform/access';
import { AppError, notFound, validation } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { getSettings } from '../../platform/settings';
import { type AttachmentOwnerType, isOwnerType, OWNER_RESOLVERS, ownerExistsAndVisible, ownerVisible } from './owners';
import { cleanFilename, sniffUpload } from './sniff';
import { openAttachment, storeAttachment } from '../../platform/attachments/store';
import { fileOwnVisible } from '../../platform/attachments/evidence';

/**
 * 附件 — stored in PostgreSQL, sealed with SM4 and checksummed (platform/attachments/store.ts). A file belongs to a record (its
 * owner: a clue, a case, a letter, a rectification task, …) and is visible exactly where that record is
 * (owners.ts), and then only if the reader's clearance reaches the file's own 密级, they are named in its
 * knowledge scope if it has one and are not recused from it.
 */

const MB = 1024 * 1024;
const humanSize = (n: number) => (n >= MB ? `${(n / MB).toFixed(n % MB === 0 ? 0 : 1)} MB` : `${Math.ceil(n / 1024)} KB`);

interface Received {
  fields: Record<string, string>;
  file?: { filename: string; content: Buffer };
}

/** Reads the multipart form: the fields and the one file, refusing a file over the commission's cap. */
async function receive(req: FastifyRequest, maxBytes: number): Promise<Received> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 表单上传文件');
  const out: Received = { fields: {} };
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 2000 } })) {
      if (part.type === 'file') out.file = { filename: part.filename ?? '', content: await part.toBuffer() };
      else out.fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `文件超过大小上限（${humanSize(maxBytes)}）`, { maxBytes });
    if (code === 'FST_FILES_LIMIT') throw new AppError('BAD_REQUEST', '一次只能上传一个文件');
    if (err instanceof AppError) throw err;
    throw new AppError('BAD_REQUEST', '上传内容格式不正确（multipart 表单无法解析）');
  }
  return out;
}

function assertClassification(actor: Actor, c: Classification) {
  if (classificationRank(c) > classificationRank(SYSTEM_MAX_CLASSIFICATION)) {
    throw new AppError('BUSINESS_RULE', `本平台为非涉密系统，附件密级不得高于“${CLASSIFICATION_LABELS[SYSTEM_MAX_CLASSIFICATION].zh}”`, {
      issues: [{ path: 'classification', message: '超出平台允许的密级' }],
    });
  }
  if (classificationRank(c) > classificationRank(actor.clearance)) {
    throw new AppError('BUSINESS_RULE', '附件密级不得高于本人的涉密等级', { issues: [{ path: 'classification', message: '高于本人涉密等级' }] });
  }
}

/** POST /attachments (multipart: ownerType, ownerId, classification?, file): only to a record the uploader sees (404 otherwise). */
export async function uploadAttachment(ctx: Ctx, req: FastifyRequest) {
  const settings = await getSettings(ctx.db, ctx.actor.commissionId);
  const maxBytes = settings['attachment.maxBytes'];
  const { fields, file } = await receive(req, maxBytes);
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validation(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const owner = ownerOf(parsed.data);
  const own = OWNER_RESOLVERS[owner.type].ownRoute;
  if (own) throw validation([{ path: 'ownerType', message: own }]);
  const { filename, mimeType, content } = checkedFile(file, maxBytes);
  const classification = parsed.data.classification ?? 'PUBLIC';
  assertClassification(ctx.actor, classification);
  return storeUpload(ctx, owner, { filename, mimeType, classification, content });
}

/** The owner named by the upload form: a registered type (else 400) and an id (else 400). */
function ownerOf(fields: { ownerType: string; ownerId?: string }): { type: AttachmentOwnerType; id: string } {
  const issues: { path: string; message: string }[] = [];
  if (!isOwnerType(fields.ownerType)) issues.push({ path: 'ownerType', message: `未知的附件归属类型“${fields.ownerType}”` });
  if (!fields.ownerId) issues.push({ path: 'ownerId', message: '请填写附件所属记录的 ID' });
  if (issues.length || !fields.ownerId) throw validation(issues);
  return { type: fields.ownerType as AttachmentOwnerType, id: fields.ownerId };
}

/**
 * Attachment rows the actor may see: own commission, the owner record visible to the actor (owners.ts),
 * and the file's own clearance / knowledge scope / recusal.
 */
function visible(ctx: Ctx, ownerType?: AttachmentOwnerType) {
  return ctx.db
    .selectFrom('attachment as a')
    .where('a.commission_id', '=', ctx.actor.commissionId)
    .where(ownerVisible(ctx.actor, ownerType))
    .where(fileOwnVisible(ctx.actor));
}

const LIST_COLUMNS = [
  'a.id',
  'a.filename',
  'a.mime_type',
  'a.size_bytes',
  'a.sha256',
  'a.owner_type',
  'a.owner_id',
  'a.owner_org_id',
  'a.classification',
  'a.created_at',
  'u.display_name',
] as const;

type ListRow = {
  id: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  owner_type: string;
  owner_id: string | null;
  owner_org_id: string | null;
  classification: string;
  created_at: Date;
  display_name: string | null;
};

function present(r: ListRow) {
  return {
    id: r.id,
    filename: r.filename,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    sha256: r.sha256,
    ownerType: r.owner_type,
    ownerId: r.owner_id,
    ownerOrgId: r.owner_org_id,
    classification: r.classification as Classification,
    createdAt: r.created_at.toISOString(),
    createdByName: r.display_name,
  };
}

/** GET /attachments — the files of visible owners (optionally of one owner type / one owner). */
export async function listAttachments(ctx: Ctx, q: { ownerType?: string; ownerId?: string }) {
  // No record of an unregistered owner type is visible, so none of its files is (deny by default).
  if (q.ownerType !== undefined && !isOwnerType(q.ownerType)) return { items: [] };
  const owner = { type: q.ownerType as AttachmentOwnerType | undefined, id: q.ownerId };
  let query = visible(ctx, owner.type).leftJoin('app_user as u', 'u.id', 'a.created_by').select(LIST_COLUMNS);
  if (owner.type) query = query.where('a.owner_type', '=', owner.type);
  if (owner.id) query = query.where('a.owner_id', '=', owner.id);
  const rows = await query.orderBy('a.created_at', 'desc').limit(500).execute();
  return { items: rows.map(present) };
}

/**
 * The owner type of one attachment (404 when there is none or it is unregistered), so that reading one
 * file checks only its own owner's predicate instead of every owner type's.
 */
async function ownerTypeOf(ctx: Ctx, id: string): Promise<AttachmentOwnerType> {
  const r = await ctx.db
    .selectFrom('attachment')
    .select('owner_type')
    .where('id', '=', id)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirst();
  if (!r || !isOwnerType(r.owner_type)) throw notFound('附件');
  return r.owner_type;
}

/** GET /attachments/:id — one file's metadata, where its owner is visible (404 otherwise). */
export async function getAttachment(ctx: Ctx, id: string) {
  const row = await visible(ctx, await ownerTypeOf(ctx, id))
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select(LIST_COLUMNS)
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('附件');
  return present(row);
}

/** GET /attachments/:id/content — the bytes, for the actor's scope only; every download is audited. */
export async function downloadAttachment(ctx: Ctx, id: string) {
  const row = await visible(ctx, await ownerTypeOf(ctx, id))
    .select(['a.id', 'a.commission_id', 'a.key_id', 'a.filename', 'a.mime_type', 'a.content', 'a.sha256', 'a.size_bytes'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('附件');
  let content: Buffer;
  try {
    content = openAttachment(ctx.cipher, row);
  } catch (err) {
    ctx.log.error({ attachmentId: id }, 'attachment content failed its integrity check; refused');
    throw err;
  }
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'attachment.downloaded',
      objectType: 'attachment',
      objectId: id,
      payload: { sha256: row.sha256, sizeBytes: row.size_bytes },
    }),
  );
  return { filename: row.filename, mime: row.mime_type, content };
}

export interface OwnerUpload {
  type: AttachmentOwnerType;
  id: string;
  /** The owner's rule on the sniffed type: a zh-CN refusal (415), or null to accept. */
  refuse?(mime: string): string | null;
  /** Locks and checks the owner inside the upload's transaction (404 / 409 / 422 from the owner's rules). */
  lock(trx: Transaction<DB>): Promise<void>;
}

/**
 * A file uploaded through its owner's own route (a check finding's photos): the same multipart reading,
 * size cap, content sniffing, classification rule, sealed storage and audit as POST /attachments, plus the
 * owner's type rule and lock. Why: an owner with rules of its own (images only, not after hand-over)
 * must not be reachable around them through the generic route (its resolver sets `ownRoute`).
 */
export async function uploadToOwner(ctx: Ctx, req: FastifyRequest, owner: OwnerUpload) {
  const settings = await getSettings(ctx.db, ctx.actor.commissionId);
  const maxBytes = settings['attachment.maxBytes'];
  const { fields, file } = await receive(req, maxBytes);
  const { filename, mimeType, content } = checkedFile(file, maxBytes);
  const refusal = owner.refuse?.(mimeType);
  if (refusal) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${refusal}：${filename}`, { reason: 'OWNER_RULE' });
  const parsed = UploadFieldsSchema.pick({ classification: true }).safeParse(fields);
  if (!parsed.success) throw validation(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  const classification = parsed.data.classification ?? 'PUBLIC';
  assertClassification(ctx.actor, classification);
  return storeUpload(ctx, owner, { filename, mimeType, classification, content }, (trx) => owner.lock(trx));
}

/** The received file, checked: present, named, under the size cap, its content of an allowed type (400 / 413 / 415). */
function checkedFile(file: { filename: string; content: Buffer } | undefined, maxBytes: number): { filename: string; mimeType: string; content: Buffer } {
  if (!file) throw validation([{ path: 'file', message: '请选择要上传的文件' }]);
  const filename = cleanFilename(file.filename);
  if (!filename) throw validation([{ path: 'file', message: '缺少文件名' }]);
  if (file.content.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过大小上限（${humanSize(maxBytes)}）`, { maxBytes });
  const sniffed = sniffUpload(filename, file.content);
  if (!sniffed.ok) {
    if (sniffed.reason === 'EMPTY') throw validation([{ path: 'file', message: sniffed.message }]);
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${sniffed.message}：${filename}`, { reason: sniffed.reason });
  }
  return { filename, mimeType: sniffed.type.mime, content: file.content };
}

/**
 * Stores a checked file on its owner in one transaction: the owner's own lock first (if any), then the
 * owner must exist and be visible to the uploader (404 otherwise), the sealed content and its audit entry.
 */
async function storeUpload(
  ctx: Ctx,
  owner: { type: AttachmentOwnerType; id: string },
  f: { filename: string; mimeType: string; classification: Classification; content: Buffer },
  lock?: (trx: Transaction<DB>) => Promise<void>,
) {
  const { filename, mimeType, classification, content } = f;
  const row = await ctx.db.transaction().execute(async (trx) => {
    if (lock) await lock(trx);
    const { rows } = await sql<{ ok: boolean }>`SELECT ${ownerExistsAndVisible(ctx.actor, owner.type, owner.id)} AS ok`.execute(trx);
    if (!rows[0]?.ok) throw notFound(OWNER_RESOLVERS[owner.type].label);
    const r = await storeAttachment(trx, ctx.cipher, {
      commissionId: ctx.actor.commissionId,
      ownerType: owner.type,
      ownerId: owner.id,
      ownerOrgId: ctx.actor.orgId,
      filename,
      mimeType,
      classification,
      content,
      createdBy: ctx.actor.userId,
    });
    await audit(trx, ctx, {
      type: 'attachment.uploaded',
      objectType: 'attachment',
      objectId: r.id,
      payload: refs({ mimeType, sizeBytes: content.length, sha256: r.sha256, ownerType: owner.type, ownerId: owner.id, classification }),
    });
    return r;
  });
  return { id: row.id, filename, mimeType, sizeBytes: content.length, sha256: row.sha256 };
}
