/**
 * 以案促改 records: opened by filing a case (in the filing transaction), by hand from a finding (once) or
 * a campaign; the 问题清单 (owner org staff and the case team), PATCH with version and the one-step state
 * progression; similar cases suggested from the data, visible only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertBareClue, serviceCtx } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/app';
import { type Ctx, inTx } from '../../platform/context';
import { fileCaseForClue, openProposedCase } from '../cases';
import { makeCase } from '../cases/fixtures';
import { makeCampaign } from '../campaign-links/fixtures';
import { BANK, FIN_GROUP, orgId } from './fixtures';
import { openReformRecordForCase } from './service-records';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function secretaryCtx(): Promise<Ctx> {
  return serviceCtx(t.db, 'sj.secretary', ['SECRETARY']);
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
    const clueId = await insertBareClue(t.db, { title: '反映某银行干部违规放贷问题', subject_name: '演示人员丁', subject_org_id: await orgId(t, BANK) });
    const caseId = await t.db.transaction().execute((trx) => openProposedCase(inTx(ctx, trx), clueId));
    expect(await t.db.selectFrom('reform_record').select('id').where('case_id', '=', caseId).execute()).toHaveLength(0);
    await t.db.transaction().execute((trx) => fileCaseForClue(inTx(ctx, trx), clueId, { partyCommitteeApproved: false }));
    const rec = await t.db.selectFrom('reform_record').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(rec).toMatchObject({
      origin: 'CASE',
      owner_org_id: await orgId(t, 'LZ-JW-SC8'),
      unit_org_id: await orgId(t, BANK),
      title: '以案促改：示例城市商业银行',
      state: 'COLLECTING',
    });
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', rec.id).execute();
    expect(audits.map((a) => a.type)).toEqual(['reform.record_opened']);
    const detail = await get(rec.id, 'sj.secretary');
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      case: { id: caseId },
      ownerOrg: { name: '第八审查调查室' },
      abilities: { update: true, addProblem: true, nextStates: ['ANALYSED'] },
    });
    // The record follows the case: at filing, neither the group stationed in the bank nor an office member
    // off the team learns of the case through it (record, ledger or search by the case number).
    const kase = await t.db.selectFrom('case_file').select('case_no').where('id', '=', caseId).executeTakeFirstOrThrow();
    for (const as of ['fin.group', 'sc8.director', 'dfzf.staff', 'cw5.member']) {
      expect((await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, as })).statusCode, as).toBe(404);
      expect((await get(rec.id, as)).statusCode, as).toBe(404);
      const ledger = await t.request({ method: 'GET', url: '/api/v1/reform-records?pageSize=100', as });
      expect(ledger.body, as).not.toContain('反映某银行干部违规放贷问题');
      expect(
        ledger.json().items.some((i: { id: string }) => i.id === rec.id),
        as,
      ).toBe(false);
      if (kase.case_no) expect(ledger.body, as).not.toContain(kase.case_no);
    }
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
    const payload = { origin: 'FINDING', findingId: f.id, sector: 'FINANCE' };
    const first = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ origin: 'FINDING', findingId: f.id, unit: { id: await orgId(t, BANK) }, sector: 'FINANCE', sectorLabel: '金融' });
    // 行业领域 is a dictionary code now: free text and unknown codes are refused with the field path
    const freeText = await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload: { ...payload, sector: '城市商业银行' } });
    expect(freeText.statusCode).toBe(400);
    expect(freeText.json().details.issues[0]).toMatchObject({ path: 'sector' });
    const bogus = await t.request({
      method: 'PATCH',
      url: `/api/v1/reform-records/${first.json().id}`,
      as: 'fin.staff',
      payload: { version: first.json().version, sector: 'NO_SUCH_SECTOR' },
    });
    expect(bogus.statusCode).toBe(400);
    expect(bogus.json().details.issues[0]).toMatchObject({ path: 'sector', message: expect.stringContaining('行业领域') });
    const bySector = await t.request({ method: 'GET', url: '/api/v1/reform-records?sector=FINANCE&pageSize=100', as: 'fin.staff' });
    expect(bySector.json().items.map((x: { id: string }) => x.id)).toContain(first.json().id);
    const otherSector = await t.request({ method: 'GET', url: '/api/v1/reform-records?sector=GRAIN&pageSize=100', as: 'fin.staff' });
    expect(otherSector.json().items.map((x: { id: string }) => x.id)).not.toContain(first.json().id);
    const row = await t.db.selectFrom('supervision_finding').select(['handed_over_type', 'handed_over_id']).where('id', '=', f.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ handed_over_type: 'reform', handed_over_id: first.json().id });
    expect((await t.request({ method: 'POST', url: '/api/v1/reform-records', as: 'fin.staff', payload })).statusCode).toBe(409);

    const finance = await makeCampaign(t, { name: '金融领域腐败问题专项整治', participants: [FIN_GROUP] });
    const campaign = await t.request({
      method: 'POST',
      url: '/api/v1/reform-records',
      as: 'fin.staff',
      payload: { origin: 'CAMPAIGN', campaignId: finance.id, unitOrgId: await orgId(t, BANK), sector: 'FINANCE' },
    });
    expect(campaign.statusCode, campaign.body).toBe(200);
    expect(campaign.json()).toMatchObject({
      origin: 'CAMPAIGN',
      campaignId: finance.id,
      campaignName: '金融领域腐败问题专项整治',
      title: '以案促改：金融领域腐败问题专项整治',
      ownerOrg: { id: await orgId(t, FIN_GROUP) },
    });
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
    expect((await problem(recordId, 'sc8.director')).statusCode).toBe(404); // owner org, off the case team: the case is not theirs to know
    const a = await problem(recordId, 'sc8.staff'); // owner org staff on the team
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
    let v = (await get(recordId, 'sc8.staff')).json().version;
    expect((await patch(recordId, 'sc8.staff', { version: v, state: 'RECOMMENDED' })).statusCode).toBe(409);
    expect((await patch(recordId, 'sc8.staff', { version: v, state: 'ANALYSED' })).statusCode).toBe(422);
    expect((await patch(recordId, 'fin.staff', { version: v, rootCauses: 'x' })).statusCode).toBe(403); // team member, not owner
    const ok = await patch(recordId, 'sc8.staff', {
      version: v,
      rootCauses: '演示数据：内部监督流于形式，审批权限过于集中',
      causeCategories: ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS'],
      state: 'ANALYSED',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'ANALYSED', causeCategories: ['POWER_CONCENTRATION', 'OVERSIGHT_WEAKNESS'], version: v + 1 });
    expect((await patch(recordId, 'sc8.staff', { version: v, sector: 'FINANCE' })).statusCode).toBe(409); // stale
    v += 1;
    for (const state of ['RECOMMENDED', 'CLOSED']) {
      const r = await patch(recordId, 'sc8.staff', { version: v, state });
      expect(r.statusCode, r.body).toBe(200);
      v = r.json().version;
    }
    expect((await patch(recordId, 'sc8.staff', { version: v, sector: 'FINANCE' })).statusCode).toBe(409);
    expect((await problem(recordId, 'sc8.staff')).statusCode).toBe(409);
    const audits = await t.db.selectFrom('audit_event').select('type').where('object_id', '=', recordId).execute();
    expect(audits.filter((x) => x.type === 'reform.record_updated')).toHaveLength(3);
  });

  it('a state step is one audited action of the record machine, written with the fields sent; never back, never by others', async () => {
    const { recordId } = await caseWithRecord();
    const v = (await get(recordId, 'sc8.staff')).json().version;
    const ok = await patch(recordId, 'sc8.staff', { version: v, rootCauses: '演示数据：内控制度执行不严', state: 'ANALYSED' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'ANALYSED', rootCauses: '演示数据：内控制度执行不严', version: v + 1 });
    const audits = await t.db
      .selectFrom('audit_event')
      .select(['type', 'payload'])
      .where('object_id', '=', recordId)
      .where('type', '=', 'reform.record_updated')
      .execute();
    expect(audits).toHaveLength(1);
    // the trail names the step taken (the machine's action), not only the columns changed
    expect(audits[0]!.payload).toMatchObject({ action: 'analyse', from: 'COLLECTING', to: 'ANALYSED', changed: ['root_causes', 'state'] });
    // the owner is offered the next step only; a team member off the owner org none
    expect((await get(recordId, 'sc8.staff')).json().abilities.nextStates).toEqual(['RECOMMENDED']);
    expect((await get(recordId, 'fin.staff')).json().abilities.nextStates).toEqual([]);
    // back to COLLECTING: 409, nothing written
    const back = await patch(recordId, 'sc8.staff', { version: v + 1, state: 'COLLECTING', sector: 'FINANCE' });
    expect(back.statusCode).toBe(409);
    expect(back.json().code).toBe('ILLEGAL_TRANSITION');
    const row = await t.db.selectFrom('reform_record').select(['state', 'version', 'sector_code']).where('id', '=', recordId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'ANALYSED', version: v + 1, sector_code: null });
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
    const ledgerOf = async (as: string) => {
      const all = (await t.request({ method: 'GET', url: '/api/v1/reform-records?pageSize=100', as })).json() as { items: { id: string; case: unknown }[] };
      const items = all.items.filter((i) => i.id === one.recordId || i.id === two.recordId);
      return { total: items.length, items };
    };
    expect((await ledgerOf('sc8.staff')).total).toBe(2); // on both teams
    expect((await ledgerOf('edu.staff')).total).toBe(0);
    // before the decision the owner office off the team and the group stationed in the bank see nothing
    expect((await ledgerOf('sc8.director')).total).toBe(0);
    expect((await ledgerOf('fin.group')).total).toBe(0);
    // from the decision on the supervising side works on the records, still without the cases
    await t.db.updateTable('case_file').set({ state: 'DECIDED' }).where('id', 'in', [one.caseId, two.caseId]).execute();
    for (const as of ['sc8.director', 'fin.group']) {
      const ledger = await ledgerOf(as);
      expect(ledger.total, as).toBe(2);
      expect(
        ledger.items.map((i) => i.case),
        as,
      ).toEqual([null, null]);
      const record = (await get(one.recordId, as)).json();
      expect(record.case, as).toBeNull();
      expect(
        record.similar.some((s: { id: string }) => s.id === two.caseId),
        as,
      ).toBe(false);
      expect(
        record.similar.some((s: { id: string }) => s.id === two.recordId),
        as,
      ).toBe(true);
      expect(JSON.stringify(record), as).not.toContain('类案乙：违规放贷案');
    }
  });
});
