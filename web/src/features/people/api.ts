import type { Person } from '@liandong/domain/org/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** 人员 (GET /api/v1/people items, domain/src/org/contracts.ts). The ID number is listed masked only. */
export type { Person } from '@liandong/domain/org/contracts';

export interface PeopleFilters {
  unitId?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export function usePeople(filters: PeopleFilters) {
  return useQuery({
    queryKey: ['people', 'list', filters],
    queryFn: ({ signal }) => api.get<{ items: Person[]; total: number }>('/api/v1/people', { ...filters }, signal),
    placeholderData: (prev) => prev,
  });
}

export function usePerson(id: string | null) {
  return useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: ({ signal }) => api.get<Person>(`/api/v1/people/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** 查看身份证号: audited on the server (person.sensitive_read); never cached. */
export function useRevealIdNumber() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ idNumber: string }>(`/api/v1/people/${encodeURIComponent(id)}/reveal-id-number`),
  });
}

/** 录入身份证号: stored encrypted (SM4); the server checks the check character. */
export function useSetIdNumber() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, idNumber }: { id: string; version: number; idNumber: string }) =>
      api.put<Person>(`/api/v1/people/${encodeURIComponent(id)}/id-number`, { version, idNumber }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
}
