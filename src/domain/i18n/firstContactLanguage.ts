import { LANGUAGES, matchLocale } from '../languages';
import { findReceiptNumber } from '../appointments/receiptNumber';
import { foldText } from '../text';
import { detectLanguage } from './detectLanguage';

/** What the first activity of a conversation tells about the person's language. */
export interface FirstContact {
  /** What the person typed, if anything. */
  text?: string;
  /** The channel's locale (activity.locale). */
  locale?: string;
  /** activity.entities; Teams sends a `clientInfo` entity with the client's `locale`. */
  entities?: readonly unknown[];
}

/** Each language's names, folded, to its code; built on first use (the first name wins). */
let foldedLanguageNames: ReadonlyMap<string, string> | undefined;

function languagesByFoldedName(): ReadonlyMap<string, string> {
  if (!foldedLanguageNames) {
    const names = new Map<string, string>();
    for (const l of LANGUAGES) {
      for (const name of [l.nativeName, ...l.aliases]) {
        const folded = foldText(name);
        if (!names.has(folded)) names.set(folded, l.code);
      }
    }
    foldedLanguageNames = names;
  }
  return foldedLanguageNames;
}

/** The language a message names, when the whole message is a language's name ("Español", "arabic", "中文"). */
export function namedLanguage(text: string): string | undefined {
  const folded = foldText(text);
  if (!folded) return undefined;
  return languagesByFoldedName().get(folded);
}

/** The locale of a Teams `clientInfo` entity, when it is one of ours. */
export function clientInfoLanguage(entities: readonly unknown[] | undefined): string | undefined {
  for (const entity of entities ?? []) {
    if (entity === null || typeof entity !== 'object') continue;
    const { type, locale } = entity as { type?: unknown; locale?: unknown };
    if (typeof type === 'string' && type.toLowerCase() === 'clientinfo' && typeof locale === 'string') {
      const language = matchLocale(locale);
      if (language) return language;
    }
  }
  return undefined;
}

/**
 * The language to greet a new conversation in, or undefined for the default. In order: a
 * language the first message names; the language the first message is clearly written in
 * (free text only: not a receipt number); the channel's locale; the Teams client's locale.
 * The person can always switch: this only chooses the language of the greeting and the menu.
 */
export function firstContactLanguage(contact: FirstContact): string | undefined {
  const text = contact.text ?? '';
  const named = namedLanguage(text);
  if (named) return named;
  const freeText = text.trim() !== '' && findReceiptNumber(text).kind === 'none';
  return (freeText ? detectLanguage(text) : undefined) ?? matchLocale(contact.locale) ?? clientInfoLanguage(contact.entities);
}
