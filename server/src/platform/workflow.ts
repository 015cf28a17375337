import type { ActionOf, Machine, RoleOf, StateOf } from '@liandong/domain/platform/machine';
import type { AuditEventType } from '@liandong/domain/platform/audit';
import { type RawBuilder, sql } from 'kysely';
import type { Actor } from './access';
import { auditFrom, refs, writeAudit } from './audit';
import type { TxCtx } from './context';
import { ownedAttachmentIds } from './attachments/evidence';
import type { AttachmentOwnerType } from './attachments/owner-types';
import { AppError, forbidden, notFound, staleVersion, validation } from './errors';
import { notify, type VisibleTo, whoMayOpen } from './inbox';
import { type Audience, type Check, type Column, columnValues, type Effects, type Hearer, isJob, type WorkflowCtx } from './workflow-spec';

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

/** The spec's declarative parts (contexts, effects, column values, hearers) live beside the kernel. */
export * from './workflow-spec';

/** The columns every machine's row has. */
export interface Stateful<S extends string> {
  id: string;
  state: S;
  version: number;
  /** For `'back'` targets: the state before the current one. */
  previous_state?: S | null;
}

export interface TransitionInput<A extends string> {
  action: A;
  /** The version the caller read; omitted only when the caller checked a parent's version instead. */
  version?: number;
  comment?: string | null;
}

/** The input of one action: the member of a discriminated body for it, or the common input with its action fixed. */
export type InputOf<In, K> = In extends { action: infer X } ? (K extends X ? In & { action: K } : never) : never;

/** One action's effects, its input narrowed to that action. */
export type ActionEffects<Row, S extends string, In, K, C> = (
  ctx: C,
  row: Row,
  input: InputOf<In, K>,
  to: S,
) => Promise<Effects | undefined> | Promise<void> | Effects | undefined;

export interface TransitionResult<S extends string> {
  from: S;
  to: S;
  version: number;
  /** What the effects recorded (ids of objects created on the way, numbers allocated …). */
  payload: Record<string, unknown>;
}

