import type { LetterActionBody, LetterDetail } from '@liandong/domain/reform/contracts-letters';
import { LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import { AppError } from '../../platform/errors';
import type { DocCopy } from '../../platform/official-doc';
import { audit, refs } from '../../platform/audit';
import { type Ctx, inTx } from '../../platform/context';
import { issuingQueue } from '../../platform/numbering';
import { transition } from '../../platform/workflow';
import { issuedDocx, renderLetterDocx } from './docx';
import { ISSUING_ACTIONS } from './issue';
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

/** The letter rendered as it stands: a 草稿（未编号） preview, or a letter numbered without a stored file (seeded). */
async function renderedDocx(ctx: Ctx, row: LetterRow, copy: DocCopy): Promise<Buffer> {
  const items = await letterItems(ctx.db, row.id);
  return renderLetterDocx(ctx.db, ctx.actor, { letter: row, items, docNo: row.doc_no, date: row.issued_on ?? row.today, copy });
}

export interface RenderedDoc {
  filename: string;
  body: Buffer;
  /** PDF only: official fonts missing on the server and the fonts put in their place. */
  fontSubstitutions?: readonly FontSubstitution[];
}

async function renderFor(ctx: Ctx, id: string, format: 'docx' | 'pdf', copy: DocCopy, bin?: string): Promise<RenderedDoc> {
  const row = await loadLetter(ctx.db, ctx.actor, id, false);
  if (row.state === 'WITHDRAWN') throw new AppError('CONFLICT', '建议书已撤回，不能导出');
  const docx =
    row.doc_no && row.docx_attachment_id ? await issuedDocx(ctx.db, ctx.cipher, ctx.actor, row.docx_attachment_id, copy) : await renderedDocx(ctx, row, copy);
  const pdf = format === 'pdf' ? await convertDocxToPdf(bin!, docx) : null;
  const body = pdf ? pdf.body : docx;
  await ctx.db.transaction().execute((trx) =>
    audit(trx, ctx, {
      type: 'letter.exported',
      objectType: 'letter',
      objectId: id,
      // The substituted fonts are fixed names of this module, not user text: stored as they are.
      payload: { ...refs({ format, copy, docNo: row.doc_no, draft: row.doc_no === null }), fontSubstitutions: pdf?.substitutions.map((f) => f.font) ?? [] },
    }),
  );
  const base = `${row.doc_no ?? '草稿'}${LETTER_TYPE_LABELS[row.type].zh}`.replace(/[\\/:*?"<>|]/g, '_');
  return { filename: `${base}${copy === 'print' ? '（打印用）' : ''}.${format}`, body, fontSubstitutions: pdf?.substitutions ?? [] };
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
