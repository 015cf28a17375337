import { type RawBuilder, sql } from 'kysely';
import { type Actor, classificationsAbove } from '../../platform/access';
import { type KeyedArms, keyedRowsSql } from '../../platform/keyed-page';
import { idListSlots } from '../../platform/keyed-walk';
import type { LightDates } from '../supervision';
import { type TaskLight, taskLightSql } from './light';

/*
 * The 督办 lights of a wide board (an office's or a 分管领导's hundreds of orgs) summed from the per-org aggregate of
 * the tasks, with exact corrections, as the cockpit sums its task figures (cockpit/area-scan.ts scopedTaskScan).
 */

/** The org columns of taskVisibleParts' org arms, the keys of cockpit_task_org_agg (migration 0061). */
const ORG_COLUMNS: readonly string[] = ['supervisor_org_id', 'unit_org_id'];

/**
 * The lights of every task the arms admit (taskVisibleParts with the stored letter check, no other filter), in one
 * statement, exact (issue 12: an office's exact lights counted its 37,000 tasks one by one, 83 ms of PostgreSQL per
 * request at full scale; the board's capped lights stop at 1,001 rows and stay as they are, see service-tasks-read.ts).
 * taskVisible = scope ∧ (O ∨ R), O the org arms (the supervising or the unit org among the
 * caller's orgs), R the others (the supervising user, 专班 campaigns). Per light, |O| − |O ∧ ¬scope| + |R ∧ scope ∧ ¬O|:
 *  - |O| from cockpit_task_org_agg (0061), keyed by both org columns — a task both arms reach is one bucket row —, by
 *    the state and by the deadline of a task not done (`open_deadline`). A light is a function of those two and of
 *    today (light.ts: DONE by state, else RED / YELLOW / GREEN by the deadline against today and the 5-working-day
 *    threshold), so the buckets stay exact as days pass: nothing is stored relative to today, today is a parameter;
 *  - O ∧ ¬scope: the tasks of those orgs the caller may not see. ¬scope is a recusal from the task, or a letter above
 *    the caller's clearance, recused, or of a recused case (the facts the task keeps of its letter, 0063). Those tasks
 *    are found from the few recusals and the letters above the clearance (each letter's tasks by their letter_id index), tested
 *    against the predicate's own scope, and each subtracted from its light;
 *  - R ∧ scope ∧ ¬O: the other arms' tasks outside those orgs, read as the ledger reads them (keyedRowsSql), each added.
 * Undefined when the arms have no org arm or another keyed column (the row-by-row count then).
 * Property test: reform/keyed-ledgers.test.ts (random actors, data, writes after the aggregate exists, days passing).
 */
export function aggregateLightsSql(actor: Actor, arms: KeyedArms, d: LightDates): RawBuilder<Record<TaskLight, number>> | undefined {
  if (arms.book) return undefined;
  const orgArms = arms.keyed.filter((k) => ORG_COLUMNS.includes(k.column) && k.orgIds.length);
  if (!orgArms.length) return undefined;
  // Each distinct org list once per statement (the two org arms carry the same 786 ids of an office), hashed.
  const { lists, slotOf } = idListSlots();
  /** The list's column in the CTE `light_keys`, added on first use. */
  const listOf = (orgIds: readonly string[]) => sql.ref(`lk.k${slotOf([...new Set(orgIds)])}`);
  const inO = (t: string) =>
    sql<boolean>`(${sql.join(
      orgArms.map((k) => sql`${sql.ref(`${t}.${k.column}`)} IN (SELECT unnest(${listOf(k.orgIds)}) FROM light_keys lk)`),
      sql` OR `,
    )})`;
  const cid = actor.commissionId;
  const recused = (type: string) => sql`SELECT rc.object_id FROM recusal rc WHERE rc.user_id = ${actor.userId}::uuid AND rc.object_type = ${type}`;
  // A superset of the tasks of O the scope may refuse: the recused tasks, and the tasks of every letter above the
  // clearance (letter_classification_known: the complement of the cleared ones), recused, or of a recused case.
  const suspects = sql`SELECT st.id FROM rectification_task st WHERE st.id IN (${recused('rectification_task')})
    UNION SELECT st.id FROM rectification_task st WHERE st.letter_id IN (
      SELECT bl.id FROM letter bl WHERE bl.commission_id = ${cid}::uuid AND bl.classification = ANY(${classificationsAbove(actor)}::text[])
      UNION ${recused('letter')}
      UNION SELECT bc.id FROM letter bc WHERE bc.case_id IN (${recused('case')}))`;
  const others: KeyedArms = { book: false, scope: arms.scope, keyed: arms.keyed.filter((k) => !orgArms.includes(k)), keyedBy: arms.keyedBy, rest: arms.rest };
  const added =
    others.keyed.some((k) => k.orgIds.length) || others.keyedBy?.length || others.rest.length
      ? sql`UNION ALL (${keyedRowsSql({
          table: 'rectification_task',
          alias: 't',
          arms: others,
          filters: [sql<boolean>`NOT ${inO('t')}`],
          columns: [sql`t.state`, sql`t.deadline AS due`, sql`1::bigint AS n`],
        })})`
      : sql``;
  // inO registers the lists: the rows first, then the CTE of the lists they use.
  // |O|: the aggregate read once, each bucket tested against the hashed lists (a few ms for the whole aggregate; per org
  // by its indexes it was slower for an office's 786 orgs at full scale).
  const rows = sql`SELECT g.state, g.open_deadline AS due, g.n FROM cockpit_task_org_agg g WHERE g.commission_id = ${cid}::uuid AND ${inO('g')}
    UNION ALL
    SELECT t.state, t.deadline, -1::bigint FROM rectification_task t
      WHERE t.id IN (${suspects}) AND t.commission_id = ${cid}::uuid AND ${inO('t')} AND (${arms.scope}) IS NOT TRUE
    ${added}`;
  const keys = sql.join(lists.map((ids, i) => sql`${ids}::uuid[] AS ${sql.ref(`k${i}`)}`));
  const sums = sql.join(
    (['GREEN', 'YELLOW', 'RED', 'DONE'] as const).map((l) => sql`coalesce(sum(lr.n) FILTER (WHERE lr.light = ${sql.lit(l)}), 0)::int AS ${sql.ref(l)}`),
  );
  return sql<Record<TaskLight, number>>`WITH light_keys AS MATERIALIZED (SELECT ${keys})
    SELECT ${sums} FROM (SELECT ${taskLightSql('lr0.state', 'lr0.due', d)} AS light, lr0.n FROM (${rows}) lr0) lr`;
}
