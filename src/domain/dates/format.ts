export interface FormattedSlot {
  /** "Tuesday, December 1, 2026" / "martes, 1 de diciembre de 2026". */
  date: string;
  /** "10:30 AM" / "10:30" (the locale's own clock: es-US writes "10:30 a.m."). */
  time: string;
  /** Long zone name in force at that instant: "Eastern Standard Time", "hora de verano oriental". */
  zone: string;
  /** "Tuesday" / "martes". */
  weekday: string;
}

type FormatterKind = 'date' | 'time' | 'zone' | 'weekday' | 'calendarDate';

const OPTIONS: Readonly<Record<FormatterKind, Intl.DateTimeFormatOptions>> = {
  date: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
  zone: { timeZoneName: 'long' },
  weekday: { weekday: 'long' },
  calendarDate: { year: 'numeric', month: 'long', day: 'numeric' },
};

// Building an Intl.DateTimeFormat costs far more than using one: keep one per use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: FormatterKind, locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, { ...OPTIONS[kind], timeZone });
    formatters.set(key, cached);
  }
  return cached;
}

/**
 * A slot's start as the person reads it, in the office's zone. Narrow and non-breaking
 * spaces that some ICU versions put in times ("10:30\u202fAM") become plain spaces: they
 * show as boxes on old phones and turn an SMS into UCS-2.
 */
export function formatSlot(startIso: string, timeZone: string, intlLocale: string): FormattedSlot {
  const instant = new Date(startIso);
  if (Number.isNaN(instant.getTime())) throw new Error(`formatSlot: not a date: ${startIso}`);
  const zonePart = formatter('zone', intlLocale, timeZone)
    .formatToParts(instant)
    .find((part) => part.type === 'timeZoneName');
  return {
    date: plainSpaces(formatter('date', intlLocale, timeZone).format(instant)),
    time: plainSpaces(formatter('time', intlLocale, timeZone).format(instant)),
    zone: plainSpaces(zonePart?.value ?? timeZone),
    weekday: plainSpaces(formatter('weekday', intlLocale, timeZone).format(instant)),
  };
}

/**
 * A calendar date with no time ("1980-03-04" → "March 4, 1980" / "4 de marzo de 1980").
 * Formatted as midnight UTC in UTC, so no zone can move it to another day.
 */
export function formatCalendarDate(isoDate: string, intlLocale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`formatCalendarDate: expected YYYY-MM-DD, got ${isoDate}`);
  const instant = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Date.UTC maps years 0–99 to 1900–1999.
  instant.setUTCFullYear(Number(match[1]));
  return plainSpaces(formatter('calendarDate', intlLocale, 'UTC').format(instant));
}

function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
