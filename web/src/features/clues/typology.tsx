import { CLUE_TYPOLOGY_DICTIONARY } from '@liandong/domain/clues/typology';
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../lib/i18n';

/*
 * 典型问题类型 (typology) of campaign screening: the active items of the commission's CLUE_TYPOLOGY
 * dictionary (a commission may add its own), read from GET /api/v1/dictionaries like the admin screen.
 */

interface DictionaryPage {
  items: { code: string; items: { code: string; labelZh: string; labelEn: string; active: boolean }[] }[];
}

/** code → label in the current language, and the active options. */
export function useTypology() {
  const { lang } = useI18n();
  const query = useQuery({
    queryKey: ['dictionaries'],
    queryFn: ({ signal }) => api.get<DictionaryPage>('/api/v1/dictionaries', undefined, signal),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const items = query.data?.items.find((d) => d.code === CLUE_TYPOLOGY_DICTIONARY)?.items ?? [];
    const labelOf = (code: string) => {
      const i = items.find((x) => x.code === code);
      return i ? (lang === 'en-US' ? i.labelEn : i.labelZh) : code;
    };
    const options = items.filter((i) => i.active).map((i) => ({ value: i.code, label: lang === 'en-US' ? i.labelEn : i.labelZh }));
    return { labelOf, options, loading: query.isFetching };
  }, [query.data, query.isFetching, lang]);
}

/** Multi-select of typology tags. */
export function TypologySelect(props: Omit<SelectProps<string[]>, 'options' | 'mode'>) {
  const { t } = useI18n();
  const { options, loading } = useTypology();
  return <Select mode="multiple" allowClear loading={loading} placeholder={t('campaignLink.chooseTypology')} options={options} {...props} />;
}

/** The tags of a clue as antd tags ("—" when none). */
export function TypologyTags({ codes }: { codes: readonly string[] }) {
  const { labelOf } = useTypology();
  if (!codes.length) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {codes.map((c) => (
        <Tag key={c} color="volcano">
          {labelOf(c)}
        </Tag>
      ))}
    </Space>
  );
}
