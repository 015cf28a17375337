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

setRedirectHandler((path) => {
  void router.navigate(path, { replace: true }).then(() => {
    // Nothing of the previous session may linger after a sign-out or expiry.
    if (path.startsWith('/login')) queryClient.clear();
  });
});

/** Government-intranet palette: deep blue actions, the red of the commission's header. */
const TOKENS = { colorPrimary: '#1d4f91', borderRadius: 4, fontSize: 14 };

function Themed() {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: theme.defaultAlgorithm, token: TOKENS }}
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
