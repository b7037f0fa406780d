import { Culture } from '@microsoft/recognizers-text';
import { deferModule, type DeferredModule } from './deferredModule';

/**
 * botbuilder-dialogs requires every Recognizers-Text package as it loads, for prompts that
 * recognise numbers, dates and yes/no: 0.3–0.5 s of the bot's 1.5–2.3 s from start to first reply
 * on the benchmark machine, and no first reply needs them. Imported first by the composition root,
 * this module puts stand-ins for them in the module cache (see `deferModule`), so that each loads
 * when first used: the number recognizer by the first choice a person types (or the warm-up,
 * `loadChoiceRecognizer`), the date-time models by the date parsers, the suite and yes/no
 * recognizers (ConfirmPrompt, NumberPrompt, DateTimePrompt) never, as the bot does not use them.
 *
 * The one value read while botbuilder-dialogs loads is the suite's `Culture` (its
 * PromptCultureModels copies the culture codes): served from `@microsoft/recognizers-text`, the
 * package the recognizers are built on, whose codes are the same (test/deferRecognizers.test.ts).
 */
const fromDialogs = require.resolve('botbuilder-dialogs');
const esModule = { __esModule: true };

deferModule(fromDialogs, '@microsoft/recognizers-text-suite', { ...esModule, Culture });
deferModule(fromDialogs, '@microsoft/recognizers-text-date-time', esModule);
deferModule(fromDialogs, '@microsoft/recognizers-text-choice', esModule);
const numberRecognizer: DeferredModule | undefined = deferModule(fromDialogs, '@microsoft/recognizers-text-number', esModule);

/** Loads the recognizer that botbuilder-dialogs' choice recognition uses (numbers, ordinals): for the warm-up. */
export function loadChoiceRecognizer(): void {
  numberRecognizer?.load();
}
