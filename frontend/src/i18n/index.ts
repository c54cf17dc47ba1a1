import { createI18n } from 'vue-i18n';

/** Messages live in one file per area and language: `src/i18n/<lang>/<area>.ts` for the shell
 * and identity screens, and `src/views/<screen>/i18n/<lang>.ts` for a screen folder (its
 * messages appear under the folder's name, e.g. `incoming.title`). Adding a screen's messages
 * therefore touches no shared file. Bahasa Indonesia is the default and the fallback. */
export const LOCALES = ['id', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'id';
const LOCALE_KEY = 'lontar.locale';

type Messages = Record<string, any>;

const shellModules = import.meta.glob<{ default: Messages }>('./*/*.ts', { eager: true });
const viewModules = import.meta.glob<{ default: Messages }>('../views/*/i18n/*.ts', {
  eager: true,
});

export function collectMessages(): Record<Locale, Messages> {
  const result: Record<Locale, Messages> = { id: {}, en: {} };
  for (const [file, module] of Object.entries(shellModules)) {
    const match = /^\.\/(id|en)\/([\w-]+)\.ts$/.exec(file);
    if (match) result[match[1] as Locale][match[2]!] = module.default;
  }
  for (const [file, module] of Object.entries(viewModules)) {
    const match = /^\.\.\/views\/([\w-]+)\/i18n\/(id|en)\.ts$/.exec(file);
    if (match) result[match[2] as Locale][match[1]!] = module.default;
  }
  return result;
}

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(LOCALE_KEY);
    if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // storage unavailable
  }
  return DEFAULT_LOCALE;
}

export const i18n = createI18n({
  legacy: false as const,
  locale: initialLocale() as string,
  fallbackLocale: DEFAULT_LOCALE as string,
  messages: collectMessages() as Record<string, Messages>,
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

if (typeof document !== 'undefined') document.documentElement.lang = i18n.global.locale.value;

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // storage unavailable
  }
}

/** Translation outside components (router titles, stores). */
export function translate(key: string, values?: Record<string, unknown>): string {
  return values ? i18n.global.t(key, values) : i18n.global.t(key);
}

/** Whether a message exists (in the current locale or the fallback). */
export function hasMessage(key: string): boolean {
  const te = i18n.global.te as (key: string, locale?: string) => boolean;
  return te(key) || te(key, DEFAULT_LOCALE);
}
