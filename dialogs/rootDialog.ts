import { ActivityTypes } from 'botbuilder';
import {
  ComponentDialog,
  type Dialog,
  type DialogContext,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
} from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { DEFAULT_LANGUAGE, isSupportedLanguage } from '../src/domain/languages';
import { firstContactLanguage } from '../src/domain/i18n/firstContactLanguage';
import { findReceiptNumber } from '../src/domain/appointments/receiptNumber';
import { findCaseReceiptNumber } from '../src/domain/appointments/caseReceiptNumber';
import { isOneOf } from '../src/domain/text';
import type { DialogServices } from './services';
import { BOOKING_DIALOG } from './bookingDialog';
import { CANCEL_DIALOG, type CancelDialogOptions } from './cancelDialog';
import { LANGUAGE_DIALOG, type LanguageDialogOptions } from './languageDialog';
import { gaveUp } from './attempts';
import { choice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { incomingText, setTurnLanguage, translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';

export const ROOT_DIALOG = 'root';
const FLOW = 'root.flow';
const MENU = 'root.menu';
const FLOWS_WITH_STEPS: ReadonlySet<string> = new Set([BOOKING_DIALOG, CANCEL_DIALOG]);

interface RootFlowOptions {
  chooseLanguage?: boolean;
  welcome?: boolean;
  receiptNumber?: string;
  /** The conversation's language, when the root dialog begins again in a conversation that has one. */
  language?: string;
}

interface RootState {
  language?: string;
}

type Command = 'help' | 'quit' | 'restart' | 'language';
const COMMANDS: readonly Command[] = ['help', 'quit', 'restart', 'language'];

/**
 * The whole conversation: language, then the menu, in a loop. Catches what a person may
 * type at any point (help, stop, start over, language, a receipt number) and keeps the
 * conversation's language in its own state. It holds every flow and every prompt in its one
 * dialog set: a flow begins another by id, on the same stack.
 */
export class RootDialog extends ComponentDialog {
  constructor(
    private readonly services: DialogServices,
    flows: readonly Flow[],
  ) {
    super(ROOT_DIALOG);
    for (const flow of flows) {
      this.addUnique(flow);
      for (const prompt of flow.prompts) this.addUnique(prompt);
    }
    this.addUnique(choicePrompt(MENU, services.translator));
    this.addUnique(
      new StepDialog<RootFlowOptions>(FLOW, [
        this.languageStep.bind(this),
        this.receiptStep.bind(this),
        this.menuStep.bind(this),
        this.routeStep.bind(this),
        this.loopStep.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** botbuilder's DialogSet.add renames a dialog whose id is taken ("x" → "x2"): a flow would then begin the wrong one. */
  private addUnique(dialog: Dialog): void {
    const known = this.findDialog(dialog.id);
    if (known && known !== dialog) throw new Error(`RootDialog: two dialogs have the id "${dialog.id}"`);
    this.addDialog(dialog);
  }

  override async beginDialog(outerDc: DialogContext, options?: RootFlowOptions): Promise<DialogTurnResult> {
    const state = this.rootState(outerDc);
    const { activity } = outerDc.context;
    // The greeting and the language menu come in this language; the person can still pick another.
    state.language ??=
      options?.language ??
      firstContactLanguage({ text: incomingText(outerDc.context), locale: activity.locale, entities: activity.entities }) ??
      DEFAULT_LANGUAGE;
    setTurnLanguage(outerDc.context, state.language);
    const result = await super.beginDialog(outerDc, options);
    this.keepLanguage(outerDc, state);
    return result;
  }

  override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    const state = this.rootState(outerDc);
    setTurnLanguage(outerDc.context, state.language ?? DEFAULT_LANGUAGE);
    if (this.savedByAnotherVersion(outerDc)) {
      // The stack was saved by a bot whose dialogs differ (a deploy mid-conversation): it may
      // name dialogs that are gone or hold state they no longer read. Start again from the menu.
      await say(outerDc.context, this.services, 'flow.restarted');
      return outerDc.replaceDialog(ROOT_DIALOG, {
        language: state.language,
        chooseLanguage: false,
        welcome: false,
      } satisfies RootFlowOptions);
    }
    const result = await super.continueDialog(outerDc);
    this.keepLanguage(outerDc, state);
    return result;
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: RootFlowOptions): Promise<DialogTurnResult> {
    const found = findReceiptNumber(incomingText(innerDc.context));
    const receiptNumber = found.kind === 'valid' ? found.receiptNumber : undefined;
    return innerDc.beginDialog(FLOW, { chooseLanguage: !receiptNumber, welcome: true, receiptNumber, ...options });
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.context.activity.type === ActivityTypes.Message) {
      const handled = await this.interrupt(innerDc);
      if (handled) return handled;
    }
    return super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const text = incomingText(innerDc.context);
    const receipt = findReceiptNumber(text);
    const inCancel = innerDc.stack.some((entry) => entry.id === CANCEL_DIALOG);
    if (receipt.kind === 'valid' && !inCancel) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, { receiptNumber: receipt.receiptNumber });
    }
    if (findCaseReceiptNumber(text) && !inCancel) {
      await say(innerDc.context, this.services, 'cancel.caseReceipt');
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const command = this.command(innerDc, text);
    const inFlow = innerDc.stack.some((entry) => FLOWS_WITH_STEPS.has(entry.id));
    switch (command) {
      case 'help':
        await say(innerDc.context, this.services, 'help.text');
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'quit':
        // At the menu "cancel" means "cancel an appointment": the menu's own choice handles it.
        if (!inFlow) return undefined;
        await say(innerDc.context, this.services, 'flow.stopped');
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, {});
      case 'restart':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, { chooseLanguage: true, welcome: true });
      case 'language':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, { chooseLanguage: true });
      default:
        return undefined;
    }
  }

  private command(innerDc: DialogContext, text: string): Command | undefined {
    const language = turnLanguage(innerDc.context);
    return COMMANDS.find((c) => isOneOf(text, this.services.translator.words(language, `commands.${c}`)));
  }

  private async languageStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    if (!step.options?.chooseLanguage) return step.next();
    const options: LanguageDialogOptions = { welcome: step.options.welcome === true };
    return step.beginDialog(LANGUAGE_DIALOG, options);
  }

  private async receiptStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    const receiptNumber = step.options?.receiptNumber;
    if (!receiptNumber) return step.next();
    const options: CancelDialogOptions = { receiptNumber };
    return step.beginDialog(CANCEL_DIALOG, options);
  }

  private async menuStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    return step.prompt(MENU, {
      prompt: message(step.context, t('menu.prompt')),
      retryPrompt: message(step.context, t('menu.retry')),
      choices: [
        choice('book', t('menu.book'), 'menu.bookWords'),
        choice('cancel', t('menu.cancel'), 'menu.cancelWords'),
        choice('documents', t('menu.documents'), 'menu.documentsWords'),
        choice('about', t('menu.about'), 'menu.aboutWords'),
      ],
    });
  }

  private async routeStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    const picked = step.result as FoundChoice | undefined;
    if (gaveUp(step) || !picked) return step.next();
    switch (picked.value) {
      case 'book':
        return step.beginDialog(BOOKING_DIALOG);
      case 'cancel':
        return step.beginDialog(CANCEL_DIALOG, {} satisfies CancelDialogOptions);
      case 'documents':
        await say(step.context, this.services, 'documents.text');
        return step.next();
      default:
        await say(step.context, this.services, 'about.text');
        return step.next();
    }
  }

  private async loopStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(FLOW, {});
  }

  private savedByAnotherVersion(outerDc: DialogContext): boolean {
    const saved = outerDc.activeDialog?.version;
    return saved !== undefined && saved !== this.getInternalVersion();
  }

  private rootState(outerDc: DialogContext): RootState {
    return (outerDc.activeDialog?.state ?? {}) as RootState;
  }

  private keepLanguage(outerDc: DialogContext, state: RootState): void {
    const language = turnLanguage(outerDc.context);
    if (isSupportedLanguage(language)) state.language = language;
    const active = outerDc.activeDialog;
    if (active && active.id === ROOT_DIALOG) (active.state as RootState).language = state.language;
  }
}
