import assert from 'node:assert/strict';
import { DialogConversation, testServices, testStore } from '../support/dialogHarness';
import { play, receiptFrom, type Step } from '../support/script';
import { generateReceiptNumber, formatReceiptNumber } from '../../src/domain/appointments/receiptNumber';
import { type MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';

interface Lang {
  language: string;
  pick: string;
  yes: string;
  no: string;
  /** Steps from the menu up to the name prompt. */
  toName: Step[];
  name: string;
  dob: string;
  phone: string;
  when: string;
  help: string;
  quit: string;
  restart: string;
  languageWord: string;
}

const languages: Lang[] = [
  {
    language: 'en',
    pick: 'English',
    yes: 'yes',
    no: 'no',
    name: 'Ana Ruiz',
    dob: '12/25/1990',
    phone: '212 736 5000',
    when: 'Thursday at 11am',
    help: 'help',
    quit: 'stop',
    restart: 'start over',
    languageWord: 'language',
    toName: [
      { say: 'Make an appointment', expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'yes', expect: ['booking.reasonPrompt'] },
      { say: 'pending case', expect: ['details.namePrompt'] },
    ],
  },
  {
    language: 'es',
    pick: 'Español',
    yes: 'sí',
    no: 'no',
    name: 'Ana Ruiz',
    dob: '25/12/1990',
    phone: '212 736 5000',
    when: 'el jueves a las 11',
    help: 'ayuda',
    quit: 'parar',
    restart: 'empezar de nuevo',
    languageWord: 'idioma',
    toName: [
      { say: 'hacer una cita', expect: ['location.zipPrompt'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'si', expect: ['booking.reasonPrompt'] },
      { say: '8', expect: ['details.namePrompt'] },
    ],
  },
];

/** Steps from the menu up to the question of the time: the name, date of birth and phone given. */
function toTimeQuestion(l: Lang): Step[] {
  return [
    ...l.toName,
    { say: l.name, expect: ['details.dobPrompt'] },
    { say: l.dob, expect: ['details.phonePrompt'] },
    { say: l.phone, expect: ['slots.prompt'] },
  ];
}

async function atMenu(l: Lang, conversation = new DialogConversation()): Promise<DialogConversation> {
  await play(conversation, l.language, [
    { say: 'hi', expect: ['language.prompt'], language: 'en' },
    { say: l.pick, expect: ['menu.prompt'] },
  ]);
  return conversation;
}

for (const l of languages) {
  describe(`every path and validation failure (${l.language})`, () => {
    it('re-asks a bad language choice, then accepts the language name typed', async () => {
      const c = new DialogConversation();
      await play(c, 'en', [
        { say: 'hi', expect: ['language.prompt'] },
        { say: 'klingon', expect: ['language.retry'] },
      ]);
      await play(c, l.language, [{ say: l.pick.toUpperCase(), expect: ['language.chosen', 'menu.prompt'] }]);
    });

    it('shows the documents to bring and what InfoPass is, then the menu again', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        { click: 2, expect: ['documents.text', 'menu.prompt'] },
        { say: '4', expect: ['about.text', 'menu.prompt'] },
      ]);
    });

    it('re-asks a bad menu choice and returns to the menu after three failures', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        { say: 'banana', expect: ['menu.retry'] },
        { say: 'banana', expect: ['menu.retry'] },
        { say: 'banana', expect: ['menu.prompt'] },
      ]);
    });

    it('explains a malformed and an unknown ZIP code, and gives up after three tries', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        l.toName[0],
        { say: 'abc', expect: ['location.zipInvalid', 'location.zipRetry'] },
        { say: '00000', expect: ['location.zipUnknown', 'location.zipRetry'] },
        // Three misreads: go on, start over or help (issue 21); a ZIP code typed then is still taken.
        { say: '1234', expect: ['location.zipInvalid', 'understanding.gaveUp'] },
        { say: '10001', expect: ['location.office'] },
      ]);
    });

    it('asks again for the ZIP code when the person does not want the office shown', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        l.toName[0],
        { say: '10001', expect: ['location.office'] },
        { say: l.no, expect: ['location.zipPrompt'] },
        { say: '87102', expect: ['location.office'] },
      ]);
    });

    it('serves people abroad from the international office of their country, and says when none serves it', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        l.toName[0],
        { click: 0, expect: ['location.countryPrompt'] },
        { say: 'Narnia', expect: ['location.countryUnknown', 'location.countryRetry'] },
        { say: 'Mexico', expect: ['location.office'] },
      ]);
      const c2 = await atMenu(l);
      await play(c2, l.language, [
        l.toName[0],
        { click: 0, expect: ['location.countryPrompt'] },
        { say: 'Norway', expect: ['location.noOfficeAbroad', 'menu.prompt'] },
      ]);
      const c3 = await atMenu(l);
      await play(c3, l.language, [
        l.toName[0],
        { click: 0, expect: ['location.countryPrompt'] },
        { say: 'United States', expect: ['location.countryIsUs', 'location.zipPrompt'] },
      ]);
    });

    it('gives the Deferred Action advice instead of booking', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [...l.toName.slice(0, 3), { say: '9', expect: ['booking.advisory_deferred_action', 'menu.prompt'] }]);
    });

    it('refuses names, dates of birth and phone numbers that cannot be right', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        ...l.toName,
        { say: '1234', expect: ['details.nameInvalid'] },
        { say: l.name, expect: ['details.dobPrompt'] },
        { say: 'hello', expect: ['details.dob_invalid'] },
        { say: '01/01/2090', expect: ['details.dob_future'] },
        { say: '01/01/1850', expect: ['details.dob_too_old', 'understanding.gaveUp'] },
        { click: 0, expect: ['details.dobPrompt'] },
        { say: l.dob, expect: ['details.phonePrompt'] },
      ]);
      const c2 = await atMenu(l);
      await play(c2, l.language, [
        ...l.toName,
        { say: l.name, expect: ['details.dobPrompt'] },
        { say: l.dob, expect: ['details.phonePrompt'] },
        { say: '123', expect: ['details.phoneInvalid'] },
        { say: '+44 20 7946 0958', expect: ['details.phoneInvalid'] },
        { say: l.phone, expect: ['slots.prompt'] },
      ]);
    });

    it('explains dates it cannot use: not understood, past, beyond two weeks', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        ...toTimeQuestion(l),
        { say: 'blah blah', expect: ['slots.notUnderstood', 'slots.promptAgain'] },
        { say: l.language === 'en' ? 'yesterday at 10am' : 'ayer a las 10', expect: ['slots.past', 'slots.promptAgain'] },
        {
          say: l.language === 'en' ? 'February 20 at 10am' : '20 de febrero a las 10',
          expect: ['slots.beyondWindow', 'understanding.gaveUp'],
        },
        // Three dates it could not use no longer throw the booking away (issue 21): answering again asks the date afresh.
        { click: 0, expect: ['slots.prompt'] },
        { say: l.language === 'en' ? 'tomorrow at 10am' : 'mañana a las 10', expect: ['slots.offerExact'] },
      ]);
    });

    it('books nothing when the summary is declined', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [
        ...toTimeQuestion(l),
        { say: l.when, expect: ['slots.offerExact'] },
        { click: 0, expect: ['booking.summary'] },
        { say: l.no, expect: ['booking.notBooked', 'menu.prompt'] },
      ]);
    });

    it('answers help mid-flow and asks the same question again', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [...l.toName, { say: l.help, expect: ['help.text', 'details.namePrompt'] }]);
    });

    it('leaves the flow on stop, starts over, and changes language on request', async () => {
      const c = await atMenu(l);
      await play(c, l.language, [...l.toName, { say: l.quit, expect: ['flow.stopped', 'menu.prompt'] }]);
      await play(c, l.language, [{ say: l.restart, expect: ['welcome.greeting', 'language.prompt'] }]);
      await play(c, l.language, [
        { say: l.pick, expect: ['menu.prompt'] },
        { say: l.languageWord, expect: ['language.prompt'] },
      ]);
    });

    it('switches to cancelling when a receipt number is typed in the middle of a booking', async () => {
      const c = await atMenu(l);
      const receipt = formatReceiptNumber(generateReceiptNumber());
      await play(c, l.language, [
        ...l.toName,
        { say: receipt, expect: ['cancel.dobPrompt'] },
        { say: l.dob, expect: ['cancel.notFound', 'menu.prompt'] },
      ]);
    });

    it('explains a USCIS case receipt number, and a mistyped receipt number', async () => {
      const c = await atMenu(l);
      const receipt = generateReceiptNumber();
      const last = receipt[receipt.length - 1];
      const mistyped = receipt.slice(0, -1) + (last === 'A' ? 'B' : 'A');
      await play(c, l.language, [
        { click: 1, expect: ['cancel.receiptPrompt'] },
        { say: 'EAC2212345678', expect: ['cancel.caseReceipt'] },
        { say: mistyped, expect: ['cancel.receiptMistyped'] },
        { say: 'hello', expect: ['cancel.receiptInvalid', 'understanding.gaveUp'] },
        { click: 1, expect: ['welcome.greeting', 'language.prompt'] },
      ]);
    });
  });
}

