import { DocNumberPartsSchema, formatDocNumber } from '@liandong/domain/platform/doc-number';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import { AppError } from './errors';
import { Gate } from './gate';

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

const issuing = new Map<string, Gate>();

/**
 * The node's line of issuers of one commission's numbered documents. A 发文字号 is taken inside the
 * issuing transaction and its counter row stays locked until that transaction ends, so issuers of one
 * 代字 go one after another whatever we do. Without this line each waiting issuer would hold a pooled
 * connection (starving every other request) and give up with a 503 once lock_timeout passed — a burst
 * of twenty issues on a loaded node did. Here they wait in memory, one transaction at a time, and only
 * a line longer than `maxQueue` or a wait beyond `maxWaitMs` is refused (503 with Retry-After).
 */
export function issuingQueue(commissionId: string): Gate {
  let gate = issuing.get(commissionId);
  if (!gate) {
    gate = new Gate({
      concurrency: 1,
      maxQueue: 100,
      maxWaitMs: 30_000,
      retryAfterSeconds: 5,
      busyCode: 'SERVER_BUSY',
      busyMessage: '正在编号印发的公文较多，请稍后重试',
    });
    issuing.set(commissionId, gate);
  }
  return gate;
}
