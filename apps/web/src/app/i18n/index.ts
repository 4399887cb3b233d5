import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from '@stratum/contracts';
import zhCN from './zh-CN.ts';
import en from './en.ts';
import { setLanguageSource } from '../api/client.ts';
import { LOCALES, detectBrowserLocale, isLocale } from './locale.ts';

export { LOCALES, isLocale };

const STORAGE_KEY = 'stratum.locale';
const DAYJS_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null;
  }
}

function initialLocale(): Locale {
  const browserLanguages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return readStoredLocale() ?? detectBrowserLocale(browserLanguages);
}

function applySideEffects(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALE[locale]);
  document.documentElement.lang = locale;
}

const startLocale = initialLocale();
applySideEffects(startLocale);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: startLocale,
  fallbackLng: false,
  supportedLngs: LOCALES,
  load: 'currentOnly',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : 'en';
}

setLanguageSource(currentLocale);

/** Switches everything at once: i18next strings, dayjs, `<html lang>`; antd follows through `useTranslation`. */
export async function changeLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Private mode or storage disabled: the choice just does not survive a reload.
  }
  applySideEffects(locale);
  await i18n.changeLanguage(locale);
}

export default i18n;
