/**
 * Clearance and recusal (回避) on letters, rectification tasks, reform and accountability records, the
 * same way clues and cases apply them: an account below the record's classification, or recused from it
 * or from the case it was born from, gets 404 and does not find it in the ledgers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { BANK, commissionId, orgId, userId } from './fixtures';

let t: TestApp;
let letterId: string;
let taskId: string;
let recordId: string;
let caseId: string;
beforeAll(async () => {
  t = await createTestApp();
  const letter = await t.db
    .selectFrom('letter')
    .select(['id', 'case_id'])
    .where('recipient_org_id', '=', await orgId(t, BANK))
    .where('state', '=', 'CLOSED')
    .executeTakeFirstOrThrow();
  letterId = letter.id;
  caseId = letter.case_id!;
  taskId = (await t.db.selectFrom('rectification_task').select('id').where('letter_id', '=', letterId).executeTakeFirstOrThrow()).id;
  recordId = (await t.db.selectFrom('reform_record').select('id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).id;
});
afterAll(() => t.close());

const status = async (url: string, as: string) => (await t.request({ method: 'GET', url, as })).statusCode;
const listed = async (url: string, as: string, id: string) =>
  ((await t.request({ method: 'GET', url, as })).json() as { items: { id: string }[] }).items.some((i) => i.id === id);

async function recuse(username: string, objectType: string, objectId: string) {
  await t.db
    .insertInto('recusal')
    .values({ commission_id: await commissionId(t), user_id: await userId(t, username), object_type: objectType, object_id: objectId, reason: '近亲属' })
    .execute();
}

describe('classification', () => {
  it('a liaison below the letter’s classification reads neither the letter nor its tasks', async () => {
    expect(await status(`/api/v1/letters/${letterId}`, 'bank.liaison')).toBe(200);
    expect(await status(`/api/v1/rectification-tasks/${taskId}`, 'bank.liaison')).toBe(200);
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('username', '=', 'bank.liaison').execute();
    try {
      expect(await status(`/api/v1/letters/${letterId}`, 'bank.liaison')).toBe(404);
      expect(await status(`/api/v1/rectification-tasks/${taskId}`, 'bank.liaison')).toBe(404);
      expect(await listed('/api/v1/letters?pageSize=100', 'bank.liaison', letterId)).toBe(false);
      expect(await listed('/api/v1/rectification-tasks?pageSize=100', 'bank.liaison', taskId)).toBe(false);
    } finally {
      await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('username', '=', 'bank.liaison').execute();
    }
  });

  it('a SECRET letter and record are closed to WORK_SECRET accounts, commission-wide roles included', async () => {
    await t.db.updateTable('letter').set({ classification: 'SECRET' }).where('id', '=', letterId).execute();
    await t.db.updateTable('reform_record').set({ classification: 'SECRET' }).where('id', '=', recordId).execute();
    try {
      for (const as of ['sj.secretary', 'fin.group', 'sc10.staff', 'jc5.staff']) {
        expect(await status(`/api/v1/letters/${letterId}`, as), as).toBe(404);
        expect(await status(`/api/v1/reform-records/${recordId}`, as), as).toBe(404);
        expect(await status(`/api/v1/rectification-tasks/${taskId}`, as), as).toBe(404);
      }
    } finally {
      await t.db.updateTable('letter').set({ classification: 'WORK_SECRET' }).where('id', '=', letterId).execute();
      await t.db.updateTable('reform_record').set({ classification: 'WORK_SECRET' }).where('id', '=', recordId).execute();
    }
  });
});

describe('recusal (回避)', () => {
  it('recused from the letter: neither the letter nor its tasks', async () => {
    expect(await status(`/api/v1/letters/${letterId}`, 'fin.group')).toBe(200);
    await recuse('fin.group', 'letter', letterId);
    expect(await status(`/api/v1/letters/${letterId}`, 'fin.group')).toBe(404);
    expect(await status(`/api/v1/rectification-tasks/${taskId}`, 'fin.group')).toBe(404);
    expect(await listed('/api/v1/letters?pageSize=100', 'fin.group', letterId)).toBe(false);
  });

  it('recused from the case: nothing born from it — letter, record, accountability', async () => {
    const acc = await t.db.selectFrom('accountability').select('id').where('case_id', '=', caseId).executeTakeFirst();
    // the bank case is decided: the group stationed in the bank works on its record, without the case
    expect(await status(`/api/v1/reform-records/${recordId}`, 'fin.staff')).toBe(200);
    expect(await status(`/api/v1/letters/${letterId}`, 'fin.staff')).toBe(200);
    if (acc) expect(await status(`/api/v1/accountabilities/${acc.id}`, 'sj.secretary')).toBe(200);
    await recuse('fin.staff', 'case', caseId);
    await recuse('sj.secretary', 'case', caseId);
    expect(await status(`/api/v1/reform-records/${recordId}`, 'fin.staff')).toBe(404);
    expect(await status(`/api/v1/letters/${letterId}`, 'fin.staff')).toBe(404);
    expect(await status(`/api/v1/reform-records/${recordId}`, 'sj.secretary')).toBe(404);
    expect(await listed('/api/v1/reform-records?pageSize=100', 'fin.staff', recordId)).toBe(false);
    if (acc) expect(await status(`/api/v1/accountabilities/${acc.id}`, 'sj.secretary')).toBe(404);
  });

  it('recused from a task: not that task', async () => {
    const other = await t.db
      .selectFrom('rectification_task')
      .select('id')
      .where('unit_org_id', '=', await orgId(t, 'LZ-HU-JYJ'))
      .executeTakeFirstOrThrow();
    expect(await status(`/api/v1/rectification-tasks/${other.id}`, 'edu.liaison')).toBe(200);
    await recuse('edu.liaison', 'rectification_task', other.id);
    expect(await status(`/api/v1/rectification-tasks/${other.id}`, 'edu.liaison')).toBe(404);
  });
});

describe('links to other objects', () => {
  it('a letter names its case and record only to who may open them', async () => {
    const seen = (await t.request({ method: 'GET', url: `/api/v1/letters/${letterId}`, as: 'dfzf.staff' })).json();
    expect(seen.caseId).toBeNull();
    // the case's lead on the 联合专案组 (第十审查调查室)
    const team = (await t.request({ method: 'GET', url: `/api/v1/letters/${letterId}`, as: 'sc10.staff' })).json();
    expect(team.caseId).toBe(caseId);
    expect(team.recordId).toBe(recordId);
  });
});

describe('a link the editor cannot see', () => {
  it('is shown as absent and survives their edit: the owner office off the case team edits the accountability', async () => {
    const acc = await t.db.selectFrom('accountability').select(['id', 'version']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    // 第五监督检查室 owns the accountability of the finance case (it analysed the causes after the decision) and
    // was never on the case team
    expect(await status(`/api/v1/cases/${caseId}`, 'jc5.staff')).toBe(404);
    const seen = await t.request({ method: 'GET', url: `/api/v1/accountabilities/${acc.id}`, as: 'jc5.staff' });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().case).toBeNull();
    expect(seen.body).not.toContain('兰纪案');
    // the form sends back what it was shown: no case
    const res = await t.request({
      method: 'PATCH',
      url: `/api/v1/accountabilities/${acc.id}`,
      as: 'jc5.staff',
      payload: { version: seen.json().version, caseId: null, facts: '补充事实（演示数据）' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.db.selectFrom('accountability').select(['case_id', 'facts']).where('id', '=', acc.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ case_id: caseId, facts: '补充事实（演示数据）' });
  });
});
