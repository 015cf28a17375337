import { sql } from 'kysely';
import type { Db } from '../db/pool';
import { SingleFlight } from './epoch-cache';

/**
 * The names a ledger page shows, kept per node (issue 12, migration 0090): every org's name (名称), every campaign's
 * name (专项整治) and every dictionary item's label (字典), under the data epoch 'names' that any write of them bumps in
 * its transaction. A page statement selects `namesEpochSql` beside its rows (one read of a one-row area, no join per
 * row); `presentNames` answers the names of that epoch: kept, or loaded in one statement together with the epoch they
 * were read at. Loaded names are those of that epoch or of a later one (a write committed in between), never older
 * than the page's rows; the next page, whose epoch moved, loads them again.
 */
export interface PresentNames {
  /** The epoch the names were read at. */
  epoch: string;
  /** Org id → name_zh. */
  orgs: ReadonlyMap<string, string>;
  /** Campaign id → name. */
  campaigns: ReadonlyMap<string, string>;
  /** `${commissionId}|${dictionary code}|${item code}` → label_zh. */
  labels: ReadonlyMap<string, string>;
}

/** The names epoch, read once per statement (an InitPlan), as text. */
export const namesEpochSql = sql<string>`(SELECT ne.epoch::text FROM data_epoch ne WHERE ne.area = 'names')`;

/** Few epochs are alive at once: a page's epoch is the newest or the one before it. */
const kept = new SingleFlight<PresentNames>(4, 1);

/** The names at `epoch` (the page statement's `namesEpochSql`), from this node's memo or loaded once. */
export function presentNames(db: Db, epoch: string): Promise<PresentNames> {
  return kept.get(db, epoch, () => loadNames(db));
}

async function loadNames(db: Db): Promise<PresentNames> {
  const { rows } = await sql<{ epoch: string; org_ids: string[]; org_names: string[]; cp_ids: string[]; cp_names: string[]; keys: string[]; labels: string[] }>`
    SELECT ${namesEpochSql} AS epoch,
      ARRAY(SELECT o.id::text FROM org o ORDER BY o.id) AS org_ids, ARRAY(SELECT o.name_zh FROM org o ORDER BY o.id) AS org_names,
      ARRAY(SELECT cp.id::text FROM campaign cp ORDER BY cp.id) AS cp_ids, ARRAY(SELECT cp.name FROM campaign cp ORDER BY cp.id) AS cp_names,
      ARRAY(SELECT d.commission_id || '|' || d.code || '|' || i.code FROM dictionary d JOIN dictionary_item i ON i.dictionary_id = d.id ORDER BY i.id) AS keys,
      ARRAY(SELECT i.label_zh FROM dictionary d JOIN dictionary_item i ON i.dictionary_id = d.id ORDER BY i.id) AS labels`.execute(db);
  const r = rows[0];
  if (!r) throw new Error('names: no row');
  const zip = (ids: string[], names: string[]) => new Map(ids.map((id, i) => [id, names[i] as string]));
  return { epoch: r.epoch, orgs: zip(r.org_ids, r.org_names), campaigns: zip(r.cp_ids, r.cp_names), labels: zip(r.keys, r.labels) };
}

/**
 * An org's name, or null for no org. An org the kept names lack (it cannot be: rows keep their orgs, and the names are
 * of the page's epoch or later) fails loudly rather than show a wrong name.
 */
export function orgName(names: PresentNames, id: string | null): string | null {
  if (id === null) return null;
  const n = names.orgs.get(id);
  if (n === undefined) throw new Error(`names: org ${id} unknown at epoch ${names.epoch}`);
  return n;
}

/** A campaign's name, or null (no campaign, as the joined `(SELECT cp.name …)` answered). */
export function campaignName(names: PresentNames, id: string | null): string | null {
  return id === null ? null : (names.campaigns.get(id) ?? null);
}

/** `dictionaryLabel`'s answer: the item's label in the commission's dictionary, else the code itself (null for none). */
export function dictionaryLabelOf(names: PresentNames, commissionId: string, dictionary: string, code: string | null): string | null {
  return code === null ? null : (names.labels.get(`${commissionId}|${dictionary}|${code}`) ?? code);
}
