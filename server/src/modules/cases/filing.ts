import { sql } from 'kysely';
import { businessRule } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { TxCtx } from '../../platform/context';
import { transition } from '../../platform/workflow';
import { allocateDocNumber } from '../../platform/numbering';
import { searchVector } from '../../platform/search';
import { currentYear } from '../../platform/zone';
import { openReformRecordForCase } from '../reform';
import { caseWorkflow } from './workflow';

/** 案件编号 代字: 兰纪案〔2026〕N号 (invented, like every 代字 of the demo commission). */
export const CASE_DOC_CODE = '兰纪案';

/**
 * The bridge from a clue to its case (domain.md c.1 `CASE_PROPOSED → CASE_FILED`, c.2 `FILING_PROPOSED`).
 * Both run inside the clue transition's transaction (ctx.trx), so a clue and its case never disagree.
 *
 * `openProposedCase`: the approved 建议立案 of a clue opens a case in FILING_PROPOSED, led by the clue's
 * undertaking department, numbered at once (逐件编号), with the 核查组 carried over to the 审查调查组.
 * Creating the case in its initial state with its first event is the one state write outside the kernel.
 */
export async function openProposedCase(ctx: TxCtx, clueId: string): Promise<string> {
  const { trx } = ctx;
  const clue = await trx.selectFrom('clue').selectAll().where('id', '=', clueId).where('commission_id', '=', ctx.actor.commissionId).executeTakeFirstOrThrow();
  if (!clue.undertaking_org_id) throw businessRule('线索尚未分办，不能建议立案');
  const year = currentYear();
  const { no, text } = await allocateDocNumber(trx, {
    commissionId: ctx.actor.commissionId,
    docCode: CASE_DOC_CODE,
    year,
    objectType: 'case',
    userId: ctx.actor.userId,
  });
  const created = await trx
    .insertInto('case_file')
    .values({
      commission_id: ctx.actor.commissionId,
      year,
      seq: no,
      case_no: text,
      title: clue.title,
      summary: clue.summary,
      subject_name: clue.subject_name,
      subject_person_id: clue.subject_person_id,
      subject_org_id: clue.subject_org_id,
      subject_position: clue.subject_position,
      cadre_management: clue.cadre_management,
      // the clue's 行业领域 goes with it to the case
      sector_code: clue.sector_code,
      lead_org_id: clue.undertaking_org_id,
      state: 'FILING_PROPOSED',
      classification: clue.classification,
      search_tsv: searchVector([text, clue.title, clue.summary, clue.subject_name, clue.subject_position]),
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('case_clue').values({ case_id: created.id, clue_id: clueId }).execute();
  await trx.updateTable('clue').set({ case_id: created.id }).where('id', '=', clueId).execute();
  // 核查组 members carry over to the 审查调查组 (and are thereby barred from the 审理组).
  await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, role, added_by)
    SELECT DISTINCT ON (m.user_id) m.commission_id, ${created.id}::uuid, 'INVESTIGATION', m.user_id, u.org_id,
           CASE WHEN m.role = 'LEAD' THEN 'LEAD' ELSE 'MEMBER' END, ${ctx.actor.userId}::uuid
      FROM clue_team_member m JOIN app_user u ON u.id = m.user_id
     WHERE m.clue_id = ${clueId}::uuid AND m.left_on IS NULL
     ORDER BY m.user_id, m.role`.execute(trx);
  await trx
    .insertInto('case_event')
    .values({
      commission_id: ctx.actor.commissionId,
      case_id: created.id,
      action: 'propose',
      from_state: null,
      to_state: 'FILING_PROPOSED',
      actor_id: ctx.actor.userId,
      comment: null,
    })
    .execute();
  await audit(trx, ctx, { type: 'case.proposed', objectType: 'case', objectId: created.id, payload: refs({ caseNo: text, clueId }) });
  return created.id;
}

/**
 * `fileCaseForClue`: the approved 立案 (the clue's `fileCase`, whose chain includes the same-level Party
 * committee for a same-level-managed cadre) applies the case machine's `approveFiling`
 * (FILING_PROPOSED → FILED) through the kernel, then opens the case's 以案促改 reform record — all in the
 * clue's transaction.
 */
export async function fileCaseForClue(ctx: TxCtx, clueId: string, opts: { partyCommitteeApproved: boolean }): Promise<string> {
  const clue = await ctx.trx
    .selectFrom('clue')
    .select('case_id')
    .where('id', '=', clueId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .executeTakeFirstOrThrow();
  if (!clue.case_id) throw businessRule('线索没有拟立案的案件');
  await transition(
    ctx,
    caseWorkflow,
    clue.case_id,
    { action: 'approveFiling', partyCommitteeApproved: opts.partyCommitteeApproved, clueId },
    { approved: true },
  );
  // 以案促改: the filed case opens its reform record in the same transaction (issue 5).
  await openReformRecordForCase(ctx.trx, ctx, clue.case_id);
  return clue.case_id;
}
