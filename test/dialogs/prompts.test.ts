import assert from 'node:assert/strict';
import { type Activity, ConversationState, MemoryStorage, type StoreItems, TestAdapter, type TurnContext } from 'botbuilder';
import {
  type Choice,
  ComponentDialog,
  type Dialog,
  type DialogContext,
  type DialogEvent,
  DialogSet,
  type DialogTurnResult,
  DialogTurnStatus,
  type FoundChoice,
} from 'botbuilder-dialogs';
import { AnswerTextPrompt, choicePrompt, textPrompt } from '../../dialogs/prompts';
import { choice } from '../../dialogs/choices';
import { setTurnLanguage } from '../../dialogs/turnLanguage';
import { Translator } from '../../src/domain/i18n/translator';

const CHOICES = [
  { value: 'yes', action: { type: 'imBack', title: 'Sim', value: 'Sim' }, synonyms: ['sim', 's'] },
  { value: 'no', action: { type: 'imBack', title: 'Não', value: 'Não' }, synonyms: ['não', 'n'] },
  { value: 'menu', action: { type: 'imBack', title: 'Menu', value: 'Menu' } },
];

/**
 * Asks one choice question per conversation (in `language`) and replies with the value chosen,
 * or "retry"; `stored` receives the conversation state as the storage holds it between the turns.
 */
async function answerTo(text: string, choices: Choice[] = CHOICES, language = 'en', stored: StoreItems = {}): Promise<string> {
  const storage = new MemoryStorage();
  const state = new ConversationState(storage);
  const dialogs = new DialogSet(state.createProperty('dialogState'));
  dialogs.add(choicePrompt('choice', new Translator()));
  const replies: string[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    setTurnLanguage(context, language);
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.prompt('choice', { prompt: 'question', retryPrompt: 'retry', choices });
    } else if (result.status === DialogTurnStatus.complete) {
      await context.sendActivity(`chose ${(result.result as FoundChoice).value}`);
    }
    await state.saveChanges(context);
  });
  await adapter.send('hi').assertReply((a) => void replies.push(a.text ?? ''));
  Object.assign(stored, await storage.read(['test/conversations/Convo1/']));
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

  describe('choices whose words are a locale word list', () => {
    const yesNo = [choice('yes', 'Sim', 'common.yesWords'), choice('no', 'Não', 'common.noWords')];

    it("takes the list's words in the turn's language, and in English", async () => {
      assert.equal(await answerTo('claro que sim', yesNo, 'pt'), 'chose yes');
      assert.equal(await answerTo('TA BOM', yesNo, 'pt'), 'chose yes');
      assert.equal(await answerTo('nope', yesNo, 'pt'), 'chose no');
      assert.equal(await answerTo('sure thing', yesNo, 'pt'), 'chose yes', "botbuilder's recognizer sees the words too");
    });

    it('keeps the name of the list in the stored dialog state, not its words', async () => {
      const stored: StoreItems = {};
      assert.equal(await answerTo('sim', yesNo, 'pt', stored), 'chose yes');
      const json = JSON.stringify(stored);
      assert.match(json, /common\.yesWords/);
      assert.doesNotMatch(json, /claro que sim|com certeza/);
    });

    it('keeps each title once in the stored dialog state, and shows it as a button that sends it', async () => {
      const stored: StoreItems = {};
      assert.equal(await answerTo('Não', yesNo, 'pt', stored), 'chose no');
      const json = JSON.stringify(stored);
      assert.equal(json.split('"Sim"').length - 1, 1, json);
      assert.doesNotMatch(json, /imBack/);

      const adapter = new TestAdapter(async (context: TurnContext) => {
        setTurnLanguage(context, 'pt');
        const dialogs = new DialogSet(new ConversationState(new MemoryStorage()).createProperty('dialogState'));
        dialogs.add(choicePrompt('choice', new Translator()));
        await (await dialogs.createContext(context)).prompt('choice', { prompt: 'question', choices: yesNo });
      });
      await adapter.send('hi').assertReply((activity) => {
        assert.deepEqual(activity.suggestedActions?.actions, [
          { type: 'imBack', title: 'Sim', value: 'Sim' },
          { type: 'imBack', title: 'Não', value: 'Não' },
        ]);
      });
    });
  });
});

