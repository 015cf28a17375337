import type { OrgDetailSchema, Zone } from '@liandong/domain/org/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

/**
 * Reads of the organisation structure that several features use (an item's orgs, zone pickers).
 * Features import these instead of each other (style rule 13); the org feature owns the writes and
 * invalidates these keys after any structural change.
 */
export const ORGS_KEY = ['orgs'] as const;
export const ZONES_KEY = ['zones'] as const;

export function useOrg(id: string | null) {
  return useQuery({
    queryKey: [...ORGS_KEY, 'detail', id],
    queryFn: ({ signal }) => api.get<z.infer<typeof OrgDetailSchema>>(`/api/v1/orgs/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useZones() {
  return useQuery({
    queryKey: [...ZONES_KEY],
    queryFn: ({ signal }) => api.get<{ items: Zone[]; abilities: { create: boolean } }>('/api/v1/zones', undefined, signal),
  });
}
