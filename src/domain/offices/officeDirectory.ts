import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod/v4';
import { JurisdictionAssigner } from './assignment';
import { NO_JURISDICTIONS, parseJurisdictions, type Jurisdictions } from './jurisdictions';
import { calendarDateSchema, verificationSchema } from './provenance';
import { isTimeZoneOfState, isValidTimeZone } from './stateTimeZones';
import type { FieldOffice, OfficeDirectory, OfficeForZip, ZipEntry, ZipInfo, ZipSource } from './types';
import { ZipCounties } from './zipCounties';

const DATA_FILE = join('data', 'field-offices.json');
const JURISDICTIONS_FILE = 'jurisdictions.json';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code in upper case');
const wallClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected "HH:mm"');

const hoursSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).nonempty(),
    open: wallClock,
    close: wallClock,
  })
  .strict()
  .refine((h) => h.open < h.close, { message: 'opens after it closes' });

const officeSchema = z
  .object({
    code: z.string().regex(/^[A-Z]{3}$/, 'expected three upper-case letters'),
    name: z.string().min(1),
    kind: z.enum(['domestic', 'international']),
    address: z
      .object({
        // May be empty when only the city is known (see data/README.md).
        street: z.string(),
        city: z.string().min(1),
        state: z
          .string()
          .regex(/^[A-Z]{2}$/)
          .optional(),
        postalCode: z.string().min(1).optional(),
        country: countryCode,
      })
      .strict(),
    location: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict(),
    timeZone: z.string().refine(isValidTimeZone, { message: 'not an IANA time zone known to Intl' }),
    hours: hoursSchema.optional(),
    countries: z.array(countryCode).nonempty().optional(),
    source: z.string().min(1),
    checked: calendarDateSchema,
    verification: verificationSchema,
  })
  .strict()
  .superRefine((office, ctx) => {
    if (office.kind === 'domestic') {
      const state = office.address.state;
      if (office.address.country !== 'US')
        ctx.addIssue({ code: 'custom', path: ['address', 'country'], message: 'a domestic office must be in the US' });
      if (!state) ctx.addIssue({ code: 'custom', path: ['address', 'state'], message: 'a domestic office needs a state' });
      else if (!isTimeZoneOfState(office.timeZone, state)) {
        ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `${office.timeZone} is not a zone of ${state}` });
      }
      if (office.countries) ctx.addIssue({ code: 'custom', path: ['countries'], message: 'only international offices serve countries' });
    } else if (!office.countries) {
      ctx.addIssue({ code: 'custom', path: ['countries'], message: 'an international office must list the countries it serves' });
    }
  });

/** Mail-only military ZIP codes (APO/FPO): not a place of residence with a field office. */
const MILITARY_STATES = new Set(['AA', 'AE', 'AP']);

/**
 * "12345" or "12345-6789" (surrounding spaces allowed) → "12345"; anything else → undefined.
 * Says nothing about whether the ZIP code exists.
 */
export function normalizeZip(text: string): string | undefined {
  const match = /^(\d{5})(?:-\d{4})?$/.exec(text.trim());
  return match ? match[1] : undefined;
}

/** The ZIP table's entry as a US place, or undefined when it is not one (or there is no entry). */
function usPlace(found: ZipEntry | undefined): ZipInfo | undefined {
  if (!found || found.country !== 'US' || MILITARY_STATES.has(found.state)) return undefined;
  // A few entries carry 0,0 for "no coordinates".
  if (found.lat === 0 && found.lon === 0) return undefined;
  return { zip: found.zip, city: found.city, state: found.state, lat: found.lat, lon: found.lon };
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
}

/** Validates the raw JSON; throws an Error naming the first bad entry. */
export function parseOffices(raw: unknown, origin = 'field offices'): FieldOffice[] {
  if (!Array.isArray(raw)) throw new Error(`${origin}: expected a JSON array of field offices`);
  const offices: FieldOffice[] = [];
  const codes = new Set<string>();
  const countryOwners = new Map<string, string>();
  raw.forEach((entry: unknown, index) => {
    const parsed = officeSchema.safeParse(entry);
    if (!parsed.success) {
      const code = z.object({ code: z.string() }).safeParse(entry);
      const label = code.success ? `"${code.data.code}"` : 'without a code';
      throw new Error(`${origin}: entry ${index} (${label}) is invalid: ${describeIssues(parsed.error)}`);
    }
    const office: FieldOffice = parsed.data;
    if (codes.has(office.code)) throw new Error(`${origin}: entry ${index}: duplicate office code "${office.code}"`);
    codes.add(office.code);
    for (const country of office.countries ?? []) {
      const owner = countryOwners.get(country);
      if (owner) throw new Error(`${origin}: entry ${index} ("${office.code}"): country ${country} is already served by "${owner}"`);
      countryOwners.set(country, office.code);
    }
    offices.push(office);
  });
  return offices;
}

