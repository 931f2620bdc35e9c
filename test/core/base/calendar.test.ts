import { describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, calendarDateOf, cellDate, describeDate, isWeekend, wallClockOf, weekday } from '../../../src/core/base/calendar.ts';
import { formatIsoDate, type DateParts, parseIsoDate } from '../../../src/core/base/dates.ts';

const d = (iso: string): DateParts => parseIsoDate(iso)!;
const iso = (x: DateParts) => formatIsoDate(x);

describe('weekdays', () => {
  it('knows which day of the week a date is', () => {
    expect(weekday(d('1970-01-01'))).toBe(4); // Thursday
    expect(weekday(d('2026-01-09'))).toBe(5); // Friday
    expect(weekday(d('2026-01-10'))).toBe(6);
    expect(weekday(d('2026-01-11'))).toBe(0);
    expect(isWeekend(d('2026-01-10'))).toBe(true);
    expect(isWeekend(d('2026-01-12'))).toBe(false);
    expect(weekday(d('1969-12-31'))).toBe(3); // before the epoch too
  });

  it('describes a date with its weekday', () => {
    expect(describeDate(d('2026-01-13'))).toBe('Tue 2026-01-13');
  });
});

describe('addBusinessDays (WORKDAY without holidays)', () => {
  it.each([
    ['2026-01-05', 3, '2026-01-08'], // Mon + 3 = Thu
    ['2026-01-08', 3, '2026-01-13'], // Thu + 3 = Tue (over the weekend)
    ['2026-01-09', 3, '2026-01-14'], // Fri + 3 = Wed
    ['2026-01-10', 3, '2026-01-14'], // Sat + 3 = Wed: counting starts on Monday
    ['2026-01-11', 1, '2026-01-12'], // Sun + 1 = Mon
    ['2026-01-09', 1, '2026-01-12'], // Fri + 1 = Mon
    ['2026-01-05', 7, '2026-01-14'], // Mon + 7 = Wed next week
    ['2026-01-09', 7, '2026-01-20'], // Fri + 7 = Tue of the week after next
    ['2025-12-30', 3, '2026-01-02'], // across the year end
    ['2028-02-25', 3, '2028-03-01'], // Fri in a leap February + 3 = Wed 1 March
    ['2026-01-10', 0, '2026-01-10'],
  ])('%s + %i business days = %s', (from, n, to) => {
    expect(iso(addBusinessDays(d(from), n))).toBe(to);
  });

  it('never lands on a weekend for n > 0', () => {
    for (let i = 0; i < 14; i++) for (let n = 1; n <= 10; n++) expect(isWeekend(addBusinessDays(addDays(d('2026-03-01'), i), n))).toBe(false);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => addBusinessDays(d('2026-01-05'), -1)).toThrow();
    expect(() => addBusinessDays(d('2026-01-05'), 1.5)).toThrow();
  });
});

describe('parseIsoDate', () => {
  it('accepts real YYYY-MM-DD days only', () => {
    expect(parseIsoDate('2026-02-28')).toEqual({ year: 2026, month: 2, day: 28 });
    expect(parseIsoDate('2028-02-29')).not.toBeNull();
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-5', '05/01/2026', '', '2026-01-05T00:00', '1899-12-31', 20260105, null]) {
      expect(parseIsoDate(bad)).toBeNull();
    }
  });
});

