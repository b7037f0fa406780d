/**
 * Reaching a person after their conversation: reminders, a freed seat for someone waiting, an office
 * closed for the day. The composition root supplies the implementation (a queue on Redis that sends
 * SMS through Twilio and proactive messages through the Bot Connector); dialogs and operator
 * actions only see this port.
 */

/** How to reach a person later. */
export type ContactRoute =
  /** A text message to an E.164 number. */
  | { channel: 'sms'; phone: string }
  /** A proactive message into the chat they used (Teams, Web Chat): botbuilder's ConversationReference as JSON, opaque here. */
  | { channel: 'chat'; conversationReference: string };

export interface Outreach {
  /** Remembers how to reach the holder of this appointment (at booking; replaces an earlier route). */
  saveRoute(receiptNumber: string, route: ContactRoute): Promise<void>;
  routeOf(receiptNumber: string): Promise<ContactRoute | undefined>;
  /**
   * Schedules the reminder of this appointment at `dueAt`, replacing any earlier one (a move calls it
   * again). When it falls due, the appointment is read again: a cancelled one is never reminded.
   */
  scheduleReminder(receiptNumber: string, dueAt: Date): Promise<void>;
  cancelReminder(receiptNumber: string): Promise<void>;
  /** Queues a text already in the person's language; sent once per `dedupeId`, however often this is called. */
  send(route: ContactRoute, text: string, dedupeId: string): Promise<void>;
}
