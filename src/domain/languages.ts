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
  { code: 'en', nativeName: 'English', intlLocale: 'en-US', direction: 'ltr', aliases: ['english', 'ingles', 'inglés', 'anglais', 'en'] },
  { code: 'es', nativeName: 'Español', intlLocale: 'es-US', direction: 'ltr', aliases: ['spanish', 'espanol', 'castellano', 'es'] },
  { code: 'eo', nativeName: 'Esperanto', intlLocale: 'eo', direction: 'ltr', aliases: ['esperanto', 'eo'] },
  { code: 'vi', nativeName: 'Tiếng Việt', intlLocale: 'vi-VN', direction: 'ltr', aliases: ['vietnamese', 'viet', 'tieng viet', 'vi'] },
  {
    code: 'zh',
    nativeName: '中文',
    intlLocale: 'zh-CN',
    direction: 'ltr',
    aliases: ['chinese', 'mandarin', 'zhongwen', '中文', '汉语', '普通话', '简体中文', 'zh'],
  },
  { code: 'tl', nativeName: 'Tagalog', intlLocale: 'fil-PH', direction: 'ltr', aliases: ['tagalog', 'filipino', 'pilipino', 'tl', 'fil'] },
  { code: 'ru', nativeName: 'Русский', intlLocale: 'ru-RU', direction: 'ltr', aliases: ['russian', 'russkiy', 'русский язык', 'ru'] },
  { code: 'pt', nativeName: 'Português', intlLocale: 'pt-BR', direction: 'ltr', aliases: ['portuguese', 'portugues', 'pt'] },
  { code: 'fr', nativeName: 'Français', intlLocale: 'fr-FR', direction: 'ltr', aliases: ['french', 'francais', 'fr'] },
  { code: 'ko', nativeName: '한국어', intlLocale: 'ko-KR', direction: 'ltr', aliases: ['korean', 'hangugeo', '한국말', 'ko'] },
  { code: 'pl', nativeName: 'Polski', intlLocale: 'pl-PL', direction: 'ltr', aliases: ['polish', 'polski', 'język polski', 'pl'] },
  // Latin digits: the notice's numbers must read the same to the officer at the counter.
  { code: 'ar', nativeName: 'العربية', intlLocale: 'ar-u-nu-latn', direction: 'rtl', aliases: ['arabic', 'arabi', 'عربي', 'عربى', 'ar'] },
  {
    code: 'ht',
    nativeName: 'Kreyòl ayisyen',
    intlLocale: 'ht',
    direction: 'ltr',
    aliases: ['haitian creole', 'haitian', 'creole', 'kreyol', 'kreyol ayisyen', 'ht'],
  },
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
  // Windows and Teams name Filipino "fil-PH"; our Tagalog is what they mean.
  const language = primary === 'fil' ? 'tl' : primary;
  return isSupportedLanguage(language) ? language : undefined;
}
