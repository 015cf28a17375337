import type { OrgListQuery } from '@liandong/domain/org/contracts';
import type { OfficeKind, OrgKind } from '@liandong/domain/org/enums';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/types';
import { type Actor, hasAnyRole } from '../../platform/access';
import { BUSINESS_ROLES } from '@liandong/domain/access/enums';
import { inForceToday, orgVisible } from './scope';

/** Any query runner: the pool or a transaction. */
export type Q = Kysely<DB>;

/** An org row as read for the API (parent name joined). */
export interface OrgRow {
  id: string;
  code: string;
  name_zh: string;
  short_name: string;
  kind: OrgKind;
  office_kind: OfficeKind | null;
  ordinal: number | null;
  parent_id: string | null;
  parent_name: string | null;
  region_code: string | null;
  doc_code: string | null;
  sort_order: number;
  valid_from: string;
  valid_to: string | null;
  /** 本单位负责人 (migration 0038) and whether that account still counts (active, still of the org). */
  head_user_id: string | null;
  head_name: string | null;
  head_active: boolean | null;
  version: number;
}

/** `%…%` pattern for ILIKE with the wildcard characters of the input escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function orgQuery(db: Q, actor: Actor) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .leftJoin('app_user as hu', 'hu.id', 'o.head_user_id')
    .where('o.commission_id', '=', actor.commissionId)
    .where(orgVisible(actor, 'o.id'));
}

const ORG_COLUMNS = [
  'o.id',
  'o.code',
  'o.name_zh',
  'o.short_name',
  'o.kind',
  'o.office_kind',
  'o.ordinal',
  'o.parent_id',
  'p.name_zh as parent_name',
  'o.region_code',
  'o.doc_code',
  'o.sort_order',
  'o.valid_from',
  'o.valid_to',
  'o.head_user_id',
  'hu.display_name as head_name',
  sql<boolean>`(hu.org_id = o.id AND hu.status <> 'DISABLED')`.as('head_active'),
  'o.version',
] as const;

/**
 * GET /orgs: one page and the total in ONE statement over `org`, filtered by commission and scope
 * (indexes org_commission_sort, org_commission_search), ordered by sort order, then code. The total
 * rides along as a window count so actor_org_scope is planned and run once per request, not twice;
 * only a page past the end (no rows, hence no total) costs a second, count-only statement.
 */
/** Who may list the directory: every business account but the unit liaisons (they see their own unit only). */
const DIRECTORY_ROLES = BUSINESS_ROLES.filter((r) => r !== 'UNIT_LIAISON');

/** The kinds of the commission's own discipline bodies: the directory every business account may name. */
const DIRECTORY_KINDS = [
  'MUNICIPAL_COMMISSION',
  'COUNTY_COMMISSION',
  'NEW_AREA_COMMISSION',
  'TOWNSHIP_COMMISSION',
  'INTERNAL_OFFICE',
  'DISPATCHED_GROUP',
] as const;

export async function listOrgs(db: Q, actor: Actor, q: OrgListQuery): Promise<{ rows: OrgRow[]; total: number }> {
  const directory = q.directory && hasAnyRole(actor, DIRECTORY_ROLES);
  let base = directory
    ? db
        .selectFrom('org as o')
        .leftJoin('org as p', 'p.id', 'o.parent_id')
        .leftJoin('app_user as hu', 'hu.id', 'o.head_user_id')
        .where('o.commission_id', '=', actor.commissionId)
        .where('o.kind', 'in', DIRECTORY_KINDS)
    : orgQuery(db, actor);
  if (q.kind) base = base.where('o.kind', '=', q.kind);
  if (!q.includeRetired) base = base.where('o.valid_to', 'is', null);
  if (q.parentId) base = base.where('o.parent_id', '=', q.parentId);
  if (q.q) {
    const pattern = containsPattern(q.q);
    base = base.where((eb) => eb.or([eb('o.name_zh', 'ilike', pattern), eb('o.code', 'ilike', pattern)]));
  }
  const rows = await base
    .select([...ORG_COLUMNS, sql<number>`count(*) OVER ()::int`.as('total')])
    .orderBy('o.sort_order')
    .orderBy('o.code')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const total = rows[0]?.total ?? (q.page > 1 ? (await base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n : 0);
  return { rows: rows as OrgRow[], total };
}

/** One org in the actor's commission and scope, optionally locked for an update. */
export async function findOrg(db: Q, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<OrgRow | undefined> {
  let q = orgQuery(db, actor).select(ORG_COLUMNS).where('o.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate('o');
  return (await q.executeTakeFirst()) as OrgRow | undefined;
}

export async function findOrgByCode(db: Q, commissionId: string, code: string) {
  return db.selectFrom('org').select(['id', 'code']).where('commission_id', '=', commissionId).where('code', '=', code).executeTakeFirst();
}

/** The minimal facts the rules need about referenced orgs (parent, kinds, retirement). */
export interface OrgFacts {
  id: string;
  code: string;
  name_zh: string;
  kind: OrgKind;
  office_kind: OfficeKind | null;
  parent_id: string | null;
  valid_to: string | null;
}

/** Facts of the given orgs of one commission (unscoped: rule checks are about existence, not visibility). */
export async function orgFacts(db: Q, commissionId: string, ids: readonly string[]): Promise<Map<string, OrgFacts>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .selectFrom('org')
    .select(['id', 'code', 'name_zh', 'kind', 'office_kind', 'parent_id', 'valid_to'])
    .where('commission_id', '=', commissionId)
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r as OrgFacts]));
}

