import assert from 'node:assert/strict';
import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type FoundChoice } from 'botbuilder-dialogs';
import { choicePrompt } from '../dialogs/prompts';

const CHOICES = [
  { value: 'yes', action: { type: 'imBack', title: 'Sim', value: 'Sim' }, synonyms: ['sim', 's'] },
  { value: 'no', action: { type: 'imBack', title: 'Não', value: 'Não' }, synonyms: ['não', 'n'] },
  { value: 'menu', action: { type: 'imBack', title: 'Menu', value: 'Menu' } },
];

/** Asks one choice question per conversation and replies with the value chosen, or "retry". */
async function answerTo(text: string): Promise<string> {
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(choicePrompt('choice'));
  const replies: string[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.prompt('choice', { prompt: 'question', retryPrompt: 'retry', choices: CHOICES });
    } else if (result.status === DialogTurnStatus.complete) {
      await context.sendActivity(`chose ${(result.result as FoundChoice).value}`);
    }
    await state.saveChanges(context);
  });
  await adapter.send('hi').assertReply((a) => void replies.push(a.text ?? ''));
  await adapter.send(text).assertReply((a) => void replies.push(a.text ?? ''));
  return replies[1];
}

describe('choice prompt', () => {
  it('takes a choice typed without its accents, in any case, with punctuation', async () => {
    assert.equal(await answerTo('nao'), 'chose no');
    assert.equal(await answerTo('NÃO!'), 'chose no');
    assert.equal(await answerTo(' sim. '), 'chose yes');
  });

  it('takes a choice by its number, and asks again for a number no choice has', async () => {
    assert.equal(await answerTo('2'), 'chose no');
    assert.equal(await answerTo('3'), 'chose menu');
    assert.equal(await answerTo('4'), 'retry');
    assert.equal(await answerTo('0'), 'retry');
  });

  it("hands a message that names no choice outright to botbuilder's recognizer", async () => {
    assert.equal(await answerTo('the second one'), 'chose no');
    assert.equal(await answerTo('menu please'), 'chose menu');
  });

  it('asks again when nothing matches', async () => {
    assert.equal(await answerTo('maybe later'), 'retry');
  });
});
