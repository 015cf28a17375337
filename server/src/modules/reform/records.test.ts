/**
 * 以案促改 records: opened by filing a case (in the filing transaction), by hand from a finding (once) or
 * a campaign; the 问题清单 (owner org staff and the case team), PATCH with version and the one-step state
 * progression; similar cases suggested from the data, visible only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import type { Actor } from '../../platform/access';
import type { Ctx } from '../../platform/http';
import { fileCaseForClue, openProposedCase } from '../cases/filing';
import { makeCase } from '../cases/fixtures';
import { BANK, FIN_GROUP, orgId } from './fixtures';
import { openReformRecordForCase } from './service-records';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function secretaryCtx(): Promise<Ctx> {
  const u = await t.db.selectFrom('app_user').selectAll().where('username', '=', 'sj.secretary').executeTakeFirstOrThrow();
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

/** A case of sc8 (team: sc8.staff leads, fin.staff) about the bank, with its reform record. */
async function caseWithRecord(title?: string): Promise<{ caseId: string; recordId: string }> {
  const caseId = await makeCase(t, { title, set: { subject_org_id: await orgId(t, BANK) } });
  const ctx = await secretaryCtx();
  const recordId = await t.db.transaction().execute((trx) => openReformRecordForCase(trx, ctx, caseId));
  return { caseId, recordId };
}

const get = (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/reform-records/${id}`, as });
const patch = (id: string, as: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/reform-records/${id}`, as, payload });
const problem = (id: string, as: string) =>
  t.request({
    method: 'POST',
    url: `/api/v1/reform-records/${id}/problems`,
    as,
    payload: { description: '演示数据：审批权限过于集中', category: 'POWER_CONCENTRATION' },
  });

describe('opening a reform record', () => {
  it('filing a case opens its record in the same transaction: owner = lead org, unit = subject unit', async () => {
    const ctx = await secretaryCtx();
    const clue = await t.db
      .insertInto('clue')
      .values({
        commission_id: ctx.actor.commissionId,
        year: 2026,
        source: 'PETITION_LETTER',
        received_on: '2026-01-05',
        receiving_org_id: await orgId(t, 'LZ-JW-XFS'),
        title: '反映某银行干部违规放贷问题',
        summary: '演示数据',
        subject_name: '演示人员丁',
        subject_org_id: await orgId(t, BANK),
        undertaking_org_id: await orgId(t, 'LZ-JW-SC8'),
        propose_due: '2026-02-05',
        state: 'CASE_PROPOSED',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(trx, ctx, clue.id));
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    await t.db.transaction().execute((trx) => fileCaseForClue(trx, ctx, clue.id, { partyCommitteeApproved: false }));
    const rec = await t.db.selectFrom('reform_record').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      origin: 'CASE',
      owner_org_id: await orgId(t, 'LZ-JW-SC8'),
      unit_org_id: await orgId(t, BANK),
      title: '以案促改：反映某银行干部违规放贷问题',
      state: 'COLLECTING',
    });
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', rec.id).execute();
    expect(audits.map((a) => a.type)).toEqual(['reform.record_opened']);
    const detail = await get(rec.id, 'sc8.director');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      case: { id: caseId },
      ownerOrg: { name: '第八审查调查室' },
      abilities: { update: true, addProblem: true, nextStates: ['ANALYSED'] },
    });
  });

  it('by hand from a finding (RECOMMENDATION) once, marking it handed over; twice → 409; a campaign record', async () => {
    const item = await t.db
      .selectFrom('supervision_item as i')
      .innerJoin('supervision_list as l', 'l.id', 'i.list_id')
      .select(['i.id', 'i.commission_id', 'i.lead_org_id'])
      .where('l.owner_group_id', '=', await orgId(t, FIN_GROUP))
      .executeTakeFirstOrThrow();
    const f = await t.db
      .insertInto('supervision_finding')
      .values({
        commission_id: item.commission_id,
        item_id: item.id,
        org_id: item.lead_org_id,
        description: '演示数据：多家支行存在违规发放消费贷款用于购房',
        disposition: 'RECOMMENDATION',
        host_unit_id: await orgId(t, BANK),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const payload = { origin: 'FINDING', findingId: f.id, sector: '金融' };
    const first = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ origin: 'FINDING', findingId: f.id, unit: { id: await orgId(t, BANK) }, sector: '金融' });
    const row = await t.db.selectFrom('supervision_finding').select(['handed_over_type', 'handed_over_id']).where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ handed_over_type: 'reform', handed_over_id: first.json().id });
    expect((await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload })).statusCode).toBe(409);

    const campaign = await t.request({
      method: 'POST',
      url: '/api/v1/reform-records',
      as: 'fin.staff',
      payload: { origin: 'CAMPAIGN', campaignName: '金融领域腐败问题专项整治', unitOrgId: await orgId(t, BANK), sector: '金融' },
    });
    expect(campaign.statusCode, campaign.body).toBe(200);
    expect(campaign.json()).toMatchObject({ origin: 'CAMPAIGN', title: '以案促改：金融领域腐败问题专项整治', ownerOrg: { id: await orgId(t, FIN_GROUP) } });
    // the same sector and unit: the finding's record is suggested on the campaign's
    expect(campaign.json().similar).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'REFORM_RECORD', id: first.json().id, reason: 'SAME_UNIT' })]),
    );
    expect((await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'bank.liaison', payload })).statusCode).toBe(403);
    const bad = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload: { origin: 'CASE' } });
    expect(bad.statusCode).toBe(400);
  });
});

