import { z } from 'zod/v4';
import { calendarDateSchema, verificationSchema } from './provenance';
import type { CountyRule, FieldOffice, StateRule } from './types';
import { countyKey } from './zipCounties';

const officeCode = z.string().regex(/^[A-Z]{3}$/, 'expected an office code');
const stateCode = z.string().regex(/^[A-Z]{2}$/, 'expected a two-letter state code');

const provenance = {
  source: z.string().min(20, 'name the source'),
  checked: calendarDateSchema,
  verification: verificationSchema,
};

const fileSchema = z
  .object({
    $comment: z.string().optional(),
    states: z.array(z.object({ state: stateCode, offices: z.array(officeCode).nonempty(), ...provenance }).strict()),
    counties: z.array(
      z.object({ state: stateCode, office: officeCode, counties: z.array(z.string().min(1)).nonempty(), ...provenance }).strict(),
    ),
  })
  .strict();

/** The exceptions to "the nearest office of the person's own state", read from data/jurisdictions.json. */
export interface Jurisdictions {
  states: readonly StateRule[];
  counties: readonly CountyRule[];
}

export const NO_JURISDICTIONS: Jurisdictions = { states: [], counties: [] };

/**
 * Validates the raw JSON against the office list: every office named exists and is domestic, a
 * state has at most one state rule, and a county is in at most one county table.
 */
export function parseJurisdictions(raw: unknown, offices: readonly FieldOffice[], origin = 'jurisdictions'): Jurisdictions {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${origin}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  const domestic = new Set(offices.filter((o) => o.kind === 'domestic').map((o) => o.code));
  const checkOffice = (code: string, where: string): void => {
    if (!domestic.has(code)) throw new Error(`${origin}: ${where}: no domestic office "${code}"`);
  };
  const states = new Set<string>();
  for (const rule of parsed.data.states) {
    if (states.has(rule.state)) throw new Error(`${origin}: state ${rule.state} has two state rules`);
    states.add(rule.state);
    for (const code of rule.offices) checkOffice(code, `state ${rule.state}`);
  }
  const counties = new Map<string, string>();
  for (const rule of parsed.data.counties) {
    checkOffice(rule.office, `counties of ${rule.state}`);
    for (const county of rule.counties) {
      const key = `${rule.state}/${countyKey(county)}`;
      const owner = counties.get(key);
      if (owner) throw new Error(`${origin}: ${county}, ${rule.state} is served by both ${owner} and ${rule.office}`);
      counties.set(key, rule.office);
    }
  }
  return { states: parsed.data.states, counties: parsed.data.counties };
}
