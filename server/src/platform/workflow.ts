import { sql } from 'kysely';
import { ownedAttachmentIds } from './attachments/evidence';
import type { AttachmentOwnerType } from './attachments/owner-types';
import type { TxCtx } from './context';
import { AppError, forbidden, notFound, staleVersion, validation } from './errors';
import { sendNotices, writeTransition } from './workflow-record';
import { columnValues, type Effects, isJob, type WorkflowCtx } from './workflow-spec';
import type { ActionEffects, AnyWorkflow, InputOf, Stateful, TransitionInput, TransitionResult, Workflow } from './workflow-types';

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
 *
 * The pieces: workflow-types.ts (the `Workflow` a module supplies), workflow-spec.ts (its declarative parts),
 * workflow-record.ts (what a decided transition writes and whom it tells); this file decides.
 */

/** The spec's declarative parts (contexts, effects, column values, hearers) live beside the kernel. */
export * from './workflow-spec';
/** What a module hands the kernel (its `Workflow`) and the shapes of a transition's input and result. */
export type { ActionEffects, EventSink, InputOf, RowOf, Stateful, TransitionInput, TransitionResult, Workflow, WorkflowOf } from './workflow-types';
/** Who may open an object as it now stands (the predicate the notices go through). */
export { openTo } from './workflow-record';

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

  const { version, payload } = await writeTransition(ctx, wf, row, action, to, fx, comment);
  if (wf.notices) await sendNotices(ctx, wf, row, input, to, fx);
  return { from: row.state, to, version, payload };
}

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
