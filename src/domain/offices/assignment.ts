import { distanceKm, geoPoint, type GeoPoint } from './geo';
import type { Jurisdictions } from './jurisdictions';
import type { AssignmentBasis, CountyRule, FieldOffice, StateRule } from './types';
import { countyKey } from './zipCounties';

interface PlacedOffice {
  office: FieldOffice;
  point: GeoPoint;
}

export interface Assignment {
  office: FieldOffice;
  distanceKm: number;
  basis: AssignmentBasis;
}

/** The place to assign: a ZIP code's state, centroid and (where known) county. */
export interface Residence {
  state: string;
  lat: number;
  lon: number;
  county?: string;
}

/**
 * USCIS assigns a field office by place of residence. In order:
 * 1. a county table of data/jurisdictions.json that names the residence's county;
 * 2. a state rule (for a state without an office of its own, or one a source says is served from
 *    elsewhere too): the nearest of the offices it names;
 * 3. otherwise the nearest office located in the same state.
 * Distance is only ever the tie-breaker inside a sourced set, never a reason to cross a state line.
 */
export class JurisdictionAssigner {
  private readonly byCounty = new Map<string, CountyRule>();
  private readonly stateRules = new Map<string, StateRule>();
  private readonly inState = new Map<string, PlacedOffice[]>();
  private readonly placed = new Map<string, PlacedOffice>();

  constructor(offices: readonly FieldOffice[], jurisdictions: Jurisdictions) {
    for (const office of offices) {
      if (office.kind !== 'domestic' || !office.address.state) continue;
      const place = { office, point: geoPoint(office.location.lat, office.location.lon) };
      this.placed.set(office.code, place);
      const list = this.inState.get(office.address.state) ?? [];
      list.push(place);
      this.inState.set(office.address.state, list);
    }
    for (const rule of jurisdictions.states) this.stateRules.set(rule.state, rule);
    for (const rule of jurisdictions.counties) {
      for (const county of rule.counties) this.byCounty.set(`${rule.state}/${countyKey(county)}`, rule);
    }
  }

  /** States whose residences need a county to be assigned. */
  statesWithCountyTables(): Set<string> {
    return new Set([...this.byCounty.keys()].map((key) => key.slice(0, 2)));
  }

  assign(residence: Residence): Assignment | undefined {
    const here = geoPoint(residence.lat, residence.lon);
    const countyRule = residence.county === undefined ? undefined : this.byCounty.get(`${residence.state}/${countyKey(residence.county)}`);
    if (countyRule) {
      const place = this.placed.get(countyRule.office);
      if (place) return { office: place.office, distanceKm: distanceKm(here, place.point), basis: { kind: 'county', rule: countyRule } };
    }
    const stateRule = this.stateRules.get(residence.state);
    if (stateRule) {
      const pool = stateRule.offices.map((code) => this.placed.get(code)).filter((p): p is PlacedOffice => p !== undefined);
      const nearest = nearestOf(pool, here);
      if (nearest) return { ...nearest, basis: { kind: 'state', rule: stateRule } };
    }
    const nearest = nearestOf(this.inState.get(residence.state) ?? [], here);
    return nearest && { ...nearest, basis: { kind: 'nearest-in-state' } };
  }
}

function nearestOf(pool: readonly PlacedOffice[], here: GeoPoint): { office: FieldOffice; distanceKm: number } | undefined {
  let best: { office: FieldOffice; distanceKm: number } | undefined;
  for (const { office, point } of pool) {
    const km = distanceKm(here, point);
    if (!best || km < best.distanceKm) best = { office, distanceKm: km };
  }
  return best;
}
