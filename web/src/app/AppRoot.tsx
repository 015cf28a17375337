import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider, theme } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { ApiError, setRedirectHandler } from '../api/client';
import { I18nProvider, useI18n } from '../lib/i18n';
import { router } from './router';

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

// The login page empties the query cache when it mounts (nothing of the previous session lingers).
setRedirectHandler((path) => void router.navigate(path, { replace: true }));

/** Government-intranet palette: deep blue actions, the red of the commission's header. */
const TOKENS = { colorPrimary: '#1d4f91', borderRadius: 4, fontSize: 14, controlItemBgActive: '#e8eff8', controlItemBgActiveHover: '#d9e5f4' };
const COMPONENTS = { Menu: { itemSelectedBg: '#e8eff8', itemSelectedColor: '#1d4f91', subMenuItemBg: '#ffffff' } };

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: theme.defaultAlgorithm, token: TOKENS, components: COMPONENTS }}
    >
      <App>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  );
}

export function AppRoot() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
