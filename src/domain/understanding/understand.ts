import { DateTime } from 'luxon';
import { officeZone } from '../dates/officeZone';
import { offeredSlotReading } from '../dates/offeredSlot';
import { readWhen, refusesDayForAnother, type WhenReading } from '../dates/parseWhen';
import { isSupportedLanguage } from '../languages';
import { decide, YES_NO_QUESTIONS } from './context';
import { languageModel, type LanguageModel } from './data';
import { fold } from './fold';
import { findDateOfBirth, findIdentifiers } from './identifiers';
import { spot, type Spotted } from './intents';
import { findName } from './name';
import { findCountry, findOffice } from './places';
import { findReason, withoutReason } from './reason';
import type { Entities, Expecting, UnderstandContext, Understanding } from './types';
import { findWhen, sentencesWithDates } from './when';

/** Questions whose answer is not a date: a date in it is part of a story ("filed in April"). */
const ANSWER_QUESTIONS: ReadonlySet<Expecting> = new Set<Expecting>(['zip', 'country', 'reason', 'name', 'dob', 'phone', 'receipt']);

/** Arabic-Indic and Persian digits as 0–9: "٤٨١٢٦" is a ZIP code. */
export function westernDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
}

/** A list word right before a number ("option 2", "cái thứ 2"), or an article opening a message that ends with one ("the 2nd"). */
function pickedFromList(model: LanguageModel, folded: string): boolean {
  const after = (found: { index: number; text: string }): string => folded.slice(found.index + found.text.length);
  return (
    model.listChoice.all(folded).some((found) => /^ ?\d/.test(after(found))) ||
    model.listArticles.all(folded).some((found) => found.index === 0 && /^ ?\d{1,2}\p{L}{0,3}$/u.test(after(found)))
  );
}

/**
 * "can't make it Thursday, maybe Friday": a cancel phrase that refused a day while another is offered
 * says the person is choosing a day, as one moving an appointment does (`reschedule`; with a receipt
 * number, that appointment is moved). "can't make it, cancel it" still cancels: its "cancel it" refuses no day.
 */
function choosingADay(spotted: Spotted): Spotted {
  const phrases = new Map(spotted.phrases);
  const length = phrases.get('cancel') ?? 0;
  phrases.delete('cancel');
  phrases.set('reschedule', Math.max(length, phrases.get('reschedule') ?? 0));
  return { ...spotted, phrases };
}

/** Only the start of a message is read: a long paste is not a chat message (the edge cuts at 1,000 characters). */
const MAX_LENGTH = 500;

/**
 * What a message says: the intent, how sure that is, and every entity in it (docs/understanding.md).
 * Pure and synchronous; a language's data is read on its first use.
 *
 * @param text what the person typed
 * @param language one of our language codes (another reads as English)
 * @param context what the bot just asked (absent for a first message), "now", and the office's zone
 *   (dates are read in its wall-clock time)
 */
