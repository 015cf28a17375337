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

/**
 * Every page of a ledger, in order (stops at the first short page). No page limit of its own: a commission-wide reader
 * of a property test's data walks 1,820 items a page of 1 (the walk once stopped at page 499 and the comparison failed
 * whenever fast-check drew such a reader with a page of 1–3); a ledger that never returns a short page fails loudly.
 */
export async function walk(fetch: (page: number, pageSize: number) => Promise<{ items: { id: string }[]; total: number }>, pageSize: number) {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    if (page > WALK_PAGE_GUARD) throw new Error(`walk: more than ${WALK_PAGE_GUARD} pages of ${pageSize}; the ledger never returned a short page`);
    const r = await fetch(page, pageSize);
    ids.push(...r.items.map((i) => i.id));
    if (r.items.length < pageSize) break;
  }
  return ids;
}

/** Far above any property test's data (a runaway ledger, not a large one). */
const WALK_PAGE_GUARD = 100_000;
