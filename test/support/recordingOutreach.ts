import type { ContactRoute, Outreach } from '../../src/domain/outreach/types';

/** One call to the Outreach port, as the dialogs made it. */
export type OutreachCall =
  | { call: 'saveRoute'; receiptNumber: string; route: ContactRoute }
  | { call: 'scheduleReminder'; receiptNumber: string; dueAt: string }
  | { call: 'cancelReminder'; receiptNumber: string }
  | { call: 'send'; route: ContactRoute; text: string; dedupeId: string };

/** An Outreach that sends nothing: it keeps the routes it is given and records every call, for dialog tests. */
export class RecordingOutreach implements Outreach {
  readonly calls: OutreachCall[] = [];
  private readonly routes = new Map<string, ContactRoute>();

  async saveRoute(receiptNumber: string, route: ContactRoute): Promise<void> {
    this.routes.set(receiptNumber, route);
    this.calls.push({ call: 'saveRoute', receiptNumber, route });
  }

  async routeOf(receiptNumber: string): Promise<ContactRoute | undefined> {
    return this.routes.get(receiptNumber);
  }

  async scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void> {
    this.calls.push({ call: 'scheduleReminder', receiptNumber, dueAt: dueAt.toISOString() });
  }

  async cancelReminder(receiptNumber: string): Promise<void> {
    this.calls.push({ call: 'cancelReminder', receiptNumber });
  }

  async send(route: ContactRoute, text: string, dedupeId: string): Promise<void> {
    this.calls.push({ call: 'send', route, text, dedupeId });
  }

  /** The calls of one kind, in order. */
  of<K extends OutreachCall['call']>(call: K): Extract<OutreachCall, { call: K }>[] {
    return this.calls.filter((c): c is Extract<OutreachCall, { call: K }> => c.call === call);
  }
}
