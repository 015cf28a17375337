import { useState } from 'react';
import { useSearchParams } from 'react-router';

/*
 * List filters: kept in the address (the back button from a record restores the view and a filtered
 * list can be linked to), or in the screen's state.
 */

/** Filters in the screen's state: set() applies a patch from page 1, onPage() turns the page. */
export function useListFilters<F extends { page: number; pageSize: number }>(initial: F) {
  const [filters, setFilters] = useState<F>(initial);
  const set = (patch: Partial<F>) => setFilters((f) => ({ ...f, page: 1, ...patch }));
  const onPage = (page: number, pageSize: number) => setFilters((f) => ({ ...f, page, pageSize }));
  return { filters, set, onPage };
}

export type FilterPatch = Record<string, string | number | undefined>;

/** Writes a patch of filters into the address (resetting the page unless the patch sets it). */
export function useFilterUpdater() {
  const [sp, setSp] = useSearchParams();
  return (patch: FilterPatch) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in patch)) next.delete('page');
    setSp(next, { replace: true });
  };
}

/** The filters read from the address with their updater. */
export function useUrlFilters<F>(read: (sp: URLSearchParams) => F) {
  const [sp] = useSearchParams();
  const update = useFilterUpdater();
  return { filters: read(sp), update, sp };
}

/** page (from 1) and pageSize (10–100, default 20) of the address. */
export function readPaging(sp: URLSearchParams): { page: number; pageSize: number } {
  return {
    page: Math.max(1, Number(sp.get('page')) || 1),
    pageSize: Math.min(100, Math.max(10, Number(sp.get('pageSize')) || 20)),
  };
}

/** A year between 2000 and 2100, or none. */
export function readYear(sp: URLSearchParams): number | undefined {
  const year = Number(sp.get('year'));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : undefined;
}

/** A comma-separated list of known codes (unknown ones dropped), or none. */
export function readCodes<T extends string>(sp: URLSearchParams, key: string, known: readonly T[]): T[] | undefined {
  const codes = (sp.get(key) ?? '').split(',').filter((s): s is T => known.includes(s as T));
  return codes.length ? codes : undefined;
}
