import { DocNumberPartsSchema, formatDocNumber } from '@liandong/domain/platform/doc-number';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { AppError } from './errors';

export interface DocNumberRequest {
  commissionId: string;
  /** 机关代字, e.g. 兰纪 */
  docCode: string;
  year: number;
  /** What the number is for: the issuing record's type (`recommendation`, `bulletin` …) or `manual`. */
  objectType: string;
  objectId?: string | null;
  userId?: string | null;
  /** Free text for numbers taken by hand. */
  purpose?: string | null;
}

/**
 * Takes the next 发文字号 (代字〔年〕N号) inside the caller's transaction, gap-free and without duplicates.
 *
 * The counter row of (commission, 代字, 年) is created or incremented by one INSERT … ON CONFLICT DO
 * UPDATE, which leaves it row-locked until the caller's transaction ends. Concurrent issuers therefore
 * queue on that row; a transaction that rolls back also rolls back its increment, so its number is
 * handed to the next issuer and no gap appears. The allocation is recorded in `doc_number`.
 */
export async function allocateDocNumber(trx: Transaction<DB>, req: DocNumberRequest): Promise<{ no: number; text: string }> {
  const parts = DocNumberPartsSchema.omit({ no: true }).safeParse({ docCode: req.docCode, year: req.year });
  if (!parts.success) throw new AppError('VALIDATION', '机关代字或年份格式不正确', { issues: [{ path: 'docCode', message: '机关代字或年份格式不正确' }] });
  const row = await sql<{ last_no: number }>`
    INSERT INTO doc_sequence (commission_id, doc_code, year, last_no)
    VALUES (${req.commissionId}::uuid, ${req.docCode}, ${req.year}, 1)
    ON CONFLICT (commission_id, doc_code, year) DO UPDATE SET last_no = doc_sequence.last_no + 1
    RETURNING last_no`.execute(trx);
  const no = row.rows[0]!.last_no;
  const text = formatDocNumber(req.docCode, req.year, no);
  await trx
    .insertInto('doc_number')
    .values({
      commission_id: req.commissionId,
      doc_code: req.docCode,
      year: req.year,
      no,
      text,
      object_type: req.objectType,
      object_id: req.objectId ?? null,
      allocated_by: req.userId ?? null,
      purpose: req.purpose ?? null,
    })
    .execute();
  return { no, text };
}
