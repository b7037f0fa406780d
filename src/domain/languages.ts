/**
 * The languages the bot speaks. Codes are BCP 47 primary tags (plus "zh" meaning
 * Simplified Chinese); each entry's `nativeName` is what the language menu shows.
 */
export interface Language {
  code: string;
  nativeName: string;
  /** BCP 47 tag for Intl formatting (dates, numbers). */
  intlLocale: string;
  direction: 'ltr' | 'rtl';
  /** Other words people type to pick it ("spanish", "espanol"): recognition data, never shown. */
  aliases: readonly string[];
}

export const LANGUAGES: readonly Language[] = [
  { code: 'en', nativeName: 'English', intlLocale: 'en-US', direction: 'ltr', aliases: ['english', 'ingles', 'inglés', 'en'] },
  { code: 'es', nativeName: 'Español', intlLocale: 'es-US', direction: 'ltr', aliases: ['spanish', 'espanol', 'castellano', 'es'] },
];

export const DEFAULT_LANGUAGE = 'en';

export function isSupportedLanguage(code: string): boolean {
  return LANGUAGES.some((l) => l.code === code);
}

export function languageByCode(code: string): Language {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

/** "es-MX", "es_419", "ES" → "es" when we speak it; undefined otherwise. */
export function matchLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const lower = locale.toLowerCase().replace('_', '-');
  if (lower.startsWith('zh')) {
    // Traditional-script locales are not Simplified Chinese.
    return /^zh-(hant|tw|hk|mo)/.test(lower) ? undefined : isSupportedLanguage('zh') ? 'zh' : undefined;
  }
  const primary = lower.split('-')[0];
  return isSupportedLanguage(primary) ? primary : undefined;
}
