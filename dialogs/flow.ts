import type { Dialog } from 'botbuilder-dialogs';

/**
 * One flow's steps with the prompts it asks with. The root dialog holds every flow and prompt
 * in one dialog set: each nested ComponentDialog would build its own dialog contexts, and pass
 * every event through, on every turn.
 */
export interface Flow extends Dialog {
  readonly prompts: readonly Dialog[];
}
