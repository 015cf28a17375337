import { Tag } from 'antd';
import type { FieldDef } from '../../components/entity';
import type { TFunction } from '../../lib/i18n';
import type { DictionaryItem } from './api';

/** 字典项 */
export function dictionaryItemFields(t: TFunction): FieldDef<DictionaryItem>[] {
  return [
    { key: 'code', title: t('dict.itemCode'), width: 180, render: (i) => <span className="ld-mono">{i.code}</span> },
    { key: 'labelZh', title: t('dict.labelZh') },
    { key: 'labelEn', title: t('dict.labelEn') },
    { key: 'sortOrder', title: t('dict.sortOrder'), width: 80 },
    {
      key: 'active',
      title: t('common.status'),
      width: 90,
      render: (i) => (i.active ? <Tag color="green">{t('dict.active')}</Tag> : <Tag>{t('dict.inactive')}</Tag>),
    },
  ];
}