describe('prompts keep the "activityReceived" event', () => {
  /** A dialog holding the prompt "ask", as RootDialog holds every prompt; it notes the events that reach it. */
  class Parent extends ComponentDialog {
    readonly eventsSeen: string[] = [];

    constructor(prompt: Dialog) {
      super('parent');
      this.addDialog(prompt);
    }

    protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
      return innerDc.prompt('ask', { prompt: 'question', retryPrompt: 'retry', choices: CHOICES });
    }

    protected override async onPreBubbleEvent(_dc: DialogContext, event: DialogEvent): Promise<boolean> {
      this.eventsSeen.push(event.name);
      return false;
    }
  }

  /** One question and one answer; the answer turn's reply. */
  async function ask(parent: Parent, answer: string): Promise<string> {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    dialogs.add(parent);
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('parent');
      else if (result.status === DialogTurnStatus.complete) await context.sendActivity(`got ${JSON.stringify(result.result)}`);
      await state.saveChanges(context);
    });
    await adapter.send('hi').assertReply('question');
    let reply = '';
    await adapter.send(answer).assertReply((a) => void (reply = a.text ?? ''));
    return reply;
  }

  it('a choice prompt recognises an answer once, and the dialogs above it are not asked about it', async () => {
    let recognitions = 0;
    const parent = new Parent(
      choicePrompt('ask', new Translator(), () => {
        recognitions += 1;
        return undefined;
      }),
    );
    // Not a choice outright (those are matched before recognizeFirst is asked): botbuilder's recognizer finds "sim" in it.
    assert.match(await ask(parent, 'sim, por favor'), /^got .*"value":"yes"/);
    assert.equal(recognitions, 1);
    assert.deepEqual(parent.eventsSeen, []);
  });

  it('a free-text prompt takes an answer, and the dialogs above it are not asked about it', async () => {
    const parent = new Parent(new AnswerTextPrompt('ask'));
    assert.equal(await ask(parent, 'next Tuesday'), 'got "next Tuesday"');
    assert.deepEqual(parent.eventsSeen, []);
  });
});

/** Collects every activity a turn sends into `sent`. */
function recordSends(context: TurnContext, sent: Partial<Activity>[]): void {
  context.onSendActivities(async (_ctx, activities, next) => {
    sent.push(...activities);
    return next();
  });
}

describe('free-text prompt, as botbuilder’s TextPrompt asks and reads', () => {
  /** Runs the prompt "ask" at the top of a dialog set; replies "got <answer>" when it ends, and tells what each turn sent. */
  function conversation(validate: (text: string) => boolean): { adapter: TestAdapter; sent: Partial<Activity>[]; events: string[] } {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    const events: string[] = [];
    class Holder extends ComponentDialog {
      constructor() {
        super('holder');
        this.addDialog(textPrompt('ask', 'name', async (p) => validate(p.recognized.value ?? '')));
      }
      protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
        return innerDc.prompt('ask', { prompt: 'question', retryPrompt: 'again' });
      }
      protected override async onPreBubbleEvent(_dc: DialogContext, event: DialogEvent): Promise<boolean> {
        events.push(event.name);
        return false;
      }
    }
    dialogs.add(new Holder());
    const sent: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      recordSends(context, sent);
      const dc = await dialogs.createContext(context);
      if (context.activity.text === 'custom event') {
        await dc.emitEvent('custom', undefined, true, true);
        await context.sendActivity('emitted');
      } else {
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('holder');
        else if (result.status === DialogTurnStatus.complete) await context.sendActivity(`got ${String(result.result)}`);
      }
      await state.saveChanges(context);
    });
    return { adapter, sent, events };
  }

  it('sends the prompt expecting input, the retry prompt after a refused answer, and ends with a valid one', async () => {
    const { adapter, sent } = conversation((text) => /^\d+$/.test(text));
    await adapter.send('hi').assertReply('question');
    assert.equal(sent[0].inputHint, 'expectingInput');
    await adapter.send('twelve').assertReply('again');
    assert.equal(sent[1].inputHint, 'expectingInput');
    await adapter.send('12').assertReply('got 12');
  });

  it('does not take a message without text as an answer', async () => {
    const { adapter } = conversation(() => true);
    await adapter.send('hi').assertReply('question');
    await adapter
      .send({ type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'https://example.org/a.png' }] })
      .assertReply('again');
    await adapter.send('now text').assertReply('got now text');
  });

  it('passes events other than "activityReceived" up to the dialogs above it', async () => {
    const { adapter, events } = conversation(() => true);
    await adapter.send('hi').assertReply('question');
    await adapter.send('custom event').assertReply('emitted');
    assert.deepEqual(events, ['custom']);
  });
});

describe('prompts begin as botbuilder’s Prompt does', () => {
  it('marks a question given as an activity, and its retry, as expecting input', async () => {
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty('dialogState'));
    dialogs.add(choicePrompt('choice', new Translator()));
    const sent: Partial<Activity>[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      recordSends(context, sent);
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.prompt('choice', {
          prompt: { type: 'message', text: 'question' },
          retryPrompt: { type: 'message', text: 'retry' },
          choices: CHOICES,
        });
      }
      await state.saveChanges(context);
    });
    await adapter.send('hi').assertReply('question');
    await adapter.send('neither').assertReply('retry');
    assert.deepEqual(
      sent.map((a) => a.inputHint),
      ['expectingInput', 'expectingInput'],
    );
  });
});
