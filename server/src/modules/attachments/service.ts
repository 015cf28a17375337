import { CLASSIFICATION_LABELS, type Classification, classificationRank, SYSTEM_MAX_CLASSIFICATION } from '@liandong/domain/access/enums';
import { UploadFieldsSchema } from '@liandong/domain/attachments/contracts';
import type { FastifyRequest } from 'fastify';
import { type Actor, inOrgScope, recordVisible } from '../../platform/access';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound, validation } from '../../platform/errors';
import { audit, type Ctx } from '../../platform/http';
import { getSettings } from '../../platform/settings';
import { cleanFilename, sniffUpload } from './sniff';
import { refs } from '../../platform/audit';

/**
 * 附件 — stored in PostgreSQL with a SHA-256 checksum; the uploader's org owns the file, so it is seen
 * by exactly the accounts whose need-to-know scope covers that org and whose clearance reaches its 密级.
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

/** POST /attachments (multipart: ownerType, ownerId?, classification?, file). */
export async function uploadAttachment(ctx: Ctx, req: FastifyRequest) {
  const settings = await getSettings(ctx.db, ctx.actor.commissionId);
  const maxBytes = settings['attachment.maxBytes'];
  const { fields, file } = await receive(req, maxBytes);
  const parsed = UploadFieldsSchema.safeParse(fields);
  if (!parsed.success) throw validation(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  if (!file) throw validation([{ path: 'file', message: '请选择要上传的文件' }]);
  const filename = cleanFilename(file.filename);
  if (!filename) throw validation([{ path: 'file', message: '缺少文件名' }]);
  if (file.content.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件超过大小上限（${humanSize(maxBytes)}）`, { maxBytes });
  const sniffed = sniffUpload(filename, file.content);
  if (!sniffed.ok) {
    if (sniffed.reason === 'EMPTY') throw validation([{ path: 'file', message: sniffed.message }]);
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${sniffed.message}：${filename}`, { reason: sniffed.reason });
  }
  const classification = parsed.data.classification ?? 'PUBLIC';
  assertClassification(ctx.actor, classification);
  const checksum = sha256(file.content);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('attachment')
      .values({
        commission_id: ctx.actor.commissionId,
        owner_type: parsed.data.ownerType,
        owner_id: parsed.data.ownerId ?? null,
        owner_org_id: ctx.actor.orgId,
        filename,
        mime_type: sniffed.type.mime,
        size_bytes: file.content.length,
        sha256: checksum,
        classification,
        content: file.content,
        created_by: ctx.actor.userId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, {
      type: 'attachment.uploaded',
      objectType: 'attachment',
      objectId: r.id,
      payload: refs({
        mimeType: sniffed.type.mime,
        sizeBytes: file.content.length,
        sha256: checksum,
        ownerType: parsed.data.ownerType,
        ownerId: parsed.data.ownerId ?? null,
        classification,
      }),
    });
    return r;
  });
  return { id: row.id, filename, mimeType: sniffed.type.mime, sizeBytes: file.content.length, sha256: checksum };
}

/** Attachment rows the actor may see: own commission, owning org in scope, clearance/knowledge scope/recusal. */
function visible(ctx: Ctx) {
  return ctx.db
    .selectFrom('attachment as a')
    .where('a.commission_id', '=', ctx.actor.commissionId)
    .where(inOrgScope(ctx.actor, 'a.owner_org_id'))
    .where(recordVisible(ctx.actor, { classification: 'a.classification', knowledgeScopeId: 'a.knowledge_scope_id', objectType: 'attachment', id: 'a.id' }));
}

export async function listAttachments(ctx: Ctx, q: { ownerType?: string; ownerId?: string }) {
  let query = visible(ctx)
    .leftJoin('app_user as u', 'u.id', 'a.created_by')
    .select([
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
    ]);
  if (q.ownerType) query = query.where('a.owner_type', '=', q.ownerType);
  if (q.ownerId) query = query.where('a.owner_id', '=', q.ownerId);
  const rows = await query.orderBy('a.created_at', 'desc').limit(500).execute();
  return {
    items: rows.map((r) => ({
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
    })),
  };
}

/** GET /attachments/:id/content — the bytes, for the actor's scope only; every download is audited. */
export async function downloadAttachment(ctx: Ctx, id: string) {
  const row = await visible(ctx)
    .select(['a.id', 'a.filename', 'a.mime_type', 'a.content', 'a.sha256', 'a.size_bytes'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('附件');
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'attachment.downloaded',
      objectType: 'attachment',
      objectId: id,
      payload: { sha256: row.sha256, sizeBytes: row.size_bytes },
    }),
  );
  return { filename: row.filename, mime: row.mime_type, content: row.content };
}
