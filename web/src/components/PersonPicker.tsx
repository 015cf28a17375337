import type { Person } from '@liandong/domain/org/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useT } from '../lib/i18n';

/**
 * 从人员信息中选择: a person record the commission already holds, searched in the caller's scope (GET /people) —
 * the cadre of a 党风廉政意见回复, of a 廉政档案 or of a consultation request.
 */
export function PersonPicker({
  id,
  value,
  onChange,
  onPick,
  testId,
  placeholder,
  width = 220,
}: {
  id?: string;
  /** Defaults to 从人员信息中选择. */
  placeholder?: string;
  width?: number;
  /** data-testid of the select (browser journeys). */
  testId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  onPick: (p: Person | null) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['people', 'pick', q],
    queryFn: ({ signal }) => api.get<{ items: Person[] }>('/api/v1/people', { q: q || undefined, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  const items = people.data?.items ?? [];
  return (
    <Select
      id={id}
      allowClear
      showSearch
      filterOption={false}
      style={{ width }}
      placeholder={placeholder ?? t('integrity.personPlaceholder')}
      aria-label={placeholder ?? t('integrity.personPlaceholder')}
      value={value}
      onSearch={setQ}
      onChange={(v: string | undefined) => {
        onChange?.(v);
        onPick(items.find((p) => p.id === v) ?? null);
      }}
      options={items.map((p) => ({ value: p.id, label: `${p.nameZh}（${p.unitName ?? ''}${p.position ?? ''}）` }))}
      notFoundContent={null}
      data-testid={testId}
    />
  );
}
