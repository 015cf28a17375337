import { sql } from 'kysely';
import { hasAnyRole } from '../../platform/access';
import { AppError } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { allocateDocNumber } from '../../platform/numbering';

/** 发文字号 register. Numbers taken by hand are recorded with their purpose (object type `manual`). */

const ALLOCATORS = ['SECRETARY', 'OFFICE_STAFF', 'CASE_MANAGER'] as const;

/** 机关代字 of the commission's organisations in force. */
async function docCodes(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('org')
    .select('doc_code')
    .distinct()
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('doc_code', 'is not', null)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', sql<string>`current_date`)]))
    .orderBy('doc_code')
    .execute();
  return rows.map((r) => r.doc_code!);
}

export async function listDocNumbers(ctx: Ctx, q: { docCode?: string; year?: number; limit: number }) {
  let query = ctx.db
    .selectFrom('doc_number as d')
    .leftJoin('app_user as u', 'u.id', 'd.allocated_by')
    .select(['d.doc_code', 'd.year', 'd.no', 'd.text', 'd.object_type', 'd.object_id', 'd.purpose', 'd.allocated_by', 'u.display_name', 'd.allocated_at'])
    .where('d.commission_id', '=', ctx.actor.commissionId);
  if (q.docCode) query = query.where('d.doc_code', '=', q.docCode);
  if (q.year) query = query.where('d.year', '=', q.year);
  const [rows, codes] = await Promise.all([
    query.orderBy('d.year', 'desc').orderBy('d.doc_code').orderBy('d.no', 'desc').limit(q.limit).execute(),
    docCodes(ctx),
  ]);
  return {
    items: rows.map((r) => ({
      docCode: r.doc_code,
      year: r.year,
      no: r.no,
      text: r.text,
      objectType: r.object_type,
      objectId: r.object_id,
      purpose: r.purpose,
      allocatedBy: r.allocated_by,
      allocatedByName: r.display_name,
      allocatedAt: r.allocated_at.toISOString(),
    })),
    docCodes: codes,
    abilities: { allocate: hasAnyRole(ctx.actor, ALLOCATORS) },
  };
}

/**
 * GET /doc-numbers/sequences — per 代字 and year, how many numbers were taken and the highest, so the
 * system administrator can see the register is gap-free without reading what the numbers were for.
 */
export async function listSequences(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('doc_number')
    .select(['doc_code', 'year'])
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('no').as('last_no'), eb.fn.max('allocated_at').as('last_at')])
    .where('commission_id', '=', ctx.actor.commissionId)
    .groupBy(['doc_code', 'year'])
    .orderBy('year', 'desc')
    .orderBy('doc_code')
    .execute();
  return {
    items: rows.map((r) => ({
      docCode: r.doc_code,
      year: r.year,
      count: Number(r.count),
      lastNo: Number(r.last_no),
      lastAllocatedAt: new Date(r.last_at as unknown as string).toISOString(),
    })),
  };
}

/** POST /doc-numbers — takes the next number under one of the commission's 代字, in one audited transaction. */
export async function allocateManual(ctx: Ctx, body: { docCode: string; year: number; purpose: string }) {
  const codes = await docCodes(ctx);
  if (!codes.includes(body.docCode)) {
    throw new AppError('BUSINESS_RULE', `“${body.docCode}”不是本委任何单位的机关代字`, { issues: [{ path: 'docCode', message: '不是本委单位的机关代字' }] });
  }
  return ctx.db.transaction().execute(async (trx) => {
    const n = await allocateDocNumber(trx, {
      commissionId: ctx.actor.commissionId,
      docCode: body.docCode,
      year: body.year,
      objectType: 'manual',
      userId: ctx.actor.userId,
      purpose: body.purpose,
    });
    await audit(trx, ctx, {
      type: 'docnumber.allocated',
      objectType: 'doc_number',
      objectId: n.text,
      payload: refs({ docCode: body.docCode, year: body.year, no: n.no, purpose: body.purpose }),
    });
    return n;
  });
}
