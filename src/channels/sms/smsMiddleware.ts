import {
  ActivityTypes,
  Channels,
  type Activity,
  type BotState,
  type Middleware,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { LANGUAGES, languageByCode, matchLocale } from '../../domain/languages';
import { foldText, isOneOf } from '../../domain/text';
import type { Translator } from '../../domain/i18n/translator';
import { renderOutgoing, suggestedAnswers } from '../channelRendering';
import { renderSmsActivity } from './smsText';

/** Our webhook's channel id, which is also what Azure's Twilio channel sends; the SDK's constant for completeness. */
export const SMS_CHANNEL = 'sms';
const SMS_CHANNELS: ReadonlySet<string> = new Set([SMS_CHANNEL, Channels.Twilio]);

export function isSmsChannel(channelId: string | undefined): boolean {
  return channelId !== undefined && SMS_CHANNELS.has(channelId);
}

/**
 * Opt-out and opt-in words that carriers and Twilio act on themselves (the person is
 * unsubscribed or subscribed again): the bot neither answers nor acts on them.
 */
const CARRIER_KEYWORDS: ReadonlySet<string> = new Set(['stop', 'stopall', 'unsubscribe', 'start', 'unstop']);

export function isCarrierKeyword(text: string): boolean {
  return CARRIER_KEYWORDS.has(foldText(text));
}

/** What the SMS channel remembers between turns, in the conversation state. */
export interface SmsMemory {
  /** The answers last offered as a numbered list: "2" stands for offered[1]. */
  offered?: string[];
  /** The language the bot last wrote in. */
  language?: string;
}

const BARE_NUMBER = /^\s*(\d{1,2})\s*[.)]?\s*$/;

/** The answer a bare number stands for in the last numbered list ("2" → its second entry). */
export function answerForNumber(text: string, offered: readonly string[] | undefined): string | undefined {
  const match = BARE_NUMBER.exec(text);
  if (!match || !offered) return undefined;
  const index = Number(match[1]) - 1;
  return index >= 0 && index < offered.length ? offered[index] : undefined;
}

function languageOfLocale(locale: string | undefined): string | undefined {
  return LANGUAGES.find((l) => l.intlLocale === locale)?.code ?? matchLocale(locale);
}

/**
 * Everything SMS-specific, for our webhook and for Azure's Twilio channel alike (keyed on the
 * activity's channel id): numbered answers, plain-text replies, HELP, carrier keywords.
 */
export class SmsChannelMiddleware implements Middleware {
  private readonly memory: StatePropertyAccessor<SmsMemory>;

  /** `conversationState` must be the bot's own instance: two instances would overwrite each other's saves. */
  constructor(
    private readonly conversationState: BotState,
    private readonly translator: Translator,
  ) {
    this.memory = conversationState.createProperty<SmsMemory>('smsChannel');
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (!isSmsChannel(context.activity.channelId)) return next();
    const memory = await this.memory.get(context, {});
    if (context.activity.type === ActivityTypes.Message) {
      const text = typeof context.activity.text === 'string' ? context.activity.text : '';
      if (isCarrierKeyword(text)) return;
      const helpLanguage = this.helpLanguage(text, memory.language);
      if (helpLanguage) {
        await context.sendActivity(this.helpReply(helpLanguage));
        return;
      }
      const answer = answerForNumber(text, memory.offered);
      if (answer !== undefined) context.activity.text = answer;
    }
    renderOutgoing(context, (activity) => {
      this.remember(memory, activity);
      return renderSmsActivity(activity);
    });
    await next();
    await this.conversationState.saveChanges(context);
  }

  /** The language to answer HELP in: the conversation's when the word is one of its own, else the first that has it. */
  private helpLanguage(text: string, current: string | undefined): string | undefined {
    const codes = [...(current ? [current] : []), ...LANGUAGES.map((l) => l.code)];
    return codes.find((code) => isOneOf(text, this.translator.words(code, 'commands.help')));
  }

  private helpReply(language: string): Partial<Activity> {
    const text = this.translator.for(language)('sms.help');
    return renderSmsActivity({ type: ActivityTypes.Message, text, locale: languageByCode(language).intlLocale });
  }

  private remember(memory: SmsMemory, activity: Partial<Activity>): void {
    if (activity.type !== ActivityTypes.Message) return;
    const offered = suggestedAnswers(activity);
    if (offered.length > 0) memory.offered = offered;
    else delete memory.offered;
    const language = languageOfLocale(activity.locale);
    if (language) memory.language = language;
  }
}
