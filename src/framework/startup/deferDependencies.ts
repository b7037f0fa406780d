import { Culture } from '@microsoft/recognizers-text';
import { deferModule, type DeferredModule } from './deferredModule';

/*
 * Modules our dependencies require as they load but no first reply uses. Imported first by the
 * composition root, this module puts stand-ins for them in the module cache (see `deferModule`),
 * so that each loads when first used, if ever: together 0.4–0.6 s of a start that took 1.5–2.3 s
 * on the benchmark machine. test/startupModules.test.ts checks that the composition root leaves
 * them all unloaded.
 */

/**
 * botbuilder-dialogs requires every Recognizers-Text package, for prompts that recognise numbers,
 * dates and yes/no. The number recognizer loads with the first choice a person types (or in the
 * warm-up, `loadChoiceRecognizer`), the date-time models with the date parsers, the suite and
 * yes/no recognizers (ConfirmPrompt, NumberPrompt, DateTimePrompt) never: the bot does not use them.
 * The one value read while botbuilder-dialogs loads is the suite's `Culture` (its
 * PromptCultureModels copies the culture codes): served from `@microsoft/recognizers-text`, the
 * package the recognizers are built on, whose codes are the same (test/deferDependencies.test.ts).
 */
const fromDialogs = require.resolve('botbuilder-dialogs');
const esModule = { __esModule: true };
deferModule(fromDialogs, '@microsoft/recognizers-text-suite', { ...esModule, Culture });
deferModule(fromDialogs, '@microsoft/recognizers-text-date-time', esModule);
deferModule(fromDialogs, '@microsoft/recognizers-text-choice', esModule);
const numberRecognizer: DeferredModule | undefined = deferModule(fromDialogs, '@microsoft/recognizers-text-number', esModule);

/**
 * restify requires spdy for HTTP/2 servers and http-signature for its authorizationParser plugin;
 * the bot serves HTTP/1.1 and uses no such plugin. botframework-connector requires @azure/identity
 * for Azure managed identities (MicrosoftAppType "UserAssignedMSI"), which load it on first use.
 */
const fromRestify = require.resolve('restify');
deferModule(fromRestify, 'spdy');
deferModule(fromRestify, 'http-signature');
deferModule(require.resolve('botframework-connector'), '@azure/identity', esModule);

/** Loads the recognizer that botbuilder-dialogs' choice recognition uses (numbers, ordinals): for the warm-up. */
export function loadChoiceRecognizer(): void {
  numberRecognizer?.load();
}
