import { Tag } from 'antd';
import type { FieldDef } from '../../components/entity';
import { orDash } from '../../lib/format';
import type { TFunction } from '../../lib/i18n';
import type { Person } from './api';

/** 人员: one definition for the list and the detail drawer. */
export function personFields(t: TFunction): FieldDef<Person>[] {
  return [
    { key: 'nameZh', title: t('people.name'), width: 110 },
    { key: 'gender', title: t('people.gender'), width: 70, render: (p) => (p.gender === 'M' ? t('people.male') : p.gender === 'F' ? t('people.female') : '—') },
    { key: 'unitName', title: t('people.unit'), ellipsis: true, render: (p) => orDash(p.unitName) },
    { key: 'position', title: t('people.position'), render: (p) => orDash(p.position), ellipsis: true },
    { key: 'rankLevel', title: t('people.rankLevel'), width: 120, render: (p) => orDash(p.rankLevel) },
    {
      key: 'partyMember',
      title: t('people.partyMember'),
      width: 90,
      render: (p) => (p.partyMember ? <Tag color="red">{t('people.partyYes')}</Tag> : t('people.partyNo')),
    },
    {
      key: 'isSupervisionObject',
      title: t('people.supervisionObject'),
      width: 110,
      render: (p) => (p.isSupervisionObject ? <Tag color="orange">{t('people.supervisionYes')}</Tag> : <Tag>{t('people.supervisionNo')}</Tag>),
    },
    { key: 'idNumberMasked', title: t('people.idNumber'), width: 190, render: (p) => <span className="ld-mono">{orDash(p.idNumberMasked)}</span> },
  ];
}
