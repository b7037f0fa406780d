import { parsePhone } from '../src/domain/phone';
import type { ReasonCode } from '../src/domain/reasons';
import type { FieldOffice } from '../src/domain/offices/types';
import type { Slot } from '../src/domain/slots/types';
import type { WallClockWhen } from '../src/domain/dates/whenEntity';
import type { DialogServices } from './services';
import type { Location } from './locationDialog';
import type { PersonalDetails } from './personalDetailsDialog';
import { type Heard, type KnownDetails, forgetKey, holds } from './heard';
import type { Field } from './corrections';

/** What was taken without asking, or changed, to say back with the next question. */
export interface Recap {
  /** Something given before was changed: said first ("OK, I changed it."). */
  changed?: boolean;
  office?: boolean;
  reason?: boolean;
  when?: boolean;
  name?: boolean;
  dateOfBirth?: boolean;
  phone?: boolean;
}

/** What the booking flow has gathered so far; passed along again when it must go back a step. */
export interface BookingDraft {
  /**
   * What the person has already said that answers questions of this flow (a first message such as
   * "cita para mi green card, vivo en 90012, el martes"): each step takes its answer from here
   * instead of asking.
   */
  heard?: Heard;
  location?: Location;
  reason?: ReasonCode;
  details?: PersonalDetails;
  /** Personal details kept while another one is asked again (a correction). */
  known?: KnownDetails;
  slot?: Slot;
  recap?: Recap;
  /** The summary asks which field to change instead of whether to book. */
  choosingField?: boolean;
  /** A correction came at the list of times: the times are offered again, not taken. */
  offerAgain?: boolean;
  /**
   * This booking request's id (AppointmentStore.book), made in the turn that shows the summary so
   * that it is saved before the confirming turn calls the store: a retried turn replays the booking.
   */
  requestId?: string;
}

/** The personal details known so far, asked or heard (what was corrected last wins). */
export function knownDetails(draft: BookingDraft): KnownDetails {
  const heard = draft.heard ?? {};
  const known: KnownDetails = {
    ...(heard.name ? { name: heard.name } : {}),
    ...(heard.dateOfBirth ? { dateOfBirth: heard.dateOfBirth } : {}),
    ...(heard.dateOfBirthReadings ? { dateOfBirthReadings: heard.dateOfBirthReadings } : {}),
    ...(heard.phone ? { phone: heard.phone } : {}),
    ...(draft.details ?? {}),
  };
  const kept = draft.known ?? {};
  if (kept.dateOfBirth) delete known.dateOfBirthReadings;
  return { ...known, ...kept };
}

/** The draft with one field to ask again (and what was heard for it forgotten): the flow asks only that, then the summary. */
export function withoutField(draft: BookingDraft, field: Field): BookingDraft {
  const heard: Heard = { ...(draft.heard ?? {}) };
  const next: BookingDraft = { ...draft, heard, choosingField: false };
  delete next.recap;
  switch (field) {
    case 'location':
      delete heard.zip;
      delete heard.country;
      delete heard.office;
      delete next.location;
      delete next.slot;
      break;
    case 'reason':
      delete heard.reason;
      delete next.reason;
      break;
    case 'slot':
      forgetKey(heard, 'when');
      delete next.slot;
      delete next.offerAgain;
      break;
    default: {
      forgetKey(heard, field);
      const known = knownDetails(draft);
      delete next.details;
      delete known[field];
      if (field === 'dateOfBirth') delete known.dateOfBirthReadings;
      next.known = known;
    }
  }
  return next;
}

/** Where the message at another question carried the correction: what that question's flow had gathered, and the times it was offering. */
export interface CorrectedAt {
  known?: KnownDetails;
  when?: WallClockWhen;
}

function sameWhen(a: WallClockWhen | undefined, b: WallClockWhen | undefined): boolean {
  return a?.date === b?.date && a?.time === b?.time && a?.partOfDay === b?.partOfDay;
}

/**
 * The draft with what a message corrected or gave ahead (`values`), each value checked as if it
 * were asked, and what changed marked to be said back with the next question. A new office or day
 * drops the time chosen: the free times are looked up again. A value equal to the one held changes
 * nothing.
 */
