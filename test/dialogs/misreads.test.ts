import assert from 'node:assert/strict';
import { DialogConversation, TEST_NOW, testServices } from '../support/dialogHarness';
import { play } from '../support/script';
import { BotMetrics } from '../../src/metrics/botMetrics';
import { warmUpDateParsers } from '../../src/domain/dates/parseWhen';
import { parseExposition } from '../metrics/exposition';

/** misreads_total as the registry holds it: "kind language" → count, only the series counted. */
async function misreads(metrics: BotMetrics): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const sample of parseExposition(await metrics.exposition())) {
    if (sample.name === 'infopass_misreads_total') counts[`${sample.labels.kind} ${sample.labels.language}`] = sample.value;
  }
  return counts;
}

describe('misread answers are counted by kind and language (misreads_total, through the dialogs’ MisreadMetrics)', () => {
  before(function () {
    this.timeout(60_000);
    warmUpDateParsers(new Date(TEST_NOW));
  });

  it('counts each answer a booking could not read: what was wanted, a ZIP code, a choice, a name, a date of birth, a phone, a date', async () => {
    const metrics = new BotMetrics();
    const conversation = new DialogConversation(testServices({ misreads: metrics }));
    await play(conversation, 'es', [
      { say: 'Español', expect: ['menu.prompt'] },
      { say: 'plátano', expect: ['menu.retry'] },
      { say: '1', expect: ['location.zipPrompt'] },
      { say: 'abc', expect: ['location.zipInvalid'] },
      { say: '10001', expect: ['location.office'] },
      { say: 'quizás', expect: ['common.yesNoRetry'] },
      { say: 'sí', expect: ['booking.reasonPrompt'] },
      { say: '8', expect: ['details.namePrompt'] },
      { say: '???', expect: ['details.nameInvalid'] },
      { say: 'María López', expect: ['details.dobPrompt'] },
      { say: 'xyz', expect: ['details.dob_invalid'] },
      { say: '4 de marzo de 1980', expect: ['details.phonePrompt'] },
      { say: '12', expect: ['details.phoneInvalid'] },
      { say: '(212) 736-5000', expect: ['slots.prompt'] },
      { say: 'plátano', expect: ['slots.notUnderstood'] },
    ]);
    const counted = ['intent', 'zip', 'choice', 'name', 'dob', 'phone', 'date'].map((kind) => [`${kind} es`, 1]);
    assert.deepEqual(await misreads(metrics), Object.fromEntries(counted), 'one of each kind misread, in Spanish; no answer read counted');
  });

  it('counts a receipt number and a country it could not read, in the conversation’s language', async () => {
    const metrics = new BotMetrics();
    const cancelling = new DialogConversation(testServices({ misreads: metrics }));
    await play(cancelling, 'en', [
      { say: 'English', expect: ['menu.prompt'] },
      { say: '2', expect: ['cancel.receiptPrompt'] },
      { say: 'my receipt', expect: ['cancel.receiptInvalid'] },
    ]);
    const abroad = new DialogConversation(testServices({ misreads: metrics }));
    await play(abroad, 'fr', [
      { say: 'Français', expect: ['menu.prompt'] },
      { say: '1', expect: ['location.zipPrompt'] },
      { click: 0, expect: ['location.countryPrompt'] },
      { say: 'Atlantide', expect: ['location.countryUnknown'] },
    ]);
    assert.deepEqual(await misreads(metrics), { 'receipt en': 1, 'country fr': 1 });
  });
});
