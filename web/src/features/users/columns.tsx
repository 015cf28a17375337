import { CLASSIFICATION_LABELS, ROLE_LABELS, USER_STATUS_LABELS } from '@liandong/domain/access/enums';
import { Badge, Tag, Tooltip } from 'antd';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import type { FieldDef } from '../../components/entity';
import { roleColor, USER_STATUS_COLORS } from '../../lib/colors';
import { formatDateTime } from '../../lib/format';
import type { TFunction } from '../../lib/i18n';
import type { User } from './api';

/** 用户: one definition for the list and the detail view. */
export function userFields(t: TFunction): FieldDef<User>[] {
  return [
    { key: 'username', title: t('users.username'), width: 140, fixed: 'left', render: (u) => <span className="ld-mono">{u.username}</span> },
    { key: 'displayName', title: t('users.displayName'), width: 110 },
    { key: 'orgName', title: t('users.org'), width: 200, ellipsis: true },
    { key: 'roles', title: t('users.roles'), render: (u) => <EnumTags labels={ROLE_LABELS} values={u.roles} colors={roleColor} /> },
    {
      key: 'clearance',
      title: t('users.clearance'),
      width: 100,
      render: (u) => <EnumTag labels={CLASSIFICATION_LABELS} value={u.clearance} colors={{ WORK_SECRET: 'orange' }} />,
    },
    {
      key: 'status',
      title: t('common.status'),
      width: 150,
      render: (u) => (
        <>
          <EnumTag labels={USER_STATUS_LABELS} value={u.status} colors={USER_STATUS_COLORS} />
          {u.lockedUntil ? (
            <Tooltip title={t('users.lockedUntil', { at: formatDateTime(u.lockedUntil) })}>
              <Tag color="red">{t('users.locked')}</Tag>
            </Tooltip>
          ) : null}
          {u.mustChangePassword ? <Tag color="gold">{t('users.mustChange')}</Tag> : null}
        </>
      ),
    },
    {
      key: 'totpEnabled',
      title: t('users.totp'),
      width: 90,
      render: (u) => <Badge status={u.totpEnabled ? 'success' : 'default'} text={u.totpEnabled ? t('users.totpOn') : t('users.totpOff')} />,
    },
    { key: 'lastLoginAt', title: t('users.lastLoginAt'), width: 150, render: (u) => formatDateTime(u.lastLoginAt) },
  ];
}
