import type { Person } from '@liandong/domain/org/contracts';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useT } from '../../lib/i18n';

/**
 * 从人员信息中选择: links a cadre to a person record the commission already holds (in the caller's scope),
 * so that clues and cases naming that person are found even where the record names them otherwise.
 */
export function PersonPicker({
  id,
  value,
  onChange,
  onPick,
  testId,
}: {
  id?: string;
  /** data-testid of the select (browser journeys). */
  testId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  onPick: (p: Person | null) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const people = useQuery({
    queryKey: ['integrity', 'people', q],
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
      style={{ width: 220 }}
      placeholder={t('integrity.personPlaceholder')}
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
