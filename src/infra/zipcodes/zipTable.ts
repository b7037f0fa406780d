import { execFileSync } from 'node:child_process';
import type { ZipEntry, ZipSource } from '../../domain/offices/types';

type Row = [lat: number, lon: number, city: string, state: string, country: string];

/**
 * Run by the child: the package's five-digit codes as JSON rows. Plain JavaScript in a string
 * because the child is a bare `node -e`, whatever runs this module (tsc's output or tsx).
 */
const EXPORT_SCRIPT = `
const { codes } = require(process.argv[1]);
const rows = {};
for (const [zip, e] of Object.entries(codes)) {
  if (/^\\d{5}$/.test(zip)) rows[zip] = [e.latitude, e.longitude, e.city, e.state, e.country];
}
process.stdout.write(JSON.stringify(rows));
`;

/**
 * The zipcodes package's table, read in a short-lived child process that hands it over as JSON.
 *
 * The package ships the table as a 5 MB JavaScript object literal. Compiling that in the bot's
 * own process cost 60–70 MB of resident memory it never gave back (the parser's working memory
 * and a young generation grown for the occasion): a third of the idle bot. The same table parsed
 * as JSON costs ~15 MB. The child pays for the compile and exits. Like the package's own load,
 * this runs once, on first use (the warm-up, while idle), and blocks: ~0.4 s in all, against
 * ~0.25 s for the require in-process.
 */
export class ZipTable implements ZipSource {
  private constructor(private readonly rows: Readonly<Record<string, Row>>) {}

  static load(zipcodesModule: string = require.resolve('zipcodes')): ZipTable {
    let json: string;
    try {
      json = execFileSync(process.execPath, ['-e', EXPORT_SCRIPT, zipcodesModule], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      const stderr = (error as { stderr?: unknown }).stderr;
      throw new Error(
        `cannot read the ZIP code table from ${zipcodesModule}: ${typeof stderr === 'string' && stderr ? stderr.trim() : String(error)}`,
        { cause: error },
      );
    }
    return new ZipTable(JSON.parse(json) as Record<string, Row>);
  }

  /** The entry of a five-digit ZIP code, or undefined when the package has none. */
  get(zip5: string): ZipEntry | undefined {
    if (!Object.hasOwn(this.rows, zip5)) return undefined;
    const [lat, lon, city, state, country] = this.rows[zip5];
    return { zip: zip5, lat, lon, city, state, country };
  }

  /** Every five-digit code of the table, in the package's order. */
  zips(): string[] {
    return Object.keys(this.rows);
  }

  get size(): number {
    return Object.keys(this.rows).length;
  }
}

let shared: ZipTable | undefined;

/** One table per process, loaded on the first call: every office directory of the process shares it. */
export function sharedZipTable(): ZipTable {
  shared ??= ZipTable.load();
  return shared;
}
