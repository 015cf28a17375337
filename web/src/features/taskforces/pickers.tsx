import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useT } from '../../lib/i18n';
import { type TaskForceCandidates, useCandidates } from './api';

export type Candidate = TaskForceCandidates['items'][number];

interface UserPickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The picked account with its org chain (the from-org choices). */
  onPick?: (candidate: Candidate | undefined) => void;
  /** Shown while the list has not loaded this account (editing an existing 专班). */
  known?: { id: string; label: string };
  testId?: string;
}

/** Staff picker for co-leaders and members: server-side search by name, account, org or post. */
export function UserPicker({ value, onChange, onPick, known, testId }: UserPickerProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q);
  const list = useCandidates(deferred);
  const items = list.data?.items ?? [];
  const options = items.map((c) => ({ value: c.id, label: `${c.name}（${c.org.name}${c.position ? ` · ${c.position}` : ''}）` }));
  if (known && !options.some((o) => o.value === known.id)) options.unshift({ value: known.id, label: known.label });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={value}
      placeholder={t('taskforce.pickUser')}
      loading={list.isFetching}
      options={options}
      data-testid={testId}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPick?.(items.find((c) => c.id === v));
      }}
    />
  );
}

/** The orgs a picked person may be seconded from: their own org (the default) or one above it. */
export function FromOrgSelect({
  candidate,
  known,
  value,
  onChange,
}: {
  candidate?: Candidate;
  /** The current origin when nobody was picked anew (editing an existing 专班). */
  known?: { id: string; name: string } | null;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const t = useT();
  const options = (candidate?.orgChain ?? []).map((o) => ({ value: o.id, label: o.name }));
  if (!candidate && known) options.push({ value: known.id, label: known.name });
  return <Select allowClear value={value} onChange={onChange} placeholder={t('taskforce.fromOrgDefault')} options={options} />;
}
