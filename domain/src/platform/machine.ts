import type { z } from 'zod';
import type { Labelled } from '../labels';

/**
 * The one shape of every status machine (状态机): supervision items, clues, cases, letters,
 * rectification tasks, and the campaign, share, meeting-decision and report machines after them.
 *
 * A machine is a pure table: for each action, the states it may start from, where it leads, who may
 * take it (roles relative to the object, resolved by the module's policy), the guard the server checks
 * and the schema of what the action records in the audit trail. The server's `transition()`
 * (server/src/platform/workflow.ts) is the only code that applies it.
 */

/** Where an action leads: a state, `'stay'` (the state does not change: a progress report) or `'back'` (the state before the current one). */
export type Target<S extends string> = S | 'stay' | 'back';

export interface ActionSpec<S extends string, R extends string, G extends string = string> {
  from: readonly S[];
  to: Target<S>;
  /** Who may take it: roles relative to the object (an empty list: nobody by hand, a system job only). */
  who: readonly R[];
  /** A condition on facts outside the row that the server evaluates (409 or 422 when it fails). */
  guard?: G;
  /** The action must say why (returning work, refusing, cancelling). */
  needsComment?: boolean;
  /** The action is applied by an approval chain, never directly. */
  needsApproval?: boolean;
  /** What the action records in its audit entry beyond action/from/to (validated before writing). */
  audit?: z.ZodType<Record<string, unknown>>;
}

export interface MachineSpec<S extends string, A extends string, R extends string, G extends string> {
  /** The object's name in messages (zh-CN): 线索, 案件, 建议书 … */
  noun: string;
  states: Labelled<S>;
  actions: Labelled<A>;
  table: { readonly [K in A]: ActionSpec<S, R, G> };
  /** Who the roles are, as a refusal names them (zh-CN): 牵头方, 书记 … */
  actors?: { readonly [K in R]: string };
  /** Why a guard fails (zh-CN), for guards the server reduces to one fact about the object. */
  guards?: { readonly [K in G]?: string };
}

export interface Machine<S extends string, A extends string, R extends string, G extends string = string> extends MachineSpec<S, A, R, G> {
  /** The state an action leads to from `from`, or null when the table forbids it (→ 409). */
  next(from: S, action: A, previous?: S | null): S | null;
  /** The actions the table allows from a state (before who and guards). */
  allowedFrom(state: S, previous?: S | null): A[];
  /** The actions a holder of `roles` may take from a state: the object's `abilities`. */
  abilities(state: S, roles: ReadonlySet<R> | readonly R[], previous?: S | null): A[];
  /** States no action leaves. */
  terminal(): S[];
  /** The 403 message of an action: who takes it, from the actors' labels (a system-only action: nobody by hand). */
  deniedMessage(action: A): string;
  /** The 409 message of a failed guard (its label, or a generic one). */
  guardMessage(guard: G): string;
}

/**
 * Defines a machine from its table. Checks at definition time that every action names known states
 * (a typo in a table is a crash at start, not a silent dead action).
 */
export function defineMachine<const S extends string, const A extends string, const R extends string, const G extends string = never>(
  spec: MachineSpec<S, A, R, G>,
): Machine<S, A, R, G> {
  const states = Object.keys(spec.states) as S[];
  const actions = Object.keys(spec.actions) as A[];
  for (const a of actions) {
    const t = spec.table[a];
    if (!t) throw new Error(`machine ${spec.noun}: action ${a} has no table row`);
    for (const s of t.from) if (!states.includes(s)) throw new Error(`machine ${spec.noun}: ${a} from unknown state ${s}`);
    if (t.to !== 'stay' && t.to !== 'back' && !states.includes(t.to)) throw new Error(`machine ${spec.noun}: ${a} to unknown state ${t.to}`);
  }
  const next = (from: S, action: A, previous: S | null = null): S | null => {
    const t = spec.table[action];
    if (!t?.from.includes(from)) return null;
    if (t.to === 'stay') return from;
    if (t.to === 'back') return previous && previous !== from ? previous : null;
    return t.to;
  };
  const allowedFrom = (state: S, previous: S | null = null) => actions.filter((a) => next(state, a, previous) !== null);
  return {
    ...spec,
    next,
    allowedFrom,
    abilities(state, roles, previous = null) {
      const held = new Set<R>(roles);
      return allowedFrom(state, previous).filter((a) => spec.table[a].who.some((r) => held.has(r)));
    },
    terminal() {
      return states.filter((s) => actions.every((a) => !spec.table[a].from.includes(s)));
    },
    deniedMessage(action) {
      const who = spec.table[action].who;
      const label = `“${spec.actions[action].zh}”`;
      if (who.length === 0) return `${label}由系统自动办理，不能手工操作`;
      return `${label}由${who.map((r) => spec.actors?.[r] ?? r).join('或')}办理`;
    },
    guardMessage(guard) {
      return spec.guards?.[guard] ?? `${spec.noun}尚不满足办理条件`;
    },
  };
}

/** The states of a machine (for zod enums and exhaustive tables). */
export type StateOf<M> = M extends Machine<infer S, string, string, string> ? S : never;
/** The actions of a machine. */
export type ActionOf<M> = M extends Machine<string, infer A, string, string> ? A : never;
/** The roles of a machine. */
export type RoleOf<M> = M extends Machine<string, string, infer R, string> ? R : never;
