import {
  SHARE_DETAIL_LABELS,
  SHARE_EFFECT_LABELS,
  SHARE_KIND_LABELS,
  SHARE_OBJECT_TYPE_LABELS,
  SHARE_ORIGIN_LABELS,
  SHARE_STATE_LABELS,
  type ShareEffect,
  type ShareKind,
  type ShareState,
} from '@liandong/domain/shares/enums';
import type { ShareObjectRef } from '@liandong/domain/shares/contracts';
import { Select, Spin, Tag } from 'antd';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { EnumTag } from '../../components/EnumTag';
import { useI18n } from '../../lib/i18n';
import { type SharedObject, type ShareSummary, useShareCandidates } from './api';

export const SHARE_STATE_COLORS: Record<ShareState, string> = {
  PENDING: 'processing',
  APPROVED: 'green',
  REFUSED: 'red',
  WITHDRAWN: 'default',
  REVOKED: 'volcano',
};
const EFFECT_COLORS: Record<ShareEffect, string> = { ACTIVE: 'success', NOT_STARTED: 'blue', EXPIRED: 'default', NONE: 'default' };
const KIND_COLORS: Record<ShareKind, string> = { DAILY_SUPERVISION: 'cyan', DISCIPLINARY_REVIEW: 'red', CADRE_INFO: 'purple' };

/** 共享状态 with, for an approved share, whether it is in force today (生效中 / 已到期 / 未生效). */
export function ShareStateTags({ share }: { share: Pick<ShareSummary, 'state' | 'effect'> }) {
  const { label } = useI18n();
  return (
    <span data-testid="share-state" data-state={share.state} data-effect={share.effect}>
      <Tag color={SHARE_STATE_COLORS[share.state]}>{label(SHARE_STATE_LABELS, share.state)}</Tag>
      {share.effect !== 'NONE' ? (
        <Tag color={EFFECT_COLORS[share.effect]} data-testid="share-effect">
          {label(SHARE_EFFECT_LABELS, share.effect)}
        </Tag>
      ) : null}
    </span>
  );
}

export function ShareKindTag({ value }: { value: ShareKind }) {
  return <EnumTag labels={SHARE_KIND_LABELS} value={value} colors={KIND_COLORS} />;
}
export function ShareOriginTag({ value }: { value: ShareSummary['origin'] }) {
  return <EnumTag labels={SHARE_ORIGIN_LABELS} value={value} colors={{ REQUEST: 'geekblue', PUSH: 'gold' }} />;
}
export function ShareDetailTag({ value }: { value: ShareSummary['detail'] }) {
  return <EnumTag labels={SHARE_DETAIL_LABELS} value={value} colors={{ SUMMARY: 'default', FULL: 'magenta' }} />;
}

/** What a share covers: the count of named objects, or the category types of the owner org. */
export function ShareScope({ share }: { share: Pick<ShareSummary, 'objectCount' | 'categoryTypes'> }) {
  const { t, label } = useI18n();
  if (share.categoryTypes.length)
    return (
      <span>{t('shares.scopeCategory', { types: share.categoryTypes.map((c) => label(SHARE_OBJECT_TYPE_LABELS, c)).join(t('shares.listSeparator')) })}</span>
    );
  return <span>{t('shares.scopeObjects', { count: share.objectCount })}</span>;
}

const keyOf = (o: ShareObjectRef) => `${o.type}:${o.id}`;
const refOf = (key: string): ShareObjectRef => {
  const [type, id] = key.split(':');
  return { type, id } as ShareObjectRef;
};

/** One line naming an object: type, number, title, state. */
export function objectLabel(o: SharedObject, typeLabel: string): string {
  return `${typeLabel}｜${o.number ? `${o.number} ` : ''}${o.title}${o.state ? `（${o.state}）` : ''}`;
}

/**
 * 选择共享事项: a searchable multi-select of GET /shares/candidates (objects of the kind that belong to
 * `ownerOrgId` and that the caller sees). The chosen objects keep their labels while the search changes.
 */
export function ObjectPicker({
  id,
  kind,
  ownerOrgId,
  value,
  onChange,
  testId,
}: {
  id?: string;
  kind: ShareKind | undefined;
  ownerOrgId?: string;
  value?: ShareObjectRef[];
  onChange?: (v: ShareObjectRef[]) => void;
  testId?: string;
}) {
  const { t, label } = useI18n();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const query = useShareCandidates(kind, ownerOrgId, q, true);
  const seen = useRef(new Map<string, string>());
  const options = useMemo(() => {
    for (const o of query.data?.items ?? []) seen.current.set(keyOf(o), objectLabel(o, label(SHARE_OBJECT_TYPE_LABELS, o.type)));
    const shown = new Map((query.data?.items ?? []).map((o) => [keyOf(o), seen.current.get(keyOf(o)) ?? o.title]));
    for (const v of value ?? []) if (!shown.has(keyOf(v))) shown.set(keyOf(v), seen.current.get(keyOf(v)) ?? v.id);
    return [...shown].map(([k, l]) => ({ value: k, label: l }));
  }, [query.data, value, label]);
  return (
    <Select
      id={id}
      mode="multiple"
      allowClear
      style={{ width: '100%' }}
      placeholder={t('shares.objectsPlaceholder')}
      value={(value ?? []).map(keyOf)}
      onChange={(keys: string[]) => onChange?.(keys.map(refOf))}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={query.isFetching ? <Spin size="small" /> : t('shares.noCandidates')}
      options={options}
      data-testid={testId}
    />
  );
}

/**
 * The server names the period's ends and each chosen object or type separately; the form shows them on
 * the range field and on the one picker.
 */
export function toFormFields(err: unknown, periodField = true): unknown {
  if (!(err instanceof ApiError) || !err.details.issues?.length) return err;
  const field = (path: string) => (periodField && /^(startsOn|endsOn)$/.test(path) ? 'period' : path.replace(/^(objects|categoryTypes)\..*$/, '$1'));
  const issues = err.details.issues.map((i) => ({ ...i, path: field(i.path) }));
  return new ApiError(err.status, err.code, err.message, { ...err.details, issues }, err.requestId);
}
