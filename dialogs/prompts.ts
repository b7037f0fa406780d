import { ChoicePrompt, ListStyle, type PromptValidator, type PromptValidatorContext, TextPrompt, type FoundChoice, type Choice } from 'botbuilder-dialogs';
import { foldText } from '../src/domain/text';
import { limitAttempts } from './turn';

/**
 * botbuilder's choice recognizer ignores case but not accents ("nao" ≠ "não"), and reads a run
 * of Chinese characters as one word. When it finds nothing, match the whole message folded
 * (case, accents, punctuation) against each choice's words.
 */
function recognizeFolded(prompt: PromptValidatorContext<FoundChoice>): boolean {
  const text = foldText(prompt.context.activity.text ?? '');
  if (!text) return false;
  const choices = (prompt.options.choices ?? []).map((c): Choice => (typeof c === 'string' ? { value: c } : c));
  const index = choices.findIndex((c) => [c.value, c.action?.title, ...(c.synonyms ?? [])].some((w) => typeof w === 'string' && foldText(w) === text));
  if (index < 0) return false;
  prompt.recognized.succeeded = true;
  prompt.recognized.value = { value: choices[index].value, index, score: 1, synonym: text };
  return true;
}

/** A choice prompt shown as suggested actions; every choice can also be typed (words or its number). */
export function choicePrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(
    id,
    limitAttempts<FoundChoice>(async (p) => p.recognized.succeeded || recognizeFolded(p)),
    'en-us',
  );
  prompt.style = ListStyle.suggestedAction;
  prompt.recognizerOptions = { recognizeNumbers: true, recognizeOrdinals: true, allowPartialMatches: false };
  return prompt;
}

/** A free-text prompt whose answer the validator checks (and explains, when wrong). */
export function textPrompt(id: string, validate: PromptValidator<string>): TextPrompt {
  return new TextPrompt(id, limitAttempts<string>(async (p) => p.recognized.succeeded && (await validate(p))));
}
