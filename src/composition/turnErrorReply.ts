import type { TurnContext } from 'botbuilder';
import { errorForLog, type Logger } from '../logger';
import type { Translator } from '../domain/i18n/translator';
import { DEFAULT_LANGUAGE, matchLocale } from '../domain/languages';
import { firstContactLanguage } from '../domain/i18n/firstContactLanguage';
import { isStoreUnavailable, turnErrorMessageKey } from '../reliability/turnErrors';

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/** Logs a failed turn (never the error's message: it can quote what the person typed) and says sorry in their language. */
export function turnErrorReply(translator: Translator, logger: Logger): TurnErrorHandler {
  return async (context, error) => {
    const details = { ...errorForLog(error), activityType: context.activity.type, channelId: context.activity.channelId };
    if (isStoreUnavailable(error)) logger.warn(details, 'turn failed: store unavailable');
    else logger.error(details, 'turn failed');
    // The conversation's chosen language is in the state we may not be able to read: the channel's
    // locale is the best guess, then (SMS has none) the language of the message itself.
    const { activity } = context;
    const language =
      matchLocale(activity.locale) ??
      firstContactLanguage({ text: typeof activity.text === 'string' ? activity.text : undefined, entities: activity.entities }) ??
      DEFAULT_LANGUAGE;
    await context.sendActivity(translator.for(language)(turnErrorMessageKey(error))).catch(() => undefined);
  };
}
