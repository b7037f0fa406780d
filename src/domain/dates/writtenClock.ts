import type { Reading } from './reading';

/** A clock written with its minutes: "8:00", "9h30", "10.15", "８：００". */
const WRITTEN_CLOCK = /(?<![\d:.：])(\d{1,2})\s?[:.h：]\s?([0-5]\d)(?![\d])/giu;

/** Hours whose evening twin no one means when writing them with minutes: 7:00–11:59 (19:00–23:59 is no office hour). */
const MORNING_HOURS = { from: 7, to: 11 } as const;

/**
 * Drops the evening twin of a morning clock written with its minutes: "8:00" (the bot's own titles
 * in 24-hour languages, "mardi 15 décembre 2026, 8:00") is 08:00, not also 20:00; a person who means
 * the evening writes "20:00" or "8:00 pm", which the parsers read alone. A twin is dropped only when
 * the reading as written is there too, on the same day, and the evening clock was not written
 * itself. An hour without minutes ("à 8h", "at 10") keeps both halves of the day.
 */
export function withoutEveningTwins(readings: readonly Reading[], text: string): readonly Reading[] {
  const written = new Set<number>();
  for (const match of text.matchAll(WRITTEN_CLOCK)) written.add(Number(match[1]) * 60 + Number(match[2]));
  if (written.size === 0) return readings;
  const morning = [...written].filter((m) => m >= MORNING_HOURS.from * 60 && m < (MORNING_HOURS.to + 1) * 60 && !written.has(m + 720));
  if (morning.length === 0) return readings;
  const asWritten = new Set(readings.filter(isClock).map((r) => `${r.start.toISODate()} ${minuteOfDay(r)}`));
  return readings.filter((r) => {
    if (!isClock(r)) return true;
    const twinOf = minuteOfDay(r) - 720;
    return !(morning.includes(twinOf) && asWritten.has(`${r.start.toISODate()} ${twinOf}`));
  });
}

function isClock(reading: Reading): boolean {
  return reading.precision === 'minute' || reading.precision === 'hour';
}

function minuteOfDay(reading: Reading): number {
  return reading.start.hour * 60 + reading.start.minute;
}
