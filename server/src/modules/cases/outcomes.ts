import type { OutcomeInput } from '@liandong/domain/cases/contracts';
import { MAJOR_ORG_MEASURES } from '@liandong/domain/cases/enums';
import { ADMIN_SANCTION_MONTHS, type FourForm, fourFormOf } from '@liandong/domain/cases/machine';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';

/*
 * 处理结果 of a decision (case_outcome), each with its 四种形态 (党纪处分条例 2024 art.5): fourFormOf() of the
 * domain for the kinds it knows; 问责 counts as the second form (问责条例: 通报、诫勉、组织调整 and the like
 * are handled as 第二种形态 in the statistics), 监察建议 and 撤销案件 are outside the four forms.
 */

export interface OutcomeRow {
  kind: OutcomeInput['kind'] | 'REVOCATION';
  detail: string | null;
  four_form: FourForm | null;
  period_months: number | null;
  note: string;
}

export function outcomeRow(o: OutcomeInput): OutcomeRow {
  const note = o.note ?? '';
  switch (o.kind) {
    case 'FIRST_FORM_MEASURE':
      return { kind: o.kind, detail: o.measure, four_form: fourFormOf({ kind: o.kind }), period_months: null, note };
    case 'PARTY_SANCTION':
      return { kind: o.kind, detail: o.sanction, four_form: fourFormOf({ kind: o.kind, sanction: o.sanction }), period_months: null, note };
    case 'ADMIN_SANCTION':
      return {
        kind: o.kind,
        detail: o.sanction,
        four_form: fourFormOf({ kind: o.kind, sanction: o.sanction }),
        period_months: ADMIN_SANCTION_MONTHS[o.sanction],
        note,
      };
    case 'ORGANISATIONAL_MEASURE':
      return {
        kind: o.kind,
        detail: o.measure,
        four_form: fourFormOf({ kind: o.kind, major: MAJOR_ORG_MEASURES.includes(o.measure) }),
        period_months: null,
        note,
      };
    case 'ACCOUNTABILITY':
      return { kind: o.kind, detail: o.detail, four_form: 'SECOND', period_months: null, note };
    case 'PROSECUTION':
      return { kind: o.kind, detail: null, four_form: fourFormOf({ kind: o.kind }), period_months: null, note };
    case 'RECOMMENDATION':
      return { kind: o.kind, detail: o.detail, four_form: null, period_months: null, note };
  }
}

/** Writes the outcomes of a decision (or the revocation) in the transition's transaction. */
export async function recordOutcomes(trx: Transaction<DB>, ctx: Ctx, caseId: string, decidedOn: string, rows: OutcomeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('case_outcome')
    .values(
      rows.map((r) => ({
        commission_id: ctx.actor.commissionId,
        case_id: caseId,
        kind: r.kind,
        detail: r.detail,
        four_form: r.four_form,
        period_months: r.period_months,
        note: r.note,
        decided_on: decidedOn,
        created_by: ctx.actor.userId,
      })),
    )
    .execute();
  await audit(trx, ctx, {
    type: 'case.outcome_recorded',
    objectType: 'case',
    objectId: caseId,
    payload: refs({ outcomes: rows.map((r) => ({ kind: r.kind, detail: r.detail, fourForm: r.four_form, periodMonths: r.period_months })) }),
  });
}
