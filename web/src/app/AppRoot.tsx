import { ConfigProvider, theme } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { setRedirectHandler } from '../api/client';
import { usePrefersReducedMotion } from '../lib/a11y';
import { I18nProvider, useI18n } from '../lib/i18n';
import { router } from './router';

setRedirectHandler((path) => void router.navigate(path, { replace: true }));

/** Government-intranet palette: deep blue actions, the red of the commission's header. */
const TOKENS = { colorPrimary: '#1d4f91', borderRadius: 4, fontSize: 14, controlItemBgActive: '#e8eff8', controlItemBgActiveHover: '#d9e5f4' };
const COMPONENTS = { Menu: { itemSelectedBg: '#e8eff8', itemSelectedColor: '#1d4f91', subMenuItemBg: '#ffffff' } };

function Themed() {
  const { lang } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider
      locale={lang === 'zh-CN' ? zhCN : enUS}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: theme.defaultAlgorithm, token: reducedMotion ? { ...TOKENS, motion: false } : TOKENS, components: COMPONENTS }}
    >
      {/* The query cache and antd's <App> (message, modal, notification) belong to the signed-in frame
          (AppLayout): the sign-in page needs neither (first load of /login, issue 12). */}
      <RouterProvider router={router} />
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