describe('问题清单 and analysis', () => {
  it('owner org staff and the case team add problems; others may not', async () => {
    const { recordId } = await caseWithRecord();
    const a = await problem(recordId, 'sc8.director'); // owner org staff
    expect(a.statusCode, a.body).toBe(200);
    const b = await problem(recordId, 'fin.staff'); // on the case's investigation team
    expect(b.statusCode, b.body).toBe(200);
    expect(b.json().problems.map((p: { seq: number }) => p.seq)).toEqual([1, 2]);
    expect([403, 404]).toContain((await problem(recordId, 'jc3.staff')).statusCode);
    expect((await problem(recordId, 'sj.secretary')).statusCode).toBe(200); // commission-wide
    expect((await problem(recordId, 'bank.liaison')).statusCode).toBe(404);
  });

  it('PATCH with version: root causes, categories; the state moves one step at a time', async () => {
    const { recordId } = await caseWithRecord();
    let v = (await get(recordId, 'sc8.director')).json().version;
    expect((await patch(recordId, 'sc8.director', { version: v, state: 'RECOMMENDED' })).statusCode).toBe(409);
    expect((await patch(recordId, 'sc8.director', { version: v, state: 'ANALYSED' })).statusCode).toBe(422);
    expect((await patch(recordId, 'fin.staff', { version: v, rootCauses: 'x' })).statusCode).toBe(403); // team member, not owner
    const ok = await patch(recordId, 'sc8.director', {
      version: v,
      rootCauses: '演示数据：内部监督流于形式，审批权限过于集中',
      causeCategories: ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS'],
      state: 'ANALYSED',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'ANALYSED', causeCategories: ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS'], version: v + 1 });
    expect((await patch(recordId, 'sc8.director', { version: v, sector: '金融' })).statusCode).toBe(409); // stale
    v += 1;
    for (const state of ['RECOMMENDED', 'CLOSED']) {
      const r = await patch(recordId, 'sc8.director', { version: v, state });
      expect(r.statusCode, r.body).toBe(200);
      v = r.json().version;
    }
    expect((await patch(recordId, 'sc8.director', { version: v, sector: '金融' })).statusCode).toBe(409);
    expect((await problem(recordId, 'sc8.director')).statusCode).toBe(409);
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', recordId).execute();
    expect(audits.filter((x) => x.type === 'reform.record_updated')).toHaveLength(3);
  });

  it('suggests other cases of the same unit, visible only, and lists the ledger', async () => {
    const one = await caseWithRecord('类案甲：违规放贷案');
    const two = await caseWithRecord('类案乙：违规放贷案');
    // the case ledger shows a case to its team and the wide roles (caseVisible): the secretary sees both
    const detail = (await get(one.recordId, 'sj.secretary')).json();
    expect(detail.similar).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'CASE', id: two.caseId, reason: 'SAME_UNIT' }),
        expect.objectContaining({ kind: 'REFORM_RECORD', id: two.recordId, reason: 'SAME_UNIT' }),
      ]),
    );
    expect(detail.similar.some((s: { id: string }) => s.id === one.caseId || s.id === one.recordId)).toBe(false);
    const ledger = (await t.request({ method: 'GET', url: `/api/v1/reform-records?q=${encodeURIComponent('类案')}`, as: 'sc8.director' })).json();
    expect(ledger.total).toBe(2);
    const hidden = (await t.request({ method: 'GET', url: `/api/v1/reform-records?q=${encodeURIComponent('类案')}`, as: 'edu.staff' })).json();
    expect(hidden.total).toBe(0);
    // sc8.director is not on those cases' teams: the cases are not suggested to them, the records (owner org) are
    const director = (await get(one.recordId, 'sc8.director')).json();
    expect(director.similar.some((s: { id: string }) => s.id === two.caseId)).toBe(false);
    expect(director.similar.some((s: { id: string }) => s.id === two.recordId)).toBe(true);
  });
});
