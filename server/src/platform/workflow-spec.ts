import { addMonths } from '@liandong/domain/calendar/calendar';
import { type Insertable, sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { AuditInput } from './audit';
import { todayIso } from './calendar';
import type { TxCtx } from './context';

/*
 * The declarative part of a workflow spec (platform/workflow.ts applies it): the contexts a transition runs
 * in, what effects hand back, the column values an action declares (TODAY, NOW, ACTOR, field()) and the
 * hearers of its notices (orgStaff, withRole, users, on), so that a module's door states what it writes
 * and whom it tells instead of writing and telling by hand.
 */

/** What a system job acts as (the daily overdue marker): no person, one commission, the day it runs for. */
export interface JobCtx {
  trx: Transaction<DB>;
  job: { commissionId: string; name: string; today?: string };
}

/** The context of a transition: a person's request or a system job, always with its transaction. */
export type WorkflowCtx = TxCtx | JobCtx;

export const isJob = (ctx: WorkflowCtx): ctx is JobCtx => 'job' in ctx;
/** What a module's effects hand back to the kernel. */
export interface Effects {
  /** Columns written together with the state and version. */
  set?: Record<string, unknown>;
  /** Facts for the event row and the audit entry (references only in the audit, see refs()). */
  payload?: Record<string, unknown>;
  /** The timeline text; defaults to the input's comment. */
  comment?: string | null;
  /** Extra typed audit entries written after the transition's own (e.g. letter.issued); on the same object unless they name another. */
  audits?: (Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip' | 'objectType' | 'objectId'> &
    Partial<Pick<AuditInput, 'objectType' | 'objectId'>>)[];
}

/** Who hears of a transition; the kernel keeps only those who may open the object, never the actor. */
export interface Audience {
  users: Iterable<string | null | undefined>;
  /** Defaults to the workflow's notice kind, title (`<name>：<action>`), body (new state, actor) and link. */
  kind?: string;
  title?: string;
  body?: string;
  link?: string;
  /** Same key → sent once (a job's reminder). */
  dedupeKey?: string;
}

/** A notice's short form of a title. */
export const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * Who hears of a transition, as a spec says it: a resolver of user ids from the object as it now stands
 * (the row with the columns just written), or a whole audience. Built with the helpers below.
 */
export type Hearer<Row, S extends string, In, C extends WorkflowCtx> = (
  ctx: C,
  row: Row,
  input: In,
  to: S,
  fx: Effects,
) => Promise<Iterable<string | null | undefined> | Audience> | Iterable<string | null | undefined> | Audience;

type Cols<Row> = Extract<keyof Row, string>;
const now = (row: object, fx: Effects, col: string) => ({ ...row, ...fx.set })[col as never] as string | null | undefined;

/** The active accounts of the organisation in a column of the object (e.g. its lead department). */
export const orgStaff =
  <Row>(col: Cols<Row>) =>
  async (ctx: WorkflowCtx, row: Row, _i: unknown, _t: unknown, fx: Effects) => {
    const orgId = now(row as object, fx, col);
    if (!orgId) return [];
    const rows = await ctx.trx.selectFrom('app_user').select('id').where('org_id', '=', orgId).where('status', '=', 'ACTIVE').execute();
    return rows.map((r) => r.id);
  };

/** The active accounts of the commission holding one of `roles`, optionally only in the organisation of `orgCol`. */
export const withRole =
  <Row>(roles: readonly string[], orgCol?: Cols<Row>) =>
  async (ctx: WorkflowCtx, row: Row, _i: unknown, _t: unknown, fx: Effects) => {
    let q = ctx.trx
      .selectFrom('app_user as u')
      .innerJoin('user_role as r', 'r.user_id', 'u.id')
      .select('u.id')
      .distinct()
      .where('u.commission_id', '=', isJob(ctx) ? ctx.job.commissionId : ctx.actor.commissionId)
      .where('u.status', '=', 'ACTIVE')
      .where('r.role', 'in', [...roles] as never);
    if (orgCol) q = q.where('u.org_id', '=', now(row as object, fx, orgCol) ?? '00000000-0000-0000-0000-000000000000');
    return (await q.execute()).map((r) => r.id);
  };

/** The accounts named in columns of the object (its author, its supervisor …). */
export const users =
  <Row>(...cols: Cols<Row>[]) =>
  (_ctx: WorkflowCtx, row: Row, _i: unknown, _t: unknown, fx: Effects) =>
    cols.map((c) => now(row as object, fx, c));

/** The same hearers for several actions or states (a `notices.to` fragment). */
export const on = <K extends string, H>(keys: readonly K[], ...hearers: H[]) => Object.fromEntries(keys.map((k) => [k, hearers])) as Partial<Record<K, H[]>>;

/**
 * A column value a spec declares for an action: the day or instant (the transaction's) of the transition, the actor,
 * a field of the input (or `or` when it is absent), or a limit some calendar months after the day (审理期限 …).
 */
export const TODAY = Symbol('today');
export const NOW = Symbol('now');
export const ACTOR = Symbol('actor');
export const field = (name: string, or: string | number | boolean | null = null) => ({ field: name, or });
export const monthsLater = (months: number) => ({ months });
type Constant = string | number | boolean | null;
export type Column = typeof TODAY | typeof NOW | typeof ACTOR | { field: string; or?: Constant } | { months: number } | Constant;

/** The declared columns of an action as values: `today` is the commission's civil day (a job's own day). */
export function columnValues(cols: Record<string, Column> | undefined, input: object, ctx: WorkflowCtx): Record<string, unknown> {
  const today = (isJob(ctx) && ctx.job.today) || todayIso();
  const value = (v: Column) =>
    v === TODAY
      ? today
      : v === NOW
        ? sql`now()`
        : v === ACTOR
          ? isJob(ctx)
            ? null
            : ctx.actor.userId
          : v !== null && typeof v === 'object'
            ? 'months' in v
              ? addMonths(today, v.months)
              : ((input as Record<string, unknown>)[v.field] ?? v.or ?? null)
            : v;
  return Object.fromEntries(Object.entries(cols ?? {}).map(([k, v]) => [k, value(v)]));
}

/**
 * Adds a row to one of the object's own tables as an action's effect (a progress report, a finding, a
 * supplement request, a review opinion): in the actor's commission, `by` the actor.
 */
export async function addRow<T extends keyof DB, By extends keyof Insertable<DB[T]> & string>(
  ctx: TxCtx,
  table: T,
  by: By,
  values: Omit<Insertable<DB[T]>, 'commission_id' | By>,
): Promise<void> {
  await ctx.trx
    .insertInto(table)
    .values({ ...values, commission_id: ctx.actor.commissionId, [by]: ctx.actor.userId } as never)
    .execute();
}

/** A check of an action's input against the row: the issue (400 on its path) when it fails. */
export type Check<Row, In> = (row: Row, input: In) => { path: string; message: string } | null;

const dayCheck =
  (later: boolean) =>
  (f: string, col: string, message: string): Check<object, object> =>
  (row, input) => {
    const day = (input as Record<string, string | undefined>)[f];
    const bound = (row as Record<string, string | null | undefined>)[col];
    return day && bound && (later ? day > bound : day < bound) ? { path: f, message } : null;
  };
/** The input's day `f` may not be before the row's day `col` (when the row has one). */
export const notBefore = dayCheck(false);
/** The input's day `f` may not be after the row's day `col` (e.g. `today`). */
export const notAfter = dayCheck(true);
