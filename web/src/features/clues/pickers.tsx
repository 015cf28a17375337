import type { ClueState } from '@liandong/domain/clues/machine';
import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../../lib/i18n';
import { useClueSearch, useStaff } from './api';

interface ClueSelectProps extends Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'> {
  /** Only clues in these states (e.g. open clues as merge targets). */
  states?: ClueState[];
  /** Clues not to offer (the clue itself). */
  exclude?: string[];
}

/** A searchable clue picker over the ledger (full text: number, title, subject), visible clues only. */
export function ClueSelect({ states, exclude, ...rest }: ClueSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useClueSearch(q, states);
  const options = useMemo(
    () =>
      (query.data?.items ?? [])
        .filter((c) => !exclude?.includes(c.id))
        .map((c) => ({ value: c.id, label: `${c.clueNo ?? t('clue.noNumber')} · ${c.title}（${c.subjectName}）` })),
    [query.data, exclude, t],
  );
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={t('clueAct.mergeSearch')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      options={options}
      {...rest}
    />
  );
}

interface StaffSelectProps extends Omit<SelectProps<string | string[]>, 'options' | 'showSearch' | 'filterOption'> {
  /** Labels for already chosen people that may not be in the first page of results. */
  known?: { id: string; name: string }[];
}

/** A searchable picker of the commission's staff (核查组 members, meeting chair and participants). */
export function StaffSelect({ known, ...rest }: StaffSelectProps) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useStaff(q);
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
      placeholder={t('clueVer.pickUser')}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('common.noMatch')}
      options={options}
      {...rest}
    />
  );
}
