import type { TurnContext } from 'botbuilder';
import type { DialogContext, DialogInstance } from 'botbuilder-dialogs';
import type { OfferedSlot } from '../src/domain/dates/offeredSlot';
import { understand, type Expecting, type Understanding } from '../src/domain/understanding';
import { choiceTitle, type WordsChoice } from './choices';
import type { DialogServices } from './services';
import { incomingText, turnLanguage } from './turnLanguage';

/** Dates said before an office is known are read in this zone's wall-clock time (docs/understanding.md). */
export const DEFAULT_UNDERSTANDING_ZONE = 'America/New_York';

/**
 * What each prompt asks, by its dialog id: the understanding reads a message in that context
 * ("cancelar" answering "Do you want to cancel it?" is a yes). A flow may name its own prompts
 * with `expectAt`.
 */
const EXPECTING_BY_PROMPT = new Map<string, Expecting | null>([
  ['root.menu', 'menu'],
  // The language list: nothing has been asked in the person's language yet, as in a first message.
  ['language.pick', null],
  ['location.zip', 'zip'],
  ['location.country', 'country'],
  ['location.confirm', 'officeConfirm'],
  ['booking.reason', 'reason'],
  ['booking.confirm', 'summary'],
  ['booking.field', 'slot'],
  // "Cancel" there picks "cancel it", as at the menu; it stops nothing.
  ['booking.existing', 'menu'],
  ['personalDetails.name', 'name'],
  ['personalDetails.dob', 'dob'],
  ['personalDetails.dobWhich', 'slot'],
  ['personalDetails.phone', 'phone'],
  ['slot.when', 'when'],
  ['slot.pick', 'slot'],
  ['verify.receipt', 'receipt'],
  ['verify.dob', 'dob'],
  ['cancel.confirm', 'cancelConfirm'],
]);

/** Names what a prompt asks (for prompts added after this table). */
export function expectAt(promptId: string, expecting: Expecting | null): void {
  EXPECTING_BY_PROMPT.set(promptId, expecting);
}

/**
 * What the question waiting for this message asks: the top of the stack's prompt. A prompt not in
 * the table is read as a yes/no question when its choices are yes and no, otherwise as a pick in
 * the middle of a flow (where "cancel" alone means stop).
 */
export function expectingAt(dc: DialogContext): Expecting | undefined {
  const active = dc.activeDialog;
  if (!active) return undefined;
  const known = EXPECTING_BY_PROMPT.get(active.id);
  if (known !== undefined) return known ?? undefined;
  const choices = (active.state as { options?: { choices?: unknown } }).options?.choices;
  const values = Array.isArray(choices) ? choices.map((c) => (c as { value?: unknown }).value) : [];
  return values.length === 2 && values.includes('yes') && values.includes('no') ? 'yesno' : 'slot';
}

/** The times offered by the prompt waiting for this message (its choices whose value is a slot's start), with their titles. */
export function offeredSlotsAt(dc: DialogContext): OfferedSlot[] {
  const choices = (dc.activeDialog?.state as { options?: { choices?: unknown } } | undefined)?.options?.choices;
  if (!Array.isArray(choices)) return [];
  const offered: OfferedSlot[] = [];
  for (const choice of choices as WordsChoice[]) {
    const title = choiceTitle(choice);
    if (title && typeof choice.value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(choice.value)) offered.push({ title, start: choice.value });
  }
  return offered;
}

/** What a flow on the stack may hold about its office: its code (slot, booking's draft) or its zone (personal details). */
interface OfficeHints {
  options?: { officeCode?: unknown; timeZone?: unknown };
  values?: { draft?: { location?: { officeCode?: unknown } } };
}

/** The zone of the office the flows on the stack have chosen (the nearest first), for dates said in its wall-clock time. */
export function officeZoneOnStack(dc: DialogContext, services: DialogServices): string | undefined {
  for (const entry of dc.stack as DialogInstance<OfficeHints>[]) {
    const { options, values } = entry.state ?? {};
    if (typeof options?.timeZone === 'string') return options.timeZone;
    const code = options?.officeCode ?? values?.draft?.location?.officeCode;
    if (typeof code === 'string') return services.offices.byCode(code)?.timeZone;
  }
  return undefined;
}

const UNDERSTOOD = Symbol('infopass.understood');

interface Kept {
  text: string;
  language: string;
  expecting: Expecting | undefined;
  timeZone: string;
  understanding: Understanding;
}

/**
 * This turn's message read by the understanding in the context of `expecting` (undefined: a first
 * message), dates in `timeZone`'s wall-clock time: read once per message, kept for the rest of the
 * turn. The root dialog reads every message with the zone of the office on the stack (see
 * officeZoneOnStack), so a flow asking with its office's zone gets the same reading. `offered`: the
 * times the waiting prompt offers, titled in `timeZone` (offeredSlotsAt): one pressed is read
 * without the date parsers.
 */
export function understandTurn(
  context: TurnContext,
  services: DialogServices,
  expecting: Expecting | undefined,
  timeZone?: string,
  offered?: readonly OfferedSlot[],
): Understanding {
  const text = incomingText(context);
  const language = turnLanguage(context);
  const kept = context.turnState.get(UNDERSTOOD) as Kept | undefined;
  // A caller that names no zone takes the reading made with the office's zone found on the stack.
  const sameZone = kept !== undefined && (timeZone === undefined || kept.timeZone === timeZone);
  if (kept && sameZone && kept.text === text && kept.language === language && kept.expecting === expecting) return kept.understanding;
  const zone = timeZone ?? DEFAULT_UNDERSTANDING_ZONE;
  const understanding = understand(text, language, {
    ...(expecting ? { expecting } : {}),
    now: services.clock.now(),
    timeZone: zone,
    ...(offered && offered.length > 0 && timeZone !== undefined ? { offered } : {}),
  });
  context.turnState.set(UNDERSTOOD, { text, language, expecting, timeZone: zone, understanding } satisfies Kept);
  return understanding;
}

/** The reading of this turn's message, when the root dialog has read it. */
export function understoodThisTurn(context: TurnContext): Understanding | undefined {
  const kept = context.turnState.get(UNDERSTOOD) as Kept | undefined;
  return kept && kept.text === incomingText(context) ? kept.understanding : undefined;
}

/** Act on a wish at the menu or in a first message from this confidence (docs/understanding.md#confidence). */
export const ACT_ON_WISH = 0.7;
/** In the middle of a flow, act on a command (stop, start over, help, language) from this confidence. */
export const ACT_ON_COMMAND = 0.9;
