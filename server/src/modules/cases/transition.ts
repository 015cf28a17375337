import { addCalendarDays, type IsoDay } from '@liandong/domain/calendar/calendar';
import type { CaseActionBody } from '@liandong/domain/cases/contracts';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseAction, type CaseState, nextCaseState } from '@liandong/domain/cases/machine';
import { addMonths } from '@liandong/domain/clues/deadlines';
import { sql, type Transaction, type Updateable } from 'kysely';
import type { CaseFile, DB } from '../../db/types';
import { AppError, forbidden, staleVersion } from '../../platform/errors';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notify, whoMayOpen } from '../../platform/inbox';
import { type OutcomeRow, outcomeRow, recordOutcomes } from './outcomes';
import { actorMessage, guardFailure, mayAct } from './policy';
import { activeTeamUsers, type CaseRow, guardFacts, loadCase, usersWithRole } from './repo';
import { caseVisible } from '../visibility';

/*
 * The one door through which case_file.state changes (c.2). In the caller's transaction: lock the row
 * and check visibility (404), the version (409 STALE_VERSION), the table (409 ILLEGAL_TRANSITION), the
 * actor (403), the guards (409, or 422 TRIAL_TEAM_CONFLICT); then write the state with the stage's
 * dates and deadlines, the supplement loop, the outcomes, the case event, the audit event and the
 * inbox notices. approveFiling is not taken here: it happens through the clue's fileCase request
 * (filing.ts).
 */

export interface TransitionResult {
  from: CaseState;
  to: CaseState;
}

export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function transition(ctx: Ctx, trx: Transaction<DB>, caseId: string, body: CaseActionBody): Promise<TransitionResult> {
  const action: CaseAction = body.action;
  const { row, facts } = await loadCase(trx, ctx.actor, caseId, true);
  if (row.version !== body.version) throw staleVersion();
  const to = nextCaseState(row.state, action);
  if (to === null)
    throw new AppError('ILLEGAL_TRANSITION', `案件处于“${CASE_STATE_LABELS[row.state].zh}”状态，不能“${CASE_ACTION_LABELS[action].zh}”`, {
      state: row.state,
      action,
    });
  if (!mayAct(facts, action)) throw forbidden(actorMessage(action));
  const g = await guardFacts(trx, row);
  const fail = guardFailure(action, row.state, g);
  if (fail) throw new AppError(fail.code, fail.message, { action, ...(fail.code === 'TRIAL_TEAM_CONFLICT' ? { names: g.conflictNames } : {}) });

  const today = row.today;
  const comment = body.comment?.trim() || null;
  const set: Updateable<CaseFile> = {};
  const payload: Record<string, unknown> = {};
  let outcomes: OutcomeRow[] = [];

  switch (body.action) {
    case 'approvePlan':
      set.plan_approved_on = today;
      break;
    case 'announce':
      set.announced_on = today;
      break;
    case 'confirmFacts':
      set.facts_confirmed_on = today;
      break;
    case 'reportInvestigation':
      set.investigation_reported_on = today;
      break;
    case 'transferToTrial':
      // 审理期限: one month from receipt (审理工作规定), pushed by supplement time, extended once.
      set.trial_received_on = today;
      set.trial_due = addMonths(today, 1);
      set.trial_extended = false;
      break;
    case 'requestSupplement':
      await trx
        .insertInto('case_supplement')
        .values({ commission_id: ctx.actor.commissionId, case_id: row.id, requested_on: today, reason: body.reason, requested_by: ctx.actor.userId })
        .execute();
      payload.reason = body.reason;
      break;
    case 'returnSupplement': {
      const open = await trx
        .selectFrom('case_supplement')
        .select(['id', 'requested_on'])
        .where('case_id', '=', row.id)
        .where('returned_on', 'is', null)
        .orderBy('requested_on', 'desc')
        .executeTakeFirst();
      // Time in supplement does not count against the trial limit: the due date moves by the days spent.
      const days = open ? Math.max(0, daysBetween(open.requested_on, today)) : 0;
      if (open) await trx.updateTable('case_supplement').set({ returned_on: today }).where('id', '=', open.id).execute();
      if (row.trial_due) set.trial_due = addCalendarDays(row.trial_due, days);
      payload.supplementDays = days;
      break;
    }
    case 'deliberate':
      set.deliberated_on = today;
      break;
    case 'decide':
      set.decided_on = today;
      set.decision_announce_due = addMonths(today, 1);
      outcomes = body.outcomes.map(outcomeRow);
      payload.outcomes = outcomes.map((o) => ({ kind: o.kind, detail: o.detail, fourForm: o.four_form }));
      break;
    case 'announceDecision':
      set.decision_announced_on = today;
      set.execution_report_due = addMonths(today, 6);
      break;
    case 'reportExecution':
      set.executed_on = today;
      break;
    case 'archive':
      set.archived_on = today;
      break;
    case 'revoke':
      // 撤销案件 (监察法 2024 art.52): no evidence of a violation; recorded as an outcome outside the four forms.
      set.revoked_on = today;
      set.revoke_reason = body.reason;
      outcomes = [{ kind: 'REVOCATION', detail: body.reason, four_form: null, period_months: null, note: '' }];
      payload.reason = body.reason;
      break;
    default:
      break;
  }

  await trx
    .updateTable('case_file')
    .set({ ...set, state: to, version: row.version + 1, updated_at: sql<Date>`now()` })
    .where('id', '=', row.id)
    .execute();
  await recordOutcomes(trx, ctx, row.id, today, outcomes);
  await trx
    .insertInto('case_event')
    .values({
      commission_id: ctx.actor.commissionId,
      case_id: row.id,
      action,
      from_state: row.state,
      to_state: to,
      comment,
      payload: Object.keys(payload).length ? JSON.stringify(payload) : null,
      actor_id: ctx.actor.userId,
    })
    .execute();
  await audit(trx, ctx, {
    type: 'case.transitioned',
    objectType: 'case',
    objectId: row.id,
    payload: refs({ caseNo: row.case_no, action, from: row.state, to, comment, ...payload }),
  });
  await sendNotices(ctx, trx, row, action, to);
  return { from: row.state, to };
}

