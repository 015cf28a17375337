import type { Labelled } from '@liandong/domain/labels';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { MessageKey, Messages } from '../locales/zh-CN';
import { zhCNCore } from '../locales/zh-CN.core';

/** UI languages: zh-CN first, en-US kept complete (architecture.md §5). */
export type Lang = 'zh-CN' | 'en-US';
export type TParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: TParams) => string;

type Dictionary = Messages | typeof zhCNCore;
/**
 * The first load of /login (issue 12) carries only the zh-CN texts of the sign-in page and the API client
 * (zh-CN.core.ts); the signed-in frame's chunk registers the whole zh-CN dictionary (registerMessages), and
 * en-US is a chunk of its own, fetched only when chosen.
 */
const DICTIONARIES: Partial<Record<Lang, Dictionary>> = { 'zh-CN': zhCNCore };
let enUSLoading: Promise<void> | null = null;
function loadDictionary(lang: Lang): Promise<void> {
  if (lang === 'zh-CN' || DICTIONARIES[lang]) return Promise.resolve();
  enUSLoading ??= import('../locales/en-US').then((m) => {
    DICTIONARIES['en-US'] = m.enUS;
  });
  return enUSLoading;
}

/** Installs a complete dictionary (the signed-in frame does it for zh-CN when its chunk is evaluated). */
export function registerMessages(lang: Lang, messages: Messages): void {
  DICTIONARIES[lang] = messages;
}
const STORAGE_KEY = 'liandong.lang';

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en-US' ? 'en-US' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let currentLang: Lang = readStoredLang();
dayjs.locale(currentLang === 'zh-CN' ? 'zh-cn' : 'en');
if (currentLang !== 'zh-CN') void loadDictionary(currentLang);

/** The language outside React (the API client sends it as Accept-Language). */
export function getLang(): Lang {
  return currentLang;
}

function lookup(dict: Dictionary | undefined, key: string): string | undefined {
  let node: unknown = dict;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** Translates a key; `{name}` placeholders are replaced from params. Falls back to zh-CN, then the key. */
export function translate(lang: Lang, key: MessageKey, params?: TParams): string {
  const text = lookup(DICTIONARIES[lang], key) ?? lookup(DICTIONARIES['zh-CN'], key) ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
  /** Label of a shared enum code in the current language (labels live in `domain`). */
  label: <T extends string>(labels: Labelled<T>, code: T | string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(currentLang);
  const [ready, setReady] = useState(() => DICTIONARIES[currentLang] !== undefined);
  // A stored en-US choice: render once its dictionary has arrived (no flash of Chinese).
  useEffect(() => {
    if (!ready)
      void loadDictionary(lang).then(
        () => setReady(true),
        () => setReady(true),
      );
  }, [ready, lang]);
  const setLang = useCallback(async (next: Lang) => {
    // On a failed fetch the texts fall back to zh-CN key by key (translate).
    await loadDictionary(next).catch(() => undefined);
    currentLang = next;
    dayjs.locale(next === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLangState(next);
  }, []);
  const value = useMemo<I18nValue>(() => {
    const short = lang === 'zh-CN' ? 'zh' : 'en';
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      label: (labels, code) => {
        if (code === null || code === undefined || code === '') return '';
        const entry = (labels as Record<string, { zh: string; en: string }>)[code];
        return entry ? entry[short] : code;
      },
    };
  }, [lang, setLang]);
  if (!ready) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** The tiny translation hook: `const t = useT(); t('menu.home')`. */
export function useT(): TFunction {
  return useI18n().t;
}
