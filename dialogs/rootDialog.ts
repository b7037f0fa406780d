import { ActivityTypes, type TurnContext } from 'botbuilder';
import { type Dialog, type DialogContext, type DialogTurnResult, DialogTurnStatus, type FoundChoice } from 'botbuilder-dialogs';
import { type Step, StepDialog } from '../src/framework/stepDialog';
import { NativeComponentDialog } from '../src/framework/nativeComponentDialog';
import { DEFAULT_LANGUAGE, isSupportedLanguage, matchLocale } from '../src/domain/languages';
import { clientInfoLanguage, namedLanguage } from '../src/domain/i18n/firstContactLanguage';
import { detectLanguage } from '../src/domain/i18n/detectLanguage';
import { greetingLanguage, isGreetingOnly } from '../src/domain/i18n/greetingLanguage';
import { findReceiptNumber } from '../src/domain/appointments/receiptNumber';
import type { Expecting, Understanding } from '../src/domain/understanding';
import type { WallClockWhen } from '../src/domain/dates/whenEntity';
import { isOneOf } from '../src/domain/text';
import type { DialogServices } from './services';
import { BOOKING_DIALOG, type BookingDraft } from './bookingDialog';
import { CANCEL_DIALOG, type CancelDialogOptions } from './cancelDialog';
import { LOOKUP_DIALOG, type LookupDialogOptions } from './lookupDialog';
import { RESCHEDULE_DIALOG, type RescheduleDialogOptions } from './rescheduleDialog';
import { REMINDER_DIALOG } from './reminderDialog';
import { VERIFY_DIALOG } from './verifyDialog';
import { LANGUAGE_DIALOG, LANGUAGE_PICK, type LanguageDialogOptions } from './languageDialog';
import { GO_ON_DIALOG, keepForTurn } from './attempts';
import { choice, choiceTitle, type WordsChoice } from './choices';
import type { Flow } from './flow';
import { message, say } from './messages';
import { incomingText, setTurnLanguage, translate, turnLanguage } from './turnLanguage';
import { choicePrompt } from './prompts';
import {
  ACT_ON_COMMAND,
  ACT_ON_WISH,
  expectingAt,
  offeredSlotsAt,
  officeZoneOnStack,
  understandTurn,
  understoodThisTurn,
} from './understanding';
import { understand } from '../src/domain/understanding';
import { DEFAULT_UNDERSTANDING_ZONE } from './understanding';
import { heardIn } from './heard';
import { beginPendingAnswer, firstMessagePendingAnswer, type PendingAnswer, pendingOfferAnswer } from './pendingOffers';

export const ROOT_DIALOG = 'root';
const FLOW = 'root.flow';
const MENU = 'root.menu';
const FLOWS_WITH_STEPS: ReadonlySet<string> = new Set([
  BOOKING_DIALOG,
  CANCEL_DIALOG,
  LOOKUP_DIALOG,
  RESCHEDULE_DIALOG,
  REMINDER_DIALOG,
  VERIFY_DIALOG,
  GO_ON_DIALOG,
]);
/** The flows that ask for a receipt number themselves: one typed there answers them. */
const RECEIPT_FLOWS: ReadonlySet<string> = new Set([CANCEL_DIALOG, LOOKUP_DIALOG, RESCHEDULE_DIALOG, VERIFY_DIALOG]);
/** What a receipt number is for, when the message says (else cancelling, as typed alone). */
type ReceiptIntent = 'cancel' | 'lookup' | 'reschedule';

interface RootFlowOptions {
  chooseLanguage?: boolean;
  welcome?: boolean;
  receiptNumber?: string;
  /** What the message with the receipt number asked for ("when is my appointment IP-…"); cancelling when absent. */
  receiptIntent?: ReceiptIntent;
  /** The new day said with the receipt number, when moving the appointment ("IP-… can't make it Thursday, maybe Friday"). */
  receiptWhen?: WallClockWhen;
  /** The conversation's language, when the root dialog begins again in a conversation that has one. */
  language?: string;
  /** The language was found without asking (first contact): say which, and how to change it. */
  languageFound?: boolean;
  /** A first message to act on once the language is known (kept here while the language is asked). */
  firstText?: string;
  /**
   * The conversation began with no text (Web Chat's join, a Teams install) and was greeted in the
   * channel's language: the first message typed at the menu may still be clearly in another of ours.
   */
  openToFirstText?: boolean;
  /** The message answers an offer pending for this conversation: a held seat, or a closure's times (dialogs/pendingOffers.ts). */
  offerAnswer?: PendingAnswer;
}

