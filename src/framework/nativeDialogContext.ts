import {
  DialogContext,
  DialogContextError,
  DialogEvents,
  type DialogInstance,
  DialogReason,
  type DialogTurnResult,
  DialogTurnStatus,
  TurnPath,
} from 'botbuilder-dialogs';

/**
 * Set in a turn's state once "activityReceived" was raised. botbuilder keeps its own mark
 * (a symbol it does not export), so a turn must not mix NativeDialogContext.continueDialog with
 * botbuilder's: NativeComponentDialog makes native inner contexts only under a native outer one.
 */
const ACTIVITY_RECEIVED_EMITTED = Symbol('nativeDialogContext.activityReceivedEmitted');

/** botbuilder's wrapErrors: any error but a DialogContextError comes out as one, naming this context. */
async function wrapErrors<T>(dc: DialogContext, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof DialogContextError) throw err;
    // As botbuilder's: a thrown value that is neither an Error nor a string makes this constructor throw.
    throw new DialogContextError(err as Error | string, dc);
  }
}

/** The innermost context under `dc`: each active container's inner context, down to the last. */
function leafOf(dc: DialogContext): DialogContext {
  let leaf = dc;
  for (let child = leaf.child; child !== undefined; child = leaf.child) leaf = child;
  return leaf;
}

/**
 * DialogContext whose continueDialog, beginDialog, endDialog and emitEvent are native async
 * functions. botbuilder's are generators driven by a helper (docs/botbuilder-overrides.md), and each
 * wraps every dialog call in one more (wrapErrors): a turn that ends a prompt and begins the next
 * runs some fifteen of them. Same steps, same errors, same stack, same "turn.lastresult".
 */
export class NativeDialogContext extends DialogContext {
  override async continueDialog(): Promise<DialogTurnResult> {
    const turnState = this.context.turnState;
    if (!turnState.has(ACTIVITY_RECEIVED_EMITTED)) {
      turnState.set(ACTIVITY_RECEIVED_EMITTED, true);
      // Raised from the leaf: it may queue up interruptions.
      await this.emitEvent(DialogEvents.activityReceived, this.context.activity, true, true);
    }
    const instance = this.activeDialog;
    if (!instance) return { status: DialogTurnStatus.empty };
    const dialog = this.findDialog(instance.id);
    if (!dialog) {
      throw new DialogContextError(
        `DialogContext.continueDialog(): Can't continue dialog. A dialog with an id of '${instance.id}' wasn't found.`,
        this,
      );
    }
    return wrapErrors(this, dialog.continueDialog(this));
  }

  override async beginDialog(dialogId: string, options?: object): Promise<DialogTurnResult> {
    const dialog = this.findDialog(dialogId);
    if (!dialog) throw new DialogContextError(`DialogContext.beginDialog(): A dialog with an id of '${dialogId}' wasn't found.`, this);
    const instance: DialogInstance = { id: dialogId, state: {} };
    this.stack.push(instance);
    return wrapErrors(this, dialog.beginDialog(this, options));
  }

  override async endDialog(result?: unknown): Promise<DialogTurnResult> {
    await this.endActive(DialogReason.endCalled, result);
    const instance = this.activeDialog;
    if (!instance) return { status: DialogTurnStatus.complete, result };
    const dialog = this.findDialog(instance.id);
    if (!dialog) {
      throw new DialogContextError(
        `DialogContext.endDialog(): Can't resume previous dialog. A dialog with an id of '${instance.id}' wasn't found.`,
        this,
      );
    }
    return wrapErrors(this, dialog.resumeDialog(this, DialogReason.endCalled, result));
  }

  override async emitEvent(name: string, value?: unknown, bubble = true, fromLeaf = false): Promise<boolean> {
    const dc = fromLeaf ? leafOf(this) : this;
    const instance = dc.activeDialog;
    if (!instance) return false;
    const dialog = dc.findDialog(instance.id);
    if (!dialog) return false;
    return wrapErrors(this, dialog.onDialogEvent(dc, { bubble, name, value }));
  }

  /** botbuilder's private endActiveDialog. */
  private async endActive(reason: DialogReason, result: unknown): Promise<void> {
    const instance = this.activeDialog;
    if (!instance) return;
    const dialog = this.findDialog(instance.id);
    if (dialog) await wrapErrors(this, dialog.endDialog(this.context, instance, reason));
    this.stack.pop();
    this.state.setValue(TurnPath.lastResult, result);
  }
}
