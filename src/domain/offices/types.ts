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
  /** Where this entry's facts come from. */
  source: string;
}

export interface ZipInfo {
  zip: string;
  city: string;
  state: string;
  lat: number;
  lon: number;
}

export interface OfficeForZip {
  office: FieldOffice;
  zip: ZipInfo;
  distanceKm: number;
}

export interface OfficeDirectory {
  all(): readonly FieldOffice[];
  byCode(code: string): FieldOffice | undefined;
  /** The office nearest the ZIP's centroid; undefined when the ZIP is not a known US ZIP code. */
  forZip(zip: string): OfficeForZip | undefined;
  /** The international office serving a country (ISO alpha-2); undefined when none does. */
  forCountry(countryCode: string): FieldOffice | undefined;
}
