import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../lib/i18n';

/** One account offered by a staff search endpoint (GET /meetings/staff, GET /clue-staff …). */
export interface StaffHit {
  id: string;
  name: string;
  orgName: string | null;
}

/** What a staff search hook returns: the query's page of accounts and whether it is fetching. */
export interface StaffSearch {
  data?: { items: StaffHit[] };
  isFetching: boolean;
}

export interface StaffSearchSelectProps extends Omit<SelectProps<string | string[]>, 'options' | 'showSearch' | 'filterOption'> {
  /**
   * The module's search hook (its own endpoint and route roles: who may pick whom is the server's rule of
   * that module). Must be a stable, module-level hook.
   */
  useSearch: (q: string) => StaffSearch;
  /** Labels for already chosen people that may not be in the first page of results. */
  known?: { id: string; name: string }[];
}

/**
 * The searchable picker of the commission's accounts behind every "who takes part" field — a meeting's
 * chair and attendees, a screening meeting's chair and participants, a 核查组 — searched on the server as
 * the user types (deferred), labelled "姓名（单位）". One component, so the forms pick people alike.
 */
export function StaffSearchSelect({ useSearch, known, ...rest }: StaffSearchSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useSearch(q);
  const options = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const s of query.data?.items ?? []) {
      seen.add(s.id);
      out.push({ value: s.id, label: s.orgName ? `${s.name}（${s.orgName}）` : s.name });
    }
    for (const k of known ?? []) if (!seen.has(k.id)) out.push({ value: k.id, label: k.name });
    return out;
  }, [query.data, known]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      options={options}
      {...rest}
    />
  );
}
