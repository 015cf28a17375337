import type { Role } from '@liandong/domain/access/enums';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../src/db/pool';
import type { Actor } from '../src/platform/access';

/*
 * Shared by the property tests over random clues and cases (issue 12: clues/keyed-ledger, casework/search-property,
 * cockpit/scoped-figures): a seeded generator, the random actor built from a pool of orgs and accounts, and the
 * random relations around the rows that the visibility predicates read — clues filed as cases, case teams (some left),
 * recusals, 专班 members. Each helper draws from the generator in the order the tests always drew, so a seed gives the
 * same data as before. Besides: the task board's tasks on 专班 campaigns (reform/keyed-task-*) and the cockpit's pool of
 * orgs that carry data (cockpit/scoped-figures, cockpit/generic-plans).
 */

/** A seeded xorshift generator in [0, 1): the same data for the same seed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** One of `xs`, drawn with `r`. */
export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** The ledgers' readers: group, office, county, 分管领导, 干部监督, 审理, 案管, an office with a trial role, 联络员. */
export const READER_ROLE_SETS: Role[][] = [
  ['GROUP_STAFF'],
  ['OFFICE_STAFF'],
  ['COUNTY_STAFF'],
  ['DEPUTY_OR_MEMBER'],
  ['CADRE_SUPERVISION'],
  ['TRIAL_STAFF'],
  ['CASE_MANAGER'],
  ['OFFICE_STAFF', 'TRIAL_STAFF'],
  ['UNIT_LIAISON'],
];

/** The pool a test draws its actors and relations from: one commission's orgs and accounts. */
export interface Pool {
  commissionId: string;
  orgs: string[];
  users: string[];
}

/** What a random actor is drawn as: roles, wide or a scope (indexes into the orgs), an org, an account, a clearance. */
export interface ActorDraw {
  roles: Role[];
  wide: boolean;
  scope: number[];
  org: number;
  user: number;
  clearance: string;
}

/** The actor of a draw (indexes taken modulo the pool). */
export function actorFrom(p: Pool, s: ActorDraw): Actor {
  const userId = p.users[s.user % p.users.length] as string;
  return {
    userId,
    username: 'prop',
    displayName: '属性测试',
    personId: userId,
    commissionId: p.commissionId,
    orgId: p.orgs[s.org % p.orgs.length] as string,
    roles: s.roles,
    clearance: s.clearance as Actor['clearance'],
    sessionId: 'prop',
    restriction: null,
    scope: s.wide ? { wide: true, orgIds: [] } : { wide: false, orgIds: s.scope.map((i) => p.orgs[i % p.orgs.length] as string) },
  };
}

/** `n` random clues filed as random cases (the case team sees the clue). */
export async function fileCluesAsCases(db: Db, r: () => number, clueIds: string[], caseIds: string[], n: number): Promise<void> {
  for (let i = 0; i < n; i++) await sql`UPDATE clue SET case_id = ${pick(r, caseIds)}::uuid WHERE id = ${pick(r, clueIds)}::uuid`.execute(db);
}

