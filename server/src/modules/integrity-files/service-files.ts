import { ALL_SECTIONS, type IntegritySection, STALE_AFTER_DAYS } from '@liandong/domain/integrity-files/enums';
import type { FileCreateBody, FileDetail, FileListQuery, FileSummary, ReadLogQuery, ReadLogRow } from '@liandong/domain/integrity-files/contracts';
import { sql } from 'kysely';
import { audit, refs } from '../../platform/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, validation } from '../../platform/errors';
import { custodianOrgOf, fileKept, fileVisible, type Q } from './access';
import { readSections } from './sections';

/*
 * The custodian's register of 廉政档案, opening a file (建档), reading a file or one section, and the consultation
 * log. Every read of a file is a consultation: its content, its audit entry (integrityfile.read) and its row in
 * the consultation log are written in one transaction — no log, no content. A file the caller may not read
 * answers 404 whether or not it exists.
 */

const NOUN = '廉政档案';

interface SummaryRow {
  id: string;
  person_id: string;
  name_zh: string;
  unit_name: string | null;
  position: string | null;
  entries: number;
  content_updated_at: Date;
  stale: boolean;
  reads: number;
  version: number;
  total: number;
}

const STALE = sql<boolean>`(f.content_updated_at < now() - make_interval(days => ${STALE_AFTER_DAYS}))`;

const presentSummary = (r: Omit<SummaryRow, 'total'>): FileSummary => ({
  id: r.id,
  person: { id: r.person_id, name: r.name_zh, unitName: r.unit_name, position: r.position },
  entries: r.entries,
  contentUpdatedAt: r.content_updated_at.toISOString(),
  stale: r.stale,
  reads: r.reads,
  version: r.version,
});

/** The files the custodian keeps, filtered (shared by the register and its export). */
export async function queryFiles(db: Q, ctx: Ctx, q: Partial<FileListQuery>, page?: { limit: number; offset: number }) {
  const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const { rows } = await sql<SummaryRow>`SELECT f.id, p.id AS person_id, p.name_zh, o.name_zh AS unit_name, p.position,
      (SELECT count(*)::int FROM integrity_file_entry e WHERE e.file_id = f.id) AS entries,
      f.content_updated_at, ${STALE} AS stale,
      (SELECT count(*)::int FROM integrity_file_read rd WHERE rd.file_id = f.id) AS reads,
      f.version, count(*) OVER ()::int AS total
    FROM integrity_file f JOIN person p ON p.id = f.person_id LEFT JOIN org o ON o.id = p.unit_id
    WHERE ${fileKept(ctx.actor, 'f')}
      ${like ? sql`AND (p.name_zh LIKE ${like} OR o.name_zh LIKE ${like} OR o.short_name LIKE ${like})` : sql``}
      ${q.stale ? sql`AND ${STALE}` : sql``}
    ORDER BY ${STALE} DESC, o.name_zh NULLS LAST, p.name_zh, f.id
    ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`.execute(db);
  return { items: rows.map(presentSummary), total: rows[0]?.total ?? 0 };
}

/** GET /integrity-files — the custodian's register (404 for anyone who keeps no files); listing names cadres: audited. */
export async function listFiles(ctx: Ctx, q: FileListQuery) {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await custodianOrgOf(trx, ctx.actor))) throw notFound(NOUN);
    const { items, total } = await queryFiles(trx, ctx, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    await audit(trx, ctx, {
      type: 'integrityfile.listed',
      objectType: 'integrity_file',
      payload: { ids: items.map((i) => i.id), stale: q.stale ?? null, keyword: Boolean(q.q) },
    });
    return { items, total, abilities: { create: true } };
  });
}