interface RootState {
  language?: string;
}

/** What the menu hands on when the message said more than a menu choice ("90012", "cita para mi green card"). */
interface Understood {
  understood: Understanding;
}

const YES_NO_QUESTIONS: ReadonlySet<Expecting | undefined> = new Set<Expecting>(['yesno', 'officeConfirm', 'summary', 'cancelConfirm']);

function isYesNoQuestion(expecting: Expecting | undefined): boolean {
  return YES_NO_QUESTIONS.has(expecting);
}

function isUnderstood(value: unknown): value is Understood {
  return typeof value === 'object' && value !== null && 'understood' in value;
}

/**
 * The language of a channel's locale, when it is one of ours. A Traditional Chinese client (zh-TW,
 * zh-HK) is greeted in our Chinese: written in Simplified characters, which its readers read, and
 * what they would pick from the list; the understanding reads Traditional characters too.
 */
function channelLanguage(locale: string | undefined): string | undefined {
  return matchLocale(locale) ?? (locale && /^zh([-_]|$)/i.test(locale) ? 'zh' : undefined);
}

/** How the first message of a conversation tells its language. */
interface FirstContact {
  language: string;
  /** Told by the message or the channel: no need to ask. */
  known: boolean;
  /** The message only named the language ("Español"): nothing else to act on. */
  named: boolean;
}

/**
 * The whole conversation: language, then the menu, in a loop. Reads every message before the
 * active step does, in the context of the question it answers (src/domain/understanding): a
 * receipt number (or a near miss) or a case number anywhere, "help", "stop", "start over" and
 * "language" in any flow, and at the menu or in a first message what the person wants, with what
 * they already said. Keeps the conversation's language in its own state. It holds every flow and
 * every prompt in its one dialog set: a flow begins another by id, on the same stack.
 */
