import { describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, calendarDateOf, cellDate, describeDate, isWeekend, parseUtcOffset, weekday } from '../../src/core/calendar.ts';
import { formatIsoDate, type DateParts, parseIsoDate } from '../../src/core/dates.ts';

const d = (iso: string): DateParts => parseIsoDate(iso)!;
const iso = (x: DateParts) => formatIsoDate(x);
const H = 3_600_000;

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
  it('parses UTC offsets as Utilities.formatDate prints them', () => {
    expect(parseUtcOffset('+0530')).toBe(5.5 * H);
    expect(parseUtcOffset('-0800')).toBe(-8 * H);
    expect(parseUtcOffset('+14:00')).toBe(14 * H);
    expect(parseUtcOffset('Z')).toBe(0);
    expect(parseUtcOffset('GMT')).toBeNull();
  });

  it('America/Los_Angeles: a summer date is found with the daylight-saving offset', () => {
    const offsets = [-8 * H, -7 * H]; // January (PST), July (PDT)
    // 4 July 2026 00:00 PDT is 07:00 UTC; with the winter offset alone it would read as 3 July.
    expect(iso(calendarDateOf(new Date('2026-07-04T07:00:00Z'), offsets)!)).toBe('2026-07-04');
    expect(iso(calendarDateOf(new Date('2026-01-04T08:00:00Z'), offsets)!)).toBe('2026-01-04');
  });

  it('Pacific/Kiritimati (UTC+14) and Asia/Kolkata (UTC+5:30): the local day, not the UTC day', () => {
    expect(iso(calendarDateOf(new Date('2026-01-09T10:00:00Z'), [14 * H])!)).toBe('2026-01-10');
    expect(iso(calendarDateOf(new Date('2026-01-09T18:30:00Z'), [5.5 * H])!)).toBe('2026-01-10');
  });

  it('a date-time cell reads as its local day', () => {
    expect(iso(calendarDateOf(new Date('2026-01-09T23:30:00Z'), [-8 * H, -7 * H])!)).toBe('2026-01-09');
  });

  it('cellDate takes Dates and ISO text, nothing else', () => {
    expect(cellDate('2026-01-05', [0])).toEqual(d('2026-01-05'));
    expect(cellDate('next week', [0])).toBeNull();
    expect(cellDate(45000, [0])).toBeNull();
    expect(cellDate('', [0])).toBeNull();
    expect(cellDate(new Date(NaN), [0])).toBeNull();
  });
});
