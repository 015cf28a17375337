import type { ProblemActionBody, ProblemState } from '@liandong/domain/problems/contracts';
import { PROBLEM_MACHINE, type ProblemAction, type ProblemActor } from '@liandong/domain/problems/machine';
import type { Actor } from '../../platform/access';
import { todayIso } from '../../platform/calendar';
import { validation } from '../../platform/errors';
import type { Effects, Workflow } from '../../platform/workflow';
import { canIssueCommonItems, issueCommonItemIn, loadActorFacts } from '../supervision';
import { convertToCampaign, convertToLetter } from './conversions';
import { canWrite, isParty, problemVisible, type Q } from './repo';

/*
 * The problem's workflow on the kernel (platform/workflow.ts): confirm and dismiss by the owner org's or a
 * joint-analysis org's staff; convert by the 党风政风监督室, whose effect issues next year's common
 * supervision item through the supervision module (same transaction) and records the link; toLetter (a
 * party) and toCampaign (the 党风政风监督室) create a draft letter or a planned campaign through those
 * modules' faces (conversions.ts). The kernel is
 * the only writer of problem.state; a problem's history is its audit trail (no event table).
 */

export interface ProblemRow {
  id: string;
  commission_id: string;
  owner_org_id: string;
  state: ProblemState;
  version: number;
}

/** The caller's roles on the problem: PARTY (owner or joint-analysis org staff), COORDINATOR (党风政风监督室). */
export async function problemRoles(db: Q, actor: Actor, row: { id: string; owner_org_id: string }): Promise<Set<ProblemActor>> {
  const roles = new Set<ProblemActor>();
  if (canWrite(actor) && (await isParty(db, actor, row))) roles.add('PARTY');
  if (canIssueCommonItems(await loadActorFacts(db, actor))) roles.add('COORDINATOR');
  return roles;
}

export const problemWorkflow: Workflow<ProblemRow, ProblemState, ProblemAction, ProblemActor, ProblemActionBody> = {
  machine: PROBLEM_MACHINE,
  table: 'problem',
  scope: { alias: 'p', visible: (a) => problemVisible(a, 'p') },
  audit: {
    default: 'problem.confirmed',
    confirm: 'problem.confirmed',
    dismiss: 'problem.dismissed',
    convert: 'problem.converted',
    toLetter: 'problem.converted_to_letter',
    toCampaign: 'problem.converted_to_campaign',
  },
  roles: (ctx, row) => problemRoles(ctx.trx, ctx.actor, row),

  async guard(_ctx, _row, input) {
    if (input.action !== 'convert') return;
    const thisYear = Number(todayIso().slice(0, 4));
    if (input.year <= thisYear) throw validation([{ path: 'year', message: `须为下一年度（${thisYear + 1}）或以后` }], '不能转化为监督事项');
  },

  async effects(ctx, row, input): Promise<Effects | undefined> {
    // the letter or campaign is created through its module's face; the payload keeps its id for the audit
    if (input.action === 'toLetter') return { payload: await convertToLetter(ctx, row.id, input) };
    if (input.action === 'toCampaign') return { payload: await convertToCampaign(ctx, row.id, input) };
    if (input.action !== 'convert') return undefined;
    const issued = await issueCommonItemIn(ctx, ctx.trx, {
      year: input.year,
      matter: input.matter,
      bases: input.bases,
      methods: input.methods,
      frequency: input.frequency ?? null,
      dueDate: input.dueDate ?? null,
    });
    await ctx.trx
      .insertInto('problem_conversion')
      .values({ problem_id: row.id, target_type: 'common_item', target_id: issued.commonItem.id, created_by: ctx.actor.userId })
      .execute();
    // the audit keeps the ids and counts (the machine's audit schema); the route answers with the item itself
    return { payload: { commonItemId: issued.commonItem.id, year: input.year, issued: issued.issued, commonItem: issued.commonItem } };
  },
};
