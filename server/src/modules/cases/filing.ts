import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { businessRule } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { allocateDocNumber } from '../../platform/numbering';
import { searchVector } from '../../platform/search';
import { currentYear } from '../../platform/zone';
import { openReformRecordForCase } from '../reform';

/** 案件编号 代字: 兰纪案〔2026〕N号 (invented, like every 代字 of the demo commission). */
export const CASE_DOC_CODE = '兰纪案';

/**
 * The bridge from a clue to its case (domain.md c.1 `CASE_PROPOSED → CASE_FILED`, c.2 `FILING_PROPOSED`).
 * Both run inside the clue transition's transaction, so a clue and its case never disagree.
 *
 * `openProposedCase`: the approved 建议立案 of a clue opens a case in FILING_PROPOSED, led by the clue's
 * undertaking department, numbered at once (逐件编号), with the 核查组 carried over to the 审查调查组.
 */
export async function openProposedCase(trx: Transaction<DB>, ctx: Ctx, clueId: string): Promise<string> {
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
 * committee for a same-level-managed cadre) moves the case FILING_PROPOSED → FILED (c.2 `approveFiling`).
 */
export async function fileCaseForClue(trx: Transaction<DB>, ctx: Ctx, clueId: string, opts: { partyCommitteeApproved: boolean }): Promise<string> {
  const clue = await trx.selectFrom('clue').select(['case_id', 'cadre_management']).where('id', '=', clueId).executeTakeFirstOrThrow();
  if (!clue.case_id) throw businessRule('线索没有拟立案的案件');
  if (clue.cadre_management === 'SAME_LEVEL_PARTY' && !opts.partyCommitteeApproved) {
    throw businessRule('同级党委管理的干部立案须经同级党委批准');
  }
  const updated = await trx
    .updateTable('case_file')
    .set((eb) => ({
      state: 'FILED',
      filed_on: sql<string>`current_date`,
      party_committee_approved: opts.partyCommitteeApproved,
      updated_at: sql<Date>`now()`,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', clue.case_id)
    .where('state', '=', 'FILING_PROPOSED')
    .returning(['id', 'case_no'])
    .executeTakeFirst();
  if (!updated) throw businessRule('案件不在拟立案状态');
  await trx
    .insertInto('case_event')
    .values({
      commission_id: ctx.actor.commissionId,
      case_id: updated.id,
      action: 'approveFiling',
      from_state: 'FILING_PROPOSED',
      to_state: 'FILED',
      actor_id: ctx.actor.userId,
      comment: null,
    })
    .execute();
  await audit(trx, ctx, { type: 'case.filed', objectType: 'case', objectId: updated.id, payload: refs({ caseNo: updated.case_no, clueId }) });
  // 以案促改: the filed case opens its reform record in the same transaction (issue 5).
  await openReformRecordForCase(trx, ctx, updated.id);
  return updated.id;
}