export function understand(text: string, language: string, context: UnderstandContext): Understanding {
  const { expecting, now, timeZone } = context;
  const model = languageModel(isSupportedLanguage(language) ? language : 'en');
  const typed = westernDigits(text.slice(0, MAX_LENGTH));
  const folded = model.spell(fold(typed));

  const { entities: ids, rest } = findIdentifiers(typed, expecting === 'phone');
  const entities: Entities = { ...ids };
  const office = expecting === 'name' ? undefined : findOffice(model, folded);
  if (office) entities.office = office.code;
  // At the ZIP question, the whole answer is tried as a country only when it holds no ZIP code.
  const countryAsked = expecting === 'country' || (expecting === 'zip' && ids.zip === undefined);
  // A country in the reason's story ("my mother is sick in VN") is not where the person lives.
  const country = expecting === 'name' || expecting === 'reason' ? undefined : findCountry(model, typed, folded, countryAsked, office);
  if (country) entities.country = country;
  const reason = expecting === 'name' || expecting === 'receipt' ? undefined : findReason(model, folded, expecting === 'reason');
  if (reason) entities.reason = reason.code;

  // The words naming a reason say no wish ("document de voyage"), but at a yes/no question they may
  // open the answer ("não recebi o cartão"): there they are read as typed.
  const yesNoQuestion = expecting !== undefined && YES_NO_QUESTIONS.has(expecting);
  const spotted = spot(model, folded, expecting, yesNoQuestion ? folded : withoutReason(folded, reason));

  const dateQuestion = expecting === 'when';
  const otherQuestion = expecting !== undefined && ANSWER_QUESTIONS.has(expecting);
  // readWhen's reading of the text as typed, for a dialog to act on without reading it again: made
  // whenever the dates of exactly that text are read (no number or code was blanked out of it), and
  // always at the date question; it gives the entity too when it is of the same text.
  let dates: WhenReading | undefined;
  let dayRefusedForAnother = false;
  // At the list of times, "cái thứ 2" (the second one) picks a time: it is no Monday (thứ 2).
  const listPick = expecting === 'slot' && /\d/.test(folded) && pickedFromList(model, folded);
  if (!listPick && (dateQuestion || (!otherQuestion && (/\d/.test(rest) || model.whenCues.has(folded))))) {
    // "pending 7 months, thursday": outside the date question a duration tells a story, it is no day.
    const dateText = dateQuestion
      ? rest
      : sentencesWithDates(model.durations.withoutStoryDurations(rest), (sentence) => {
          const words = model.spell(fold(sentence));
          return /\d/.test(words) || model.whenCues.has(words);
        });
    const sameText = dateText === text && language === model.code;
    // A time's button pressed at the list of times: its title is that time, every word of it read.
    const offered =
      sameText && expecting === 'slot' && context.offered ? offeredSlotReading(text, context.offered, now, timeZone) : undefined;
    if (sameText || dateQuestion) dates = offered ?? readWhen(text, language, now, timeZone);
    // Moving an appointment "from Thursday to Friday": the last day said is the new one.
    const lastDay = spotted.phrases.has('reschedule');
    const when =
      sameText && dates
        ? findWhen(dateText, model.code, now, timeZone, lastDay, dates.candidates, offered !== undefined)
        : findWhen(dateText, model.code, now, timeZone, lastDay);
    if (when) entities.when = when;
    // "nie dam rady w czwartek, może w piątek": the cancel phrase refuses a day, and another is offered.
    dayRefusedForAnother = when !== undefined && spotted.cancelOnlyRefuses && refusesDayForAnother(dateText, model.code, now, timeZone);
  }
  if (expecting === 'dob' || model.dobCues.has(folded)) {
    const today = DateTime.fromJSDate(now, { zone: officeZone(timeZone) }).toISODate() ?? '';
    const dateOfBirth = findDateOfBirth(typed, model.code, today);
    if (dateOfBirth) {
      entities.dateOfBirth = dateOfBirth.date;
      // The birth date is no wish for an appointment; a day said beside it is ("born 4/3/1980, thursday morning").
      if (entities.when) {
        const others = rest.split(dateOfBirth.said).join(' ');
        const when = others === rest || !/[\p{L}\p{N}]/u.test(others) ? undefined : findWhen(others, model.code, now, timeZone);
        if (when) entities.when = when;
        else delete entities.when;
      }
    }
  }

  // A command typed at the name question ("otmena", "palit language") is not a name.
  const command = spotted.whole.length > 0 || [...spotted.phrases.keys()].some((i) => i !== 'yes' && i !== 'no' && i !== 'book');
  if (!command) {
    const name = findName(model, typed, folded, expecting === 'name');
    if (name) entities.name = name;
  }
  const { intent, confidence } = decide(dayRefusedForAnother ? choosingADay(spotted) : spotted, entities, expecting);
  // "what documents, اجيب الجرين كارد القديمة؟" (should I bring the old green card): in a documents question
  // that asks for no booking, the green card is a paper to bring, so it did arrive; other reasons named
  // there still say what the visit is for ("do I bring the judge's order?").
  if (intent === 'documents' && !spotted.phrases.has('book') && entities.reason === 'green_card_not_received') delete entities.reason;
  return dates ? { intent, confidence, entities, dates } : { intent, confidence, entities };
}
