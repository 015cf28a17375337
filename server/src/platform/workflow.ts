import type { Machine } from '@liandong/domain/platform/machine';
import type { AuditEventType } from '@liandong/domain/platform/audit';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { DB } from '../db/types';
import type { Actor } from './access';
import { type AuditInput, auditFrom, refs, writeAudit } from './audit';
import { todayIso } from './calendar';
import type { TxCtx } from './context';
import { AppError, forbidden, notFound, staleVersion, validation } from './errors';
import { notify, type VisibleTo, whoMayOpen } from './inbox';

/*
 * The workflow kernel: the one door through which any object's `state` column changes (style rule 6).
 * A module supplies its machine (domain/src/<module>/machine.ts, built by defineMachine) and a
 * `Workflow` — how to lock its row in the caller's scope, which roles the caller holds on it, its guards
 * and effects, and whom to notify. `transition()` applies them in one fixed order, inside the caller's
 * transaction (ctx.trx):
 *
 *   scoped lock (404) → version (409) → table (409) → actor (403) → comment (400) → guards (409 / 422)
 *   → module effects → state write → event row → typed audit entry → notices.
 *
 * The object's visibility predicate (`scope`) is given once: it scopes the lock (a row the caller may
 * not see answers 404 like one that does not exist) and decides who hears of a transition (a notice
 * names the object, so it reaches only who may open it as it now stands, never the actor).
 *
 * A hand-off between objects (clue fileCase → case filing → reform record) calls the other module's
 * exported transition with the same ctx, so everything commits or nothing does.
 */

/** What a system job acts as (the daily overdue marker): no person, one commission, the day it runs for. */
export interface JobCtx {
  trx: Transaction<DB>;
  job: { commissionId: string; name: string; today?: string };
}

/** The context of a transition: a person's request or a system job, always with its transaction. */
export type WorkflowCtx = TxCtx | JobCtx;

export const isJob = (ctx: WorkflowCtx): ctx is JobCtx => 'job' in ctx;

/** The columns every machine's row has. */
export interface Stateful<S extends string> {
  id: string;
  state: S;
  version: number;
  /** For `'back'` targets: the state before the current one. */
  previous_state?: S | null;
}

/** What a module's effects hand back to the kernel. */
export interface Effects {
  /** Columns written together with the state and version. */
  set?: Record<string, unknown>;
  /** Facts for the event row and the audit entry (references only in the audit, see refs()). */
  payload?: Record<string, unknown>;
  /** The timeline text; defaults to the input's comment. */
  comment?: string | null;
  /** Extra typed audit entries written after the transition's own (e.g. letter.issued). */
  audits?: Omit<AuditInput, 'commissionId' | 'actorId' | 'actorName' | 'requestId' | 'ip'>[];
}

export interface TransitionInput<A extends string> {
  action: A;
  /** The version the caller read; omitted only when the caller checked a parent's version instead. */
  version?: number;
  comment?: string | null;
}

export interface TransitionResult<S extends string> {
  from: S;
  to: S;
  version: number;
  /** What the effects recorded (ids of objects created on the way, numbers allocated …). */
  payload: Record<string, unknown>;
}

/** Where the timeline row goes: the standard `<object>_event` table, or the module's own writer. */
export type EventSink<Row, S extends string, A extends string, C extends WorkflowCtx = WorkflowCtx> =
  | {
      table:
        | 'clue_event'
        | 'case_event'
        | 'letter_event'
        | 'supervision_item_event'
        | 'campaign_event'
        | 'inspection_event'
        | 'self_inspection_event'
        | 'integrity_reply_event'
        | 'meeting_event'
        | 'meeting_decision_event'
        | 'information_share_event'
        | 'work_report_event';
      key: string;
      payload: boolean;
      /** The event's name on the timeline when it is not the action's (e.g. `approve:fileCase`). */
      name?: (action: A, fx: Effects) => string;
      /** What the timeline keeps of the effects' payload (default: all of it). */
      data?: (action: A, fx: Effects) => Record<string, unknown>;
    }
  | { write(ctx: C, row: Row, action: A, from: S, to: S, fx: Effects & { comment: string | null }): Promise<void> };

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

/** A column value a spec declares for an action: the day or instant (the transaction's) of the transition, the actor, or a field of the input. */
export const TODAY = Symbol('today');
export const NOW = Symbol('now');
export const ACTOR = Symbol('actor');
export const field = (name: string) => ({ field: name });
type Column = typeof TODAY | typeof NOW | typeof ACTOR | { field: string } | string | number | boolean | null;

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
            ? ((input as Record<string, unknown>)[v.field] ?? null)
            : v;
  return Object.fromEntries(Object.entries(cols ?? {}).map(([k, v]) => [k, value(v)]));
}

