/**
 * Notices name their object (a clue's title and number, a letter's title): they reach only the accounts
 * that may open that object through its own predicate — never a recused account, one below the object's
 * classification, or an administrator (三员) placed in the department.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app';
import { approveAll, ask, JW, orgId, seedClue, userId } from '../modules/clues/fixtures';
import { runClueReminders } from '../modules/clues';
import { whoMayOpenLetter } from '../modules/visibility';
import { todayIso } from './calendar';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const inboxOf = async (username: string, link: string) =>
  t.db
    .selectFrom('inbox_message')
    .select('title')
    .where('user_id', '=', await userId(t, username))
    .where('link', '=', link)
    .execute();

describe('notices follow the object’s own predicate', () => {
  it('clue reminders: the undertaking staff, not a recused member, not below the clearance, not an administrator placed there', async () => {
    const open = (await seedClue(t, { state: 'UNDER_ANALYSIS', title: '逾期线索：提醒只给能打开它的人' })).id;
    const secret = (await seedClue(t, { state: 'UNDER_ANALYSIS', title: '逾期线索：秘密级' })).id;
    await t.db.updateTable('clue').set({ propose_due: '2026-01-05' }).where('id', 'in', [open, secret]).execute();
    await t.db.updateTable('clue').set({ classification: 'SECRET' }).where('id', '=', secret).execute();
    const commission = (await t.db.selectFrom('org').select('commission_id').where('code', '=', JW).executeTakeFirstOrThrow()).commission_id;
    await t.db
      .insertInto('recusal')
      .values({ commission_id: commission, user_id: await userId(t, 'jc3.director'), object_type: 'clue', object_id: open, reason: '近亲属' })
      .execute();
    // the system administrator placed in the undertaking office
    await t.db
      .updateTable('app_user')
      .set({ org_id: await orgId(t, `${JW}-JC3`) })
      .where('username', '=', 'sysadmin')
      .execute();

    await runClueReminders(t.db, todayIso());
    expect(await inboxOf('jc3.staff', `/clues/${open}`)).toHaveLength(1);
    expect(await inboxOf('jc3.director', `/clues/${open}`)).toEqual([]); // recused
    expect(await inboxOf('sysadmin', `/clues/${open}`)).toEqual([]); // 三员: no business notices
    expect(await inboxOf('jc3.staff', `/clues/${secret}`)).toEqual([]); // WORK_SECRET clearance, SECRET clue
    expect(await inboxOf('jc3.director', `/clues/${secret}`)).toEqual([]);
  });

  it('a clue transition tells the new undertaking department, minus the recused member', async () => {
    const clue = await seedClue(t, { state: 'REGISTERED', undertaking: null, title: '分办通知：回避的人不该收到' });
    const commission = (await t.db.selectFrom('org').select('commission_id').where('code', '=', JW).executeTakeFirstOrThrow()).commission_id;
    await t.db
      .insertInto('recusal')
      .values({ commission_id: commission, user_id: await userId(t, 'sc8.director'), object_type: 'clue', object_id: clue.id, reason: '曾共事' })
      .execute();
    const res = await ask(t, clue.id, { action: 'assign', version: clue.version, payload: { undertakingOrgId: await orgId(t, `${JW}-SC8`) } }, 'ag.manager1');
    expect(res.statusCode, res.body).toBe(200);
    await approveAll(t, res.json());
    expect((await t.db.selectFrom('clue').select('state').where('id', '=', clue.id).executeTakeFirstOrThrow()).state).toBe('ASSIGNED');
    expect(await inboxOf('sc8.staff', `/clues/${clue.id}`)).toHaveLength(1);
    expect(await inboxOf('sc8.director', `/clues/${clue.id}`)).toEqual([]);
  });

  it('a letter’s notices skip a liaison below the letter’s classification', async () => {
    const letter = await t.db
      .selectFrom('letter as r')
      .innerJoin('org as o', 'o.id', 'r.recipient_org_id')
      .select('r.id')
      .where('o.code', '=', 'LZ-HU-CSYH')
      .where('r.state', '=', 'CLOSED')
      .executeTakeFirstOrThrow();
    const liaison = await userId(t, 'bank.liaison');
    expect(await whoMayOpenLetter(t.db, [liaison, await userId(t, 'secadmin')], letter.id)).toEqual([liaison]);
    await t.db.updateTable('app_user').set({ clearance: 'PUBLIC' }).where('id', '=', liaison).execute();
    expect(await whoMayOpenLetter(t.db, [liaison], letter.id)).toEqual([]);
    await t.db.updateTable('app_user').set({ clearance: 'WORK_SECRET' }).where('id', '=', liaison).execute();
  });
});
