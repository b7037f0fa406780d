import assert from 'node:assert/strict';
import { type Activity, MemoryStorage, TestAdapter } from 'botbuilder';
import { InfoPassBot } from '../../src/bot/infoPassBot';
import { FencedConversationState } from '../../src/framework/fencedConversationState';
import { RootDialog } from '../../dialogs/rootDialog';
import { createRootDialog } from '../../dialogs/createRootDialog';
import { LanguageDialog } from '../../dialogs/languageDialog';
import { BookingDialog } from '../../dialogs/bookingDialog';
import { LocationDialog } from '../../dialogs/locationDialog';
import { PersonalDetailsDialog } from '../../dialogs/personalDetailsDialog';
import { SlotDialog } from '../../dialogs/slotDialog';
import { testServices } from '../support/dialogHarness';
import { describeReplies, saysKey } from '../support/replies';

/** One turn of a bot; the replies it sent. */
async function turn(adapter: TestAdapter, bot: InfoPassBot, text: string, id: string): Promise<Partial<Activity>[]> {
  adapter.activeQueue.splice(0);
  const activity: Partial<Activity> = {
    type: 'message',
    id,
    text,
    channelId: 'test',
    conversation: { id: 'versions', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'person', name: '' },
    recipient: { id: 'bot', name: '' },
  };
  await adapter.processActivity(activity, (context) => bot.run(context));
  return [...adapter.activeQueue];
}

describe('a conversation saved by a bot whose dialogs differ (a deploy mid-conversation)', () => {
  const services = testServices();
  const newer = (): RootDialog => createRootDialog(services);
  // Another version: the same flows but for cancelling.
  const older = (): RootDialog =>
    new RootDialog(services, [
      new LanguageDialog(services),
      new BookingDialog(services),
      new LocationDialog(services),
      new PersonalDetailsDialog(services),
      new SlotDialog(services),
    ]);

  async function bookingUpToZip(storage: MemoryStorage, root: RootDialog): Promise<void> {
    const bot = new InfoPassBot(new FencedConversationState(storage), root);
    const adapter = new TestAdapter();
    await turn(adapter, bot, 'hola', 'm1');
    assert.ok(saysKey(await turn(adapter, bot, 'Español', 'm2'), 'es', 'menu.prompt'));
    assert.ok(saysKey(await turn(adapter, bot, '1', 'm3'), 'es', 'location.zipPrompt'));
  }

  it('starts again from the menu, says so, and keeps the language', async () => {
    const storage = new MemoryStorage();
    await bookingUpToZip(storage, older());
    const bot = new InfoPassBot(new FencedConversationState(storage), newer());
    const adapter = new TestAdapter();
    const replies = await turn(adapter, bot, '10001', 'm4');
    assert.ok(saysKey(replies, 'es', 'flow.restarted'), describeReplies(replies));
    assert.ok(saysKey(replies, 'es', 'menu.prompt'), describeReplies(replies));
    assert.ok(!saysKey(replies, 'es', 'location.office'), describeReplies(replies));
    const next = await turn(adapter, bot, '1', 'm5');
    assert.ok(saysKey(next, 'es', 'location.zipPrompt'), describeReplies(next));
  });

  it('goes on where it was when the dialogs are the same', async () => {
    const storage = new MemoryStorage();
    await bookingUpToZip(storage, newer());
    const bot = new InfoPassBot(new FencedConversationState(storage), newer());
    const replies = await turn(new TestAdapter(), bot, '10001', 'm4');
    assert.ok(saysKey(replies, 'es', 'location.office'), describeReplies(replies));
    assert.ok(!saysKey(replies, 'es', 'flow.restarted'), describeReplies(replies));
  });

  it('goes on with the office a version that kept the whole office in the location step saved', async () => {
    const storage = new MemoryStorage();
    await bookingUpToZip(storage, newer());
    const bot = new InfoPassBot(new FencedConversationState(storage), newer());
    const adapter = new TestAdapter();
    assert.ok(saysKey(await turn(adapter, bot, '10001', 'm4'), 'es', 'location.office'));
    // Rewrite the saved location step as the earlier version kept it: the office itself, no code.
    const key = 'test/conversations/versions/';
    const saved = (await storage.read([key]))[key];
    const text = JSON.stringify(saved);
    const office = services.offices.forZip('10001')?.office;
    assert.ok(office && text.includes(`"officeCode":"${office.code}"`), text);
    await storage.write({
      [key]: JSON.parse(text.replace(`"officeCode":"${office.code}"`, `"office":${JSON.stringify(office)}`)) as object,
    });
    assert.ok(saysKey(await turn(adapter, bot, 'Sí', 'm5'), 'es', 'booking.reasonPrompt'));
    const replies = await turn(adapter, bot, '8', 'm6');
    assert.ok(saysKey(replies, 'es', 'details.namePrompt'), describeReplies(replies));
  });
});
