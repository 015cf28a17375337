import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

/** 人员 (GET /api/v1/people items). The ID number is masked; the full one only through reveal. */
export interface Person {
  id: string;
  nameZh: string;
  gender: 'M' | 'F' | null;
  unitId: string;
  unitName: string;
  position: string | null;
  rankLevel: string | null;
  partyMember: boolean;
  /** 监察对象 */
  isSupervisionObject: boolean;
  hasIdNumber: boolean;
  idNumberMasked: string | null;
}

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
