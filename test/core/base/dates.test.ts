import { describe, expect, it } from 'vitest';
import { formatIsoDate, isDateParts, parseContactDate } from '../../../src/core/base/dates.ts';

describe('parseContactDate', () => {
  it('reads LinkedIn "Connected On" dates', () => {
    expect(parseContactDate('07 Dec 2025')).toEqual({ year: 2025, month: 12, day: 7 });
    expect(parseContactDate('1 Jan 2024')).toEqual({ year: 2024, month: 1, day: 1 });
    expect(parseContactDate(' 29 Feb 2024 ')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('reads other unambiguous forms', () => {
    expect(parseContactDate('Dec 7, 2025')).toEqual({ year: 2025, month: 12, day: 7 });
    expect(parseContactDate('7 September 2025')).toEqual({ year: 2025, month: 9, day: 7 });
    expect(parseContactDate('7 Sept 2025')).toEqual({ year: 2025, month: 9, day: 7 });
    expect(parseContactDate('2025-12-07')).toEqual({ year: 2025, month: 12, day: 7 });
  });

  it.each(['', '31 Feb 2025', '29 Feb 2025', '07 Dex 2025', '07 Decimal 2025', '12/7/2025', 'last spring', '2025-13-01'])('refuses %j', (text) =>
    expect(parseContactDate(text)).toBeNull(),
  );

  it('formats ISO dates and recognises DateParts', () => {
    expect(formatIsoDate({ year: 2025, month: 3, day: 9 })).toBe('2025-03-09');
    expect(isDateParts({ year: 2025, month: 3, day: 9 })).toBe(true);
    expect(isDateParts('2025-03-09')).toBe(false);
    expect(isDateParts(null)).toBe(false);
  });
});