/** An English booking from the first message to the question of the time (Ana Ruiz, NYC). */
const UP_TO_THE_TIME: Step[] = [
  { say: 'hi', expect: ['language.prompt'] },
  { say: 'English', expect: ['menu.prompt'] },
  ...toTimeQuestion(languages[0]),
];

describe('cancelling', () => {
  async function bookOne(store = testStore(), outcome = 'notice.text'): Promise<{ receipt: string; store: MemoryAppointmentStore }> {
    const c = new DialogConversation(testServices({ store }));
    const turns = await play(c, 'en', [
      ...UP_TO_THE_TIME,
      { say: 'Thursday at 11am', expect: ['slots.offerExact'] },
      { click: 0, expect: ['booking.summary'] },
      { say: 'yes', expect: [outcome] },
    ]);
    return { receipt: outcome === 'notice.text' ? receiptFrom(turns[turns.length - 1]) : '', store };
  }

  it('gives the same neutral answer for a wrong date of birth as for an unknown number', async () => {
    const { receipt, store } = await bookOne();
    const wrong = new DialogConversation(testServices({ store }));
    const wrongReplies = await play(wrong, 'en', [
      { say: receipt, expect: ['cancel.dobPrompt'] },
      { say: '12/24/1990', expect: ['cancel.notFound'] },
    ]);
    const unknown = new DialogConversation(testServices({ store }));
    const unknownReplies = await play(unknown, 'en', [
      { say: formatReceiptNumber(generateReceiptNumber()), expect: ['cancel.dobPrompt'] },
      { say: '12/25/1990', expect: ['cancel.notFound'] },
    ]);
    assert.deepEqual(
      wrongReplies[1].map((r) => r.text),
      unknownReplies[1].map((r) => r.text),
    );
    assert.equal((await store.get(receipt.replace(/-/g, '')))?.status, 'booked');
  });

  it('keeps the appointment when the person answers no, and says when it was already cancelled', async () => {
    const { receipt, store } = await bookOne();
    const c = new DialogConversation(testServices({ store }));
    await play(c, 'en', [
      { say: receipt, expect: ['cancel.dobPrompt'] },
      { say: 'December 25, 1990', expect: ['cancel.confirm'] },
      { say: 'no', expect: ['cancel.kept', 'menu.prompt'] },
      { say: receipt, expect: ['cancel.dobPrompt'] },
      { say: '1990-12-25', expect: ['cancel.confirm'] },
      { say: 'yes', expect: ['cancel.done'] },
      { say: receipt, expect: ['cancel.dobPrompt'] },
      { say: '1990-12-25', expect: ['cancel.alreadyCancelled'] },
    ]);
  });

  it('refuses a second active appointment for the same person: the one they have is shown, with the offer to move or cancel it', async () => {
    const { receipt, store } = await bookOne();
    await bookOne(store, 'booking.existingPrompt');
    const active = await store.get(receipt.replace(/-/g, ''));
    assert.equal(active?.status, 'booked');
    assert.deepEqual(await store.countBooked('NYC', [active.slotStart]), [1], 'no second appointment');
  });
});

