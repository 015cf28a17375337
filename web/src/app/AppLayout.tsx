import { BellOutlined, DownOutlined, LockOutlined, LogoutOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Dropdown, Flex, Layout, Menu, Segmented, Tag, Typography, Watermark } from 'antd';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { PageLoading } from '../components/PageLoading';
import { useLogout } from '../features/auth/api';
import { useUnreadCount } from '../features/inbox/api';
import { canOpen, isLiaisonOnly, type ScreenPath } from '../lib/access';
import { todayIso } from '../lib/format';
import { type Lang, registerMessages, useI18n } from '../lib/i18n';
import { isDemoCommission, ME_KEY, MeProvider, useMe, useMeQuery } from '../lib/me';
import { onSessionReset } from '../lib/session-reset';
import { zhCN } from '../locales/zh-CN';
import { buildMenuItems, groupOf, MENU_GROUP_KEYS } from './menu';

/**
 * 无权访问 and a failed sign-in check draw antd's Result with its illustrations (~10 KB compressed): loaded when
 * shown, not with every first load of the frame (issue 12: the signed-in home ≤ 400 KB).
 */
const Forbidden = lazy(() => import('../components/Results').then((m) => ({ default: m.Forbidden })));
const QueryError = lazy(() => import('../components/Results').then((m) => ({ default: m.QueryError })));

// The sign-in page ran on zh-CN.core; every screen behind this frame has the whole dictionary.
registerMessages('zh-CN', zhCN);

const RESTRICTED_PATH = { TOTP_ENROLMENT: '/account/totp', PASSWORD_CHANGE: '/account/password' } as const;

/** One query cache per page; the sign-in page empties it (nothing of the previous session lingers). */
const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change on retry; network and 5xx get two more tries.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
  },
});

onSessionReset(() => queryClient.clear());

/** The signed-in frame: query cache, header, role-driven menu, watermarked content, antd's message/modal context. */
export function AppLayout() {
  return (
    <QueryClientProvider client={queryClient}>
      <App>
        <SignedIn />
      </App>
    </QueryClientProvider>
  );
}

function SignedIn() {
  const meQuery = useMeQuery();
  const location = useLocation();
  if (meQuery.isPending) return <PageLoading />;
  if (meQuery.isError) {
    const err = meQuery.error;
    // The client has already sent the browser to /login.
    if (err instanceof ApiError && err.status === 401) return <PageLoading />;
    return (
      <Suspense fallback={<PageLoading />}>
        <QueryError error={err} onRetry={() => void meQuery.refetch()} />
      </Suspense>
    );
  }
  const me = meQuery.data;
  const restrictedTo = me.restriction ? RESTRICTED_PATH[me.restriction] : null;
  if (restrictedTo && location.pathname !== restrictedTo) return <Navigate to={restrictedTo} replace />;
  return (
    <MeProvider value={me}>
      <Frame restricted={restrictedTo !== null} />
    </MeProvider>
  );
}

function Frame({ restricted }: { restricted: boolean }) {
  const me = useMe();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const unread = useUnreadCount(!restricted) ?? me.unreadInbox;
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const items = useMemo(() => buildMenuItems(me, t), [me, t]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => [...MENU_GROUP_KEYS]);
  const queryClient = useQueryClient();
  useEffect(() => {
    const group = groupOf(location.pathname);
    if (group) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
    // Navigation is activity: refresh the unread count and roles when they are older than half a minute.
    void queryClient.refetchQueries({ queryKey: ME_KEY, stale: true });
    // A new screen opens at its top, not at the scroll position of the previous one (filters in the query
    // string keep it: only the path counts).
    window.scrollTo(0, 0);
  }, [location.pathname, queryClient]);
  const demo = isDemoCommission(me);
  const watermark = [`${me.user.displayName} ${me.user.username}`, todayIso()];
  const userMenu = {
    items: [
      { key: '/account/password', icon: <LockOutlined />, label: t('menu.password') },
      { key: '/account/totp', icon: <SafetyCertificateOutlined />, label: t('menu.totp') },
      { type: 'divider' as const },
      { key: 'logout', icon: <LogoutOutlined />, danger: true, label: <span data-testid="logout">{t('header.logout')}</span> },
    ],
    onClick: ({ key }: { key: string }) => {
      if (key === 'logout') logout.mutate();
      else void navigate(key);
    },
  };
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="ld-header">
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <Link to="/" className="ld-brand">
            <span className="ld-brand-mark">联</span>
            <span className="ld-brand-name">{t('app.title')}</span>
          </Link>
          <Typography.Text className="ld-commission" ellipsis>
            {me.user.commission.nameZh}
          </Typography.Text>
          {demo ? (
            <Tag color="gold" className="ld-header-demo" data-testid="demo-tag">
              {t('common.demoData')}
            </Tag>
          ) : null}
        </Flex>
        <Flex align="center" gap={16}>
          {!restricted ? (
            <Link to="/inbox" aria-label={t('menu.inbox')} data-testid="inbox-badge">
              <Badge count={unread} size="small" overflowCount={99}>
                <BellOutlined className="ld-header-icon" />
              </Badge>
            </Link>
          ) : null}
          <Segmented<Lang>
            size="small"
            value={lang}
            onChange={setLang}
            options={[
              { value: 'zh-CN', label: '中' },
              { value: 'en-US', label: 'EN' },
            ]}
            data-testid="lang-switch"
          />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <button type="button" className="ld-user" data-testid="user-menu">
              <UserOutlined />
              <span className="ld-user-name">{me.user.displayName}</span>
              <span className="ld-user-org">{me.user.org.nameZh}</span>
              <DownOutlined style={{ fontSize: 10 }} />
            </button>
          </Dropdown>
        </Flex>
      </Layout.Header>
      <Layout>
        {!restricted ? (
          <Layout.Sider
            theme="light"
            width={216}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            // Below 768 px the menu folds away on its own and leaves the width to the screen.
            breakpoint="md"
            collapsedWidth={narrow ? 0 : 80}
            onBreakpoint={setNarrow}
            className="ld-sider"
          >
            <Menu
              mode="inline"
              items={items}
              selectedKeys={[location.pathname]}
              openKeys={collapsed ? undefined : openKeys}
              onOpenChange={(keys) => setOpenKeys(keys as string[])}
              data-testid="app-menu"
              style={{ borderInlineEnd: 0 }}
            />
          </Layout.Sider>
        ) : null}
        <Layout.Content className="ld-content">
          <Watermark content={watermark} font={{ color: 'rgba(0,0,0,0.07)', fontSize: 14 }} gap={[120, 120]}>
            <div className="ld-content-inner">
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </div>
          </Watermark>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Opens a screen only for users whose roles allow it; everyone else sees 无权访问. */
export function Screen({ path, children }: { path: ScreenPath; children: ReactNode }) {
  const me = useMe();
  if (!canOpen(path, me))
    return (
      <Suspense fallback={<PageLoading />}>
        <Forbidden />
      </Suspense>
    );
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

/** The home page; the unit contact (被监督单位联络人) lands on their portal instead. */
export function Home({ children }: { children: ReactNode }) {
  const me = useMe();
  if (isLiaisonOnly(me)) return <Navigate to="/portal/letters" replace />;
  return <>{children}</>;
}
