import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface DictionaryItem {
  code: string;
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  active: boolean;
  version: number;
}

/** 数据字典: a code list administrators may extend (system lists keep their codes). */
export interface Dictionary {
  code: string;
  nameZh: string;
  nameEn: string;
  isSystem: boolean;
  items: DictionaryItem[];
}

export interface DictionaryItemInput {
  labelZh: string;
  labelEn: string;
  sortOrder: number;
  active: boolean;
  /** Omitted when the item is new. */
  version?: number;
}

const DICTS = ['dictionaries'] as const;

export function useDictionaries() {
  return useQuery({
    queryKey: [...DICTS],
    queryFn: ({ signal }) => api.get<{ items: Dictionary[]; abilities: { edit: boolean } }>('/api/v1/dictionaries', undefined, signal),
  });
}

export function useSaveDictionaryItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ dict, item, body }: { dict: string; item: string; body: DictionaryItemInput }) =>
      api.put<DictionaryItem>(`/api/v1/dictionaries/${encodeURIComponent(dict)}/items/${encodeURIComponent(item)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: DICTS }),
  });
}
