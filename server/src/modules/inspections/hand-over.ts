import type { FindingHandOverBody } from '@liandong/domain/inspections/contracts';
import type { HandedOverType } from '@liandong/domain/inspections/enums';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { fileCampaignClue } from '../clues';
import { createCampaignTask, recordCampaignAccountability } from '../reform';
import { presentFinding, queryFindings } from './service-read';
import { lockFinding } from './service-findings';

/*
 * 一键移交: a check's finding becomes a clue (through the clue module's intake), a rectification task or an
 * accountability record (through the reform module), tagged with the campaign, in one transaction with
 * the finding's mark. Once: a finding already handed over answers 409 (lockFinding), whatever it became.
 * Who: the planners (lead office, 专班 co-leaders) and the team's 组长, on a visible check.
 */

const SHORT = 60;
const clip = (s: string) => (s.length > SHORT ? `${s.slice(0, SHORT)}…` : s);

/** POST /inspection-findings/:id/hand-over */
export async function handOverFinding(ctx: Ctx, findingId: string, b: FindingHandOverBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockFinding(trx, ctx, findingId, b.version);
    if (!f.is_planner && !f.is_team_leader) throw forbidden('发现问题由检查组组长、牵头部门或专班组长移交');
    const { rows } = await sql<{ description: string; unit_org_id: string; unit_name: string; campaign_id: string; title: string }>`SELECT f.description,
        f.unit_org_id, o.name_zh AS unit_name, i.campaign_id, i.title
      FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id JOIN org o ON o.id = f.unit_org_id WHERE f.id = ${findingId}::uuid`.execute(trx);
    const row = rows[0]!;
    const sourceRef = { type: 'inspection_finding', id: findingId };
    let type: HandedOverType;
    let id: string;
    let disposition: 'CLUE' | 'RECTIFY' | 'ACCOUNTABILITY';
    if (b.to === 'clue') {
      type = 'clue';
      disposition = 'CLUE';
      id = (
        await fileCampaignClue(ctx, trx, {
          campaignId: row.campaign_id,
          source: b.source,
          title: b.title ?? clip(row.description),
          summary: `${row.title}发现：${row.description}`,
          subjectName: b.subjectName ?? row.unit_name.slice(0, 50),
          subjectOrgId: row.unit_org_id,
          issueTypes: b.issueTypes ?? [],
          sourceRef,
        })
      ).id;
    } else if (b.to === 'rectification_task') {
      type = 'rectification_task';
      disposition = 'RECTIFY';
      id = await createCampaignTask(ctx, trx, {
        campaignId: row.campaign_id,
        unitOrgId: row.unit_org_id,
        issue: row.description,
        requiredOutcome: b.requiredOutcome ?? '',
        deadline: b.deadline,
        responsiblePerson: b.responsiblePerson || null,
        sourceRef,
      });
    } else {
      type = 'accountability';
      disposition = 'ACCOUNTABILITY';
      id = await recordCampaignAccountability(ctx, trx, { ...b.accountability, campaignId: row.campaign_id, targetOrgId: row.unit_org_id });
    }
    await trx
      .updateTable('inspection_finding')
      .set({
        disposition,
        handed_over_type: type,
        handed_over_id: id,
        handed_over_at: sql`now()`,
        handed_over_by: ctx.actor.userId,
        version: f.version + 1,
        updated_at: sql`now()`,
      })
      .where('id', '=', findingId)
      .execute();
    await audit(trx, ctx, {
      type: 'inspection.finding_handed_over',
      objectType: 'inspection_finding',
      objectId: findingId,
      payload: refs({ inspectionId: f.inspection_id, campaignId: row.campaign_id, to: type, id }),
    });
    const [fresh] = await queryFindings(ctx, { findingId }, trx);
    return { type, id, finding: presentFinding(fresh!, f, f.state) };
  });
}
