import {
  ComponentDialog,
  Dialog,
  type DialogContext,
  DialogEvents,
  type DialogInstance,
  type DialogState,
  type DialogTurnResult,
  DialogTurnStatus,
} from 'botbuilder-dialogs';
import { NativeDialogContext } from './nativeDialogContext';

/** Where ComponentDialog keeps its inner stack in its instance's state. */
const PERSISTED_DIALOG_STATE = 'dialogs';

/** Where a turn keeps the inner dialog contexts it made, by outer context. */
const INNER_CONTEXTS = Symbol('nativeComponentDialog.innerContexts');

interface InnerContext {
  instance: DialogInstance;
  inner: DialogContext;
}

/**
 * ComponentDialog with one inner dialog context per turn and a native continueDialog.
 *
 * botbuilder-dialogs builds a new inner DialogContext — with its own DialogStateManager, which
 * registers every memory scope anew and writes "turn.activity" through its path resolvers — each
 * time one is asked for, and a turn asks twice: for the "activityReceived" event
 * (DialogContext.child) and to continue. The second ask gets the first one's while the outer
 * context's active dialog is still the same instance. It is kept in the turn's state, not in a
 * WeakMap of this (long-lived) dialog: V8's young-generation collections hold an old WeakMap's
 * values alive, and with them each turn's objects.
 *
 * Under a NativeDialogContext, the inner context is one too (and under botbuilder's, botbuilder's).
 * continueDialog is botbuilder's, written as a native async function (botbuilder's is a generator
 * driven by a helper: see docs/botbuilder-overrides.md), with the same version check.
 */
export class NativeComponentDialog<O extends object = object> extends ComponentDialog<O> {
  override createChildContext(outerDc: DialogContext): DialogContext {
    const instance = outerDc.activeDialog;
    const turnState = outerDc.context.turnState;
    let known = turnState.get(INNER_CONTEXTS) as Map<DialogContext, InnerContext> | undefined;
    const cached = known?.get(outerDc);
    if (instance && cached?.instance === instance) return cached.inner;
    const inner = outerDc instanceof NativeDialogContext ? this.nativeInnerContext(outerDc, instance) : super.createChildContext(outerDc);
    if (instance) {
      if (!known) {
        known = new Map();
        turnState.set(INNER_CONTEXTS, known);
      }
      known.set(outerDc, { instance, inner });
    }
    return inner;
  }

  /** ComponentDialog.createInnerDC (private there), making a NativeDialogContext. */
  private nativeInnerContext(outerDc: NativeDialogContext, active: DialogInstance | undefined): DialogContext {
    const instance = active ?? { id: '', state: {} };
    const state = instance.state as Record<string, unknown>;
    const dialogState = (state[PERSISTED_DIALOG_STATE] as DialogState | undefined) ?? { dialogStack: [] };
    state[PERSISTED_DIALOG_STATE] = dialogState;
    return new NativeDialogContext(this.dialogs, outerDc, dialogState);
  }

  override async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    if (this.recordVersion(outerDc)) await outerDc.emitEvent(DialogEvents.versionChanged, this.id, true, false);
    const turnResult = await this.onContinueDialog(this.createChildContext(outerDc));
    if (turnResult.status !== DialogTurnStatus.waiting) return this.endComponent(outerDc, turnResult.result);
    return Dialog.EndOfTurn;
  }

  /**
   * DialogContainer.checkForVersionChange without its event: records this dialog's version on the
   * active instance, and tells whether the instance had another one (the "versionChanged" event is due).
   */
  private recordVersion(dc: DialogContext): boolean {
    const active = dc.activeDialog;
    if (!active) throw new TypeError('NativeComponentDialog.continueDialog: no active dialog');
    const current = active.version;
    active.version = this.getInternalVersion();
    return Boolean(current) && current !== active.version;
  }
}
