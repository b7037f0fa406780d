import { ActionTypes, type Activity, ActivityTypes, type CardAction, InputHints, type TurnContext } from 'botbuilder';
import {
  type ChoicePrompt,
  ListStyle,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidator,
  type TextPrompt,
  type FoundChoice,
  type Choice,
} from 'botbuilder-dialogs';
import { foldText, isOneOf } from '../src/domain/text';
import type { Translator } from '../src/domain/i18n/translator';
import { holdsWholeDate } from '../src/domain/understanding/identifiers';
import { NativeChoicePrompt, NativeTextPrompt } from '../src/framework/nativePrompts';
import type { MisreadKind } from '../src/metrics/types';
import { limitAttempts } from './attempts';
import { choiceTitle, type WordsChoice } from './choices';
import { turnLanguage } from './turnLanguage';

/** A stored choice in botbuilder's form: its title as an imBack action (the button sends the title). */
export function botChoice(c: string | WordsChoice): Choice {
  if (typeof c === 'string') return { value: c };
  const title = choiceTitle(c);
  const action = c.action ?? (title === undefined ? undefined : { type: 'imBack', title, value: title });
  return { value: c.value, ...(action ? { action } : {}), ...(c.synonyms ? { synonyms: c.synonyms } : {}) };
}

/** The choices in botbuilder's form with their word lists, in the turn's language and English, as synonyms. */
function withWords(choices: readonly (string | WordsChoice)[], translator: Translator, language: string): Choice[] {
  return choices.map((c): Choice => {
    const choice = botChoice(c);
    if (typeof c === 'string' || c.words === undefined) return choice;
    return { ...choice, synonyms: [...(choice.synonyms ?? []), ...translator.words(language, c.words)] };
  });
}

/**
 * The choice a whole message names — its value, title, synonyms or word list, folded (case,
 * accents, punctuation), or its number — or undefined when none. Folding goes through
 * isOneOf's caches: the locale lists are folded once, not on every turn.
 */
function namedChoice(
  utterance: string,
  choices: readonly (string | WordsChoice)[],
  translator: Translator,
  language: string,
): FoundChoice | undefined {
  const text = foldText(utterance);
  if (!text) return undefined;
  const number = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  const index =
    number >= 1 && number <= choices.length
      ? number - 1
      : choices.findIndex((c) =>
          typeof c === 'string'
            ? isOneOf(utterance, [c])
            : isOneOf(utterance, [c.value, choiceTitle(c) ?? '', ...(c.synonyms ?? [])]) ||
              (c.words !== undefined && isOneOf(utterance, translator.words(language, c.words))),
        );
  if (index < 0) return undefined;
  const found = choices[index];
  return { value: typeof found === 'string' ? found : found.value, index, score: 1, synonym: text };
}

/** A free-text prompt: the message's text, when it has any, is the answer. */
export class AnswerTextPrompt extends NativeTextPrompt {
  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (prompt) await context.sendActivity(prompt, undefined, InputHints.ExpectingInput);
  }

  protected override async onRecognize(context: TurnContext): Promise<PromptRecognizerResult<string>> {
    const value = context.activity.text;
    return typeof value === 'string' && value.length > 0 ? { succeeded: true, value } : { succeeded: false };
  }
}

/**
 * A choice prompt that first matches the whole message, folded, against each choice's words
 * or number: botbuilder's recognizer ignores case but not accents ("nao" ≠ "não"), reads a run of
 * Chinese characters as one word, and tokenises every choice on every turn. Only a message that
 * names no choice outright ("the second one", "yes please") goes on to `recognizeFirst`, then
 * botbuilder's recognizer, then `recognizeLast`.
 */
class FoldedChoicePrompt extends NativeChoicePrompt {
  constructor(
    id: string,
    private readonly translator: Translator,
    private readonly recognizeFirst?: (context: TurnContext) => FoundChoice | undefined,
    private readonly recognizeLast?: (context: TurnContext) => FoundChoice | undefined,
    misreadKind: MisreadKind = 'choice',
  ) {
    super(
      id,
      limitAttempts<FoundChoice>(misreadKind, async (p) => p.recognized.succeeded),
      'en-us',
    );
  }

  protected override async onRecognize(
    context: TurnContext,
    state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    const language = turnLanguage(context);
    const choices: readonly (string | WordsChoice)[] = options.choices ?? [];
    const found = namedChoice(context.activity.text ?? '', choices, this.translator, language);
    if (found) return { succeeded: true, value: found };
    const first = this.recognizeFirst?.(context);
    if (first) return { succeeded: true, value: first };
    const recognized = await super.onRecognize(context, state, { ...options, choices: withWords(choices, this.translator, language) });
    // A choice by its number (no synonym matched): unless the number is part of a date ("4 de marzo de
    // 1980" is no fourth reason), which a later recognizer may take as a date.
    const numberInDate =
      recognized.succeeded && recognized.value?.synonym === undefined && holdsWholeDate(context.activity.text ?? '', language);
    if (recognized.succeeded && !numberInDate) return recognized;
    const last = this.recognizeLast?.(context);
    return last ? { succeeded: true, value: last } : numberInDate ? { succeeded: false } : recognized;
  }

  /**
   * Sends the prompt (or, asking again, the retry prompt) with each choice as a suggested action
   * that sends its title: what ChoicePrompt sends in the suggestedAction style, built directly.
   * Its way (ChoiceFactory, a JSON round trip to copy the prompt, the channel's culture) made the
   * same activity at a cost (appendChoices alone was 0.6% of the busy time in a profile).
   */
  protected override async onPrompt(context: TurnContext, _state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    const prompt = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    const actions = (options.choices ?? []).map((c): CardAction => {
      const { value, action } = botChoice(c);
      return action ?? { type: ActionTypes.ImBack, title: value, value };
    });
    const activity: Partial<Activity> =
      typeof prompt === 'object'
        ? { ...prompt }
        : { type: ActivityTypes.Message, text: prompt ?? '', inputHint: InputHints.ExpectingInput };
    if (actions.length > 0) activity.suggestedActions = { to: [], actions };
    await context.sendActivity(activity);
  }
}

/**
 * A choice prompt shown as suggested actions; every choice can also be typed (its title, its
 * words, or its number). `recognizeFirst` may pick a choice from a message that is not one of
 * them outright, before botbuilder's recognizer reads it; `recognizeLast`, from a message neither reads.
 * A message that picks none is counted as a misread of `misreadKind` ("choice" unless the choices stand for something else).
 */
export function choicePrompt(
  id: string,
  translator: Translator,
  recognizeFirst?: (context: TurnContext) => FoundChoice | undefined,
  recognizeLast?: (context: TurnContext) => FoundChoice | undefined,
  misreadKind: MisreadKind = 'choice',
): ChoicePrompt {
  const prompt = new FoldedChoicePrompt(id, translator, recognizeFirst, recognizeLast, misreadKind);
  prompt.style = ListStyle.suggestedAction;
  prompt.recognizerOptions = { recognizeNumbers: true, recognizeOrdinals: true, allowPartialMatches: false };
  return prompt;
}

/** A free-text prompt whose answer the validator checks (and explains, when wrong); a refused answer is a misread of `misreadKind`. */
export function textPrompt(id: string, misreadKind: MisreadKind, validate: PromptValidator<string>): TextPrompt {
  return new AnswerTextPrompt(
    id,
    limitAttempts<string>(misreadKind, async (p) => p.recognized.succeeded && (await validate(p))),
  );
}
