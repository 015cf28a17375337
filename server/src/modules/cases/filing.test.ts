/**
 * The clue → case bridge feeding this module: openProposedCase carries the 核查组 over to the 审查调查组
 * (and thereby bars them from the 审理组), fileCaseForClue files the case, and the case then goes on
 * through the HTTP door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { Actor } from '../../platform/access';
import { type Ctx, inTx } from '../../platform/context';
import { fileCaseForClue, openProposedCase } from './filing';
import { orgId, SC8, userId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function ctxFor(username: string): Promise<Ctx> {
  const u = await t.db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const actor: Actor = {
    userId: u.id,
    username: u.username,
    displayName: u.display_name,
    personId: u.person_id,
    commissionId: u.commission_id,
    orgId: u.org_id,
    roles: ['SECRETARY'],
    clearance: 'WORK_SECRET',
    sessionId: 'test',
    restriction: null,
    scope: { wide: true, orgIds: [] },
  };
  return { db: t.db, actor, requestId: 'test', ip: '127.0.0.1' } as Ctx;
}

describe('filing.ts bridge', () => {
  it('opens, files and hands over a case whose investigators are barred from trying it', async () => {
    const ctx = await ctxFor('sj.secretary');
    const sc8 = await orgId(t, SC8);
    const clue = await t.db
      .insertInto('clue')
      .values({
        commission_id: ctx.actor.commissionId,
        year: 2026,
        source: 'PETITION_LETTER',
        received_on: '2026-01-05',
        receiving_org_id: await orgId(t, 'LZ-JW-XFS'),
        title: '反映某局干部违规发放津贴补贴问题',
        summary: '演示数据',
        subject_name: '演示人员乙',
        undertaking_org_id: sc8,
        propose_due: '2026-02-05',
        state: 'CASE_PROPOSED',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const verification = await t.db
      .insertInto('clue_verification')
      .values({ commission_id: ctx.actor.commissionId, clue_id: clue.id, round: 1, started_on: '2026-01-20' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [u, role] of [
      ['sc8.staff', 'LEAD'],
      ['sl.staff2', 'MEMBER'],
    ] as const) {
      await t.db
        .insertInto('clue_team_member')
        .values({ commission_id: ctx.actor.commissionId, clue_id: clue.id, verification_id: verification.id, user_id: await userId(t, u), role })
        .execute();
    }
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clue.id));
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clue.id, { partyCommitteeApproved: false }));

    const view = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as: 'sc8.staff' })).json();
    expect(view).toMatchObject({ state: 'FILED', leadOrgName: '第八审查调查室', clues: [{ id: clue.id }] });
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
