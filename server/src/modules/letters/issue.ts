import { LETTER_DOC_CODES, LETTER_TYPE_LABELS } from '@liandong/domain/reform/enums';
import type { LetterAction } from '@liandong/domain/reform/machine';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { allocateDocNumber } from '../../platform/numbering';
import { storeAttachment } from '../../platform/attachments/store';
import { letterDocx } from './docx';
import { loadOrganNames } from '../../platform/organs';
import { type LetterRow, letterItems } from './repo';

/*
 * 编号印发 (c.6 `issue` and `reissue`, [C S34]): inside the transition, after the kernel has checked the
 * state and the 签发 — so never twice and never before 签发 — take the next 发文字号 of the letter type's
 * 代字 for the year of issue (gap-free, queued on the counter row), render the DOCX and keep it as the
 * letter's attachment (owner type `recommendation`). The columns go back to the kernel's one state write.
 *
 * The counter row stays locked from the allocation to the commit, so every issuer of the same 代字 waits
 * for the one before it. Two things keep that wait short: all reads are done before the number is taken
 * (only the render, the stored file and the kernel's writes follow it), and issuers of one commission
 * queue in the node (ISSUING_ACTIONS, issuingQueue) before they open a transaction, instead of each
 * holding a pooled connection while it waits on the row until lock_timeout turns it into a 503.
 */

/** The letter actions that take a 发文字号: they run one at a time per commission in the node. */
export const ISSUING_ACTIONS: ReadonlySet<LetterAction> = new Set<LetterAction>(['issue', 'reissue']);

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface Issued {
  docNo: string;
  attachmentId: string;
  /** The columns written with the state. */
  set: { doc_code: string; doc_year: number; doc_seq: number; doc_no: string; issued_on: string; docx_attachment_id: string };
}

/**
 * Keeps the rendered text of an issued letter as its attachment (owner type `letter`, the letter's
 * classification): at issue, and once for a letter numbered without one (seeded; service-letters.ts).
 */
export function keepIssuedDocx(
  trx: Transaction<DB>,
  ctx: Ctx,
  row: Pick<LetterRow, 'id' | 'type' | 'drafting_org_id' | 'classification'>,
  docNo: string,
  body: Buffer,
): Promise<{ id: string; sha256: string }> {
  return storeAttachment(trx, ctx.cipher, {
    commissionId: ctx.actor.commissionId,
    ownerType: 'letter',
    ownerId: row.id,
    ownerOrgId: row.drafting_org_id,
    filename: `${docNo}${LETTER_TYPE_LABELS[row.type].zh}.docx`.replace(/[\\/:*?"<>|]/g, '_'),
    mimeType: DOCX_MIME,
    classification: row.classification,
    content: body,
    createdBy: ctx.actor.userId,
  });
}

/** Numbers and renders the letter as it stands (the caller checked the 签发). */
export async function issueLetter(trx: Transaction<DB>, ctx: Ctx, row: LetterRow): Promise<Issued> {
  const items = await letterItems(trx, row.id);
  if (items.length === 0) throw new AppError('ILLEGAL_TRANSITION', '建议书没有建议事项，不能印发');
  const year = Number(row.today.slice(0, 4));
  const docCode = LETTER_DOC_CODES[row.type];
  const info = await loadOrganNames(trx, ctx.actor.commissionId);
  // From here to the commit the counter row is locked: only the numbered text and the kernel's writes follow.
  const { no, text } = await allocateDocNumber(trx, {
    commissionId: ctx.actor.commissionId,
    docCode,
    year,
    objectType: 'letter',
    objectId: row.id,
    userId: ctx.actor.userId,
  });
  const body = await letterDocx(info, ctx.actor, {
    letter: row,
    items,
    docNo: text,
    date: row.today,
  });
  const att = await keepIssuedDocx(trx, ctx, row, text, body);
  return {
    docNo: text,
    attachmentId: att.id,
    set: { doc_code: docCode, doc_year: year, doc_seq: no, doc_no: text, issued_on: row.today, docx_attachment_id: att.id },
  };
}
