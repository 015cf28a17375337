import type { SettingItem } from '@liandong/domain/settings/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** A per-commission setting (domain/src/settings/contracts.ts): value, default, unit and bounds. */
export type { SettingItem as Setting } from '@liandong/domain/settings/contracts';

const SETTINGS = ['settings'] as const;

export function useSettings() {
  return useQuery({
    queryKey: [...SETTINGS],
    queryFn: ({ signal }) => api.get<{ items: SettingItem[] }>('/api/v1/settings', undefined, signal),
  });
}

export function useSaveSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value, version }: { key: string; value: number | string; version?: number }) =>
      api.put<SettingItem>(`/api/v1/settings/${encodeURIComponent(key)}`, { value, version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SETTINGS }),
  });
}