/** `n` random case-team memberships (investigation or trial; one in five left on 2026-02-01). */
export async function caseTeams(db: Db, r: () => number, p: Pool, caseIds: string[], n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await sql`INSERT INTO case_team_member (commission_id, case_id, team, user_id, org_id, joined_on, left_on)
      SELECT ${p.commissionId}::uuid, ${pick(r, caseIds)}::uuid, ${pick(r, ['INVESTIGATION', 'TRIAL'])}, u.id, u.org_id, '2026-01-01',
        ${r() < 0.2 ? '2026-02-01' : null}::date FROM app_user u WHERE u.id = ${pick(r, p.users)}::uuid ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** `n` random recusals of the pool's accounts, from clues or cases (half each). */
export async function clueCaseRecusals(db: Db, r: () => number, p: Pool, clueIds: string[], caseIds: string[], n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const [type, id] = r() < 0.5 ? ['clue', pick(r, clueIds)] : ['case', pick(r, caseIds)];
    await sql`INSERT INTO recusal (commission_id, user_id, object_type, object_id, reason)
      VALUES (${p.commissionId}::uuid, ${pick(r, p.users)}::uuid, ${type}, ${id}::uuid, '近亲属') ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** Each campaign's 专班 (made if it has none) with three random members valid today. */
export async function taskForceMembers(db: Db, r: () => number, p: Pool, campaigns: string[]): Promise<void> {
  for (const c of campaigns) {
    const tf = await sql<{ id: string }>`WITH made AS (INSERT INTO task_force (commission_id, name_zh, purpose, campaign_id)
        SELECT ${p.commissionId}::uuid, '演示数据专班', 'CAMPAIGN', ${c}::uuid WHERE NOT EXISTS (SELECT 1 FROM task_force WHERE campaign_id = ${c}::uuid)
        RETURNING id)
      SELECT id FROM made UNION ALL SELECT id FROM task_force WHERE campaign_id = ${c}::uuid`.execute(db);
    for (let i = 0; i < 3; i++) {
      await sql`INSERT INTO task_force_member (commission_id, task_force_id, user_id, valid_from, valid_to)
        VALUES (${p.commissionId}::uuid, ${tf.rows[0]?.id}::uuid, ${pick(r, p.users)}::uuid, current_date - 10, current_date + 10)`.execute(db);
    }
  }
}

/** The pool of the demo commission LZ-JW: its first 40 orgs by code, 30 accounts by username, and 3 campaigns. */
export async function demoPool(db: Db): Promise<Pool & { campaigns: string[] }> {
  const commissionId = (await db.selectFrom('org').select('commission_id').where('code', '=', 'LZ-JW').executeTakeFirstOrThrow()).commission_id;
  const ids = async (q: RawBuilder<{ id: string }>) => (await q.execute(db)).rows.map((x) => x.id);
  return {
    commissionId,
    orgs: await ids(sql<{ id: string }>`SELECT id FROM org WHERE commission_id = ${commissionId}::uuid ORDER BY code LIMIT 40`),
    users: await ids(sql<{ id: string }>`SELECT id FROM app_user WHERE commission_id = ${commissionId}::uuid ORDER BY username LIMIT 30`),
    campaigns: await ids(sql<{ id: string }>`SELECT id FROM campaign WHERE commission_id = ${commissionId}::uuid ORDER BY id LIMIT 3`),
  };
}

/**
 * The columns of a random clue that the visibility predicates and the ledgers' order read: received on one of `dates`,
 * received by one of `orgs`, a subject org (or none, 30 %), an undertaking org (or none, 20 %), one of `states`, a
 * propose-by date (`proposeDue`, else one of `dates`), public twice as often as 工作秘密. Drawn in that order, as the
 * clue ledger's and the cockpit's property tests always drew them; the caller adds its number, title and campaign.
 */
export function randomClueColumns<S extends string>(
  r: () => number,
  o: { orgs: readonly string[]; dates: readonly string[]; states: readonly S[]; proposeDue?: string },
) {
  return {
    received_on: pick(r, o.dates),
    receiving_org_id: pick(r, o.orgs),
    real_name: false,
    summary: '演示数据',
    subject_name: '测试对象',
    subject_org_id: r() < 0.3 ? null : pick(r, o.orgs),
    cadre_management: 'OTHER' as const,
    is_subordinate_top_leader: false,
    undertaking_org_id: r() < 0.2 ? null : pick(r, o.orgs),
    state: pick(r, o.states),
    propose_due: o.proposeDue ?? pick(r, o.dates),
    classification: pick(r, ['PUBLIC', 'PUBLIC', 'WORK_SECRET'] as const),
  };
}

/**
 * Rectification tasks on the commission's campaigns: about `share` of its tasks get a random campaign, and every
 * campaign without a 专班 gets one (工作专班, valid from 30 days ago) whose members see the campaign's tasks. The
 * task-board property tests' set-up (reform/keyed-task-campaigns, keyed-task-lights-kept), run as the owner.
 */
export async function campaignTaskForces(owner: Db, commissionId: string, share = 0.35): Promise<void> {
  await sql`UPDATE rectification_task SET campaign_id = (SELECT c.id FROM campaign c WHERE c.commission_id = ${commissionId}::uuid
      AND rectification_task.id IS NOT NULL ORDER BY random() LIMIT 1) WHERE commission_id = ${commissionId}::uuid AND random() < ${share}`.execute(owner);
  await sql`INSERT INTO task_force (commission_id, name_zh, campaign_id, purpose, valid_from)
    SELECT c.commission_id, '专班（演示数据）' || c.name, c.id, 'CAMPAIGN', current_date - 30 FROM campaign c
     WHERE c.commission_id = ${commissionId}::uuid AND NOT EXISTS (SELECT 1 FROM task_force tf WHERE tf.campaign_id = c.id)`.execute(owner);
}

/**
 * The first `limit` orgs of the commission, those that carry the demo data's letters, rectification tasks and
 * supervision items first (and, with `clues`, the clues they undertake), then by code: a pool of orgs whose scopes see
 * something (the cockpit's property tests: cockpit/scoped-figures, cockpit/generic-plans).
 */
export async function orgsWithDataFirst(db: Db, commissionId: string, limit: number, o: { clues: boolean }): Promise<string[]> {
  const clues = o.clues ? sql`OR EXISTS (SELECT 1 FROM clue c WHERE c.undertaking_org_id = o.id)` : sql``;
  return (
    await sql<{ id: string }>`SELECT o.id FROM org o WHERE o.commission_id = ${commissionId}::uuid
      ORDER BY (EXISTS (SELECT 1 FROM letter l WHERE l.drafting_org_id = o.id OR l.recipient_org_id = o.id)
        OR EXISTS (SELECT 1 FROM rectification_task k WHERE k.supervisor_org_id = o.id OR k.unit_org_id = o.id)
        OR EXISTS (SELECT 1 FROM supervision_item i WHERE i.lead_org_id = o.id)
        ${clues}) DESC, o.code LIMIT ${limit}`.execute(db)
  ).rows.map((x) => x.id);
}