describe('reading Date cells as days of the spreadsheet time zone', () => {
  it('America/Los_Angeles: summer and winter midnights', () => {
    // 4 July 2026 00:00 PDT is 07:00 UTC; with the winter offset it would read as 3 July.
    expect(iso(calendarDateOf(new Date('2026-07-04T07:00:00Z'), 'America/Los_Angeles')!)).toBe('2026-07-04');
    expect(iso(calendarDateOf(new Date('2026-01-04T08:00:00Z'), 'America/Los_Angeles')!)).toBe('2026-01-04');
  });

  it('Pacific/Kiritimati (UTC+14) and Asia/Kolkata (UTC+5:30): the local day, not the UTC day', () => {
    expect(iso(calendarDateOf(new Date('2026-01-09T10:00:00Z'), 'Pacific/Kiritimati')!)).toBe('2026-01-10');
    expect(iso(calendarDateOf(new Date('2026-01-09T18:30:00Z'), 'Asia/Kolkata')!)).toBe('2026-01-10');
  });

  // Local midnight of each day, with the UTC offset that zone had on that day (tz database
  // history), which is not its offset this year.
  it.each([
    ['America/Mexico_City', '2021-07-15T05:00:00Z', '2021-07-15'], // UTC-5 (DST, abolished in 2022)
    ['America/Sao_Paulo', '2018-12-01T02:00:00Z', '2018-12-01'], // UTC-2 (DST, abolished in 2019)
    ['Asia/Tehran', '2021-05-31T19:30:00Z', '2021-06-01'], // UTC+4:30 (DST, abolished in 2022)
    ['Europe/Moscow', '2013-05-31T20:00:00Z', '2013-06-01'], // UTC+4 from 2011 to 2014
    ['Pacific/Apia', '2011-12-30T10:00:00Z', '2011-12-31'], // UTC+14 right after the date line moved
    ['Pacific/Apia', '2011-12-29T10:00:00Z', '2011-12-29'], // UTC-10 the day before
    ['Europe/Istanbul', '2015-06-30T21:00:00Z', '2015-07-01'], // UTC+3 DST, then UTC+2 winters until 2016
    ['Europe/Istanbul', '2016-01-14T22:00:00Z', '2016-01-15'], // UTC+2
    ['Asia/Pyongyang', '2016-05-31T15:30:00Z', '2016-06-01'], // UTC+8:30 from 2015 to 2018
    ['America/Caracas', '2010-01-01T04:30:00Z', '2010-01-01'], // UTC-4:30 until 2016
    ['Africa/Casablanca', '2017-01-10T00:00:00Z', '2017-01-10'], // UTC+0 before the UTC+1 of 2018
    ['Europe/Volgograd', '2019-05-31T20:00:00Z', '2019-06-01'], // UTC+4 from 2018 to 2020
    // Days whose midnight the clocks skip: the Date is the first instant after the jump (01:00).
    ['America/Havana', '2026-03-08T05:00:00Z', '2026-03-08'],
    ['America/Santiago', '2026-09-06T04:00:00Z', '2026-09-06'],
    ['Asia/Tehran', '2021-03-21T20:30:00Z', '2021-03-22'],
  ])('%s: %s is %s', (timeZone, instant, day) => {
    expect(iso(calendarDateOf(new Date(instant), timeZone)!)).toBe(day);
  });

  it('a date-time cell reads as its local day', () => {
    expect(iso(calendarDateOf(new Date('2026-01-09T23:30:00Z'), 'America/Los_Angeles')!)).toBe('2026-01-09');
    expect(iso(calendarDateOf(new Date('2026-01-10T07:59:59Z'), 'America/Los_Angeles')!)).toBe('2026-01-09');
  });

  it('cellDate takes Dates and ISO text, nothing else', () => {
    expect(cellDate('2026-01-05', 'Etc/UTC')).toEqual(d('2026-01-05'));
    expect(cellDate(new Date('2026-01-05T00:00:00Z'), 'Etc/UTC')).toEqual(d('2026-01-05'));
    expect(cellDate('next week', 'Etc/UTC')).toBeNull();
    expect(cellDate(45000, 'Etc/UTC')).toBeNull();
    expect(cellDate('', 'Etc/UTC')).toBeNull();
    expect(cellDate(new Date(NaN), 'Etc/UTC')).toBeNull();
  });
});

describe('wallClockOf: the date and time an instant shows in a zone', () => {
  it.each([
    ['UTC', '2026-01-09T23:59:59Z', '2026-01-09', '23:59:59'],
    ['Asia/Kolkata', '2026-01-09T18:30:00Z', '2026-01-10', '00:00:00'], // midnight is 00, not 24
    ['America/New_York', '2026-03-08T07:30:00Z', '2026-03-08', '03:30:00'], // an hour after DST began at 02:00
    ['America/New_York', '2026-11-01T05:30:00Z', '2026-11-01', '01:30:00'], // the first 01:30 (EDT)
    ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01', '01:30:00'], // the second 01:30 (EST)
    ['Pacific/Apia', '2011-12-30T10:00:00Z', '2011-12-31', '00:00:00'], // the day the date line moved
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z', '2026-06-01', '05:45:00'],
  ])('%s at %s: %s %s', (timeZone, instant, day, time) => {
    const shown = wallClockOf(new Date(instant), timeZone);
    expect(iso(shown.date)).toBe(day);
    expect(shown.time).toBe(time);
  });

  it('refuses a zone Intl does not know, as Utilities.formatDate does', () => {
    expect(() => wallClockOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
