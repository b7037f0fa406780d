import { QUARTER_HOUR_MS, officeZone } from './officeZone';
import { languageOfLocale, localeDates } from './localeDates';

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

type FormatterKind = 'date' | 'time' | 'zone' | 'weekday' | 'calendarDate' | 'numeric';

const OPTIONS: Readonly<Record<FormatterKind, Intl.DateTimeFormatOptions>> = {
  date: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit' },
  zone: { timeZoneName: 'long' },
  weekday: { weekday: 'long' },
  calendarDate: { year: 'numeric', month: 'long', day: 'numeric' },
  // The fields of an instant in a zone, from which the Kreyòl date is written.
  numeric: { weekday: 'short', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' },
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
 *
 * Node's ICU has no Haitian Creole (it answers in English): "ht" is written with the Kreyòl
 * names of locales/ht/dates.json ("madi 1 desanm 2026", 24-hour "15:30"), zone names included
 * (see zoneNameAt). Esperanto months are lower case ("decembro"), and Korean times say
 * 오전/오후 where ICU writes "AM"/"PM".
 */
export function formatSlot(startIso: string, timeZone: string, intlLocale: string): Readonly<FormattedSlot> {
  const key = `${startIso}|${timeZone}|${intlLocale}`;
  let formatted = formattedSlots.get(key);
  if (!formatted) {
    // Offices offer the same few hundred slot starts to everyone: each is formatted once per language.
    if (formattedSlots.size >= MAX_FORMATTED_SLOTS) formattedSlots.clear();
    formatted = Object.freeze(formatSlotNow(startIso, timeZone, intlLocale));
    formattedSlots.set(key, formatted);
  }
  return formatted;
}

/**
 * The long name of the zone in force at an instant ("Eastern Standard Time"), in the locale's words:
 * the language's own name from locales/<code>/dates.json where it has one (ICU has no Kreyòl names,
 * writes Tagalog "Hilangang Amerika", and "GMT+03:00" for Istanbul in some languages), else ICU's.
 */
export function zoneNameAt(instant: Date, timeZone: string, intlLocale: string): string {
  const ms = instant.getTime();
  const dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
  const dayKey = `${timeZone}|${intlLocale}|d${dayStart}`;
  const ofDay = zoneNames.get(dayKey);
  if (ofDay !== undefined) return ofDay;
  // A UTC day whose first and last millisecond have the same name has it throughout (a zone's
  // name changes with its clock, and never twice back in one day): one name for the whole day.
  const atDayStart = zoneNameNow(dayStart, timeZone, intlLocale);
  if (atDayStart === zoneNameNow(dayStart + DAY_MS - 1, timeZone, intlLocale)) {
    if (zoneNames.size >= MAX_ZONE_NAMES) zoneNames.clear();
    zoneNames.set(dayKey, atDayStart);
    return atDayStart;
  }
  // A day with a change in it: its quarter hours.
  const quarterStart = Math.floor(ms / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  const key = `${timeZone}|${intlLocale}|${quarterStart}`;
  const known = zoneNames.get(key);
  if (known !== undefined) return known;
  const name = zoneNameNow(ms, timeZone, intlLocale);
  if (
    zoneNameNow(quarterStart, timeZone, intlLocale) === name &&
    zoneNameNow(quarterStart + QUARTER_HOUR_MS - 1, timeZone, intlLocale) === name
  ) {
    if (zoneNames.size >= MAX_ZONE_NAMES) zoneNames.clear();
    zoneNames.set(key, name);
  }
  return name;
}

/**
 * Zone names by zone, locale and UTC day, or quarter hour on a day with a change: the prompt for a
 * date names the office's zone as of now on every ask, and each slot offered names the zone at its
 * start (the next two weeks: ~15 days × our offices' 21 zones × 13 languages, ~4,000 keys). A
 * quarter hour is kept only when its first and last millisecond have the same name (names change
 * twice a year). Bounded: cleared when full.
 */
const MAX_ZONE_NAMES = 100_000;
const DAY_MS = 24 * 60 * 60_000;
const zoneNames = new Map<string, string>();

function zoneNameNow(ms: number, timeZone: string, intlLocale: string): string {
  const own = ownZoneName(ms, timeZone, intlLocale);
  if (own !== undefined) return own;
  const zonePart = formatter('zone', intlLocale, timeZone)
    .formatToParts(ms)
    .find((part) => part.type === 'timeZoneName');
  return plainSpaces(zonePart?.value ?? timeZone);
}

/** The language's own name for the zone at that instant (locales/<code>/dates.json), if it has one. */
function ownZoneName(ms: number, timeZone: string, intlLocale: string): string | undefined {
  const names = localeDates(languageOfLocale(intlLocale)).timeZones?.[timeZone];
  if (!names) return undefined;
  return isDaylightTime(ms, timeZone) ? names.daylight : names.standard;
}

/**
 * Whether the zone is on daylight (summer) time at that instant: its offset is ahead of the lesser
 * of its offsets on 1 January and 1 July of that year, its standard time (as luxon's isInDST).
 */
export function isDaylightTime(ms: number, timeZone: string): boolean {
  const zone = officeZone(timeZone);
  const offset = zone.offset(ms);
  const year = new Date(ms + offset * 60_000).getUTCFullYear();
  return offset > Math.min(zone.offset(Date.UTC(year, 0, 1)), zone.offset(Date.UTC(year, 6, 1)));
}

const MAX_FORMATTED_SLOTS = 20_000;
const formattedSlots = new Map<string, Readonly<FormattedSlot>>();

function formatSlotNow(startIso: string, timeZone: string, intlLocale: string): FormattedSlot {
  const instant = new Date(startIso);
  if (Number.isNaN(instant.getTime())) throw new Error(`formatSlot: not a date: ${startIso}`);
  const language = primaryTag(intlLocale);
  const zone = zoneNameAt(instant, timeZone, intlLocale);
  if (language === 'ht') return { ...kreyolSlot(instant, timeZone), zone };
  // zoneNameAt has thrown already for a zone Intl does not know: the offset is a number here.
  const offsetMinutes = officeZone(timeZone).offset(instant.getTime());
  // The office's wall clock at that instant, as the same fields in UTC: a date or a time of day
  // reads the same in every zone, so each is formatted once per locale, not once per zone and slot.
  const wall = new Date(instant.getTime() + offsetMinutes * 60_000);
  const wallIso = wall.toISOString();
  const day = wallIso.slice(0, 10);
  return {
    date: wallText('date', intlLocale, day, wall, language),
    time: wallText('time', intlLocale, wallIso.slice(11, 16), wall, language),
    zone,
    weekday: wallText('weekday', intlLocale, day, wall, language),
  };
}

/** Dates, times of day and weekdays by locale, formatted from a wall clock as UTC (see formatSlotNow). Bounded: cleared when full. */
const MAX_WALL_TEXTS = 20_000;
const wallTexts = new Map<string, string>();

function wallText(kind: 'date' | 'time' | 'weekday', intlLocale: string, fields: string, wall: Date, language: string): string {
  const key = `${kind}|${intlLocale}|${fields}`;
  let text = wallTexts.get(key);
  if (text === undefined) {
    const utc = formatter(kind, intlLocale, 'UTC');
    text = plainSpaces(kind === 'weekday' ? utc.format(wall) : joinParts(utc.formatToParts(wall), language));
    if (wallTexts.size >= MAX_WALL_TEXTS) wallTexts.clear();
    wallTexts.set(key, text);
  }
  return text;
}

/**
 * A calendar date with no time ("1980-03-04" → "March 4, 1980" / "4 de marzo de 1980" /
 * "4 mas 1980" / "la 4-a de marto 1980"). Formatted as midnight UTC in UTC, so no zone can
 * move it to another day.
 */
export function formatCalendarDate(isoDate: string, intlLocale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`formatCalendarDate: expected YYYY-MM-DD, got ${isoDate}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const language = primaryTag(intlLocale);
  if (language === 'ht') return `${day} ${kreyol().months[month - 1]} ${year}`;
  // ICU writes "1980-Marto-4" for Esperanto's medium date: use the long date's own words.
  if (language === 'eo') return `la ${day}-a de ${ESPERANTO_MONTHS[month - 1]} ${year}`;
  const instant = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999.
  instant.setUTCFullYear(year);
  return plainSpaces(formatter('calendarDate', intlLocale, 'UTC').format(instant));
}

/** Kreyòl month and weekday names (Node's ICU has none), from locales/ht/dates.json; weekdays Monday first. */
function kreyol(): { months: readonly string[]; weekdays: readonly string[] } {
  const { months, weekdays } = localeDates('ht');
  if (!months || !weekdays) throw new Error('locales/ht/dates.json: Kreyòl dates need "months" and "weekdays"');
  return { months, weekdays };
}
const ESPERANTO_MONTHS: readonly string[] = [
  'januaro',
  'februaro',
  'marto',
  'aprilo',
  'majo',
  'junio',
  'julio',
  'aŭgusto',
  'septembro',
  'oktobro',
  'novembro',
  'decembro',
];

/** Korean readers write 오전/오후; ICU 78 gives "AM"/"PM" for ko's short time. */
const KOREAN_DAY_PERIODS: Readonly<Record<string, string>> = { AM: '오전', PM: '오후' };

function joinParts(parts: Intl.DateTimeFormatPart[], language: string): string {
  return parts
    .map((part) => {
      if (language === 'eo' && part.type === 'month') return part.value.toLowerCase();
      if (language === 'ko' && part.type === 'dayPeriod') return KOREAN_DAY_PERIODS[part.value] ?? part.value;
      return part.value;
    })
    .join('');
}

/** "madi 1 desanm 2026", "15:30". */
function kreyolSlot(instant: Date, timeZone: string): Omit<FormattedSlot, 'zone'> {
  const fields = new Map(
    formatter('numeric', 'en-US', timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(fields.get(type));
  const weekdayIndex = ENGLISH_WEEKDAYS.indexOf(fields.get('weekday') ?? '');
  const { months, weekdays } = kreyol();
  const weekday = weekdays[weekdayIndex] ?? '';
  const hour = field('hour') % 24;
  return {
    date: `${weekday} ${field('day')} ${months[field('month') - 1]} ${field('year')}`,
    time: `${hour}:${String(field('minute')).padStart(2, '0')}`,
    weekday,
  };
}

const ENGLISH_WEEKDAYS: readonly string[] = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function primaryTag(locale: string): string {
  return locale.split(/[-_]/)[0].toLowerCase();
}

function plainSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}
