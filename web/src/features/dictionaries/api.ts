import type { DictionaryItem, DictionarySchema, SaveDictionaryItemBody } from '@liandong/domain/dictionaries/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../api/client';

/** 数据字典 shapes (domain/src/dictionaries/contracts.ts): system lists keep their codes, labels may change. */
export type { DictionaryItem } from '@liandong/domain/dictionaries/contracts';
export type Dictionary = z.infer<typeof DictionarySchema>;
export type DictionaryItemInput = SaveDictionaryItemBody;

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
