import { Select, type SelectProps } from 'antd';
import { useMemo } from 'react';
import { useDictionaries } from '../features/dictionaries/api';
import { useI18n } from '../lib/i18n';

interface DictionarySelectProps extends Omit<SelectProps<string>, 'options' | 'filterOption' | 'showSearch'> {
  /** The dictionary's code, e.g. SECTOR (行业领域) or PROBLEM_TYPE. */
  dictionary: string;
}

/** Picker over the active items of a business dictionary (数据字典), labelled in the UI language, searchable. */
export function DictionarySelect({ dictionary, ...rest }: DictionarySelectProps) {
  const { lang } = useI18n();
  const query = useDictionaries();
  const options = useMemo(() => {
    const d = query.data?.items.find((x) => x.code === dictionary);
    return (d?.items ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: lang === 'zh-CN' ? i.labelZh : i.labelEn }));
  }, [query.data, dictionary, lang]);
  return <Select showSearch allowClear loading={query.isFetching} optionFilterProp="label" options={options} {...rest} />;
}
