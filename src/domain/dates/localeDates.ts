import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../languages';
import { projectRoot } from '../projectPaths';

/** A zone's long names in one language: standard time, and daylight (summer) time where the zone keeps it. */
export interface ZoneNames {
  readonly standard: string;
  readonly daylight?: string;
}

/**
 * The date words a language supplies itself, where Node's ICU has none (Haitian Creole) or writes
 * them wrong (Tagalog "Hilangang Amerika"; "GMT+03:00" for Istanbul in several languages):
 * `locales/<code>/dates.json`, read on first use. Every part is optional.
 */
export interface LocaleDates {
  /** Month names, January first. */
  readonly months?: readonly string[];
  /** Weekday names, Monday first (luxon's and ISO's numbering). */
  readonly weekdays?: readonly string[];
  /** Long zone names by IANA zone ("America/New_York"). */
  readonly timeZones?: Readonly<Record<string, ZoneNames>>;
}

const NONE: LocaleDates = Object.freeze({});
const loaded = new Map<string, LocaleDates>();

/** The language code ("tl") of a locale the bot formats with ("fil-PH"), or its primary tag. */
export function languageOfLocale(intlLocale: string): string {
  const ours = LANGUAGES.find((l) => l.intlLocale === intlLocale);
  return ours ? ours.code : intlLocale.split(/[-_]/)[0].toLowerCase();
}

/** locales/<code>/dates.json of one of our languages (empty when it has none), read once. */
export function localeDates(code: string): LocaleDates {
  let dates = loaded.get(code);
  if (!dates) {
    dates = NONE;
    if (LANGUAGES.some((l) => l.code === code)) {
      const file = path.join(projectRoot(), 'locales', code, 'dates.json');
      if (fs.existsSync(file)) dates = parseLocaleDates(JSON.parse(fs.readFileSync(file, 'utf8')) as unknown, file);
    }
    loaded.set(code, dates);
  }
  return dates;
}

/** Checks a dates.json's shape: a wrong file fails at its first use, naming the file and the field. */
export function parseLocaleDates(raw: unknown, file: string): LocaleDates {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what}`);
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail('must be an object');
  const { months, weekdays, timeZones, ...rest } = raw as Record<string, unknown>;
  if (Object.keys(rest).length > 0) fail(`unknown fields ${Object.keys(rest).join(', ')} (months, weekdays, timeZones)`);
  const names = (value: unknown, count: number, field: string): readonly string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.length !== count || !value.every((v) => typeof v === 'string' && v.trim().length > 0)) {
      fail(`"${field}" must be ${count} names`);
    }
    return Object.freeze([...(value as string[])]);
  };
  const zones: Record<string, ZoneNames> = {};
  if (timeZones !== undefined) {
    if (timeZones === null || typeof timeZones !== 'object' || Array.isArray(timeZones)) fail('"timeZones" must map IANA zones to names');
    for (const [zone, value] of Object.entries(timeZones as Record<string, unknown>)) {
      const { standard, daylight, ...other } = (value ?? {}) as Record<string, unknown>;
      const isName = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
      if (!isName(standard) || (daylight !== undefined && !isName(daylight)) || Object.keys(other).length > 0) {
        fail(`"timeZones.${zone}" must be { "standard": name, "daylight"?: name }`);
      }
      zones[zone] = Object.freeze({ standard: standard as string, ...(daylight === undefined ? {} : { daylight: daylight as string }) });
    }
  }
  return Object.freeze({
    ...(months === undefined ? {} : { months: names(months, 12, 'months') }),
    ...(weekdays === undefined ? {} : { weekdays: names(weekdays, 7, 'weekdays') }),
    ...(timeZones === undefined ? {} : { timeZones: Object.freeze(zones) }),
  });
}
