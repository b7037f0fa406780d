import type { ContactRoute, Outreach } from '../../../src/domain/outreach/types';

export interface SentMessage {
  route: ContactRoute;
  text: string;
  dedupeId: string;
}

/**
 * A stand-in for the outreach port (the real one queues SMS and proactive messages) that keeps
 * what it is asked to do. It keeps the port's promise: one delivery per dedupe id, however often
 * `send` is called. `failing` makes `send` throw for the dedupe ids it matches.
 */
export class RecordingOutreach implements Outreach {
  readonly routes = new Map<string, ContactRoute>();
  readonly reminders = new Map<string, Date>();
  readonly cancelledReminders: string[] = [];
  /** Every call of send, repeats included. */
  readonly calls: SentMessage[] = [];
  /** What reached people: the first message of each dedupe id. */
  readonly delivered = new Map<string, SentMessage>();
  failing: (dedupeId: string) => boolean = () => false;

  async saveRoute(receiptNumber: string, route: ContactRoute): Promise<void> {
    this.routes.set(receiptNumber, route);
  }

  async routeOf(receiptNumber: string): Promise<ContactRoute | undefined> {
    return this.routes.get(receiptNumber);
  }

  async scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void> {
    this.reminders.set(receiptNumber, dueAt);
  }

  async cancelReminder(receiptNumber: string): Promise<void> {
    this.reminders.delete(receiptNumber);
    this.cancelledReminders.push(receiptNumber);
  }

  async send(route: ContactRoute, text: string, dedupeId: string): Promise<void> {
    if (this.failing(dedupeId)) throw new Error(`outreach unavailable (${dedupeId})`);
    const message = { route, text, dedupeId };
    this.calls.push(message);
    if (!this.delivered.has(dedupeId)) this.delivered.set(dedupeId, message);
  }
}
