import type { OrgKind } from '@liandong/domain/org/enums';
import { ORG_KIND_LABELS } from '@liandong/domain/org/enums';
import { useQueries } from '@tanstack/react-query';
import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../lib/i18n';

/** The slice of an organisation a picker needs (GET /api/v1/orgs items). */
interface OrgOption {
  id: string;
  nameZh: string;
  kind: OrgKind;
  retired: boolean;
}

export interface KnownOrg {
  id: string;
  name: string;
}

interface OrgSelectProps extends Omit<SelectProps<string | string[]>, 'options' | 'onSearch' | 'filterOption' | 'showSearch'> {
  /** Restrict to these kinds (one request per kind). */
  kinds?: readonly OrgKind[];
  /** Labels for values that may not be in the first page of results (the current parent, the user's org). */
  known?: KnownOrg[];
  /** Only direct children of this org (e.g. the townships of a county). */
  parentId?: string;
  /** Any of the commission's own discipline bodies, not only those in the caller's scope (GET /orgs?directory=true). */
  directory?: boolean;
}

/** A searchable organisation picker backed by GET /api/v1/orgs?q=&kind= (retired orgs excluded). */
export function OrgSelect({ kinds, known, parentId, directory, ...rest }: OrgSelectProps) {
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const kindList: (OrgKind | undefined)[] = kinds?.length ? [...kinds] : [undefined];
  const results = useQueries({
    queries: kindList.map((kind) => ({
      queryKey: ['orgs', 'options', kind ?? '', parentId ?? '', q, directory ? 'directory' : ''],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<{ items: OrgOption[] }>('/api/v1/orgs', { q, kind, parentId, pageSize: 50, ...(directory ? { directory: true } : {}) }, signal),
      staleTime: 60_000,
    })),
  });
  const loading = results.some((r) => r.isFetching);
  const dataKey = results.map((r) => r.dataUpdatedAt).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: dataKey tracks the query results
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string; title?: string }[] = [];
    for (const r of results) {
      for (const org of r.data?.items ?? []) {
        if (seen.has(org.id) || org.retired) continue;
        seen.add(org.id);
        out.push({ value: org.id, label: org.nameZh, title: label(ORG_KIND_LABELS, org.kind) });
      }
    }
    for (const k of known ?? []) {
      if (!seen.has(k.id)) out.push({ value: k.id, label: k.name });
    }
    return out;
  }, [dataKey, known, label]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={t('common.selectOrg')}
      notFoundContent={loading ? <Spin size="small" /> : t('common.noMatch')}
      options={options}
      {...rest}
    />
  );
}
