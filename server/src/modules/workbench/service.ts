import { ADMIN_ROLES } from '@liandong/domain/access/enums';
import type { Workbench, WorkbenchCard } from '@liandong/domain/workbench/contracts';
import { hasAnyRole } from '../../platform/access';
import type { Ctx } from '../../platform/context';
import { CARDS, type CardSpec, type Params } from './cards';

/** `path?query` with repeated keys for arrays, as the ledgers read them. */
export function withQuery(path: string, params: Params): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) sp.append(k, one);
  const qs = sp.toString();
  return qs ? `${path}?${qs}` : path;
}

async function buildCard(ctx: Ctx, spec: CardSpec): Promise<WorkbenchCard> {
  const api = spec.api(ctx);
  const ledger = spec.ledger(ctx);
  const { total, rows } = await spec.fetch(ctx, api.params);
  return { key: spec.key, count: total, rows, ledger: withQuery(ledger.path, ledger.params), api: withQuery(api.path, api.params) };
}

/**
 * GET /workbench — the caller's own to-dos. A card is built only for the roles its ledger serves, so no card
 * ever asks a ledger the caller could not open; the 三员 read no business content and get no cards at all
 * (their home stays the admin shortcuts). Cards run one after another: each is two indexed statements, and a
 * burst of fifteen parallel queries per home page would crowd the pool for everyone else.
 */
export async function getWorkbench(ctx: Ctx): Promise<Workbench> {
  const business = ctx.actor.roles.some((r) => !ADMIN_ROLES.includes(r));
  if (!business) return { business: false, cards: [] };
  const cards: WorkbenchCard[] = [];
  for (const spec of CARDS) if (hasAnyRole(ctx.actor, spec.roles)) cards.push(await buildCard(ctx, spec));
  return { business: true, cards };
}
