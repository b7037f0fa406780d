import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { formatSlot } from '../../../src/domain/dates/format';
import { readWhen } from '../../../src/domain/dates/parseWhen';
import { LANGUAGES } from '../../../src/domain/languages';
import { projectRoot } from '../../../src/domain/projectPaths';
import { understand } from '../../../src/domain/understanding';
import { at, NY } from '../../support/timeFixtures';

/** The title of a time at the list of times, as the slot dialog writes it: the language's slots.label over formatSlot. */
function slotTitle(code: string, intlLocale: string, start: string): string {
  const file = join(projectRoot(), 'locales', code, 'translation.json');
  const label = (JSON.parse(readFileSync(file, 'utf8')) as { slots: { label: string } }).slots.label;
  const { date, time } = formatSlot(start, NY, intlLocale);
  return label.replace('{{date}}', date).replace('{{time}}', time);
}

/** A Monday of winter and one of summer (New York on EST and on EDT), and a morning and an afternoon time of the next week. */
const SEASONS: ReadonlyArray<[season: string, now: string, slots: readonly string[]]> = [
  ['winter', '2026-12-07T10:00', ['2026-12-15T08:00', '2026-12-17T14:30']],
  ['summer', '2027-06-07T10:00', ['2027-06-15T08:00', '2027-06-17T14:30']],
];

describe('a time title typed back (copied from the list of times) reads as exactly that time, in all 13 languages', () => {
  for (const { code, intlLocale } of LANGUAGES) {
    for (const [season, nowText, slots] of SEASONS) {
      const now = at(nowText, NY);
      for (const wallClock of slots) {
        const start = DateTime.fromISO(wallClock, { zone: NY }).toISO() ?? '';
        const title = slotTitle(code, intlLocale, start);
        it(`${code}, ${season}: "${title}"`, () => {
          const reading = readWhen(title, code, now, NY);
          assert.equal(reading.status, 'complete', `unread: ${reading.unread.join(' ')}`);
          const ahead = reading.candidates.filter((c) => !c.past);
          assert.deepEqual(
            ahead.map((c) => [c.start, c.precision]),
            [[start, 'minute']],
          );
          const [date, time] = wallClock.split('T');
          for (const expecting of ['when', 'slot'] as const) {
            assert.deepEqual(understand(title, code, { expecting, now, timeZone: NY }).entities.when, { date, time }, expecting);
          }
        });
      }
    }
  }
});

describe('Vietnamese dates written with their year after a comma', () => {
  it('"15 tháng 12, 2026" and "15 tháng 12 2026" are that day, the year read', () => {
    const now = at('2026-12-07T10:00', NY);
    for (const text of ['15 tháng 12, 2026', 'Thứ Ba, 15 tháng 12 2026']) {
      const reading = readWhen(text, 'vi', now, NY);
      assert.equal(reading.status, 'complete', text);
      assert.equal(reading.candidates[0]?.start.slice(0, 10), '2026-12-15', text);
    }
  });
});
