import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** A per-commission setting (time limits not fixed by rules, password policy, timeouts). */
export interface Setting {
  key: string;
  value: number;
  default: number;
  labelZh: string;
  labelEn: string;
  editable: boolean;
}

const SETTINGS = ['settings'] as const;

export function useSettings() {
  return useQuery({
    queryKey: [...SETTINGS],
    queryFn: ({ signal }) => api.get<{ items: Setting[] }>('/api/v1/settings', undefined, signal),
  });
}

export function useSaveSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, value }: { key: string; value: number }) => api.put<Setting>(`/api/v1/settings/${encodeURIComponent(key)}`, { value }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SETTINGS }),
  });
}
