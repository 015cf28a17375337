import type { LetterActionBody, LetterDetail } from '@liandong/domain/reform/contracts-letters';
import { LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { type Kysely, sql, type Transaction } from 'kysely';
import { prepared } from '../../db/pool';
import { inRequestTransaction } from '../../db/request-tx';
import type { DB } from '../../db/types';
import type { StoredContent } from '../../platform/attachments/store';
import { sha256 } from '../../platform/crypto';
import { AppError, notFound } from '../../platform/errors';
import { letterVisible } from '../visibility';
import type { DocCopy } from '../../platform/official-doc';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { issuingQueue } from '../../platform/numbering';
import { transition } from '../../platform/workflow';
import { renderLetterDocx, stampIssued, stampStored } from './docx';
import { ISSUING_ACTIONS, keepIssuedDocx } from './issue';
import { convertDocxToPdf, type FontSubstitution, findLibreOffice } from './pdf';
import { type LetterRow, letterItems, loadLetter } from './repo';
import { getLetter } from './service-detail';
import { letterWorkflow } from './workflow';

/*
 * The letter's actions (through the workflow kernel with letterWorkflow) and its documents: the DOCX rendered for the
 * caller (watermarked with the exporter and time; a 草稿（未编号） preview before issue) and its PDF.
 */

/** POST /api/v1/letters/:id/actions — answers the letter after the transition. */
export async function actOnLetter(ctx: Ctx, id: string, body: LetterActionBody): Promise<LetterDetail> {
  const act = () => ctx.db.transaction().execute((trx) => transition(inTx(ctx, trx), letterWorkflow, id, body));
  // 编号印发 waits its turn in the node before it opens a transaction (see issue.ts).
  await (ISSUING_ACTIONS.has(body.action) ? issuingQueue(ctx.actor.commissionId).run(act) : act());
  return getLetter(ctx, id);
}

/** The letter rendered as it stands: a 草稿（未编号） preview, rendered fresh at every export. */
async function renderedDocx(ctx: Ctx, row: LetterRow, copy: DocCopy): Promise<Buffer> {
  const items = await letterItems(ctx.db, row.id);
  return renderLetterDocx(ctx.db, ctx.actor, { letter: row, items, docNo: row.doc_no, date: row.issued_on ?? row.today, copy });
}

/**
 * A letter numbered without a stored text (seeded, or numbered before issue 5 kept the file): rendered once, as
 * issuing would have rendered it (its 发文字号 and date of issue), and kept as its text from then on — the next
 * export only stamps it. Two first exports at once both render; the first to commit keeps its file, the other's
 * transaction is rolled back and it serves what it rendered (the same text).
 */
async function keepUnstoredRender(ctx: Ctx, row: LetterRow): Promise<Buffer> {
  const items = await letterItems(ctx.db, row.id);
  const docNo = row.doc_no!;
  const body = await renderLetterDocx(ctx.db, ctx.actor, { letter: row, items, docNo, date: row.issued_on ?? row.today });
  const lost = new Error('letter text stored by a concurrent export');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const att = await keepIssuedDocx(trx, ctx, row, docNo, body);
      const set = await trx
        .updateTable('letter')
        .set({ docx_attachment_id: att.id })
        .where('id', '=', row.id)
        .where('doc_no', '=', docNo)
        .where('docx_attachment_id', 'is', null)
        .executeTakeFirst();
      // Another export kept its render first: this transaction's file is rolled back, its render still served.
      if (set.numUpdatedRows === 0n) throw lost;
    });
  } catch (err) {
    if (err !== lost) throw err;
  }
  return body;
}

export interface RenderedDoc {
  filename: string;
  body: Buffer;
  /** PDF only: official fonts missing on the server and the fonts put in their place. */
  fontSubstitutions?: readonly FontSubstitution[];
}

/** What an export of an issued letter needs (no text columns), with its stored file when it has one. */
interface ExportRow {
  id: string;
  state: LetterRow['state'];
  type: LetterRow['type'];
  doc_no: string | null;
  docx_attachment_id: string | null;
  att_commission_id: string | null;
  key_id: string | null;
  sha256: string | null;
  content: Buffer | null;
}

/**
 * The letter if the actor can see it (letterVisible; else 404 like findLetter) and, for an issued one, its stored
 * file — one statement, the letter's own columns only (issue 12). One row by its key: the letter's case is checked by
 * its key ('row', never a hashed set of every case the reader sees) and the reader's org lists are opaque to the
 * planner (a 分管领导's hundreds of ids are not estimated one by one) — the same predicate as findLetter's. Named
 * (`prepared`): under the DOCX export's generic plan it is planned once per connection and shape of reader (its org
 * lists are array parameters), where each export planned it afresh (1.7 of its 1.9 ms at full scale).
 */
async function findForExport(db: Kysely<DB>, ctx: Ctx, id: string): Promise<ExportRow> {
  const { rows } = await prepared(sql<ExportRow>`SELECT r.id, r.state, r.type, r.doc_no, r.docx_attachment_id,
      a.commission_id AS att_commission_id, a.key_id, a.sha256, a.content
    FROM letter r
    LEFT JOIN attachment a ON r.doc_no IS NOT NULL AND a.id = r.docx_attachment_id AND a.commission_id = r.commission_id
    WHERE r.id = ${id}::uuid AND r.commission_id = ${ctx.actor.commissionId}::uuid
      AND ${letterVisible(ctx.actor, 'r', { caseCheck: 'row', opaqueKeys: true })}`).execute(db);
  if (!rows[0]) throw notFound('建议书');
  return rows[0];
}

