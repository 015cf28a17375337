import type { ClueState } from '@liandong/domain/clues/machine';
import { Select, type SelectProps, Spin } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../../lib/i18n';
import { StaffSearchSelect, type StaffSearchSelectProps } from '../../components/StaffSearchSelect';
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

type StaffSelectProps = Omit<StaffSearchSelectProps, 'useSearch'>;

/** A searchable picker of the commission's staff (核查组 members, meeting chair and participants), from GET /clue-staff. */
export function StaffSelect(props: StaffSelectProps) {
  const t = useT();
  return <StaffSearchSelect useSearch={useStaff} placeholder={t('clueVer.pickUser')} {...props} />;
}
