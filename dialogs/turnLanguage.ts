import type { TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE } from '../src/domain/languages';
import type { Translate } from '../src/domain/i18n/translator';
import type { DialogServices } from './services';

/** The language of this turn's replies, set once at the start of the turn. */
const LANGUAGE = Symbol('infopass.language');

export function setTurnLanguage(context: TurnContext, language: string): void {
  context.turnState.set(LANGUAGE, language);
}

export function turnLanguage(context: TurnContext): string {
  const value: unknown = context.turnState.get(LANGUAGE);
  return typeof value === 'string' ? value : DEFAULT_LANGUAGE;
}

export function translate(context: TurnContext, services: DialogServices): Translate {
  return services.translator.for(turnLanguage(context));
}

/** The text of the incoming message (empty string when none). */
export function incomingText(context: TurnContext): string {
  return typeof context.activity.text === 'string' ? context.activity.text : '';
}