/** A notice's short form of a title. */
export const short = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * A module's spec for the kernel. `C` is the context its hooks receive: a person's request (`TxCtx`,
 * the default) or, for machines with actions nobody takes by hand (`who: []`), a request or a job.
 */
export interface Workflow<
  Row extends Stateful<S>,
  S extends string,
  A extends string,
  R extends string,
  In extends TransitionInput<A>,
  C extends WorkflowCtx = TxCtx,
> {
  machine: Machine<S, A, R>;
  /** The table holding the state column. */
  table:
    | 'clue'
    | 'case_file'
    | 'letter'
    | 'supervision_item'
    | 'rectification_task'
    | 'reform_record'
    | 'campaign'
    | 'inspection'
    | 'self_inspection_response'
    | 'integrity_reply'
    | 'meeting'
    | 'meeting_decision'
    | 'information_share'
    | 'work_report';
  /** The audit object type of the row (default: the table's name). */
  objectType?: string;
  /** The row's visibility predicate over `alias` (with `join` for the columns it reads elsewhere). */
  scope: { alias: string; join?: RawBuilder<unknown>; visible(a: Actor): RawBuilder<boolean> };
  events: EventSink<Row, S, A, C>;
  /** The audit type of each action: `default`, or the action's own where the trail distinguishes them. */
  audit?: { default: AuditEventType } & { [K in A]?: AuditEventType };
  /** The audit type as a function (for specs that compute it); `audit` is the declarative form. */
  auditType?(action: A): AuditEventType;
  /**
   * Locks the row FOR UPDATE in the caller's scope: the columns to select (the kernel locks `table AS
   * alias` within the scope, unscoped in one commission for a job), or the module's own finder shared
   * with its reads. Undefined when the row does not exist or the caller may not see it: both are 404.
   */
  lock: RawBuilder<unknown> | ((ctx: C, id: string) => Promise<Row | undefined>);
  /** The roles the caller holds on this row (the machine's `who`); `input` is absent when listing abilities. Jobs hold none. */
  roles(ctx: TxCtx, row: Row, input?: In): Promise<Iterable<R>> | Iterable<R>;
  /** The 403 message of an action the caller may not take (default: the machine's, from its actors' labels). */
  deniedMessage?(action: A, row: Row): string;
  /** Per-action 403 messages where the machine's default does not say enough. */
  denied?: { [K in A]?: string };
  /**
   * The facts behind the machine's guards: the named guard holds when its function answers true; when it
   * does not, the kernel answers 409 with the machine's message for it (`machine.guards`).
   */
  guards?: Record<string, (ctx: C, row: Row, input: In) => Promise<boolean> | boolean>;
  /** Checks the input against facts outside the row (what is not one named guard); throws 409 / 422 / 400. */
  guard?(ctx: C, row: Row, input: In, to: S): Promise<void>;
  /** Columns an action writes from the transition itself: `TODAY`, `NOW`, `ACTOR`, `field(name)` of the input, or a constant. */
  columns?: { [K in A]?: Record<string, Column> };
  /** Input fields an action records in its event and audit payload as given (e.g. the 提请's organ and day). */
  recorded?: { [K in A]?: readonly string[] };
  /** The input field that is an action's timeline text instead of the comment (the objection, the reply …). */
  text?: { [K in A]?: string };
  /** Writes the action's own facts (other tables, numbers, derived objects) and returns the row's columns. */
  effects?(ctx: C, row: Row, input: In, to: S): Promise<Effects | undefined>;
  /** Columns every transition writes besides state and version (a machine with `'back'` targets keeps previous_state itself). */
  stamp?(row: Row, to: S): Record<string, unknown>;
  /** Inbox notices, sent last: how a notice names and links the object, and who hears of each action. */
  notices?: {
    kind: string;
    name(row: Row): string;
    link(row: Row): string;
    /** Who hears: per action, per state reached, and `'*'` for every transition. */
    to?: { [K in A | S | '*']?: readonly Hearer<Row, S, In, C>[] };
    /** The notices' text when it is not the default (new state, actor). */
    body?(ctx: C, row: Row, input: In, to: S, fx: Effects): string;
    /** Audiences that need more than `to` (their own kind, title or link). */
    audiences?(ctx: C, row: Row, input: In, to: S, fx: Effects): Promise<Audience[]>;
  };
}

