import { ADMIN_ROLES, CLASSIFICATION_LABELS, ROLE_LABELS, type Role } from '@liandong/domain/access/enums';
import type { Me } from '@liandong/domain/auth/contracts';
import { ORG_KIND_LABELS, type OrgKind } from '@liandong/domain/org/enums';
import { Badge, Card, Col, Descriptions, Empty, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { EnumTag, EnumTags } from '../../components/EnumTag';
import { ORG_KIND_COLORS, roleColor } from '../../lib/colors';
import { canOpen, type ScreenPath } from '../../lib/access';
import { formatDate, formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { isDemoCommission, useMe } from '../../lib/me';
import type { MessageKey } from '../../locales/zh-CN';
import { useLatestMessages } from './api';
import { WorkbenchCards } from './WorkbenchCards';

/**
 * The cockpit summary draws on the cockpit's table and charts (ECharts, the antd table and select: some 250 KB
 * compressed): loaded only for the homes that show it, so every other home stays light (issue 12: ≤ 400 KB).
 */
const CockpitSummary = lazy(() => import('../cockpit/CockpitSummary').then((m) => ({ default: m.CockpitSummary })));

/**
 * 首页. For a business user it is the 工作台: what waits for them (cards with counts and first rows, each linked to
 * its filtered ledger), then who they are and what they may see (知悉范围), then the latest messages. The 三员 keep
 * account info and the admin shortcuts: they read no business content.
 */
/** Whose home starts with the cockpit (issue 15). */
const COCKPIT_HOME_ROLES: readonly Role[] = ['SECRETARY', 'STANDING_COMMITTEE'];

export function HomePage() {
  const me = useMe();
  const { t } = useI18n();
  return (
    <div data-testid="home-page">
      <Flex align="center" gap={12} style={{ marginBottom: 12 }}>
        {/* The page's one h1, at the size the heading had before. */}
        <Typography.Title level={1} style={{ margin: 0, fontSize: 20 }}>
          {me.business ? `${t('workbench.title')} · ` : ''}
          {t('home.welcome', { name: me.user.displayName })}
        </Typography.Title>
        {isDemoCommission(me) ? <Tag color="gold">{t('common.demoData')}</Tag> : null}
      </Flex>
      {me.business ? (
        <>
          {/* The 书记 and the standing committee: the 监督质效 cockpit first, their to-dos beside it below. */}
          {me.user.roles.some((r) => COCKPIT_HOME_ROLES.includes(r)) && canOpen('/cockpit', me) ? (
            <Suspense fallback={<Skeleton active style={{ marginBottom: 16 }} />}>
              <CockpitSummary />
            </Suspense>
          ) : null}
          <WorkbenchCards />
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} xl={10}>
              <AccountCard me={me} />
            </Col>
            <Col xs={24} xl={14}>
              <ScopeCard me={me} />
            </Col>
            <Col xs={24}>
              <InboxCard />
            </Col>
          </Row>
        </>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <AccountCard me={me} />
          </Col>
          <Col xs={24} xl={12}>
            <ShortcutsCard me={me} />
          </Col>
        </Row>
      )}
    </div>
  );
}

function AccountCard({ me }: { me: Me }) {
  const { t } = useI18n();
  const { user } = me;
  return (
    <Card title={t('home.account')} size="small" style={{ height: '100%' }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xl: 1, xxl: 2 }}
        items={[
          { key: 'name', label: t('home.name'), children: `${user.displayName}（${user.username}）` },
          { key: 'org', label: t('home.org'), children: <span data-testid="home-org-name">{user.org.nameZh}</span> },
          { key: 'commission', label: t('home.commission'), children: user.commission.nameZh },
          { key: 'roles', label: t('home.roles'), children: <EnumTags labels={ROLE_LABELS} values={user.roles} colors={roleColor} /> },
          {
            key: 'clearance',
            label: t('home.clearance'),
            children: <EnumTag labels={CLASSIFICATION_LABELS} value={user.clearance} colors={{ WORK_SECRET: 'orange' }} />,
          },
          {
            key: 'totp',
            label: t('home.totp'),
            children: user.totpEnabled ? <Badge status="success" text={t('home.totpOn')} /> : <Badge status="default" text={t('home.totpOff')} />,
          },
          { key: 'lastLogin', label: t('home.lastLogin'), children: user.previousLoginAt ? formatDateTime(user.previousLoginAt) : t('home.firstLogin') },
          { key: 'pwd', label: t('home.passwordExpires'), children: formatDate(user.passwordExpiresAt) },
        ]}
      />
      {me.user.roles.every((r) => ADMIN_ROLES.includes(r)) ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          {t('home.adminNotice')}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function ScopeCard({ me }: { me: Me }) {
  const { t, label } = useI18n();
  const { scope } = me;
  const kinds = Object.entries(scope.byKind).sort((a, b) => b[1] - a[1]);
  return (
    <Card
      title={t('home.scope')}
      size="small"
      style={{ height: '100%' }}
      extra={scope.commissionWide ? <Tag color="red">{t('home.commissionWide')}</Tag> : null}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Statistic
            title={t('home.scopeCount')}
            value={scope.orgCount}
            suffix={t('home.orgUnit')}
            formatter={(v) => <span data-testid="home-scope-count">{v}</span>}
          />
        </Col>
        <Col span={16}>
          <Typography.Text type="secondary">{t('home.reasons')}</Typography.Text>
          <div style={{ marginTop: 4 }}>
            {scope.reasons.length ? (
              scope.reasons.map((r) => (
                <Tag key={r} color="blue">
                  {r}
                </Tag>
              ))
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )}
          </div>
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        {t('home.byKind')}
      </Typography.Text>
      <Flex wrap gap={6} style={{ marginTop: 4 }}>
        {kinds.length ? (
          kinds.map(([kind, count]) => (
            <Tag key={kind} color={ORG_KIND_COLORS[kind as OrgKind]}>
              {label(ORG_KIND_LABELS, kind)} {count}
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        )}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
        {t('home.sample')}
      </Typography.Text>
      <Flex wrap gap={6} style={{ marginTop: 4 }} data-testid="home-scope-sample">
        {scope.sample.map((o) => (
          <Tag key={o.id} variant="outlined">
            {o.nameZh}
          </Tag>
        ))}
        {scope.orgCount > scope.sample.length ? (
          <Typography.Text type="secondary">{t('home.andMore', { count: scope.orgCount - scope.sample.length })}</Typography.Text>
        ) : null}
      </Flex>
    </Card>
  );
}

function InboxCard() {
  const { t } = useI18n();
  const query = useLatestMessages();
  const items = query.data?.items ?? [];
  return (
    <Card title={t('home.inbox')} size="small" extra={<Link to="/inbox">{t('home.allMessages')}</Link>} data-testid="home-inbox">
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <Typography.Text type="danger">{(query.error as Error).message}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} />
      ) : (
        <div>
          {items.map((m) => (
            <Flex key={m.id} justify="space-between" gap={12} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ minWidth: 0 }}>
                <Badge status={m.readAt ? 'default' : 'processing'} />
                {m.link?.startsWith('/') ? (
                  <Link to={m.link} className={m.readAt ? undefined : 'ld-unread'}>
                    {m.title}
                  </Link>
                ) : (
                  <Typography.Text className={m.readAt ? undefined : 'ld-unread'}>{m.title}</Typography.Text>
                )}
                {m.body ? (
                  <Typography.Paragraph type="secondary" ellipsis style={{ margin: '2px 0 0 14px' }}>
                    {m.body}
                  </Typography.Paragraph>
                ) : null}
              </div>
              <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(m.createdAt)}
              </Typography.Text>
            </Flex>
          ))}
        </div>
      )}
    </Card>
  );
}