/** Where the timeline row goes: the standard `<object>_event` table, or another timeline table with its own columns. */
export interface EventSink<A extends string> {
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
    | 'work_report_event'
    | 'rectification_update';
  key: string;
  payload: boolean;
  /** The event's name on the timeline when it is not the action's (e.g. `approve:fileCase`). */
  name?: (action: A, fx: Effects) => string;
  /** What the timeline keeps of the effects' payload (default: all of it). */
  data?: (action: A, fx: Effects) => Record<string, unknown>;
  /** A timeline table without `action` and `comment`: its own columns for them (a task's update kind, content and evidence). */
  columns?: (action: A, fx: Effects & { comment: string | null }) => Record<string, unknown>;
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
    | 'work_report'
    | 'problem'
    | 'integrity_file_request';
  /** The audit object type of the row (default: the table's name). */
  objectType?: string;
  /** The row's visibility predicate over `alias` (with `join` for the columns it reads elsewhere). */
  scope: { alias: string; join?: RawBuilder<unknown>; visible(a: Actor): RawBuilder<boolean> };
  /** The timeline; absent for an object whose history is its audit trail. */
  events?: EventSink<A>;
  /** The audit type of each action: `default`, or the action's own where the trail distinguishes them. */
  audit?: { default: AuditEventType } & { [K in A]?: AuditEventType };
  /** The audit type as a function (for specs that compute it); `audit` is the declarative form. */
  auditType?(action: A): AuditEventType;
  /**
   * Locks the row FOR UPDATE in the caller's scope: the columns to select (the kernel locks `table AS
   * alias` within the scope, unscoped in one commission for a job), or the module's own finder shared
   * with its reads. Undefined when the row does not exist or the caller may not see it: both are 404.
   */
  lock?: RawBuilder<unknown> | ((ctx: C, id: string) => Promise<Row | undefined>);
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
  /** Checks of an action's input against the row (a date not before the service …): the first that fails answers 400 with its issue. */
  checks?: { [K in A]?: readonly Check<Row, InputOf<In, K>>[] };
  /**
   * Evidence an action cites: the input field of attachment ids, each of which must be a file of this object
   * (owned under its audit object type) that the caller may see, else 400 on the field; recorded without repeats.
   */
  evidence?: { fields: { [K in A]?: string }; message: string; summary: string };
  /** Checks the input against facts outside the row (what is not one named guard); throws 409 / 422 / 400. */
  guard?(ctx: C, row: Row, input: In, to: S): Promise<void>;
  /** Columns an action writes from the transition itself: `TODAY`, `NOW`, `ACTOR`, `field(name)` of the input, or a constant. */
  columns?: { [K in A]?: Record<string, Column> };
  /** Input fields an action records in its event and audit payload as given, when given (e.g. the 提请's organ and day). */
  recorded?: { [K in A]?: readonly string[] };
  /** Columns of the row every action records in its payload under a name (the item's list, the case number). */
  rowFacts?: Record<string, Extract<keyof Row, string>>;
  /**
   * An action's timeline text instead of the comment: an input field (the objection, the reply …), or composed
   * from the input, the row as locked and the effects (a service's receipt, the new 发文字号 …); `'*'` for
   * the actions that name none.
   */
  text?: { [K in A]?: string | ((input: InputOf<In, K>, row: Row, fx: Effects) => string | null | undefined) } & {
    '*'?: (input: In, row: Row, fx: Effects) => string | null | undefined;
  };
  /**
   * Writes the action's own facts (other tables, numbers, derived objects) and returns the row's columns: one
   * function for every action, or one per action (its input narrowed to that action's body; none: no effects).
   */
  effects?: ((ctx: C, row: Row, input: In, to: S) => Promise<Effects | undefined>) | { [K in A]?: ActionEffects<Row, S, In, K, C> };
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
 * A machine's row as locked: the table's row with `state` (and `previous_state`, where the table keeps it) typed
 * by the machine, and the columns in `Over` typed or added (a jsonb column's shape, a joined fact).
 */
export type RowOf<M extends Machine<string, string, string, string>, Db, Over = Record<never, never>> = Omit<Db, 'state' | 'previous_state' | keyof Over> & {
  state: StateOf<M>;
} & (Db extends { previous_state: unknown } ? { previous_state: StateOf<M> | null } : Record<never, never>) &
  Over;

/** A module's spec typed from its machine: its states, actions and roles are the machine's (a door names no type list). */
export type WorkflowOf<
  M extends Machine<string, string, string, string>,
  Row extends Stateful<StateOf<M>>,
  In extends TransitionInput<ActionOf<M>>,
  C extends WorkflowCtx = TxCtx,
> = Workflow<Row, StateOf<M>, ActionOf<M>, RoleOf<M>, In, C>;

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
  for (const check of wf.checks?.[action] ?? []) {
    const issue = check(row, input as InputOf<In, A>);
    if (issue) throw validation([issue]);
  }
  const cited = await citedEvidence(ctx, wf, row, input);
  if (wf.guard) await wf.guard(ctx, row, input, to);

  const act = typeof wf.effects === 'function' ? wf.effects : (wf.effects?.[action] as ActionEffects<Row, S, In, A, C> | undefined);
  const fx: Effects = (act ? await act(ctx, row, input as InputOf<In, A>, to) : undefined) ?? {};
  fx.set = { ...columnValues(wf.columns?.[action], input, ctx), ...fx.set };
  const given = (f: string) => (input as Record<string, unknown>)[f];
  const recorded = (wf.recorded?.[action] ?? []).filter((f) => given(f) !== undefined).map((f) => [f, given(f)]);
  const facts = Object.entries(wf.rowFacts ?? {}).map(([k, col]) => [k, row[col]]);
  if (cited) fx.payload = { ...cited, ...fx.payload };
  if (recorded.length + facts.length) fx.payload = { ...Object.fromEntries([...facts, ...recorded]), ...fx.payload };
  const t = wf.text?.[action] ?? wf.text?.['*'];
  if (fx.comment === undefined && t) fx.comment = (typeof t === 'string' ? (given(t) as string | undefined) : t(input as InputOf<In, A>, row, fx)) ?? null;
  const version = row.version + 1;
  const back = Object.values<{ to: string }>(m.table).some((t) => t.to === 'back') ? { previous_state: row.state } : {};
  await sql`UPDATE ${sql.table(wf.table)} SET ${sql.join(
    Object.entries({ ...fx.set, ...back, ...wf.stamp?.(row, to), state: to, version }).map(([k, v]) => sql`${sql.ref(k)} = ${v}`),
  )}, updated_at = now() WHERE id = ${row.id}::uuid`.execute(ctx.trx);

  const payload = fx.payload ?? {};
  const text = fx.comment !== undefined ? fx.comment : comment;
  const commissionId = isJob(ctx) ? ctx.job.commissionId : ctx.actor.commissionId;
  const actorId = isJob(ctx) ? null : ctx.actor.userId;
  const e = wf.events;
  if (e) {
    const data = e.data ? e.data(action, fx) : payload;
    const own = e.columns ? e.columns(action, { ...fx, comment: text }) : { action: e.name ? e.name(action, fx) : action, comment: text };
    const event = { commission_id: commissionId, [e.key]: row.id, ...own, from_state: row.state, to_state: to, actor_id: actorId };
    if (e.payload) Object.assign(event, { payload: Object.keys(data).length ? JSON.stringify(data) : null });
    await ctx.trx
      .insertInto(e.table)
      .values(event as never)
      .execute();
  }

  const auditPayload = spec.audit ? spec.audit.parse(payload) : payload;
  const entries = [
    {
      type: wf.auditType?.(action) ?? wf.audit?.[action] ?? wf.audit!.default,
      objectType: wf.objectType ?? wf.table,
      objectId: row.id,
      payload: refs({ action, from: row.state, to, comment: text, ...auditPayload }),
    },
    ...(fx.audits ?? []).map((a) => ({ objectType: wf.objectType ?? wf.table, objectId: row.id, ...a })),
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

/** The evidence an action cites, checked (see `Workflow.evidence`): `{ field: ids }` to record, or undefined. */
async function citedEvidence<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx>(
  ctx: C,
  wf: AnyWorkflow<Row, S, A, In, C>,
  row: Row,
  input: In,
): Promise<Record<string, string[]> | undefined> {
  const f = wf.evidence?.fields[input.action];
  if (!f || isJob(ctx)) return undefined;
  const ids = [...new Set(((input as Record<string, unknown>)[f] as string[] | undefined) ?? [])];
  const owner = { type: (wf.objectType ?? wf.table) as AttachmentOwnerType, id: row.id };
  const ok = await ownedAttachmentIds(ctx.trx, ctx.actor, owner, ids);
  const issues = ids.flatMap((id, i) => (ok.has(id) ? [] : [{ path: `${f}.${i}`, message: wf.evidence!.message }]));
  if (issues.length) throw validation(issues, wf.evidence!.summary);
  return { [f]: ids };
}

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
  const { rows } = await sql<Row>`SELECT ${wf.lock ?? sql.raw(`${alias}.*`)} FROM ${sql.table(wf.table)} AS ${sql.raw(alias)} ${join ?? sql``}
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
