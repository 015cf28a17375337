import type { Entry, EntryBody, EntryPatchBody } from '@liandong/domain/integrity-files/contracts';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion } from '../../platform/errors';
import { fileKept } from './access';

/*
 * The custodian's entries of a file (基本情况, 家庭成员, 个人有关事项报告/收入申报 by year, 民主测评, 经济责任审计,
 * 问责及奖惩, 其他). Each entry carries a version: a change or removal must send the version it read (409 and
 * nothing written otherwise); each change is audited with references only, stamps the file's content date
 * (a file not updated for a year is flagged) and bumps the file's version.
 */

const NOUN = '廉政档案';

/** Locks the file the caller keeps (404 for anyone else: the file does not exist for them). */
async function lockKeptFile(trx: Transaction<DB>, ctx: Ctx, id: string): Promise<{ id: string; version: number }> {
  const { rows } = await sql<{ id: string; version: number }>`SELECT f.id, f.version FROM integrity_file f
    WHERE f.id = ${id}::uuid AND ${fileKept(ctx.actor, 'f')} FOR UPDATE OF f`.execute(trx);
  if (!rows[0]) throw notFound(NOUN);
  return rows[0];
}

async function touchFile(trx: Transaction<DB>, fileId: string): Promise<number> {
  const r = await trx
    .updateTable('integrity_file')
    .set({ content_updated_at: new Date(), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', fileId)
    .returning('version')
    .executeTakeFirstOrThrow();
  return r.version;
}

async function entryOut(trx: Transaction<DB>, id: string): Promise<Entry> {
  const e = await trx
    .selectFrom('integrity_file_entry as e')
    .innerJoin('app_user as u', 'u.id', 'e.updated_by')
    .select(['e.id', 'e.section', 'e.year', 'e.title', 'e.content', 'e.updated_at', 'e.version', 'u.display_name'])
    .select(sql<string | null>`to_char(e.recorded_on, 'YYYY-MM-DD')`.as('recorded_on'))
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: e.id,
    section: e.section as Entry['section'],
    year: e.year,
    title: e.title,
    content: e.content,
    recordedOn: e.recorded_on,
    updatedBy: e.display_name,
    updatedAt: e.updated_at.toISOString(),
    version: e.version,
  };
}

/** POST /integrity-files/:id/entries */
export async function addEntry(ctx: Ctx, fileId: string, b: EntryBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockKeptFile(trx, ctx, fileId);
    const e = await trx
      .insertInto('integrity_file_entry')
      .values({
        commission_id: ctx.actor.commissionId,
        file_id: f.id,
        section: b.section,
        year: b.year ?? null,
        title: b.title,
        content: b.content,
        recorded_on: b.recordedOn ?? null,
        created_by: ctx.actor.userId,
        updated_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const fileVersion = await touchFile(trx, f.id);
    await audit(trx, ctx, {
      type: 'integrityfile.entry_added',
      objectType: 'integrity_file',
      objectId: f.id,
      payload: refs({ entryId: e.id, section: b.section, year: b.year ?? null }),
    });
    return { entry: await entryOut(trx, e.id), fileVersion };
  });
}

/** PATCH /integrity-files/:id/entries/:entryId — with the version read (409 when stale). */
export async function updateEntry(ctx: Ctx, fileId: string, entryId: string, b: EntryPatchBody) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockKeptFile(trx, ctx, fileId);
    const cur = await trx
      .selectFrom('integrity_file_entry')
      .select(['id', 'version', 'section'])
      .where('id', '=', entryId)
      .where('file_id', '=', f.id)
      .forUpdate()
      .executeTakeFirst();
    if (!cur) throw notFound('档案内容');
    if (cur.version !== b.version) throw staleVersion();
    await trx
      .updateTable('integrity_file_entry')
      .set({
        section: b.section,
        year: b.year ?? null,
        title: b.title,
        content: b.content,
        recorded_on: b.recordedOn ?? null,
        version: cur.version + 1,
        updated_by: ctx.actor.userId,
        updated_at: new Date(),
      })
      .where('id', '=', cur.id)
      .execute();
    const fileVersion = await touchFile(trx, f.id);
    await audit(trx, ctx, {
      type: 'integrityfile.entry_updated',
      objectType: 'integrity_file',
      objectId: f.id,
      payload: refs({ entryId: cur.id, from: cur.section, section: b.section, version: cur.version + 1 }),
    });
    return { entry: await entryOut(trx, cur.id), fileVersion };
  });
}

/** DELETE /integrity-files/:id/entries/:entryId?version= */
export async function removeEntry(ctx: Ctx, fileId: string, entryId: string, version: number) {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await lockKeptFile(trx, ctx, fileId);
    const cur = await trx
      .selectFrom('integrity_file_entry')
      .select(['id', 'version', 'section'])
      .where('id', '=', entryId)
      .where('file_id', '=', f.id)
      .forUpdate()
      .executeTakeFirst();
    if (!cur) throw notFound('档案内容');
    if (cur.version !== version) throw staleVersion();
    await trx.deleteFrom('integrity_file_entry').where('id', '=', cur.id).execute();
    const fileVersion = await touchFile(trx, f.id);
    await audit(trx, ctx, {
      type: 'integrityfile.entry_removed',
      objectType: 'integrity_file',
      objectId: f.id,
      payload: refs({ entryId: cur.id, section: cur.section }),
    });
    return { entry: null, fileVersion };
  });
}
