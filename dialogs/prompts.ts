import { ChoicePrompt, ListStyle, type PromptValidator, TextPrompt, type FoundChoice } from 'botbuilder-dialogs';
import { limitAttempts } from './turn';

/** A choice prompt shown as suggested actions; every choice can also be typed (words or its number). */
export function choicePrompt(id: string): ChoicePrompt {
  const prompt = new ChoicePrompt(
    id,
    limitAttempts<FoundChoice>(async (p) => p.recognized.succeeded),
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
