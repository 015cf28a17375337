import type { ActionOf, Machine, RoleOf, StateOf } from '@liandong/domain/platform/machine';
import type { AuditEventType } from '@liandong/domain/platform/audit';
import type { RawBuilder } from 'kysely';
import type { Actor } from './access';
import type { TxCtx } from './context';
import type { Audience, Check, Column, Effects, Hearer, WorkflowCtx } from './workflow-spec';

/*
 * What a module hands the workflow kernel (platform/workflow.ts): its `Workflow` — the machine, how to lock and scope
 * its row, the roles, guards, checks, effects, columns, timeline, audit types and notices — and the shapes of a
 * transition's input and result.
 */

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

/** A spec whatever its roles (the kernel's helpers need none of them). */
export type AnyWorkflow<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx> = Workflow<
  Row,
  S,
  A,
  string,
  In,
  C
>;
