import { describeUserAgent } from '@liandong/domain/platform/user-agent';
import type { Session } from '@liandong/domain/auth/contracts';
import { Tag, Tooltip, Typography } from 'antd';
import type { FieldDef } from '../../components/entity';
import { formatDateTime, formatTimestamp, orDash } from '../../lib/format';
import type { TFunction } from '../../lib/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import type { LoginLogEntry } from './api';

/** Outcomes the server writes to the login log. */
export const LOGIN_OUTCOMES = ['SUCCESS', 'BAD_PASSWORD', 'BAD_TOTP', 'TOTP_REQUIRED', 'UNKNOWN_USER', 'DISABLED', 'LOCKED'] as const;
const OUTCOME_COLORS: Record<string, string> = { SUCCESS: 'green', TOTP_REQUIRED: 'blue', LOCKED: 'red', DISABLED: 'default' };

export function outcomeLabel(t: TFunction, outcome: string): string {
  return (LOGIN_OUTCOMES as readonly string[]).includes(outcome) ? t(`loginLog.outcomes.${outcome}` as MessageKey) : outcome;
}

function userAgent(ua: string | null) {
  if (!ua) return '—';
  return (
    <Tooltip title={ua}>
      <Typography.Text ellipsis style={{ maxWidth: 260 }}>
        {describeUserAgent(ua)}
      </Typography.Text>
    </Tooltip>
  );
}

/** 会话 fields; the user columns only on the administrator's list. */
export function sessionFields(t: TFunction, withUser: boolean): FieldDef<Session>[] {
  const fields: FieldDef<Session>[] = [
    { key: 'createdAt', title: t('sessions.createdAt'), render: (s) => formatDateTime(s.createdAt), width: 150 },
    { key: 'lastSeenAt', title: t('sessions.lastSeenAt'), render: (s) => formatDateTime(s.lastSeenAt), width: 150 },
    { key: 'expiresAt', title: t('sessions.expiresAt'), render: (s) => formatDateTime(s.expiresAt), width: 150 },
    { key: 'ip', title: t('sessions.ip'), render: (s) => orDash(s.ip), width: 130 },
    { key: 'userAgent', title: t('sessions.userAgent'), render: (s) => userAgent(s.userAgent) },
    { key: 'current', title: t('sessions.current'), render: (s) => (s.current ? <Tag color="green">{t('sessions.thisSession')}</Tag> : null), width: 100 },
  ];
  if (!withUser) return fields;
  return [{ key: 'displayName', title: t('sessions.user'), render: (s) => `${s.displayName}（${s.username}）`, width: 180 }, ...fields];
}

export function loginLogFields(t: TFunction): FieldDef<LoginLogEntry>[] {
  return [
    { key: 'at', title: t('loginLog.at'), render: (e) => formatTimestamp(e.at), width: 170 },
    { key: 'username', title: t('loginLog.username'), width: 140 },
    {
      key: 'outcome',
      title: t('loginLog.outcome'),
      render: (e) => <Tag color={OUTCOME_COLORS[e.outcome] ?? 'orange'}>{outcomeLabel(t, e.outcome)}</Tag>,
      width: 130,
    },
    { key: 'ip', title: t('loginLog.ip'), render: (e) => orDash(e.ip), width: 130 },
    { key: 'detail', title: t('loginLog.detail'), render: (e) => orDash(e.detail), width: 160 },
    { key: 'userAgent', title: t('loginLog.userAgent'), render: (e) => userAgent(e.userAgent) },
  ];
}
