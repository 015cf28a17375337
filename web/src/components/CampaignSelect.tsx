import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { api } from '../api/client';
import { useI18n } from '../lib/i18n';

/** The slice of a campaign a picker needs (GET /api/v1/campaigns items). */
interface CampaignOption {
  id: string;
  name: string;
  year: number;
  state: string;
}

interface CampaignSelectProps extends Omit<SelectProps<string>, 'options' | 'filterOption' | 'showSearch'> {
  /** A label for the current value when it is not among the campaigns the caller sees (kept, not lost). */
  known?: { id: string; name: string } | null;
}

/**
 * 专项整治 picker replacing every free-text campaign name: the campaigns the caller may see (the server
 * answers only those, and refuses any other id), shown as "name（year）", searchable by name.
 */
export function CampaignSelect({ known, placeholder, ...rest }: CampaignSelectProps) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['campaigns', 'options'],
    queryFn: ({ signal }) => api.get<{ items: CampaignOption[]; total: number }>('/api/v1/campaigns', { pageSize: 100 }, signal),
    staleTime: 60_000,
  });
  const options = useMemo(() => {
    const out = (query.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.year}）` }));
    if (known && !out.some((o) => o.value === known.id)) out.push({ value: known.id, label: known.name });
    return out;
  }, [query.data, known]);
  return (
    <Select
      showSearch
      allowClear
      loading={query.isFetching}
      placeholder={placeholder ?? t('campaignLink.choose')}
      options={options}
      filterOption={(input, option) => String(option?.label ?? '').includes(input.trim())}
      {...rest}
    />
  );
}
