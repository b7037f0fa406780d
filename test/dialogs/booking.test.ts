import assert from 'node:assert/strict';
import { DialogConversation } from '../support/dialogHarness';
import { play, receiptFrom, type Step } from '../support/script';
import { describeReplies, saysKey } from '../support/replies';

const booking: Record<string, { language: string; steps: Step[]; cancelDob: string }> = {
  English: {
    language: 'en',
    cancelDob: 'March 4, 1980',
    steps: [
      { say: 'hi', expect: ['welcome.greeting', 'language.prompt'] },
      { say: 'English', expect: ['language.chosen', 'menu.prompt'] },
      { say: 'Make an appointment', expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'yes', expect: ['booking.reasonPrompt'] },
      { say: 'Question about a pending case', expect: ['details.namePrompt'] },
      { say: 'Maria Lopez', expect: ['details.dobPrompt'] },
      { say: '03/04/1980', expect: ['details.dobWhich'] },
      { click: 0, expect: ['details.phonePrompt'] },
      { say: '(212) 736-5000', expect: ['slots.prompt'] },
      { say: 'tomorrow at 10am', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
      { say: 'yes', expect: ['notice.text', 'menu.prompt'], card: true },
    ],
  },
  Spanish: {
    language: 'es',
    cancelDob: '4 de marzo de 1980',
    steps: [
      // "hola" alone says Spanish (issue 21): no language list, the menu at once.
      { say: 'hola', expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
      { click: 0, expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'si', expect: ['booking.reasonPrompt'] },
      { say: '8', expect: ['details.namePrompt'] },
      { say: 'María López', expect: ['details.dobPrompt'] },
      { say: '04/03/1980', expect: ['details.dobWhich'] },
      { click: 0, expect: ['details.phonePrompt'] },
      { say: '212 736 5000', expect: ['slots.prompt'] },
      { say: 'mañana a las 10', expect: ['slots.offerExact'] },
      { clickMatching: /10:00/, expect: ['booking.summary'] },
      { say: 'sí', expect: ['notice.text', 'menu.prompt'], card: true },
    ],
  },
};

describe('booking and cancelling (dialogs)', () => {
  for (const [name, script] of Object.entries(booking)) {
    it(`books an appointment and cancels it by its receipt number, in ${name}`, async () => {
      const conversation = new DialogConversation();
      const turns = await play(conversation, script.language, script.steps);
      const receipt = receiptFrom(turns[turns.length - 1]);
      const booked = await conversation.store.get(receipt.replace(/-/g, ''));
      assert.equal(booked?.status, 'booked');
      assert.deepEqual(await conversation.store.countBooked(booked.officeCode, [booked.slotStart]), [1]);

      await play(conversation, script.language, [
        { say: receipt.toLowerCase().replace(/-/g, ' '), expect: ['cancel.dobPrompt'] },
        { say: script.cancelDob, expect: ['cancel.confirm'] },
        { click: 0, expect: ['cancel.done', 'menu.prompt'] },
      ]);
      assert.equal((await conversation.store.get(booked.receiptNumber))?.status, 'cancelled');
      assert.deepEqual(await conversation.store.countBooked(booked.officeCode, [booked.slotStart]), [0], 'the seat is free again');
    });
  }

  it('shows the notice card with the receipt number, the office and the time zone named', async () => {
    const conversation = new DialogConversation();
    const turns = await play(conversation, 'en', booking.English.steps);
    const last = turns[turns.length - 1];
    const card = last.find((r) => r.attachments?.length)?.attachments?.[0]?.content as { version: string; body: unknown[] };
    assert.equal(card.version, '1.5');
    const json = JSON.stringify(card);
    assert.match(json, /IP-[0-9A-Z]{4}-/);
    assert.match(json, /New York/);
    assert.match(json, /Eastern Standard Time/);
    assert.match(json, /15 minutes/);
    const text = last.find((r) => r.attachments?.length)?.text ?? '';
    assert.match(text, /IP-[0-9A-Z]{4}-/, 'the text carries the receipt number too');
    assert.match(text, /Wednesday, December 2, 2026/);
    assert.match(text, /10:00\s?AM \(Eastern Standard Time\)/);
  });

  it('greets in Spanish when the channel locale is Spanish, says so and shows the menu without the language list', async () => {
    const conversation = new DialogConversation(undefined, 'es-MX');
    const [replies] = await play(conversation, 'es', [
      { say: 'hola', expect: ['welcome.greeting', 'understanding.languageUsed', 'menu.prompt'] },
    ]);
    assert.ok(!saysKey(replies, 'es', 'language.prompt'), describeReplies(replies));
  });
});