/** Who hears of a transition: both teams, and whoever acts next when that is someone else. */
async function sendNotices(ctx: Ctx, trx: Transaction<DB>, row: CaseRow, action: CaseAction, to: CaseState) {
  const recipients = new Set(await activeTeamUsers(trx, row.id));
  const next: Partial<Record<CaseState, string[]>> = {
    FILED: ['SECRETARY'],
    INVESTIGATION_REPORTED: ['CASE_MANAGER'],
    TRIAL_DELIBERATED: ['SECRETARY'],
    EXECUTED: ['CASE_MANAGER'],
    REVOKED: ['CASE_MANAGER'],
  };
  const roles = next[to];
  if (roles) for (const u of await usersWithRole(trx, ctx.actor.commissionId, roles)) recipients.add(u);
  recipients.delete(ctx.actor.userId);
  const title = row.title.length > 30 ? `${row.title.slice(0, 30)}…` : row.title;
  const allowed = await whoMayOpen(trx, recipients, (a) => sql`SELECT 1 FROM case_file k WHERE k.id = ${row.id}::uuid AND ${caseVisible(a, 'k')}`);
  for (const userId of allowed) {
    await notify(trx, {
      commissionId: ctx.actor.commissionId,
      userId,
      kind: 'case.transitioned',
      title: `案件${row.case_no}“${title}”：${CASE_ACTION_LABELS[action].zh}`,
      body: `状态变为“${CASE_STATE_LABELS[to].zh}”，操作人：${ctx.actor.displayName}`,
      link: `/cases/${row.id}`,
    });
  }
}
