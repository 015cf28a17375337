/**
 * A jointly owned 以案促改 record (issue 9; domain.md g.4 scenario 4): the lead owner org and its co-owners
 * (reform_record_co_owner). Staff of every owner org see the record and work on it as the lead's do; the
 * case-decided rule stays (before the decision only who sees the case sees the record); an unrelated office
 * gets 404 on the record, its files and the lists derived from it; a removed co-owner loses it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { multipart } from '../../../test/fixtures';
import { makeCase } from '../cases/fixtures';
import { BANK, orgId } from './fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const JC5 = 'LZ-JW-JC5';
const get = (id: string, as: string) => t.request({ method: 'GET', url: `/api/v1/reform-records/${id}`, as });
const patch = (id: string, as: string, payload: Record<string, unknown>) => t.request({ method: 'PATCH', url: `/api/v1/reform-records/${id}`, as, payload });
const version = async (id: string) => (await get(id, 'sj.secretary')).json().version as number;
const ledgerIds = async (as: string, query = '') =>
  ((await t.request({ method: 'GET', url: `/api/v1/reform-records?pageSize=100${query}`, as })).json() as { items: { id: string }[] }).items.map((i) => i.id);
const attachmentIds = async (as: string, query: string) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/attachments${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string }[] }).items.map((i) => i.id);
};

/** A case of 第八审查调查室 (team: sc8.staff leads, fin.staff) about the bank, with the record filing opened (owner 第八审查调查室). */
async function caseWithRecord(): Promise<{ caseId: string; recordId: string }> {
  const caseId = await makeCase(t, { set: { subject_org_id: await orgId(t, BANK) } });
  const lead = await t.db.selectFrom('case_file').select(['commission_id', 'lead_org_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
  const row = await t.db
    .insertInto('reform_record')
    .values({
      commission_id: lead.commission_id,
      origin: 'CASE',
      case_id: caseId,
      title: '以案促改：示例城市商业银行（共同承办测试）',
      unit_org_id: await orgId(t, BANK),
      owner_org_id: lead.lead_org_id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { caseId, recordId: row.id };
}

const decide = (caseId: string) => t.db.updateTable('case_file').set({ state: 'DECIDED' }).where('id', '=', caseId).execute();

describe('setting the co-owners', () => {
  it('the lead owner office sets them (audited); a bad org is refused by field path and nothing is written', async () => {
    const { recordId } = await caseWithRecord();
    const bank = await orgId(t, BANK);
    const sc8 = await orgId(t, 'LZ-JW-SC8');
    const jc5 = await orgId(t, JC5);
    for (const [ids, path] of [
      [[jc5, bank], 'coOwnerOrgIds.1'],
      [[sc8], 'coOwnerOrgIds.0'],
      [['00000000-0000-4000-8000-000000000000'], 'coOwnerOrgIds.0'],
    ] as const) {
      const bad = await patch(recordId, 'sc8.staff', { version: await version(recordId), coOwnerOrgIds: ids });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().details.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect(bad.json().message).toMatch(/共同承办部门/);
    }
    expect(await t.db.selectFrom('reform_record_co_owner').select('org_id').where('record_id', '=', recordId).execute()).toEqual([]);
    // a member of the case team who is not an owner may not
    expect((await patch(recordId, 'fin.staff', { version: await version(recordId), coOwnerOrgIds: [jc5] })).statusCode).toBe(403);
    const ok = await patch(recordId, 'sc8.staff', { version: await version(recordId), coOwnerOrgIds: [jc5, await orgId(t, 'LZ-JW-PZ-JR')] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().ownerOrgs.map((o: { name: string }) => o.name)).toEqual(['第八审查调查室', '第五监督检查室', '驻市金融工作部门纪检监察组']);
    expect(ok.json().ownerOrg.name).toBe('第八审查调查室');
    expect(ok.json().abilities.manageOwners).toBe(true);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('payload')
      .where('object_id', '=', recordId)
      .where('type', '=', 'reform.record_updated')
      .executeTakeFirstOrThrow();
    expect(audit.payload).toMatchObject({ changed: ['coOwnerOrgIds'], coOwnersAdded: expect.arrayContaining([jc5]) });
  });
});

describe('every owner org alike', () => {
  it('before the decision a co-owner office off the case team gets 404; from the decision on it sees and works on the record as the lead does', async () => {
    const { caseId, recordId } = await caseWithRecord();
    const jc5 = await orgId(t, JC5);
    const countyGroup = await orgId(t, 'LZ-YZ-PZ-JYJ');
    expect((await patch(recordId, 'sc8.staff', { version: await version(recordId), coOwnerOrgIds: [jc5, countyGroup] })).statusCode).toBe(200);
    // the case-decided rule stays: the co-owners do not learn of the case at filing, as the lead office off the team does not
    for (const as of ['jc5.staff', 'yz.jyj', 'sc8.director']) {
      expect((await get(recordId, as)).statusCode, as).toBe(404);
      expect(await ledgerIds(as), as).not.toContain(recordId);
    }
    await decide(caseId);
    for (const as of ['jc5.staff', 'yz.jyj', 'sc8.director']) {
      const res = await get(recordId, as);
      expect(res.statusCode, as).toBe(200);
      expect(res.json().case, as).toBeNull();
      expect(res.json().abilities, as).toMatchObject({ update: true, addProblem: true, nextStates: ['ANALYSED'] });
      expect(await ledgerIds(as), as).toContain(recordId);
    }
    expect((await get(recordId, 'jc5.staff')).json().abilities.manageOwners).toBe(false);
    // the co-owner analyses the causes and moves the record on
    const analysed = await patch(recordId, 'jc5.staff', {
      version: await version(recordId),
      rootCauses: '演示数据：审贷分离流于形式，关联交易管理缺位',
      causeCategories: ['POWER_CONCENTRATION'],
      state: 'ANALYSED',
    });
    expect(analysed.statusCode, analysed.body).toBe(200);
    expect(analysed.json().state).toBe('ANALYSED');
    const added = await t.request({
      method: 'POST',
      url: `/api/v1/reform-records/${recordId}/problems`,
      as: 'jc5.staff',
      payload: { description: '演示数据：贷后管理流于形式', category: 'OVERSIGHT_WEAKNESS' },
    });
    expect(added.statusCode, added.body).toBe(200);
    // but does not decide who else owns it
    expect((await patch(recordId, 'jc5.staff', { version: await version(recordId), coOwnerOrgIds: [] })).statusCode).toBe(403);
    // the ledger's owner filter finds the record by any owner org
    expect(await ledgerIds('sj.secretary', `&ownerOrgId=${jc5}`)).toContain(recordId);
    expect(await ledgerIds('sj.secretary', `&ownerOrgId=${await orgId(t, 'LZ-JW-JC1')}`)).not.toContain(recordId);
  });

  it('an unrelated office gets 404 on the record, its files and the lists; a removed co-owner loses them all', async () => {
    const { caseId, recordId } = await caseWithRecord();
    await decide(caseId);
    const jc5 = await orgId(t, JC5);
    expect((await patch(recordId, 'sc8.director', { version: await version(recordId), coOwnerOrgIds: [jc5] })).statusCode).toBe(200);
    const mp = multipart(
      { ownerType: 'reform_record', ownerId: recordId },
      { filename: '剖析材料.pdf', content: Buffer.from('%PDF-1.7\n% co-owner\n%%EOF\n') },
    );
    const up = await t.request({ method: 'POST', url: '/api/v1/attachments', as: 'jc5.staff', payload: mp.payload, headers: mp.headers });
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json().id as string;
    const gone = async (as: string) => {
      expect((await get(recordId, as)).statusCode, as).toBe(404);
      expect(await ledgerIds(as), as).not.toContain(recordId);
      expect(await attachmentIds(as, `?ownerType=reform_record&ownerId=${recordId}`), as).toEqual([]);
      expect(await attachmentIds(as, '?ownerType=reform_record'), as).not.toContain(file);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${file}`, as })).statusCode, as).toBe(404);
      expect((await t.request({ method: 'GET', url: `/api/v1/attachments/${file}/content`, as })).statusCode, as).toBe(404);
      const problem = await t.request({
        method: 'POST',
        url: `/api/v1/reform-records/${recordId}/problems`,
        as,
        payload: { description: '演示数据：越权记录', category: 'OTHER' },
      });
      expect(problem.statusCode, as).toBe(404);
    };
    expect(await attachmentIds('jc5.staff', `?ownerType=reform_record&ownerId=${recordId}`)).toEqual([file]);
    await gone('jc1.staff');
    // the lead office removes the co-owner: from now on 第五监督检查室 is as unrelated as any other office
    const removed = await patch(recordId, 'sc8.director', { version: await version(recordId), coOwnerOrgIds: [] });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().ownerOrgs.map((o: { name: string }) => o.name)).toEqual(['第八审查调查室']);
    await gone('jc5.staff');
  });
});
