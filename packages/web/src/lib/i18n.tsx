/**
 * Thai first, English second. Text is written where it is used, Thai before
 * English — `tr('งานของฉัน', 'My work')` — so a page reads in both languages
 * at once and no key catalogue drifts from the page. Labels from the API
 * ({th, en}) go through `pick`. The choice is kept in localStorage and on
 * <html lang> (screen readers, Thai line breaking).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label } from './api';
import { formatDate, formatDateTime, formatNumber } from './format';
import type { Lang } from './lang';

export type { Lang };

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  tr: (th: string, en: string) => string;
  pick: (label: Label | null | undefined, fallback?: string) => string;
  date: (value: string | Date | null | undefined) => string;
  dateTime: (value: string | Date | null | undefined) => string;
  num: (n: number, digits?: number) => string;
}

const STORAGE_KEY = 'esa-flow.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'th';
  } catch {
    return 'th';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      /* private mode: the choice lasts for this page */
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      tr: (th, en) => (lang === 'th' ? th : en),
      pick: (label, fallback = '') => (label ? label[lang] || label.th : fallback),
      date: (v) => formatDate(v, lang),
      dateTime: (v) => formatDateTime(v, lang),
      num: (n, digits) => formatNumber(n, lang, digits),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
