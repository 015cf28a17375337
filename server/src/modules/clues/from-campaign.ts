import type { ClueCreated } from '@liandong/domain/clues/contracts';
import type { IssueType } from '@liandong/domain/clues/enums';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { todayIso } from '../../platform/calendar';
import type { Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { canIntake } from './policy';
import { insertClue } from './service-intake';

/** A problem found by a campaign's check, filed as a clue of that campaign. */
export interface CampaignClue {
  campaignId: string;
  source: 'FOUND_IN_SUPERVISION' | 'CAMPAIGN_SCREENING';
  title: string;
  summary: string;
  subjectName: string;
  subjectOrgId: string | null;
  issueTypes: IssueType[];
  /** What the clue came from (e.g. `inspection_finding` and its id). */
  sourceRef: { type: string; id: string };
}

/**
 * Files a clue found in a 专项整治 (a check's finding handed over in one step) inside the caller's
 * transaction: received today by the caller's org, tagged with the campaign, through the same intake as
 * POST /clues (deadlines, search vector, first event, audit). Why here: only the clue module writes clues.
 */
export async function fileCampaignClue(ctx: Ctx, trx: Transaction<DB>, c: CampaignClue): Promise<ClueCreated> {
  if (!canIntake(ctx.actor, c.source)) throw forbidden('此来源的线索由案管室或发现线索的部门受理');
  const created = await insertClue(ctx, trx, {
    source: c.source,
    receivedOn: todayIso(),
    realName: false,
    title: c.title,
    summary: c.summary,
    issueTypes: c.issueTypes,
    subjectName: c.subjectName,
    subjectPersonId: null,
    subjectOrgId: c.subjectOrgId,
    subjectPosition: null,
    cadreManagement: 'OTHER',
    isSubordinateTopLeader: false,
    sourceRef: c.sourceRef,
  });
  await trx.updateTable('clue').set({ campaign_id: c.campaignId }).where('id', '=', created.id).execute();
  return created;
}
