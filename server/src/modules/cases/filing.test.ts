/**
 * The clue → case bridge feeding this module: openProposedCase carries the 核查组 over to the 审查调查组
 * (and thereby bars them from the 审理组), fileCaseForClue files the case, and the case then goes on
 * through the HTTP door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBareClue, serviceCtx } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Ctx, inTx } from '../../platform/context';
import { fileCaseForClue, openProposedCase } from './filing';
import { userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function ctxFor(username: string): Promise<Ctx> {
  return serviceCtx(t.db, username, ['SECRETARY']);
}

/** A clue in CASE_PROPOSED led by 第八审查调查室 (no 核查组). */
function proposedClue(cadre: 'SAME_LEVEL_PARTY' | 'LOWER' = 'LOWER'): Promise<string> {
  return insertBareClue(t.db, { cadre_management: cadre });
}

describe('filing through the case machine (issue 9: the bridge goes through the kernel)', () => {
  it('approveFiling is one kernel transition: version +1, the event with its clue, the case.filed audit, the reform record', async () => {
    const ctx = await ctxFor('sj.secretary');
    const clueId = await proposedClue();
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));
    const c = await t.db.selectFrom('case_file').select(['state', 'version', 'filed_on']).where('id', '=', caseId).executeTakeFirstOrThrow();
    expect(c).toMatchObject({ state: 'FILED', version: 2 });
    expect(c.filed_on).not.toBeNull();
    const events = await t.db
      .selectFrom('case_event')
      .select(['action', 'from_state', 'to_state', 'payload'])
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, e.from_state, e.to_state])).toEqual([
      ['propose', null, 'FILING_PROPOSED'],
      ['approveFiling', 'FILING_PROPOSED', 'FILED'],
    ]);
    expect(events[1]!.payload).toMatchObject({ clueId });
    const audits = await t.db.selectFrom('audit_event').select(['type', 'payload']).where('object_id', '=', caseId).where('type', '=', 'case.filed').execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]!.payload).toMatchObject({ action: 'approveFiling', from: 'FILING_PROPOSED', to: 'FILED', clueId });
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', caseId).execute()).toHaveLength(1);
  });

  it('a case already filed cannot be filed again: 409 ILLEGAL_TRANSITION from the table, nothing written', async () => {
    const ctx = await ctxFor('sj.secretary');
    const clueId = await proposedClue();
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));
    const again = t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));
    await expect(again).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await t.db.selectFrom('case_event').select('id').where('case_id', '=', caseId).execute()).length).toBe(2);
  });

  it('a same-level-Party-managed cadre is not filed without the Party committee (guard, 422), the case stays proposed', async () => {
    const ctx = await ctxFor('sj.secretary');
    const clueId = await proposedClue('SAME_LEVEL_PARTY');
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    const refused = t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));
    await expect(refused).rejects.toMatchObject({ code: 'BUSINESS_RULE' });
    expect(await t.db.selectFrom('case_file').select(['state', 'version']).where('id', '=', caseId).executeTakeFirstOrThrow()).toEqual({
      state: 'FILING_PROPOSED',
      version: 1,
    });
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: true }));
    expect(
      (await t.db.selectFrom('case_file').select('party_committee_approved').where('id', '=', caseId).executeTakeFirstOrThrow()).party_committee_approved,
    ).toBe(true);
  });
});

describe('filing.ts bridge', () => {
  it('opens, files and hands over a case whose investigators are barred from trying it', async () => {
    const ctx = await ctxFor('sj.secretary');
    const clueId = await insertBareClue(t.db, { title: '反映某局干部违规发放津贴补贴问题', subject_name: '演示人员乙' });
    const verification = await t.db
      .insertInto('clue_verification')
      .values({ commission_id: ctx.actor.commissionId, clue_id: clueId, round: 1, started_on: '2026-01-20' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [u, role] of [
      ['sc8.staff', 'LEAD'],
      ['sl.staff2', 'MEMBER'],
    ] as const) {
      await t.db
        .insertInto('clue_team_member')
        .values({ commission_id: ctx.actor.commissionId, clue_id: clueId, verification_id: verification.id, user_id: await userId(t, u), role })
        .execute();
    }
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));

    const view = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'sc8.staff' })).json();
    expect(view).toMatchObject({ state: 'FILED', leadOrgName: '第八审查调查室', clues: [{ id: clueId }] });
    expect(view.teams.investigation.map((m: { user: { name: string }; role: string }) => [m.user.name, m.role])).toEqual([
      ['蓟书瑶', 'LEAD'],
      ['芮知秋', 'MEMBER'],
    ]);
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['propose', 'approveFiling']);
    const list = (await t.request({ method: 'GET', url: '/api/v1/cases?q=津贴补贴', as: 'sj.secretary' })).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([caseId]);

    const conflict = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/team`,
      as: 'ag.manager1',
      payload: { team: 'TRIAL', userId: await userId(t, 'sl.staff2') },
    });
    expect(conflict.statusCode).toBe(422);
    expect(conflict.json().code).toBe('TRIAL_TEAM_CONFLICT');
    const plan = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions`,
      as: 'sj.secretary',
      payload: { action: 'approvePlan', version: view.version },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json().abilities.actions).toContain('revoke');
  });
});
