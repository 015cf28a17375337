import type { Db } from '../src/db/pool';
import type { Actor } from '../src/platform/access';
import { loadAccountActor } from '../src/platform/account-actor';
import type { Ctx } from '../src/platform/context';

/*
 * Shared by the property tests of the keyed ledgers (issue 12): an account's actor as the session hook builds it
 * (roles, clearance, the org scope at the current scope epoch), a service context for it, and a walk over every page
 * of a ledger.
 */

/** The actor of an account, as a signed-in request carries it (platform/account-actor.ts). */
export const actorOf = (db: Db, userId: string): Promise<Actor> => loadAccountActor(db, { userId });

/** A service context of an actor (no request, no transaction). */
export const ctxOf = (db: Db, actor: Actor) => ({ db, actor }) as unknown as Ctx;

/** Every page of a ledger, in order (stops at the first short page). */
export async function walk(fetch: (page: number, pageSize: number) => Promise<{ items: { id: string }[]; total: number }>, pageSize: number) {
  const ids: string[] = [];
  for (let page = 1; page < 500; page++) {
    const r = await fetch(page, pageSize);
    ids.push(...r.items.map((i) => i.id));
    if (r.items.length < pageSize) break;
  }
  return ids;
}