/**
 * Applies one action to one object. `opts.approved` marks an action applied by a completed approval
 * chain (the chain checked the approvers; the table and version are still checked here).
 */
export async function transition<
  Row extends Stateful<S>,
  S extends string,
  A extends string,
  R extends string,
  In extends TransitionInput<A>,
  C extends WorkflowCtx,
>(ctx: C, wf: Workflow<Row, S, A, R, In, C>, id: string, input: In, opts: { approved?: boolean } = {}): Promise<TransitionResult<S>> {
  const m = wf.machine;
  const action = input.action;
  const spec = m.table[action];
  const row = await lockRow(ctx, wf, id);
  if (!row) throw notFound(m.noun);
  if (input.version !== undefined && row.version !== input.version) throw staleVersion();
  const to = m.next(row.state, action, row.previous_state ?? null);
  if (to === null) {
    throw new AppError('ILLEGAL_TRANSITION', `${m.noun}处于“${m.states[row.state].zh}”状态，不能“${m.actions[action].zh}”`, {
      state: row.state,
      action,
    });
  }
  const denied = () => forbidden(wf.deniedMessage?.(action, row) ?? wf.denied?.[action] ?? m.deniedMessage(action));
  if (isJob(ctx)) {
    if (spec.who.length > 0) throw denied();
  } else if (spec.needsApproval && !opts.approved) {
    throw new AppError('ILLEGAL_TRANSITION', `“${m.actions[action].zh}”须经审批，请提请审批`, { action });
  } else if (!opts.approved) {
    const held = new Set(await wf.roles(ctx, row, input));
    if (!spec.who.some((r) => held.has(r))) throw denied();
  }
  const comment = input.comment?.trim() || null;
  if (spec.needsComment && !comment) throw validation([{ path: 'comment', message: '请填写理由' }]);
  const holds = spec.guard !== undefined && wf.guards?.[spec.guard];
  if (holds && !(await holds(ctx, row, input))) throw new AppError('ILLEGAL_TRANSITION', m.guardMessage(spec.guard!), { guard: spec.guard });
  if (wf.guard) await wf.guard(ctx, row, input, to);

  const fx: Effects = (wf.effects ? await wf.effects(ctx, row, input, to) : undefined) ?? {};
  fx.set = { ...columnValues(wf.columns?.[action], input, ctx), ...fx.set };
  const given = (f: string) => (input as Record<string, unknown>)[f];
  if (wf.recorded?.[action]) fx.payload = { ...Object.fromEntries(wf.recorded[action].map((f) => [f, given(f)])), ...fx.payload };
  if (fx.comment === undefined && wf.text?.[action]) fx.comment = (given(wf.text[action]) as string | undefined) ?? null;
  const version = row.version + 1;
  const back = Object.values<{ to: string }>(m.table).some((t) => t.to === 'back') ? { previous_state: row.state } : {};
  await sql`UPDATE ${sql.table(wf.table)} SET ${sql.join(
    Object.entries({ ...fx.set, ...back, ...wf.stamp?.(row, to), state: to, version }).map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
  )}, updated_at = now() WHERE id = ${row.id}::uuid`.execute(ctx.trx);

  const payload = fx.payload ?? {};
  const text = fx.comment !== undefined ? fx.comment : comment;
  const commissionId = isJob(ctx) ? ctx.job.commissionId : ctx.actor.commissionId;
  const actorId = isJob(ctx) ? null : ctx.actor.userId;
  if ('table' in wf.events) {
    const e = wf.events;
    const data = e.data ? e.data(action, fx) : payload;
    await sql`INSERT INTO ${sql.table(e.table)} (commission_id, ${sql.ref(e.key)}, action, from_state, to_state, comment, ${
      e.payload ? sql`payload, ` : sql``
    }actor_id) VALUES (${commissionId}::uuid, ${row.id}::uuid, ${e.name ? e.name(action, fx) : action}, ${row.state}, ${to}, ${text}, ${
      e.payload ? sql`${Object.keys(data).length ? JSON.stringify(data) : null}::jsonb, ` : sql``
    }${actorId}::uuid)`.execute(ctx.trx);
  } else {
    await wf.events.write(ctx, row, action, row.state, to, { ...fx, comment: text });
  }

  const auditPayload = spec.audit ? spec.audit.parse(payload) : payload;
  const entries = [
    {
      type: wf.auditType?.(action) ?? wf.audit?.[action] ?? wf.audit!.default,
      objectType: wf.objectType ?? wf.table,
      objectId: row.id,
      payload: refs({ action, from: row.state, to, comment: text, ...auditPayload }),
    },
    ...(fx.audits ?? []),
  ];
  for (const e of entries) {
    await writeAudit(ctx.trx, isJob(ctx) ? { ...e, commissionId, actorId: null, actorName: ctx.job.name } : auditFrom(ctx, e));
  }
  if (wf.notices) await sendNotices(ctx, wf, row, input, to, fx);
  return { from: row.state, to, version, payload };
}

