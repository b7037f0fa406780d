/**
 * Reasons people booked InfoPass appointments for. No official list survives;
 * these are the common ones (see the design notes). The labels live in locales/ under
 * `reasons.<code>`.
 */
export const REASON_CODES = [
  'judge_order',
  'adit_stamp',
  'ead_inquiry',
  'advance_parole',
  'contact_center_followup',
  'green_card_not_received',
  'n300_n470',
  'pending_case',
  'deferred_action',
  'other',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

/** Reasons for which an appointment does not help: the bot advises instead of booking. */
export const ADVISORY_ONLY: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['deferred_action']);

/** Extra documents a reason calls for, as locale keys under `documents.extra`. */
export const EXTRA_DOCUMENTS: Partial<Record<ReasonCode, string>> = {
  contact_center_followup: 'serviceRequest',
  judge_order: 'judgeOrder',
  adit_stamp: 'passportAndCard',
  ead_inquiry: 'i765Receipt',
};

export function isReasonCode(value: unknown): value is ReasonCode {
  return typeof value === 'string' && (REASON_CODES as readonly string[]).includes(value);
}
