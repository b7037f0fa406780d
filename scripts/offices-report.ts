/**
 * How ZIP codes are assigned to field offices: the share that crosses a state line, each
 * exception of data/jurisdictions.json with its source, and how sure each office entry is.
 *
 *   npm run offices:report
 */
import { loadJurisdictions, loadOfficeDirectory } from '../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../src/infra/zipcodes/zipTable';
import type { AssignmentBasis } from '../src/domain/offices/types';

const directory = loadOfficeDirectory(sharedZipTable);
const jurisdictions = loadJurisdictions(directory.all());

const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;

function ruleLabel(basis: AssignmentBasis): string {
  return basis.kind === 'nearest-in-state' ? 'nearest in state (no rule)' : `${basis.kind} rule`;
}

let total = 0;
let crossState = 0;
const unassigned: string[] = [];
const byBasis = new Map<string, number>();
const crossings = new Map<string, number>();
for (const zip of directory.zipCodes()) {
  const found = directory.forZip(zip);
  if (!found) {
    unassigned.push(zip);
    continue;
  }
  total += 1;
  byBasis.set(found.basis.kind, (byBasis.get(found.basis.kind) ?? 0) + 1);
  if (found.office.address.state !== found.zip.state) {
    crossState += 1;
    const key = `${found.zip.state} → ${found.office.code} (${found.office.address.city}, ${found.office.address.state}), ${ruleLabel(found.basis)}`;
    crossings.set(key, (crossings.get(key) ?? 0) + 1);
  }
}

const lines: string[] = [];
lines.push(
  `ZIP codes assigned: ${total} (military APO/FPO codes excluded); without an office: ${unassigned.length}${unassigned.length ? ` (${unassigned.slice(0, 10).join(', ')}…)` : ''}`,
);
lines.push(`Cross-state assignments: ${crossState} of ${total} (${percent(crossState, total)})`);
lines.push(`By basis: ${[...byBasis].map(([kind, n]) => `${kind} ${n} (${percent(n, total)})`).join('; ')}`);
lines.push('', 'Cross-state assignments by state and office:');
for (const [key, n] of [...crossings].sort((a, b) => b[1] - a[1])) lines.push(`  ${String(n).padStart(5)}  ${key}`);

lines.push('', 'State rules (data/jurisdictions.json):');
for (const rule of jurisdictions.states) {
  lines.push(`  ${rule.state} → ${rule.offices.join(', ')}  [${rule.verification}, checked ${rule.checked}]`, `      ${rule.source}`);
}
lines.push('', 'County tables (data/jurisdictions.json):');
for (const rule of jurisdictions.counties) {
  lines.push(
    `  ${rule.state}: ${rule.counties.length} counties → ${rule.office}  [${rule.verification}, checked ${rule.checked}]`,
    `      ${rule.source}`,
  );
}

lines.push('', 'Office entries by verification (data/field-offices.json):');
for (const level of ['official', 'secondary', 'unverified'] as const) {
  const offices = directory.all().filter((o) => o.verification === level);
  lines.push(`  ${level} (${offices.length}): ${offices.map((o) => `${o.code} ${o.checked}`).join(', ')}`);
}

process.stdout.write(`${lines.join('\n')}\n`);