describe('slots taken while choosing', () => {
  it('offers other times when the chosen one is taken before confirming', async () => {
    const services = testServices();
    const c = new DialogConversation(services);
    const turns = await play(c, 'en', [
      ...UP_TO_THE_TIME,
      { say: 'Thursday at 11am', expect: ['slots.offerExact'] },
      { clickMatching: /11:00/, expect: ['booking.summary'] },
    ]);
    assert.ok(turns.length > 0);
    const chosen = '2026-12-03T11:00:00.000-05:00';
    for (const who of ['a', 'b']) {
      const r = await services.store.book(
        {
          officeCode: 'NYC',
          slotStart: chosen,
          reason: 'other',
          name: who,
          dobVerifier: 'x',
          phone: '+12127365000',
          language: 'en',
          personKey: who,
        },
        services.policy.capacity,
      );
      assert.equal(r.ok, true);
    }
    await play(c, 'en', [{ say: 'yes', expect: ['booking.slotTaken', 'slots.prompt'] }]);
  });

  it('says so when the office has nothing free in the whole window', async () => {
    const base = testStore();
    const full = Object.assign(Object.create(base) as MemoryAppointmentStore, {
      countBooked: async (_code: string, starts: readonly string[]) => starts.map(() => 99),
    });
    const c = new DialogConversation(testServices({ store: full }));
    await play(c, 'en', [...UP_TO_THE_TIME, { say: 'Thursday at 11am', expect: ['slots.fullyBooked', 'menu.prompt'] }]);
  });
});
