import { ActivityHandler, ActivityTypes, type BotState, type TurnContext } from 'botbuilder';
import { type Dialog, DialogSet, type DialogState, DialogTurnStatus } from 'botbuilder-dialogs';
import { loadedState } from '../framework/loadedState';
import { NativeDialogContext } from '../framework/nativeDialogContext';
import { HandledActivities } from '../reliability/handledActivities';
import { SharedDialogStateConfiguration } from '../framework/dialogStateConfiguration';

/** Where the conversation state keeps the dialog stack. */
const DIALOG_STATE = 'dialogState';

/** Runs the root dialog on each message and greets people as they join; saves state after every turn. */
export class InfoPassBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly handled: HandledActivities;
  readonly dialogStateConfiguration = new SharedDialogStateConfiguration();

  /**
   * `withSave`: work sent to the store together with the turn's state save rather than after it
   * (a Direct Line turn's output: one round trip instead of two). It runs even when the save fails.
   */
  constructor(
    private readonly conversationState: BotState,
    private readonly dialog: Dialog,
    private readonly withSave?: (context: TurnContext) => Promise<void>,
  ) {
    super();
    this.dialogs = new DialogSet(conversationState.createProperty(DIALOG_STATE));
    this.dialogs.add(dialog);
    this.handled = new HandledActivities(conversationState);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const people = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (people.length > 0) await this.runDialog(context);
      await next();
    });
  }

  /** A redelivered activity (an id this conversation already handled) does nothing and answers nothing. */
  override async run(context: TurnContext): Promise<void> {
    if (await this.handled.isRepeat(context)) return;
    // A message goes straight to the dialogs: ActivityHandler's dispatch (its "Turn", "Message"
    // and "Dialog" handler chains) has nothing else to run for one. Other activities go through it.
    if (context.activity.type === ActivityTypes.Message) await this.runDialog(context);
    else await super.run(context);
    await this.handled.remember(context);
    if (!this.withSave) return this.conversationState.saveChanges(context, false);
    const [saved, alongside] = await Promise.allSettled([this.conversationState.saveChanges(context, false), this.withSave(context)]);
    if (saved.status === 'rejected') throw saved.reason;
    if (alongside.status === 'rejected') throw alongside.reason;
  }

  /**
   * Not botbuilder's runDialog(): that one sends a "BotState" trace activity holding the whole
   * dialog state (names, dates of birth, phone numbers) on every turn, and with
   * deliveryMode "expectReplies" the caller receives it.
   */
  private async runDialog(context: TurnContext): Promise<void> {
    this.dialogStateConfiguration.lend(context);
    const dc = new NativeDialogContext(this.dialogs, context, await this.dialogState(context));
    this.dialogStateConfiguration.keep(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.dialog.id);
  }

  /** The dialog stack in the conversation state, as DialogSet.createContext reads it (through an accessor, a generator: see loadedState). */
  private async dialogState(context: TurnContext): Promise<DialogState> {
    const state = await loadedState(this.conversationState, context);
    const known = state[DIALOG_STATE] as DialogState | undefined;
    if (known !== undefined) return known;
    const fresh: DialogState = { dialogStack: [] };
    state[DIALOG_STATE] = fresh;
    return fresh;
  }
}
