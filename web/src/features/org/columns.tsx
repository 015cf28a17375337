import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, FlagOutlined, GlobalOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { Labelled } from '@liandong/domain/labels';
import {
  COVERAGE_ROLE_LABELS,
  LEADER_TITLE_LABELS,
  LINK_TYPE_LABELS,
  OFFICE_KIND_LABELS,
  ORG_KIND_LABELS,
  type OrgKind,
  ZONE_MODE_LABELS,
} from '@liandong/domain/org/enums';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { LINK_TYPE_COLORS, ORG_KIND_COLORS } from '../../lib/colors';
import { formatDate, orDash, todayIso } from '../../lib/format';
import type { TFunction } from '../../lib/i18n';
import type { Leader, Org, OrgLink, Zone } from './api';

type LabelFn = <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;

const KIND_ICONS: Record<OrgKind, ReactNode> = {
  MUNICIPAL_COMMISSION: <BankOutlined />,
  COUNTY_COMMISSION: <BankOutlined />,
  NEW_AREA_COMMISSION: <BankOutlined />,
  TOWNSHIP_COMMISSION: <EnvironmentOutlined />,
  INTERNAL_OFFICE: <ApartmentOutlined />,
  DISPATCHED_GROUP: <TeamOutlined />,
  HOST_UNIT: <ShopOutlined />,
  PARTY_COMMITTEE: <FlagOutlined />,
  EXTERNAL_AGENCY: <GlobalOutlined />,
};

export function OrgKindIcon({ kind }: { kind: OrgKind }) {
  return <span style={{ color: 'var(--ant-color-primary)' }}>{KIND_ICONS[kind]}</span>;
}

/** A link is over once its end day has passed (valid through validTo inclusive). */
export function isEnded(validTo: string | null): boolean {
  return validTo !== null && validTo.slice(0, 10) < todayIso();
}

function validity(from: string, to: string | null, t: TFunction) {
  return `${formatDate(from)} ~ ${to ? formatDate(to) : t('common.open')}`;
}

/** 组织机构: one definition for the list, the detail panel and the form labels. */
export function orgFields(t: TFunction, label: LabelFn): FieldDef<Org>[] {
  return [
    { key: 'code', title: t('org.code'), width: 120, render: (o) => <span className="ld-mono">{o.code}</span> },
    {
      key: 'nameZh',
      title: t('org.nameZh'),
      render: (o) => (
        <span className={o.retired ? 'ld-tree-retired' : undefined}>
          <OrgKindIcon kind={o.kind} /> {o.nameZh}
        </span>
      ),
    },
    { key: 'shortName', title: t('org.shortName'), width: 140 },
    { key: 'kind', title: t('org.kind'), width: 150, render: (o) => <EnumTag labels={ORG_KIND_LABELS} value={o.kind} colors={ORG_KIND_COLORS} /> },
    { key: 'officeKind', title: t('org.officeKind'), width: 150, render: (o) => (o.officeKind ? label(OFFICE_KIND_LABELS, o.officeKind) : '—') },
    { key: 'ordinal', title: t('org.ordinal'), detailOnly: true, render: (o) => orDash(o.ordinal) },
    { key: 'parentName', title: t('org.parent'), render: (o) => orDash(o.parentName), ellipsis: true },
    { key: 'regionCode', title: t('org.regionCode'), detailOnly: true, render: (o) => orDash(o.regionCode) },
    { key: 'docCode', title: t('org.docCode'), detailOnly: true, render: (o) => orDash(o.docCode) },
    { key: 'sortOrder', title: t('org.sortOrder'), detailOnly: true },
    {
      key: 'head',
      title: t('org.head'),
      detailOnly: true,
      render: (o) =>
        o.head ? (
          <span data-testid="org-head">
            {o.head.name}
            {o.head.active ? null : <Tag style={{ marginInlineStart: 8 }}>{t('org.headInactive')}</Tag>}
          </span>
        ) : (
          <Typography.Text type="secondary" data-testid="org-head">
            {t('org.headNone')}
          </Typography.Text>
        ),
    },
    { key: 'validity', title: t('org.validity'), width: 210, render: (o) => validity(o.validFrom, o.validTo, t) },
    {
      key: 'status',
      title: t('common.status'),
      width: 90,
      render: (o) => (o.retired ? <Tag>{t('org.retired')}</Tag> : <Tag color="green">{t('org.active')}</Tag>),
    },
  ];
}

/** 关联关系 (分管/联系/派驻/片区成员). */
export function linkFields(t: TFunction, label: LabelFn): FieldDef<OrgLink>[] {
  return [
    { key: 'type', title: t('link.type'), width: 120, render: (l) => <EnumTag labels={LINK_TYPE_LABELS} value={l.type} colors={LINK_TYPE_COLORS} /> },
    { key: 'fromName', title: t('link.from') },
    { key: 'toName', title: t('link.to') },
    { key: 'role', title: t('link.role'), width: 130, render: (l) => (l.role ? label(COVERAGE_ROLE_LABELS, l.role) : '—') },
    {
      key: 'validity',
      title: t('org.validity'),
      width: 210,
      render: (l) => (
        <Typography.Text type={isEnded(l.validTo) ? 'secondary' : undefined} delete={isEnded(l.validTo)}>
          {validity(l.validFrom, l.validTo, t)}
        </Typography.Text>
      ),
    },
  ];
}

/** 委领导 */
export function leaderFields(t: TFunction): FieldDef<Leader>[] {
  return [
    { key: 'nameZh', title: t('leader.name'), width: 110 },
    {
      key: 'title',
      title: t('leader.title'),
      width: 150,
      render: (l) => <EnumTag labels={LEADER_TITLE_LABELS} value={l.title} colors={{ SECRETARY: 'red', DEPUTY_SECRETARY: 'volcano' }} />,
    },
    { key: 'orgName', title: t('leader.org'), width: 180 },
    {
      key: 'oversees',
      title: t('leader.oversees'),
      span: 'filled',
      render: (l) =>
        l.oversees.length ? (
          l.oversees.map((o) => (
            <Tag key={o.linkId} color="blue" style={{ marginBlock: 2 }}>
              {o.officeName}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">{t('leader.noOversight')}</Typography.Text>
        ),
    },
    { key: 'validity', title: t('org.validity'), width: 210, render: (l) => validity(l.validFrom, l.validTo, t) },
  ];
}

/** 片区 */
export function zoneFields(t: TFunction): FieldDef<Zone>[] {
  return [
    { key: 'nameZh', title: t('zone.name'), width: 160 },
    { key: 'countyName', title: t('zone.county'), width: 150 },
    { key: 'leadOrgName', title: t('zone.lead'), width: 180 },
    {
      key: 'modes',
      title: t('zone.modes'),
      width: 220,
      render: (z) => <EnumTags labels={ZONE_MODE_LABELS} values={z.modes} colors={{ ROUTINE_JOINT: 'blue', SPECIAL: 'red', MULTI_LEVEL: 'purple' }} />,
    },
    {
      key: 'members',
      title: t('zone.members'),
      span: 'filled',
      render: (z) => (
        <span>
          {z.members.slice(0, 6).map((m) => (
            <Tag key={m.linkId} color={ORG_KIND_COLORS[m.kind]} style={{ marginBlock: 2 }}>
              {m.orgName}
            </Tag>
          ))}
          {z.members.length > 6 ? <Typography.Text type="secondary">{t('common.andMore', { count: z.members.length - 6 })}</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'validity', title: t('org.validity'), width: 210, render: (z) => validity(z.validFrom, z.validTo, t) },
  ];
}
