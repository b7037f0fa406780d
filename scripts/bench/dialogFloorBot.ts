/**
 * A second floor for the benchmark (`npm run bench -- --dialog-floor`): the bare bot of
 * floorBot.ts plus what the design puts every turn of ours through, botbuilder-dialogs: a
 * component dialog holding a waterfall whose every step is a text prompt. It does nothing
 * else: each reply is the number of the step, so the load generator's counter conversation
 * drives it unchanged. The gap between the two floors is the price of the dialog framework
 * alone, before any work of our own.
 *
 *   REDIS_URL=redis://127.0.0.1:6379 PORT=3980 node dist/scripts/bench/dialogFloorBot.js
 */
import { ActivityTypes } from 'botbuilder';
import { ComponentDialog, DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { runFloorBot } from './floorServer';

/** As many steps as the load generator's longest counter conversation. */
const STEPS = 15;

class CountingDialog extends ComponentDialog {
  constructor() {
    super('counting');
    this.addDialog(new TextPrompt('text'));
    const steps = Array.from(
      { length: STEPS },
      (_, i) => async (step: WaterfallStepContext) => step.prompt('text', { prompt: String(i + 1) }),
    );
    this.addDialog(new WaterfallDialog('steps', [...steps, async (step) => step.endDialog()]));
    this.initialDialogId = 'steps';
  }
}

runFloorBot('dialog-floor', (state) => {
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(new CountingDialog());
  return async (context) => {
    if (context.activity.type === ActivityTypes.Message) {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('counting');
    }
    await state.saveChanges(context);
  };
});
