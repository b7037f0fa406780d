import type Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { lazily } from '../lazily';

/**
 * US federal holidays (5 U.S.C. 6103), as calendar dates "YYYY-MM-DD".
 *
 * Source: date-holidays, country 'US', type 'public' — the 11 federal holidays plus
 * "(substitute day)" entries for the observed dates. Checked against OPM's rule (a
 * holiday on a Saturday is observed the Friday before, on a Sunday the Monday after):
 * date-holidays 3.37 gives no substitute for Veterans Day (e.g. 2028-11-11 is a
 * Saturday, observed Friday 2028-11-10), so the observed date of every holiday is
 * computed here from that rule as well; the two sources then agree.
 *
 * A holiday's own date stays in the set when it is observed on another day: a federal
 * office is closed on July 4th whatever day of the week it is.
 *
 * date-holidays loads on first use (its data takes ~0.1 s to load): no first reply needs it.
 */
const federalCalendar = lazily(() => {
  const HolidaysClass = require('date-holidays') as typeof Holidays;
  return new HolidaysClass('US');
});

const holidaysByYear = new Map<number, ReadonlySet<string>>();

export function isFederalHoliday(isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  if (!Number.isInteger(year)) return false;
  return federalHolidayDates(year).has(isoDate.slice(0, 10));
}

/** Every date of `year` on which federal offices close (cached per year). */
export function federalHolidayDates(year: number): ReadonlySet<string> {
  let dates = holidaysByYear.get(year);
  if (!dates) {
    dates = computeYear(year);
    holidaysByYear.set(year, dates);
  }
  return dates;
}

function computeYear(year: number): ReadonlySet<string> {
  const dates = new Set<string>();
  // Next year's New Year's Day may be observed on December 31st of this one.
  for (const listYear of [year, year + 1]) {
    for (const holiday of federalCalendar().getHolidays(listYear)) {
      if (holiday.type !== 'public') continue;
      const date = holiday.date.slice(0, 10);
      dates.add(date);
      dates.add(observedDate(date));
    }
  }
  const prefix = `${year}-`;
  return new Set([...dates].filter((d) => d.startsWith(prefix)));
}

/** OPM: Saturday → the Friday before, Sunday → the Monday after. */
function observedDate(isoDate: string): string {
  const day = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (day.weekday === 6) return day.minus({ days: 1 }).toISODate() ?? isoDate;
  if (day.weekday === 7) return day.plus({ days: 1 }).toISODate() ?? isoDate;
  return isoDate;
}