/** The stored file of an issued letter that has one, else null (drafts and the unstored are rendered). */
function storedOf(found: ExportRow): StoredContent | null {
  if (!found.doc_no || !found.docx_attachment_id) return null;
  if (found.content === null) throw new AppError('INTERNAL', '正式文本文件缺失，无法导出', { attachmentId: found.docx_attachment_id });
  return { id: found.docx_attachment_id, commission_id: found.att_commission_id!, key_id: found.key_id, sha256: found.sha256!, content: found.content };
}

/** The export's audit row: `stored` when this export rendered the issued text of a letter that had none and kept it. */
function auditExport(
  trx: Transaction<DB>,
  ctx: Ctx,
  found: ExportRow,
  format: 'docx' | 'pdf',
  copy: DocCopy,
  kept: boolean,
  fonts: readonly FontSubstitution[],
) {
  return audit(trx, ctx, {
    type: 'letter.exported',
    objectType: 'letter',
    objectId: found.id,
    // The substituted fonts are fixed names of this module, not user text: stored as they are.
    payload: {
      ...refs({ format, copy, docNo: found.doc_no, draft: found.doc_no === null }),
      ...(kept ? { stored: true } : {}),
      fontSubstitutions: fonts.map((f) => f.font),
    },
  });
}

const fileName = (found: ExportRow, format: 'docx' | 'pdf', copy: DocCopy) =>
  `${`${found.doc_no ?? '草稿'}${LETTER_TYPE_LABELS[found.type].zh}`.replace(/[\\/:*?"<>|]/g, '_')}${copy === 'print' ? '（打印用）' : ''}.${format}`;

/**
 * The DOCX of an issued letter with its stored text in one transaction (issue 12): the read under the generic plan
 * (SET LOCAL, the statement named), the stamp, the audit row. Null when the letter has no stored text (a draft, an
 * unstored one: renderFor renders it, outside any transaction); a letter the actor cannot see is a 404, a withdrawn
 * one a conflict, a stored file that fails its check a 500 — each before the audit row, which is then rolled back.
 */
async function exportStoredDocx(ctx: Ctx, id: string, copy: DocCopy): Promise<RenderedDoc | ExportRow> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!inRequestTransaction()) await sql.raw('SET LOCAL plan_cache_mode = force_generic_plan').execute(trx);
    const found = await findForExport(trx, ctx, id);
    if (found.state === 'WITHDRAWN') throw new AppError('CONFLICT', '建议书已撤回，不能导出');
    const stored = storedOf(found);
    if (!stored) return found;
    const body = stampStored(ctx.cipher, ctx.actor, stored, copy);
    await auditExport(trx, ctx, found, 'docx', copy, false, []);
    return { filename: fileName(found, 'docx', copy), body, fontSubstitutions: [] };
  });
}

async function renderFor(ctx: Ctx, id: string, format: 'docx' | 'pdf', copy: DocCopy, bin?: string): Promise<RenderedDoc> {
  let found: ExportRow;
  if (format === 'docx') {
    const done = await exportStoredDocx(ctx, id, copy);
    if ('body' in done) return done;
    found = done;
  } else {
    found = await findForExport(ctx.db, ctx, id);
    if (found.state === 'WITHDRAWN') throw new AppError('CONFLICT', '建议书已撤回，不能导出');
  }
  let docx: Buffer;
  let kept = false;
  const stored = storedOf(found);
  if (stored) docx = stampStored(ctx.cipher, ctx.actor, stored, copy);
  else {
    // Drafts and the unstored: the letter's text columns are read only here.
    const row = await loadLetter(ctx.db, ctx.actor, id, false);
    if (row.doc_no) {
      const text = await keepUnstoredRender(ctx, row);
      docx = stampIssued(ctx.actor, text, sha256(text), copy);
      kept = true;
    } else docx = await renderedDocx(ctx, row, copy);
  }
  const pdf = format === 'pdf' ? await convertDocxToPdf(bin!, docx) : null;
  const body = pdf ? pdf.body : docx;
  const fonts = pdf?.substitutions ?? [];
  await ctx.db.transaction().execute((trx) => auditExport(trx, ctx, found, format, copy, kept, fonts));
  return { filename: fileName(found, format, copy), body, fontSubstitutions: fonts };
}

/** GET /api/v1/letters/:id/document.docx */
export function exportLetterDocx(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<RenderedDoc> {
  return renderFor(ctx, id, 'docx', copy);
}

/** GET /api/v1/letters/:id/document.pdf — null when LibreOffice is not installed (the route answers 501). */
export async function exportLetterPdf(ctx: Ctx, id: string, copy: DocCopy = 'screen'): Promise<RenderedDoc | null> {
  const bin = await findLibreOffice();
  if (!bin) {
    // Still 404 for a letter the caller cannot see.
    await loadLetter(ctx.db, ctx.actor, id, false);
    return null;
  }
  return renderFor(ctx, id, 'pdf', copy, bin);
}
