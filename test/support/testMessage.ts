import type { Activity } from 'botbuilder';

/** An activity from "person" to "bot" in the one conversation "c" of a test adapter: the `sequence`th, with `text`. */
export function testMessage(sequence: number, text: string, type: string = 'message'): Partial<Activity> {
  return {
    type,
    id: `a${sequence}`,
    text,
    channelId: 'test',
    conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: '' },
    recipient: { id: 'bot', name: '' },
  };
}