export class RootDialog extends NativeComponentDialog {
  constructor(
    private readonly services: DialogServices,
    flows: readonly Flow[],
  ) {
    super(ROOT_DIALOG);
    for (const flow of flows) {
      this.addUnique(flow);
      for (const prompt of flow.prompts) this.addUnique(prompt);
    }
    // A message at the menu that is neither a choice nor a wish it reads: what the person wants was misread.
    this.addUnique(choicePrompt(MENU, services.translator, undefined, undefined, 'intent'));
    this.addUnique(
      new StepDialog<RootFlowOptions>(FLOW, [
        this.languageStep.bind(this),
        this.actStep.bind(this),
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
    let flowOptions = options;
    if (options?.language) state.language ??= options.language;
    const answered = state.language ? undefined : await firstMessagePendingAnswer(outerDc.context, this.services);
    if (answered) {
      state.language = answered.language;
      flowOptions = { offerAnswer: answered.answer };
    }
    if (!state.language) {
      const contact = this.firstContact(outerDc.context);
      state.language = contact.language;
      flowOptions ??= this.firstFlow(outerDc.context, contact);
    }
    setTurnLanguage(outerDc.context, state.language);
    const result = await super.beginDialog(outerDc, flowOptions);
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
    keepForTurn(innerDc.context, this.services, innerDc);
    return innerDc.beginDialog(FLOW, options ?? {});
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    keepForTurn(innerDc.context, this.services, innerDc);
    if (innerDc.context.activity.type === ActivityTypes.Message) {
      const handled = await this.interrupt(innerDc);
      if (handled) return handled;
    }
    return super.onContinueDialog(innerDc);
  }

  /**
   * The language of a new conversation, and whether it is known without asking. In order: a
   * language the message names; the language a free-text message is clearly written in; a greeting
   * that opens it ("hola", "xin chào"); the channel's locale, or the Teams client's. A conversation
   * that begins with no text (Web Chat's welcome, a Teams install) is greeted in the channel's
   * language when it is one of ours, and with the language list when it is not (or there is none).
   */
  private firstContact(context: TurnContext): FirstContact {
    const text = incomingText(context);
    const { activity } = context;
    const named = namedLanguage(text);
    if (named) return { language: named, known: true, named: true };
    const freeText = text.trim() !== '' && findReceiptNumber(text).kind === 'none';
    const written = freeText ? (detectLanguage(text) ?? greetingLanguage(text, this.services.translator)) : undefined;
    if (written) return { language: written, known: true, named: false };
    const channel = channelLanguage(activity.locale) ?? clientInfoLanguage(activity.entities);
    return { language: channel ?? DEFAULT_LANGUAGE, known: channel !== undefined, named: false };
  }

  private firstFlow(context: TurnContext, contact: FirstContact): RootFlowOptions {
    const text = incomingText(context);
    const found = findReceiptNumber(text);
    // A receipt number says what to do in any language: the cancel flow begins at once.
    if (found.kind === 'valid') {
      const u = understand(text, contact.language, { now: this.services.clock.now(), timeZone: DEFAULT_UNDERSTANDING_ZONE });
      return receiptFlow(found.receiptNumber, u);
    }
    const firstText = contact.named || text.trim() === '' ? undefined : text;
    if (contact.known && !firstText && !contact.named) return { welcome: true, languageFound: true, openToFirstText: true };
    if (contact.known) return { welcome: true, languageFound: true, ...(firstText ? { firstText } : {}) };
    return { chooseLanguage: true, welcome: true, ...(firstText ? { firstText } : {}) };
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    const text = incomingText(context);
    const active = innerDc.activeDialog?.id;
    const expecting = expectingAt(innerDc);
    const zone = officeZoneOnStack(innerDc, this.services);
    // The list of times' titles are written in the zone of the office on the stack, the zone read in.
    const u = understandTurn(context, this.services, expecting, zone, expecting === 'slot' ? offeredSlotsAt(innerDc) : undefined);
    const inCancel = innerDc.stack.some((entry) => RECEIPT_FLOWS.has(entry.id));
    const inFlow = innerDc.stack.some((entry) => FLOWS_WITH_STEPS.has(entry.id));
    if (u.entities.receiptNumber && !inCancel) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, receiptFlow(u.entities.receiptNumber, u));
    }
    if (!inCancel && (u.entities.caseNumber || u.entities.receiptNearMiss)) {
      await say(context, this.services, u.entities.caseNumber ? 'cancel.caseReceipt' : 'understanding.receiptNearMiss');
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    const offerAnswer = await pendingOfferAnswer(context, this.services, u, expecting, active === MENU);
    if (offerAnswer) {
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, { offerAnswer } satisfies RootFlowOptions);
    }
    const named = active === LANGUAGE_PICK ? undefined : namedLanguage(text);
    if (named) {
      // "Español" typed anywhere but the language list: that language, from the menu.
      setTurnLanguage(context, named);
      await say(context, this.services, 'language.chosen');
      await innerDc.cancelAllDialogs();
      return innerDc.beginDialog(FLOW, {} satisfies RootFlowOptions);
    }
    if (active === MENU && this.openToFirstText(innerDc)) {
      const written = await this.writtenInAnother(innerDc, text);
      if (written) return written;
    }
    // A command said in passing ("help" inside a sentence) gives way to the answer the message carries.
    const command = u.confidence >= 1 || (u.confidence >= ACT_ON_COMMAND && Object.keys(u.entities).length === 0);
    // At the language list a language's name or its word for "language" picks from the list.
    const commandIntent = command && !(active === LANGUAGE_PICK && u.intent === 'changeLanguage') ? u.intent : 'none';
    switch (commandIntent) {
      case 'help':
        await say(context, this.services, 'help.text');
        await innerDc.repromptDialog();
        return { status: DialogTurnStatus.waiting };
      case 'quit':
        // At the menu a stop has nothing to stop: the menu asks again. At a yes/no question only the
        // listed command words stop; a word that may also settle the question (ar خلاص, "OK, done") answers it.
        if (!inFlow || (isYesNoQuestion(expecting) && !this.isCommandWord(context, 'quit'))) break;
        await say(context, this.services, 'flow.stopped');
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, {} satisfies RootFlowOptions);
      case 'startOver':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, { chooseLanguage: true, welcome: true } satisfies RootFlowOptions);
      case 'changeLanguage':
        await innerDc.cancelAllDialogs();
        return innerDc.beginDialog(FLOW, { chooseLanguage: true } satisfies RootFlowOptions);
      default:
        break;
    }
    if (active === MENU && !this.namesMenuChoice(context) && this.actionable(u)) {
      // Said more than a choice ("90012", "quiero una cita para mi green card"): the route step acts on it.
      return innerDc.endDialog({ understood: u } satisfies Understood);
    }
    return undefined;
  }

  /** Whether the menu waits for the first message of a conversation greeted in its channel's language. */
  private openToFirstText(innerDc: DialogContext): boolean {
    const flow = innerDc.stack.find((entry) => entry.id === FLOW);
    return (flow?.state as { options?: RootFlowOptions } | undefined)?.options?.openToFirstText === true;
  }

  /**
   * The first message typed after a greeting in the channel's language, clearly written in another
   * of ours ("Hola, necesito una cita" in a browser set to English): that language, said and used,
   * and the message acted on in it. A greeting in the language already used asks the menu again.
   */
  private async writtenInAnother(innerDc: DialogContext, text: string): Promise<DialogTurnResult | undefined> {
    const { context } = innerDc;
    if (findReceiptNumber(text).kind !== 'none') return undefined;
    const written = detectLanguage(text) ?? greetingLanguage(text, this.services.translator);
    if (!written) return undefined;
    if (written === turnLanguage(context)) {
      if (!isGreetingOnly(text, this.services.translator)) return undefined;
      await innerDc.repromptDialog();
      return { status: DialogTurnStatus.waiting };
    }
    setTurnLanguage(context, written);
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(FLOW, { languageFound: true, firstText: text } satisfies RootFlowOptions);
  }

  private isCommandWord(context: TurnContext, command: 'quit'): boolean {
    return isOneOf(incomingText(context), this.services.translator.words(turnLanguage(context), `commands.${command}`));
  }

  private actionable(u: Understanding): boolean {
    return u.confidence >= ACT_ON_WISH && ['book', 'cancel', 'documents', 'about', 'lookup', 'reschedule'].includes(u.intent);
  }

  private menuChoices(context: TurnContext): WordsChoice[] {
    const t = translate(context, this.services);
    return [
      choice('book', t('menu.book'), 'menu.bookWords'),
      choice('cancel', t('menu.cancel'), 'menu.cancelWords'),
      choice('documents', t('menu.documents'), 'menu.documentsWords'),
      choice('about', t('menu.about'), 'menu.aboutWords'),
      choice('lookup', t('menu.lookup'), 'menu.lookupWords'),
      choice('reschedule', t('menu.reschedule'), 'menu.rescheduleWords'),
    ];
  }

  /** The whole message is a menu choice's number, title or word: the menu prompt takes it as it always did. */
  private namesMenuChoice(context: TurnContext): boolean {
    const text = incomingText(context).trim();
    const choices = this.menuChoices(context);
    if (/^\d{1,2}$/.test(text)) return Number(text) >= 1 && Number(text) <= choices.length;
    const language = turnLanguage(context);
    return choices.some((c) =>
      isOneOf(text, [choiceTitle(c) ?? '', ...(c.words ? this.services.translator.words(language, c.words) : [])]),
    );
  }

  private async languageStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    if (step.options?.chooseLanguage) {
      const options: LanguageDialogOptions = { welcome: step.options.welcome === true };
      return step.beginDialog(LANGUAGE_DIALOG, options);
    }
    if (step.options?.languageFound) {
      const t = translate(step.context, this.services);
      const text = step.options.welcome ? `${t('welcome.greeting')} ${t('understanding.languageUsed')}` : t('understanding.languageUsed');
      await step.context.sendActivity(message(step.context, text));
    }
    return step.next();
  }

  /** A receipt number, or a first message (or the sentence that picked the language) acted on once the language is known. */
  private async actStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    const receiptNumber = step.options?.receiptNumber;
    if (receiptNumber)
      return this.beginWithReceipt(step, receiptNumber, step.options?.receiptIntent ?? 'cancel', step.options?.receiptWhen);
    const offerAnswer = step.options?.offerAnswer;
    if (offerAnswer) return beginPendingAnswer(step, offerAnswer);
    const sentence = typeof step.result === 'string' ? step.result : undefined;
    const text = sentence ?? step.options?.firstText;
    // "Good morning" says the language and nothing to do ("morning" is no wish for a morning appointment).
    if (!text || isGreetingOnly(text, this.services.translator)) return step.next();
    const u =
      text === incomingText(step.context)
        ? understandTurn(step.context, this.services, undefined)
        : understand(text, turnLanguage(step.context), { now: this.services.clock.now(), timeZone: DEFAULT_UNDERSTANDING_ZONE });
    // The language was just chosen: a first message that asked for it ("idioma") has been answered.
    if (step.options?.chooseLanguage && u.intent === 'changeLanguage') return step.next();
    return (await this.act(step, u, text)) ?? step.next();
  }

  private async menuStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    const t = translate(step.context, this.services);
    return step.prompt(MENU, {
      prompt: message(step.context, t('menu.prompt')),
      retryPrompt: message(step.context, t('menu.retry')),
      choices: this.menuChoices(step.context),
    });
  }

  private async routeStep(step: Step<RootFlowOptions>): Promise<DialogTurnResult> {
    if (isUnderstood(step.result)) return (await this.act(step, step.result.understood, incomingText(step.context))) ?? step.next();
    const picked = step.result as FoundChoice | undefined;
    if (!picked) return step.next();
    switch (picked.value) {
      case 'book':
        return this.book(step, understoodThisTurn(step.context), incomingText(step.context));
      case 'cancel':
        return step.beginDialog(CANCEL_DIALOG, {} satisfies CancelDialogOptions);
      case 'documents':
        await say(step.context, this.services, 'documents.text');
        return step.next();
      case 'lookup':
        return step.beginDialog(LOOKUP_DIALOG, {} satisfies LookupDialogOptions);
      case 'reschedule':
        return step.beginDialog(RESCHEDULE_DIALOG, {} satisfies RescheduleDialogOptions);
      default:
        await say(step.context, this.services, 'about.text');
        return step.next();
    }
  }

  /**
   * Does what a message at the menu or a first message asks, with what it already said; undefined
   * when the menu should follow (an answer given, or nothing to act on).
   */
  private async act(step: Step<RootFlowOptions>, u: Understanding, text: string): Promise<DialogTurnResult | undefined> {
    const { entities } = u;
    if (entities.receiptNumber) return this.beginWithReceipt(step, entities.receiptNumber, receiptIntentOf(u), entities.when);
    if (entities.caseNumber || entities.receiptNearMiss) {
      await say(step.context, this.services, entities.caseNumber ? 'cancel.caseReceipt' : 'understanding.receiptNearMiss');
      return undefined;
    }
    if (u.confidence < ACT_ON_WISH) return undefined;
    switch (u.intent) {
      case 'book':
        return this.book(step, u, text);
      case 'cancel':
        return step.beginDialog(CANCEL_DIALOG, {} satisfies CancelDialogOptions);
      case 'documents':
      case 'about':
      case 'help':
        await say(step.context, this.services, `${u.intent}.text`);
        return undefined;
      case 'lookup':
        return step.beginDialog(LOOKUP_DIALOG, {} satisfies LookupDialogOptions);
      case 'reschedule':
        return step.beginDialog(RESCHEDULE_DIALOG, (entities.when ? { when: entities.when } : {}) satisfies RescheduleDialogOptions);
      case 'changeLanguage':
        return step.beginDialog(LANGUAGE_DIALOG, { welcome: false } satisfies LanguageDialogOptions);
      default:
        return undefined;
    }
  }

  /** The flow a receipt number was typed for: cancelling, looking the appointment up, or moving it. */
  private beginWithReceipt(
    step: Step<RootFlowOptions>,
    receiptNumber: string,
    intent: ReceiptIntent,
    when?: WallClockWhen,
  ): Promise<DialogTurnResult> {
    if (intent === 'lookup') return step.beginDialog(LOOKUP_DIALOG, { receiptNumber } satisfies LookupDialogOptions);
    if (intent === 'reschedule') {
      return step.beginDialog(RESCHEDULE_DIALOG, { receiptNumber, ...(when ? { when } : {}) } satisfies RescheduleDialogOptions);
    }
    return step.beginDialog(CANCEL_DIALOG, { receiptNumber } satisfies CancelDialogOptions);
  }

  /** The booking, with what the person already said that answers its questions (a name only when said as one). */
  private book(step: Step<RootFlowOptions>, u: Understanding | undefined, text: string): Promise<DialogTurnResult> {
    const heard = u ? heardIn(text, turnLanguage(step.context), u, this.services) : {};
    const draft: BookingDraft = Object.keys(heard).length > 0 ? { heard } : {};
    return step.beginDialog(BOOKING_DIALOG, draft);
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

/** The flow for a receipt number typed with `u`: what it asks for, and the new day when moving. */
function receiptFlow(receiptNumber: string, u: Understanding): RootFlowOptions {
  const receiptIntent = receiptIntentOf(u);
  const { when } = u.entities;
  return { receiptNumber, receiptIntent, ...(receiptIntent === 'reschedule' && when ? { receiptWhen: when } : {}) };
}

/** Looking up or moving, when the message with a receipt number asks for it; otherwise cancelling (the receipt number alone). */
function receiptIntentOf(u: Understanding): ReceiptIntent {
  return u.confidence >= ACT_ON_WISH && (u.intent === 'lookup' || u.intent === 'reschedule') ? u.intent : 'cancel';
}