/** POST /integrity-files — the custodian opens the file of a cadre of the commission (one per cadre). */
export async function createFile(ctx: Ctx, b: FileCreateBody): Promise<FileDetail> {
  const id = await ctx.db.transaction().execute(async (trx) => {
    const custodian = await custodianOrgOf(trx, ctx.actor);
    if (!custodian) throw notFound(NOUN);
    const p = await trx.selectFrom('person').select('id').where('id', '=', b.personId).where('commission_id', '=', ctx.actor.commissionId).executeTakeFirst();
    if (!p) throw validation([{ path: 'personId', message: '人员不存在' }]);
    if (p.id === ctx.actor.personId) throw new AppError('BUSINESS_RULE', '回避：不能为本人建立或保管廉政档案');
    const exists = await trx
      .selectFrom('integrity_file')
      .select('id')
      .where('commission_id', '=', ctx.actor.commissionId)
      .where('person_id', '=', p.id)
      .executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', '该干部已建立廉政档案', { fileId: exists.id });
    const f = await trx
      .insertInto('integrity_file')
      .values({ commission_id: ctx.actor.commissionId, person_id: p.id, custodian_org_id: custodian, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, ctx, { type: 'integrityfile.created', objectType: 'integrity_file', objectId: f.id, payload: refs({ personId: p.id }) });
    return f.id;
  });
  return readFile(ctx, id);
}

interface FileRow {
  id: string;
  person_id: string;
  name_zh: string;
  gender: string | null;
  birth_year: number | null;
  rank_level: string | null;
  unit_id: string | null;
  unit_name: string | null;
  position: string | null;
  custodian_org_id: string;
  custodian_name: string;
  content_updated_at: Date;
  stale: boolean;
  version: number;
  kept: boolean;
}

/** The file as the caller may read it (undefined: absent or not readable, both 404). */
export async function findFile(db: Q, ctx: Ctx, id: string, forUpdate = false): Promise<FileRow | undefined> {
  const { rows } = await sql<FileRow>`SELECT f.id, p.id AS person_id, p.name_zh, p.gender, p.birth_year, p.rank_level, p.unit_id,
      o.name_zh AS unit_name, p.position, f.custodian_org_id, co.name_zh AS custodian_name, f.content_updated_at, ${STALE} AS stale, f.version,
      ${fileKept(ctx.actor, 'f')} AS kept
    FROM integrity_file f JOIN person p ON p.id = f.person_id LEFT JOIN org o ON o.id = p.unit_id JOIN org co ON co.id = f.custodian_org_id
    WHERE f.id = ${id}::uuid AND ${fileVisible(ctx.actor, 'f')}
    ${forUpdate ? sql`FOR UPDATE OF f` : sql``}`.execute(db);
  return rows[0];
}

/** The approvals in force under which the caller reads the cadre's file (the sections they cover). */
async function liveGrants(db: Q, ctx: Ctx, personId: string) {
  return db
    .selectFrom('integrity_file_request')
    .select(['id', 'sections'])
    .select(sql<string>`to_char(valid_until, 'YYYY-MM-DD')`.as('valid_until'))
    .where('requester_id', '=', ctx.actor.userId)
    .where('commission_id', '=', ctx.actor.commissionId)
    .where('person_id', '=', personId)
    .where('state', '=', 'APPROVED')
    .where(sql<boolean>`valid_until >= current_date`)
    .orderBy('valid_until', 'desc')
    .execute();
}

/**
 * GET /integrity-files/:id[?section=] — a consultation. The custodian reads every section; a reader under
 * approvals reads the sections they cover (a section they do not cover: 404, as if it did not exist).
 */
export async function readFile(ctx: Ctx, id: string, section?: IntegritySection): Promise<FileDetail> {
  return ctx.db.transaction().execute(async (trx) => {
    const f = await findFile(trx, ctx, id);
    if (!f) throw notFound(NOUN);
    const grants = f.kept ? [] : await liveGrants(trx, ctx, f.person_id);
    const granted = f.kept ? ALL_SECTIONS : ALL_SECTIONS.filter((s) => grants.some((g) => g.sections.includes(s)));
    if (section && !granted.includes(section)) throw notFound(NOUN);
    const sections = section ? [section] : granted;
    // the approval the read is recorded under: the first in force covering every section read
    const under = f.kept ? null : (grants.find((g) => sections.every((s) => g.sections.includes(s))) ?? grants[0]!);
    const content = await readSections(trx, ctx.actor, f.id, { id: f.person_id, name_zh: f.name_zh, unit_id: f.unit_id }, sections);
    await trx
      .insertInto('integrity_file_read')
      .values({
        commission_id: ctx.actor.commissionId,
        file_id: f.id,
        reader_id: ctx.actor.userId,
        request_id: under?.id ?? null,
        sections: [...sections],
        view: section ? 'section' : 'file',
      })
      .execute();
    await audit(trx, ctx, {
      type: 'integrityfile.read',
      objectType: 'integrity_file',
      objectId: f.id,
      payload: refs({ view: section ? 'section' : 'file', sections: [...sections], requestId: under?.id ?? null, custodian: f.kept }),
    });
    const { entries, reads } = (
      await sql<{ entries: number; reads: number }>`SELECT (SELECT count(*)::int FROM integrity_file_entry WHERE file_id = ${f.id}::uuid) AS entries,
        (SELECT count(*)::int FROM integrity_file_read WHERE file_id = ${f.id}::uuid) AS reads`.execute(trx)
    ).rows[0]!;
    return {
      id: f.id,
      person: {
        id: f.person_id,
        name: f.name_zh,
        unitName: f.unit_name,
        position: f.position,
        gender: f.gender,
        birthYear: f.birth_year,
        rankLevel: f.rank_level,
      },
      custodianOrg: { id: f.custodian_org_id, name: f.custodian_name },
      entries,
      contentUpdatedAt: f.content_updated_at.toISOString(),
      stale: f.stale,
      reads,
      version: f.version,
      sections: content,
      readUnder: under ? { requestId: under.id, validUntil: under.valid_until } : null,
      abilities: { edit: f.kept, log: f.kept },
    };
  });
}

/** GET /integrity-file-reads — the consultation log of the custodian's files (who read what, when, under which approval). */
export async function listReads(ctx: Ctx, q: ReadLogQuery) {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await custodianOrgOf(trx, ctx.actor))) throw notFound('查阅记录');
    const { rows } = await sql<{
      id: number;
      at: Date;
      reader_id: string;
      reader_name: string;
      reader_org: string;
      person_id: string;
      person_name: string;
      file_id: string;
      sections: IntegritySection[];
      view: ReadLogRow['view'];
      request_id: string | null;
      approved_by: string | null;
      valid_until: string | null;
      total: number;
    }>`SELECT rd.id, rd.at, u.id AS reader_id, u.display_name AS reader_name, o.name_zh AS reader_org, p.id AS person_id, p.name_zh AS person_name,
        rd.file_id, rd.sections, rd.view, rd.request_id, au.display_name AS approved_by, to_char(g.valid_until, 'YYYY-MM-DD') AS valid_until,
        count(*) OVER ()::int AS total
      FROM integrity_file_read rd JOIN integrity_file f ON f.id = rd.file_id JOIN person p ON p.id = f.person_id
      JOIN app_user u ON u.id = rd.reader_id JOIN org o ON o.id = u.org_id
      LEFT JOIN integrity_file_request g ON g.id = rd.request_id LEFT JOIN app_user au ON au.id = g.decided_by
      WHERE ${fileKept(ctx.actor, 'f')} ${q.fileId ? sql`AND f.id = ${q.fileId}::uuid` : sql``}
      ORDER BY rd.at DESC, rd.id DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`.execute(trx);
    await audit(trx, ctx, {
      type: 'integrityfile.log_read',
      objectType: 'integrity_file',
      ...(q.fileId ? { objectId: q.fileId } : {}),
      payload: { rows: rows.length },
    });
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        reader: { id: r.reader_id, name: r.reader_name },
        readerOrg: r.reader_org,
        person: { id: r.person_id, name: r.person_name },
        fileId: r.file_id,
        sections: r.sections,
        view: r.view,
        request: r.request_id ? { id: r.request_id, approvedBy: r.approved_by, validUntil: r.valid_until ?? '' } : null,
      })),
      total: rows[0]?.total ?? 0,
    };
  });
}
