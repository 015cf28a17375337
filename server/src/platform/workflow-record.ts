import { sql } from 'kysely';
import { auditFrom, refs, writeAudit } from './audit';
import type { TxCtx } from './context';
import { notify, type VisibleTo, whoMayOpen } from './inbox';
import { type Audience, type Effects, isJob, type WorkflowCtx } from './workflow-spec';
import type { AnyWorkflow, Stateful, TransitionInput } from './workflow-types';

/*
 * What a transition the kernel (platform/workflow.ts) has decided writes and tells, in this order: the state write
 * (with the version, the previous state and the action's columns), the timeline row and the typed audit entries, then
 * the notices to those who may open the object as it now stands.
 */

/**
 * Writes one decided transition of `row` to `to`: its columns, its event row and its audit entries (`comment`: the
 * input's, the text unless the effects give their own). Answers the new version and the payload recorded.
 */
export async function writeTransition<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx>(
  ctx: C,
  wf: AnyWorkflow<Row, S, A, In, C>,
  row: Row,
  action: A,
  to: S,
  fx: Effects,
  comment: string | null,
): Promise<{ version: number; payload: Record<string, unknown> }> {
  const m = wf.machine;
  const spec = m.table[action];
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
  return { version, payload };
}

/** Who may open the object as it now stands: the workflow's scope as a `whoMayOpen` predicate. */
export function openTo(wf: Pick<AnyWorkflow<never, never, never, never, never>, 'table' | 'scope'>, id: string): VisibleTo {
  const { alias, join, visible } = wf.scope;
  return (a) => sql`SELECT 1 FROM ${sql.table(wf.table)} AS ${sql.raw(alias)} ${join ?? sql``}
    WHERE ${sql.ref(`${alias}.id`)} = ${id}::uuid AND ${visible(a)}`;
}

/** Sends the transition's notices: to each hearer and audience that may open the object, never to the actor, once each. */
export async function sendNotices<Row extends Stateful<S>, S extends string, A extends string, In extends TransitionInput<A>, C extends WorkflowCtx>(
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