const SHORTCUTS: { path: ScreenPath; label: MessageKey; hint: MessageKey }[] = [
  { path: '/admin/users', label: 'menu.adminUsers', hint: 'home.hintUsers' },
  { path: '/org/tree', label: 'menu.orgTree', hint: 'home.hintOrgTree' },
  { path: '/admin/sessions', label: 'menu.adminSessions', hint: 'home.hintSessions' },
  { path: '/admin/login-log', label: 'menu.adminLoginLog', hint: 'home.hintLoginLog' },
  { path: '/audit', label: 'menu.audit', hint: 'home.hintAudit' },
  { path: '/admin/settings', label: 'menu.adminSettings', hint: 'home.hintSettings' },
  { path: '/admin/dictionaries', label: 'menu.adminDictionaries', hint: 'home.hintDictionaries' },
  { path: '/admin/calendar', label: 'menu.adminCalendar', hint: 'home.hintCalendar' },
];

/** Shortcuts for the 三员 (they read no business content, so no scope and no inbox of cases). */
function ShortcutsCard({ me }: { me: Me }) {
  const { t } = useI18n();
  const shortcuts = SHORTCUTS.filter((s) => canOpen(s.path, me));
  return (
    <Card title={t('home.shortcuts')} size="small" style={{ height: '100%' }} data-testid="home-shortcuts">
      <Row gutter={[12, 12]}>
        {shortcuts.map((s) => (
          <Col key={s.path} xs={24} sm={12}>
            <Link to={s.path}>
              <Card size="small" hoverable>
                <Typography.Text strong>{t(s.label)}</Typography.Text>
                <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                  {t(s.hint)}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
