import type { TurnContext } from 'botbuilder';
import { ChoicePrompt, ListStyle, type PromptOptions, type PromptRecognizerResult, type PromptValidator, TextPrompt, type FoundChoice, type Choice } from 'botbuilder-dialogs';
import { foldText } from '../src/domain/text';
import { limitAttempts } from './turn';

/** The choice a whole message names, folded (case, accents, punctuation) or by its number; undefined when none. */
function foldedChoice(utterance: string, options: PromptOptions): FoundChoice | undefined {
  const text = foldText(utterance);
  if (!text) return undefined;
  const choices = (options.choices ?? []).map((c): Choice => (typeof c === 'string' ? { value: c } : c));
  const number = /^\d{1,2}$/.test(text) ? Number(text) : 0;
  const index =
    number >= 1 && number <= choices.length
      ? number - 1
      : choices.findIndex((c) => [c.value, c.action?.title, ...(c.synonyms ?? [])].some((w) => typeof w === 'string' && foldText(w) === text));
  return index < 0 ? undefined : { value: choices[index].value, index, score: 1, synonym: text };
}

/**
 * A choice prompt that first matches the whole message, folded, against each choice's words
 * or number: botbuilder's recognizer ignores case but not accents ("nao" ≠ "não"), reads a run of
 * Chinese characters as one word, and tokenises every choice on every turn. Only a message that
 * names no choice outright ("the second one", "yes please") goes on to botbuilder's recognizer.
 */
class FoldedChoicePrompt extends ChoicePrompt {
  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const found = foldedChoice(context.activity.text ?? '', options);
    if (found) return { succeeded: true, value: found };
    return super.onRecognize(context, state, options);
  }
}

/** A choice prompt shown as suggested actions; every choice can also be typed (words or its number). */
export function choicePrompt(id: string): ChoicePrompt {
  const prompt = new FoldedChoicePrompt(id, limitAttempts<FoundChoice>(async (p) => p.recognized.succeeded), 'en-us');
  prompt.style = ListStyle.suggestedAction;
  prompt.recognizerOptions = { recognizeNumbers: true, recognizeOrdinals: true, allowPartialMatches: false };
  return prompt;
}

/** A free-text prompt whose answer the validator checks (and explains, when wrong). */
export function textPrompt(id: string, validate: PromptValidator<string>): TextPrompt {
  return new TextPrompt(id, limitAttempts<string>(async (p) => p.recognized.succeeded && (await validate(p))));
}
