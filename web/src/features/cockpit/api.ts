import type { Cockpit, CockpitDimension, CockpitLink } from '@liandong/domain/cockpit/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, toQueryString } from '../../api/client';

/** Shapes of the cockpit come from the shared contracts (domain/src/cockpit/contracts.ts). */
export type { Cockpit, CockpitCell, CockpitDimension, CockpitLink, CockpitMetric, CockpitRow } from '@liandong/domain/cockpit/contracts';

export interface CockpitFilters {
  year: number;
  dimension: CockpitDimension;
  sector?: string;
}

const query = (f: CockpitFilters) => ({ year: f.year, dimension: f.dimension, sector: f.sector });

/** GET /api/v1/cockpit — figures computed by the server within the caller's scope. */
export function useCockpit(f: CockpitFilters) {
  return useQuery({
    queryKey: ['cockpit', f.year, f.dimension, f.sector ?? ''],
    queryFn: ({ signal }) => api.get<Cockpit>('/api/v1/cockpit', query(f), signal),
    placeholderData: keepPreviousData,
  });
}

export const cockpitExportUrl = (f: CockpitFilters) => `/api/v1/cockpit/export.xlsx${toQueryString(query(f))}`;
export const cockpitDocxUrl = (f: CockpitFilters) => `/api/v1/cockpit/summary.docx${toQueryString(query(f))}`;

/** The web route of a figure's ledger with its filters (repeated keys for lists). */
export function screenHref(link: CockpitLink): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(link.query)) for (const x of Array.isArray(v) ? v : [v]) sp.append(k, x);
  return `${link.screen}?${sp}`;
}