export function correctedDraft(draft: BookingDraft, values: Heard, services: DialogServices, at: CorrectedAt = {}): BookingDraft {
  let next: BookingDraft = { ...draft, choosingField: false };
  if (at.known) next.known = { ...(draft.known ?? {}), ...at.known };
  const recap: Recap = {};
  let changed = false;

  const place = placeOf(values, services);
  const location = draft.location;
  if (place && !(location?.officeCode === place.code && (values.zip === undefined || values.zip === location.zip))) {
    changed ||= location !== undefined;
    next = withoutField(next, 'location');
    next.heard = { ...next.heard, ...pick(values, ['zip', 'office', 'country']) };
  }

  const reason = draft.reason ?? draft.heard?.reason;
  if (values.reason && values.reason !== reason) {
    changed ||= reason !== undefined;
    delete next.reason;
    next.heard = { ...next.heard, reason: values.reason };
    recap.reason = true;
  }

  const when = draft.heard?.when;
  if (values.when && !sameWhen(values.when, when)) {
    changed ||= draft.slot !== undefined || (draft.heard !== undefined && holds(draft.heard, 'when'));
    next = withoutField(next, 'slot');
    next.heard = { ...next.heard, when: values.when };
    recap.when = true;
  } else if (at.when) {
    next.heard = { ...next.heard, when: at.when };
    delete next.heard.whenUnread;
    next.offerAgain = true;
  }

  const details = knownDetails(next);
  const corrected = correctedDetails(details, values, officeOf(next, services));
  if (corrected.keys.length > 0) {
    changed ||= corrected.keys.some((key) => details[key] !== undefined);
    for (const key of corrected.keys) recap[key] = corrected.final[key];
    const all = { ...details, ...corrected.values };
    if (!corrected.values.dateOfBirthReadings) delete all.dateOfBirthReadings;
    const settled = next.details !== undefined && corrected.keys.every((key) => corrected.final[key]);
    if (settled && all.name && all.dateOfBirth && all.phone) {
      next.details = { name: all.name, dateOfBirth: all.dateOfBirth, phone: all.phone };
    } else {
      delete next.details;
      next.known = all;
    }
  }

  const flags = Object.entries(recap).filter(([, on]) => on === true);
  if (flags.length > 0 || changed) next.recap = { ...recap, ...(changed ? { changed: true } : {}) };
  return next;
}

type DetailKey = 'name' | 'dateOfBirth' | 'phone';

/**
 * The personal details a message changes: which, their new values, and whether each is final (a
 * date of birth that reads two ways is asked about; a phone number the office cannot take is asked
 * again) — only a final one is said back.
 */
function correctedDetails(
  details: KnownDetails,
  values: Heard,
  office: FieldOffice | undefined,
): { keys: DetailKey[]; values: KnownDetails; final: Record<DetailKey, boolean> } {
  const keys: DetailKey[] = [];
  const changes: KnownDetails = {};
  const final: Record<DetailKey, boolean> = { name: true, dateOfBirth: true, phone: true };
  if (values.name && values.name !== details.name) {
    keys.push('name');
    changes.name = values.name;
  }
  const readings = values.dateOfBirthReadings;
  if (values.dateOfBirth && (values.dateOfBirth !== details.dateOfBirth || readings)) {
    keys.push('dateOfBirth');
    changes.dateOfBirth = values.dateOfBirth;
    if (readings) changes.dateOfBirthReadings = readings;
    final.dateOfBirth = readings === undefined;
  }
  if (values.phone && values.phone !== details.phone) {
    const phone = parsePhone(values.phone, { allowInternational: office?.kind === 'international' });
    keys.push('phone');
    changes.phone = phone.ok ? phone.e164 : values.phone;
    final.phone = phone.ok;
  }
  return { keys, values: changes, final };
}

/** The office a message's place names (a ZIP code, an office's city, a country abroad), when it names one. */
export function placeOf(values: Heard, services: DialogServices): FieldOffice | undefined {
  if (values.zip) return services.offices.forZip(values.zip)?.office;
  if (values.office) return services.offices.byCode(values.office);
  return values.country && values.country !== 'US' ? services.offices.forCountry(values.country) : undefined;
}

function officeOf(draft: BookingDraft, services: DialogServices): FieldOffice | undefined {
  return draft.location ? services.offices.byCode(draft.location.officeCode) : undefined;
}

function pick(values: Heard, keys: readonly ('zip' | 'office' | 'country')[]): Heard {
  const picked: Heard = {};
  for (const key of keys) if (values[key] !== undefined) picked[key] = values[key];
  return picked;
}
