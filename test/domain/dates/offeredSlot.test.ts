import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { formatSlot } from '../../../src/domain/dates/format';
import { offeredSlotReading, type OfferedSlot } from '../../../src/domain/dates/offeredSlot';
import { languageByCode, LANGUAGES } from '../../../src/domain/languages';
import { understand } from '../../../src/domain/understanding';
import { at } from '../../support/timeFixtures';

/** A slot's title as the list of times shows it (dialogs/slotDialog.ts, label): the language's slots.label. */
function title(language: string, start: string, timeZone: string): string {
  const file = path.join(__dirname, '../../../locales', language, 'translation.json');
  const { slots } = JSON.parse(readFileSync(file, 'utf8')) as { slots: { label: string } };
  const f = formatSlot(start, timeZone, languageByCode(language).intlLocale);
  return slots.label.replace('{{date}}', f.date).replace('{{time}}', f.time);
}

const CASES: Array<{ zone: string; now: string; starts: string[] }> = [
  {
    // Monday 7 December 2026, 10:00: today's later times, tomorrow's, next week's, one already over.
    zone: 'America/New_York',
    now: '2026-12-07T10:00',
    starts: ['2026-12-07T16:30', '2026-12-08T08:00', '2026-12-08T13:15', '2026-12-15T09:45', '2026-12-07T08:30', '2027-01-04T11:00'],
  },
  {
    // Saturday 6 March 2027 in Los Angeles, the clock changing the next night.
    zone: 'America/Los_Angeles',
    now: '2027-03-06T23:30',
    starts: ['2027-03-08T08:00', '2027-03-09T14:30', '2027-03-06T23:45'],
  },
];

/** Languages whose parsers read a title as that one minute and nothing else: there the readings are the same in full. */
const READ_AS_ONE = new Set(['en', 'es', 'ko', 'tl']);

describe('offeredSlotReading', () => {
  it('reads a pressed time as that time, the rest of the message as the parsers leave it, in every language', () => {
    for (const { code } of LANGUAGES) {
      for (const { zone, now: local, starts } of CASES) {
        const now = at(local, zone);
        const offered: OfferedSlot[] = starts.map((s) => {
          const start = at(s, zone).toISOString();
          return { title: title(code, start, zone), start };
        });
        for (const slot of offered) {
          const said = `${code} ${slot.title}`;
          const context = { expecting: 'slot' as const, now, timeZone: zone };
          const parsed = understand(slot.title, code, context);
          const fast = understand(slot.title, code, { ...context, offered });
          if (Date.parse(slot.start) <= now.getTime()) {
            // A time already over is left to the parsers.
            assert.equal(offeredSlotReading(slot.title, offered, now, zone), undefined, said);
            assert.deepEqual(fast, parsed, said);
            continue;
          }
          // The root dialog's command check (intent, confidence, how many entities) sees the same message.
          assert.equal(fast.intent, parsed.intent, said);
          assert.equal(fast.confidence, parsed.confidence, said);
          assert.deepEqual({ ...fast.entities, when: undefined }, { ...parsed.entities, when: undefined }, said);
          assert.ok(parsed.entities.when, said);
          const wall = DateTime.fromISO(slot.start, { zone });
          assert.deepEqual(fast.entities.when, { date: wall.toISODate(), time: wall.toFormat('HH:mm') }, said);
          assert.deepEqual(fast.dates?.candidates, [{ start: wall.toISO(), precision: 'minute', past: false }], said);
          assert.equal(fast.dates?.status, 'complete', said);
          if (READ_AS_ONE.has(code)) assert.deepEqual(fast, parsed, said);
        }
      }
    }
  });

  it('leaves any other text to the parsers', () => {
    const now = at('2026-12-07T10:00');
    const start = at('2026-12-08T08:00').toISOString();
    const offered = [{ title: title('en', start, 'America/New_York'), start }];
    assert.ok(offeredSlotReading(offered[0].title, offered, now, 'America/New_York'));
    assert.equal(offeredSlotReading('tomorrow at 8', offered, now, 'America/New_York'), undefined);
    assert.equal(offeredSlotReading(`${offered[0].title} please`, offered, now, 'America/New_York'), undefined);
    const typed = understand('tomorrow at 8', 'en', { expecting: 'slot', now, timeZone: 'America/New_York', offered });
    assert.deepEqual(typed, understand('tomorrow at 8', 'en', { expecting: 'slot', now, timeZone: 'America/New_York' }));
    // Only at the list of times.
    const atDate = { expecting: 'when' as const, now, timeZone: 'America/New_York' };
    assert.deepEqual(understand(offered[0].title, 'en', { ...atDate, offered }), understand(offered[0].title, 'en', atDate));
  });
});