type AnyWorkflow<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx> = Workflow<
  Row,
  S,
  A,
  string,
  In,
  C
>;

/** Who may open the object as it now stands: the workflow's scope as a `whoMayOpen` predicate. */
export function openTo(wf: Pick<AnyWorkflow<never, never, never, never, never>, 'table' | 'scope'>, id: string): VisibleTo {
  const { alias, join, visible } = wf.scope;
  return (a) => sql`SELECT 1 FROM ${sql.table(wf.table)} AS ${sql.raw(alias)} ${join ?? sql``}
    WHERE ${sql.ref(`${alias}.id`)} = ${id}::uuid AND ${visible(a)}`;
}

/** Locks the row in the caller's scope as the kernel does (for a service that checks more before transitioning). */
export async function lockRow<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx>(
  ctx: C,
  wf: AnyWorkflow<Row, S, A, In, C>,
  id: string,
): Promise<Row | undefined> {
  if (typeof wf.lock === 'function') return wf.lock(ctx, id);
  const { alias, join, visible } = wf.scope;
  const commissionId = isJob(ctx) ? ctx.job.commissionId : ctx.actor.commissionId;
  const { rows } = await sql<Row>`SELECT ${wf.lock} FROM ${sql.table(wf.table)} AS ${sql.raw(alias)} ${join ?? sql``}
    WHERE ${sql.ref(`${alias}.id`)} = ${id}::uuid AND ${sql.ref(`${alias}.commission_id`)} = ${commissionId}::uuid
      AND ${isJob(ctx) ? sql`true` : visible(ctx.actor)}
    FOR UPDATE OF ${sql.raw(alias)}`.execute(ctx.trx);
  return rows[0];
}

async function sendNotices<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx>(
  ctx: C,
  wf: AnyWorkflow<Row, S, A, In, C>,
  row: Row,
  input: In,
  to: S,
  fx: Effects,
): Promise<void> {
  const n = wf.notices!;
  const job = isJob(ctx) ? ctx.job : null;
  const commissionId = job ? job.commissionId : (ctx as TxCtx).actor.commissionId;
  const actorId = job ? null : (ctx as TxCtx).actor.userId;
  const actorName = job ? job.name : (ctx as TxCtx).actor.displayName;
  const sent = new Set<string>();
  const body = n.body?.(ctx, row, input, to, fx);
  const declared: Audience[] = [];
  for (const h of [...(n.to?.['*'] ?? []), ...(n.to?.[input.action] ?? []), ...(n.to?.[to] ?? [])]) {
    const r = await h(ctx, row, input, to, fx);
    declared.push('users' in r ? r : { users: r });
  }
  for (const a0 of [...declared, ...((await n.audiences?.(ctx, row, input, to, fx)) ?? [])]) {
    const a = body && !a0.body ? { ...a0, body } : a0;
    for (const userId of await whoMayOpen(ctx.trx, a.users, openTo(wf, row.id))) {
      if (userId === actorId || sent.has(userId)) continue;
      sent.add(userId);
      await notify(ctx.trx, {
        commissionId,
        userId,
        kind: a.kind ?? n.kind,
        title: a.title ?? `${n.name(row)}：${wf.machine.actions[input.action].zh}`,
        body: a.body ?? `状态变为“${wf.machine.states[to].zh}”，操作人：${actorName}`,
        link: a.link ?? n.link(row),
        ...(a.dedupeKey ? { dedupeKey: a.dedupeKey } : {}),
      });
    }
  }
}

/** The actions the caller may take on a row as it stands: the `abilities` every object reports. */
export async function abilitiesOf<
  Row extends Stateful<S>,
  S extends string,
  A extends string,
  R extends string,
  In extends TransitionInput<A>,
  C extends WorkflowCtx,
>(ctx: TxCtx, wf: Workflow<Row, S, A, R, In, C>, row: Row): Promise<A[]> {
  return wf.machine.abilities(row.state, [...(await wf.roles(ctx, row))], row.previous_state ?? null);
}
