/** Text rewrites that bring what people type closer to what a date parser knows. */

export type Rewrite = readonly [pattern: RegExp, replacement: string];

/** `pattern` as a whole word, letters with accents included (JavaScript's \b knows ASCII only). */
export function word(pattern: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\d])(?:${pattern})(?![\\p{L}\\d])`, 'giu');
}

export function rewrite(text: string, rules: ReadonlyArray<Rewrite>): string {
  return rules.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/** Spellings without accents → the accented word, e.g. unaccented('manana', 'mañana'). */
export function accented(pairs: ReadonlyArray<readonly [plain: string, proper: string]>): Rewrite[] {
  return pairs.map(([plain, proper]) => [word(plain), proper] as const);
}

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

const NUMERIC_DATE: Readonly<Record<DateOrder, RegExp>> = {
  dmy: /(?<![\d:.,/-])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?![\d:/-]|[.,]\d)/gu,
  mdy: /(?<![\d:.,/-])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{4}|\d{2}))?(?![\d:/-]|[.,]\d)/gu,
  ymd: /(?<![\d:.,/-])(\d{4})[./-](\d{1,2})[./-](\d{1,2})(?![\d:/-]|[.,]\d)/gu,
};

/**
 * Rewrites numeric dates written in the locale's order ("05.12", "5/12/2026", "2026/12/5")
 * with `spell(day, month, year?)`, into a form the parser reads without doubt. A pair whose
 * numbers cannot be a day and a month is left alone (it may be a time: "10.30").
 */
export function numericDates(
  text: string,
  order: DateOrder,
  spell: (day: number, month: number, year: number | undefined) => string,
): string {
  return text.replace(NUMERIC_DATE[order], (whole, a: string, b: string, c: string | undefined) => {
    const [day, month, year] =
      order === 'ymd'
        ? [Number(c), Number(b), Number(a)]
        : order === 'dmy'
          ? [Number(a), Number(b), yearOf(c)]
          : [Number(b), Number(a), yearOf(c)];
    if (month < 1 || month > 12 || day < 1 || day > 31) return whole;
    return spell(day, month, year);
  });
}

function yearOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}