/** Ancestor ids of each given org (parent first, up to the root). */
export async function ancestorsOf(db: Q, ids: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const { rows } = await sql<{ start: string; id: string; depth: number }>`
    WITH RECURSIVE up (start, id, depth) AS (
      SELECT o.id, o.parent_id, 1 FROM org o WHERE o.id = ANY(${[...ids]}::uuid[]) AND o.parent_id IS NOT NULL
      UNION ALL
      SELECT up.start, p.parent_id, up.depth + 1 FROM up JOIN org p ON p.id = up.id
       WHERE p.parent_id IS NOT NULL AND up.depth < 64
    ) SELECT start, id, depth FROM up ORDER BY start, depth`.execute(db);
  for (const r of rows) out.get(r.start)?.push(r.id);
  return out;
}

/** Whether the commission already has a municipal commission node other than `exceptId`. */
export async function hasMunicipalRoot(db: Q, commissionId: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('org').select('id').where('commission_id', '=', commissionId).where('kind', '=', 'MUNICIPAL_COMMISSION').where('valid_to', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** What still depends on an org after `validTo` (blocks 撤销). */
export interface Dependents {
  children: { id: string; name: string }[];
  links: { id: string; type: string; name: string }[];
  accounts: { id: string; name: string }[];
  zones: { id: string; name: string }[];
  leaders: { id: string; name: string }[];
}

export async function dependentsOf(db: Q, orgId: string, validTo: string): Promise<Dependents> {
  const after = (col: string) => sql<boolean>`(${sql.ref(col)} IS NULL OR ${sql.ref(col)} > ${validTo}::date)`;
  const [children, links, accounts, zones, leaders] = await Promise.all([
    db
      .selectFrom('org as c')
      .select(['c.id', 'c.name_zh as name'])
      .where('c.parent_id', '=', orgId)
      .where(after('c.valid_to'))
      .orderBy('c.sort_order')
      .execute(),
    db
      .selectFrom('org_link as l')
      .innerJoin('org as t', 't.id', 'l.to_id')
      .select(['l.id', 'l.type', sql<string>`l.from_name || ' → ' || t.name_zh`.as('name')])
      .where((eb) => eb.or([eb('l.from_id', '=', orgId), eb('l.to_id', '=', orgId)]))
      .where(after('l.valid_to'))
      .execute(),
    db.selectFrom('app_user as u').select(['u.id', 'u.display_name as name']).where('u.org_id', '=', orgId).where('u.status', '<>', 'DISABLED').execute(),
    db
      .selectFrom('work_zone as z')
      .select(['z.id', 'z.name_zh as name'])
      .where((eb) => eb.or([eb('z.county_org_id', '=', orgId), eb('z.lead_org_id', '=', orgId)]))
      .where(after('z.valid_to'))
      .execute(),
    db
      .selectFrom('leadership_member as lm')
      .innerJoin('person as p', 'p.id', 'lm.person_id')
      .select(['lm.id', 'p.name_zh as name'])
      .where('lm.org_id', '=', orgId)
      .where(after('lm.valid_to'))
      .execute(),
  ]);
  return { children, links: links.map((l) => ({ id: l.id!, type: l.type!, name: l.name })), accounts, zones, leaders };
}

/** Rows for the tree: visible orgs and today's 派驻 coverage between visible orgs. */
export async function treeRows(db: Q, actor: Actor, includeRetired: boolean) {
  let orgs = db
    .selectFrom('org as o')
    .select(['o.id', 'o.parent_id', 'o.name_zh', 'o.kind', 'o.office_kind', 'o.valid_to', 'o.sort_order', 'o.code'])
    .where('o.commission_id', '=', actor.commissionId)
    .where(orgVisible(actor, 'o.id'))
    .orderBy('o.sort_order')
    .orderBy('o.code');
  if (!includeRetired) orgs = orgs.where('o.valid_to', 'is', null);
  const coverage = db
    .selectFrom('dispatch_coverage as d')
    .select(['d.group_id', 'd.host_unit_id'])
    .where('d.commission_id', '=', actor.commissionId)
    .where(inForceToday('d'));
  const [orgRows, coverageRows] = await Promise.all([orgs.execute(), coverage.execute()]);
  return { orgs: orgRows as ((typeof orgRows)[number] & { kind: OrgKind; office_kind: OfficeKind | null })[], coverage: coverageRows };
}
