import { REC_DOC_CODES, REC_TYPE_LABELS } from '@liandong/domain/reform/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { AppError } from '../../platform/errors';
import type { Ctx } from '../../platform/context';
import { allocateDocNumber } from '../../platform/numbering';
import { storeAttachment } from '../../platform/attachments/store';
import { renderLetterDocx } from './docx';
import { type LetterRow, letterItems } from './repo';

/*
 * 编号印发 (c.6 `issue`, [C S34]): in the issuing transaction, after the transition door has checked the
 * state (APPROVED only — so never twice and never without approval), take the next 发文字号 of the
 * letter type's 代字 for the year of issue (gap-free, queued on the counter row), write it with the
 * issue date, render the DOCX and keep it as the letter's attachment (owner type `recommendation`).
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function issueLetter(trx: Transaction<DB>, ctx: Ctx, row: LetterRow): Promise<{ docNo: string; attachmentId: string }> {
  if (!row.approved_by) throw new AppError('ILLEGAL_TRANSITION', '建议书尚未经书记审批，不能印发');
  const items = await letterItems(trx, row.id);
  if (items.length === 0) throw new AppError('ILLEGAL_TRANSITION', '建议书没有建议事项，不能印发');
  const year = Number(row.today.slice(0, 4));
  const docCode = REC_DOC_CODES[row.type];
  const { no, text } = await allocateDocNumber(trx, {
    commissionId: ctx.actor.commissionId,
    docCode,
    year,
    objectType: 'recommendation',
    objectId: row.id,
    userId: ctx.actor.userId,
  });
  const drafting = await trx.selectFrom('org').select('name_zh').where('id', '=', row.drafting_org_id).executeTakeFirstOrThrow();
  const body = await renderLetterDocx(trx, ctx.actor, {
    letter: row,
    items,
    draftingOrgName: drafting.name_zh,
    docNo: text,
    date: row.today,
  });
  const filename = `${text}${REC_TYPE_LABELS[row.type].zh}.docx`.replace(/[\\/:*?"<>|]/g, '_');
  const att = await storeAttachment(trx, ctx.cipher, {
    commissionId: ctx.actor.commissionId,
    ownerType: 'recommendation',
    ownerId: row.id,
    ownerOrgId: row.drafting_org_id,
    filename,
    mimeType: DOCX_MIME,
    classification: row.classification,
    content: body,
    createdBy: ctx.actor.userId,
  });
  await trx
    .updateTable('recommendation')
    .set({ doc_code: docCode, doc_year: year, doc_seq: no, doc_no: text, issued_on: row.today, docx_attachment_id: att.id })
    .where('id', '=', row.id)
    .execute();
  return { docNo: text, attachmentId: att.id };
}
