/** Opening hours of a field office, in its own time zone. */
export interface OfficeHours {
  /** ISO weekdays the office takes appointments: 1 = Monday … 7 = Sunday. */
  days: number[];
  /** Local wall-clock time of the first appointment, "HH:mm". */
  open: string;
  /** Local wall-clock time the office closes, "HH:mm"; the last slot ends at or before it. */
  close: string;
}

export interface OfficeAddress {
  street: string;
  city: string;
  /** Two-letter US state or territory code, for domestic offices. */
  state?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface FieldOffice {
  /** Three-letter USCIS code, e.g. "ABQ". */
  code: string;
  /** English name, e.g. "Albuquerque Field Office". */
  name: string;
  kind: 'domestic' | 'international';
  address: OfficeAddress;
  location: { lat: number; lon: number };
  /** IANA zone, e.g. "America/Denver". */
  timeZone: string;
  /** Absent: the default hours of the slot policy. */
  hours?: OfficeHours;
  /** ISO 3166-1 alpha-2 codes of the countries an international office serves. */
  countries?: string[];
  /** Where this entry's facts come from, and how sure they are. */
  source: string;
  /** The date (YYYY-MM-DD) the entry's facts were last compared with a source, or written down when never. */
  checked: string;
  /**
   * What that comparison found. `official`: the address was confirmed on a uscis.gov or other
   * government page; `secondary`: on a news, embassy, court or law-firm page that quotes it;
   * `unverified`: recalled or guessed, never confirmed.
   */
  verification: Verification;
}

export type Verification = 'official' | 'secondary' | 'unverified';

export interface ZipInfo {
  zip: string;
  city: string;
  state: string;
  lat: number;
  lon: number;
  /** The county (GeoNames' name), known only in states with a county table in data/jurisdictions.json. */
  county?: string;
}

/** Where an exception of data/jurisdictions.json comes from. */
export interface JurisdictionSource {
  source: string;
  checked: string;
  verification: Verification;
}

/** The offices that serve a whole state instead of (or besides) those located in it. */
export interface StateRule extends JurisdictionSource {
  state: string;
  offices: string[];
}

/** Counties of a state and the one office that serves them. */
export interface CountyRule extends JurisdictionSource {
  state: string;
  office: string;
  counties: string[];
}

/**
 * Why a ZIP code got its office: a county table, a state rule (the nearest of the offices the
 * rule names when it names several), or, with no rule, the nearest office in the ZIP code's own
 * state. Only the first two can cross a state line.
 */
export type AssignmentBasis = { kind: 'county'; rule: CountyRule } | { kind: 'state'; rule: StateRule } | { kind: 'nearest-in-state' };

export interface OfficeForZip {
  office: FieldOffice;
  zip: ZipInfo;
  distanceKm: number;
  basis: AssignmentBasis;
}

/** A US ZIP code as the ZIP table knows it. */
export interface ZipEntry {
  zip: string;
  lat: number;
  lon: number;
  city: string;
  state: string;
  country: string;
}

/** The table of US ZIP codes the directory places people by (src/infra/zipcodes). */
export interface ZipSource {
  get(zip5: string): ZipEntry | undefined;
  /** Every five-digit code of the table. */
  zips(): readonly string[];
}

export interface OfficeDirectory {
  all(): readonly FieldOffice[];
  byCode(code: string): FieldOffice | undefined;
  /**
   * The domestic office that serves the ZIP code (see AssignmentBasis); undefined when the ZIP
   * code is not a known US place, or its state has no office and no rule.
   */
  forZip(zip: string): OfficeForZip | undefined;
  /** The international office serving a country (ISO alpha-2); undefined when none does. */
  forCountry(countryCode: string): FieldOffice | undefined;
  /** Every ZIP code of the table that is a US place (no military codes), in the table's order. */
  zipCodes(): string[];
}
