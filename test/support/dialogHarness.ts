import { type Activity, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { InfoPassBot } from '../../src/bot/infoPassBot';
import { FencedConversationState } from '../../src/framework/fencedConversationState';
import { fixedClock, type Clock } from '../../src/domain/clock';
import { loadOfficeDirectory } from '../../src/domain/offices/officeDirectory';
import { sharedZipTable } from '../../src/infra/zipcodes/zipTable';
import { MemoryAppointmentStore } from '../../src/infra/memory/memoryAppointmentStore';
import { DEFAULT_SLOT_POLICY } from '../../src/domain/slots/schedule';
import { MemoryAttemptLimiter } from '../../src/infra/memory/memoryAttemptLimiter';
import type { AppointmentStore } from '../../src/domain/appointments/types';
import type { DialogServices } from '../../dialogs/services';
import { createRootDialog } from '../../dialogs/createRootDialog';
import { noMetrics } from '../../src/metrics/types';
import { translator, describeReplies } from './replies';

/** Tuesday 1 December 2026, 09:00 in New York. */
export const TEST_NOW = '2026-12-01T14:00:00.000Z';

/** The clock of testServices(): every part of a dialog test reads the same fixed "now". */
export const TEST_CLOCK = fixedClock(TEST_NOW);

/** An empty embedded appointment store on the tests' fixed clock. */
export function testStore(): MemoryAppointmentStore {
  return new MemoryAppointmentStore({ clock: TEST_CLOCK });
}

const offices = loadOfficeDirectory(sharedZipTable);

/** The person-key and date-of-birth verifier secret of testServices(). */
export const TEST_PERSON_SECRET = 'test-secret';

export function testServices(overrides: Partial<DialogServices> = {}): DialogServices {
  return {
    translator,
    offices,
    store: testStore(),
    clock: TEST_CLOCK,
    policy: DEFAULT_SLOT_POLICY,
    personSecret: TEST_PERSON_SECRET,
    attempts: new MemoryAttemptLimiter({ clock: TEST_CLOCK }),
    maxReschedules: 3,
    sendsTexts: true,
    misreads: noMetrics,
    ...overrides,
  };
}

export const rootDialog = createRootDialog;

/** One conversation with the root dialog through botbuilder-testing. */
export class DialogConversation {
  private readonly client: DialogTestClient;
  readonly store: AppointmentStore;
  transcript: string[] = [];
  lastReplies: Partial<Activity>[] = [];

  constructor(
    readonly services: DialogServices = testServices(),
    private readonly locale?: string,
    /** The channel the messages come from ("sms" for texts). */
    channelId = 'test',
  ) {
    this.store = services.store;
    this.client = new DialogTestClient(channelId, rootDialog(services));
  }

  static withClock(clock: Clock, store?: AppointmentStore): DialogConversation {
    return new DialogConversation(testServices({ clock, ...(store ? { store } : {}) }));
  }

  /** Sends a message; returns every reply of the turn. */
  async send(text: string): Promise<Partial<Activity>[]> {
    const replies: Partial<Activity>[] = [];
    const activity: Partial<Activity> = { type: 'message', text, ...(this.locale ? { locale: this.locale } : {}) };
    const first = (await this.client.sendActivity(activity)) as Partial<Activity> | undefined;
    if (first) replies.push(first);
    for (
      let next = this.client.getNextReply() as Partial<Activity> | undefined;
      next;
      next = this.client.getNextReply() as Partial<Activity> | undefined
    ) {
      replies.push(next);
    }
    this.transcript.push(`> ${text}`, describeReplies(replies));
    this.lastReplies = replies;
    return replies;
  }
}

/** How a channel tells who the person is and which language their client uses. */
export interface ChannelSide {
  channelId?: string;
  /** The activity's locale (Web Chat sends the browser's; Teams its client's). */
  locale?: string;
  /** Teams' clientInfo entity, with the client's locale. */
  clientInfoLocale?: string;
}

/**
 * One conversation with the whole bot (InfoPassBot over botbuilder's TestAdapter, state in memory):
 * what a channel sends, a member joining (Web Chat's welcome, a Teams install) as well as messages.
 */
export class BotConversation {
  private readonly adapter = new TestAdapter();
  private readonly bot: InfoPassBot;
  private sequence = 0;
  transcript: string[] = [];

  constructor(
    readonly services: DialogServices = testServices(),
    private readonly side: ChannelSide = {},
  ) {
    this.bot = new InfoPassBot(new FencedConversationState(new MemoryStorage()), rootDialog(services));
  }

  private activity(partial: Partial<Activity>): Partial<Activity> {
    this.sequence += 1;
    const { channelId = 'webchat', locale, clientInfoLocale } = this.side;
    return {
      id: `a${this.sequence}`,
      channelId,
      conversation: { id: 'conversation', isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'person', name: '' },
      recipient: { id: 'bot', name: '' },
      ...(locale ? { locale } : {}),
      ...(clientInfoLocale ? { entities: [{ type: 'clientInfo', locale: clientInfoLocale }] } : {}),
      ...partial,
    };
  }

  private async run(activity: Partial<Activity>, label: string): Promise<Partial<Activity>[]> {
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity(activity, (context) => this.bot.run(context));
    const replies = [...this.adapter.activeQueue];
    this.transcript.push(label, describeReplies(replies));
    return replies;
  }

  /** The person joins (`membersAdded`, no text), as Web Chat's page and a Teams install announce them. */
  join(): Promise<Partial<Activity>[]> {
    const person = { id: 'person', name: '' };
    return this.run(this.activity({ type: 'conversationUpdate', membersAdded: [person] }), '> (joins)');
  }

  send(text: string): Promise<Partial<Activity>[]> {
    return this.run(this.activity({ type: 'message', text }), `> ${text}`);
  }

  /** Any activity, on this conversation's channel. */
  sendActivity(partial: Partial<Activity>): Promise<Partial<Activity>[]> {
    return this.run(this.activity(partial), `> (${partial.type ?? 'activity'})`);
  }
}