class FieldOfficeDirectory implements OfficeDirectory {
  private readonly offices: readonly FieldOffice[];
  private readonly byCodeMap = new Map<string, FieldOffice>();
  private readonly byCountryMap = new Map<string, FieldOffice>();
  private readonly assigner: JurisdictionAssigner;
  private readonly countyStates: ReadonlySet<string>;
  private counties: ZipCounties | undefined;
  private zipSource: ZipSource | undefined;

  constructor(
    offices: readonly FieldOffice[],
    jurisdictions: Jurisdictions,
    private readonly loadZips: () => ZipSource,
  ) {
    this.offices = Object.freeze([...offices]);
    for (const office of offices) {
      this.byCodeMap.set(office.code, office);
      for (const country of office.countries ?? []) this.byCountryMap.set(country, office);
    }
    this.assigner = new JurisdictionAssigner(offices, jurisdictions);
    this.countyStates = this.assigner.statesWithCountyTables();
  }

  all(): readonly FieldOffice[] {
    return this.offices;
  }

  byCode(code: string): FieldOffice | undefined {
    return this.byCodeMap.get(code.trim().toUpperCase());
  }

  forZip(zip: string): OfficeForZip | undefined {
    const zip5 = normalizeZip(zip);
    const info = zip5 ? usPlace(this.zips().get(zip5)) : undefined;
    if (!info) return undefined;
    const county = this.countyStates.has(info.state) ? this.countyOf(info.zip) : undefined;
    const place: ZipInfo = county === undefined ? info : { ...info, county };
    const assignment = this.assigner.assign(place);
    return assignment && { ...assignment, zip: place };
  }

  zipCodes(): string[] {
    const zips = this.zips();
    return zips.zips().filter((zip) => usPlace(zips.get(zip)) !== undefined);
  }

  /** Read on first use: a new process should not spend the read before its first reply. */
  private zips(): ZipSource {
    this.zipSource ??= this.loadZips();
    return this.zipSource;
  }

  /** Read on first need, and only for the states that have county tables. */
  private countyOf(zip5: string): string | undefined {
    this.counties ??= ZipCounties.load(this.countyStates);
    return this.counties.get(zip5);
  }

  forCountry(countryCode: string): FieldOffice | undefined {
    return this.byCountryMap.get(countryCode.trim().toUpperCase());
  }
}

export function createOfficeDirectory(
  offices: readonly FieldOffice[],
  loadZips: () => ZipSource,
  jurisdictions: Jurisdictions = NO_JURISDICTIONS,
): OfficeDirectory {
  return new FieldOfficeDirectory(offices, jurisdictions, loadZips);
}

/** data/field-offices.json of the project, found from this file in src/ or in dist/src/. */
function defaultDataPath(): string {
  let dir = __dirname;
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, DATA_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`cannot find ${DATA_FILE} above ${__dirname}`);
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read ${what}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/**
 * Reads and validates the field office file and the jurisdiction exceptions beside it
 * (data/jurisdictions.json); throws with the bad entry named. The ZIP table is loaded on the
 * first ZIP code asked about.
 */
export function loadOfficeDirectory(
  loadZips: () => ZipSource,
  path: string = defaultDataPath(),
  jurisdictionsPath: string = join(dirname(path), JURISDICTIONS_FILE),
): OfficeDirectory {
  const offices = parseOffices(readJson(path, 'field offices'), path);
  const jurisdictions = parseJurisdictions(readJson(jurisdictionsPath, 'jurisdictions'), offices, jurisdictionsPath);
  return createOfficeDirectory(offices, loadZips, jurisdictions);
}

/** The validated exceptions of data/jurisdictions.json (for reports and tests). */
export function loadJurisdictions(
  offices: readonly FieldOffice[],
  path: string = join(dirname(defaultDataPath()), JURISDICTIONS_FILE),
): Jurisdictions {
  return parseJurisdictions(readJson(path, 'jurisdictions'), offices, path);
}
