/**
 * 廉政档案 stale-file notices (the daily job integrity-files.stale): the custodian 干部监督室's staff are told once a
 * day how many files they keep were not updated for more than a year — the very count of the register's 超过一年未更新
 * filter — linking to it; a rerun the same day sends nothing, the next day sends again; nobody else is told; a
 * custodian is not counted their own file (回避), and no stale file means no notice.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app';
import { runIntegrityFilesDaily } from './daily';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const KEEPER = 'gbjd.staff';
/** YYYY-MM-DD `days` from today (Beijing). */
const day = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));

const notices = () =>
  t.db
    .selectFrom('inbox_message as n')
    .innerJoin('app_user as u', 'u.id', 'n.user_id')
    .select(['u.username', 'n.title', 'n.body', 'n.link'])
    .where('n.kind', '=', 'integrityfile.stale')
    .orderBy('n.created_at')
    .execute();

/** Every file fresh (updated 300 days ago), then the given files 400 days ago. */
async function staleOnly(fileIds: string[]) {
  await sql`UPDATE integrity_file SET content_updated_at = now() - interval '300 days'`.execute(t.db);
  if (fileIds.length) await sql`UPDATE integrity_file SET content_updated_at = now() - interval '400 days' WHERE id = ANY(${fileIds}::uuid[])`.execute(t.db);
}

describe('integrity-files daily job: files not updated for a year', () => {
  it('tells the custodian once a day with the register count, nobody else; idempotent per day', async () => {
    const keeperPerson = (await t.db.selectFrom('app_user').select('person_id').where('username', '=', KEEPER).executeTakeFirstOrThrow()).person_id;
    const files = await t.db.selectFrom('integrity_file').select(['id', 'person_id']).where('person_id', '<>', keeperPerson).orderBy('id').limit(3).execute();
    expect(files.length).toBe(3);
    await staleOnly(files.slice(0, 2).map((f) => f.id));
    await sql`DELETE FROM inbox_message WHERE kind = 'integrityfile.stale'`.execute(t.db);

    // the register's own filter, as the custodian reads it
    const register = await t.request({ method: 'GET', url: '/api/v1/integrity-files?stale=true', as: KEEPER });
    expect(register.statusCode).toBe(200);
    expect(register.json().total).toBe(2);

    const today = day(0);
    expect(await runIntegrityFilesDaily(t.db, today)).toEqual({ notices: 1 });
    expect(await notices()).toEqual([
      {
        username: KEEPER,
        title: '廉政档案超过一年未更新：2份',
        body: `截至${today}，您所在干部监督室保管的廉政档案中有2份超过一年未更新，请及时补充完善。`,
        link: '/integrity-files?stale=true',
      },
    ]);
    // the same day again: nothing more
    expect(await runIntegrityFilesDaily(t.db, today)).toEqual({ notices: 0 });
    expect(await notices()).toHaveLength(1);
    // the next day: told again, with the day's count
    expect(await runIntegrityFilesDaily(t.db, day(1))).toEqual({ notices: 1 });
    expect((await notices()).map((n) => n.username)).toEqual([KEEPER, KEEPER]);
    // the cadres, the requesters and the leaders are never told
    for (const u of ['edu.group', 'cw4.member', 'sj.secretary']) expect((await notices()).some((n) => n.username === u)).toBe(false);
  });

  it('does not count the custodian their own file, and sends nothing when no file is stale', async () => {
    await sql`DELETE FROM inbox_message WHERE kind = 'integrityfile.stale'`.execute(t.db);
    const keeper = await t.db
      .selectFrom('app_user')
      .select(['person_id', 'commission_id', 'org_id', 'id'])
      .where('username', '=', KEEPER)
      .executeTakeFirstOrThrow();
    // the custodian's own file (kept by the same office) is the only stale one: recused, not told
    const own = await sql<{ id: string }>`
      INSERT INTO integrity_file (commission_id, person_id, custodian_org_id, created_by)
      VALUES (${keeper.commission_id}::uuid, ${keeper.person_id}::uuid, ${keeper.org_id}::uuid, ${keeper.id}::uuid)
      ON CONFLICT DO NOTHING RETURNING id`.execute(t.db);
    const ownId =
      own.rows[0]?.id ?? (await t.db.selectFrom('integrity_file').select('id').where('person_id', '=', keeper.person_id).executeTakeFirstOrThrow()).id;
    await staleOnly([ownId]);
    expect(await runIntegrityFilesDaily(t.db, day(0))).toEqual({ notices: 0 });
    await staleOnly([]);
    expect(await runIntegrityFilesDaily(t.db, day(0))).toEqual({ notices: 0 });
    // a file updated exactly within the year is not stale either; one day past the year it is
    const other = await t.db.selectFrom('integrity_file').select('id').where('person_id', '<>', keeper.person_id).orderBy('id').executeTakeFirstOrThrow();
    await sql`UPDATE integrity_file SET content_updated_at = now() - interval '364 days' WHERE id = ${other.id}::uuid`.execute(t.db);
    expect(await runIntegrityFilesDaily(t.db, day(0))).toEqual({ notices: 0 });
    await sql`UPDATE integrity_file SET content_updated_at = now() - interval '367 days' WHERE id = ${other.id}::uuid`.execute(t.db);
    expect(await runIntegrityFilesDaily(t.db, day(0))).toEqual({ notices: 1 });
    expect((await notices())[0]!.title).toBe('廉政档案超过一年未更新：1份');
  });
});
