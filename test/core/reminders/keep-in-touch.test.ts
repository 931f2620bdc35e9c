import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate } from '../../../src/core/base/dates.ts';
import { cadenceFor, nextUpdate, updatesDue } from '../../../src/core/reminders/keep-in-touch.ts';
import { DEFAULT_CADENCE_WEEKS } from '../../../src/core/reminders/settings.ts';
import type { Cell } from '../../../src/core/tracker/cells.ts';

const d = (iso: string) => parseIsoDate(iso)!;

describe('keep-in-touch dates', () => {
  it('count the cadence of the relationship from the later of Thank-you sent and Last contact', () => {
    const n = nextUpdate({ stage: 'Thanked', relationship: 'alumni', thankYouSent: d('2026-01-10'), lastContact: d('2026-01-09') }, DEFAULT_CADENCE_WEEKS);
    expect(n && formatIsoDate(n.due)).toBe('2026-03-07'); // 8 weeks
    const later = nextUpdate(
      { stage: 'thanked', relationship: 'Referral', thankYouSent: d('2026-01-10'), lastContact: d('2026-02-01') },
      DEFAULT_CADENCE_WEEKS,
    );
    expect(later && formatIsoDate(later.due)).toBe('2026-03-15'); // an update logged on Feb 1 moves it: 6 weeks on
  });

  it('only after a contact is Thanked, and never with a cadence of 0', () => {
    expect(nextUpdate({ stage: 'Interviewed', relationship: 'Alumni', thankYouSent: null, lastContact: d('2026-01-09') }, DEFAULT_CADENCE_WEEKS)).toBeNull();
    expect(nextUpdate({ stage: 'Thanked', relationship: 'Alumni', thankYouSent: null, lastContact: null }, DEFAULT_CADENCE_WEEKS)).toBeNull();
    expect(
      nextUpdate({ stage: 'Thanked', relationship: 'Alumni', thankYouSent: d('2026-01-10'), lastContact: null }, { ...DEFAULT_CADENCE_WEEKS, Alumni: 0 }),
    ).toBeNull();
  });

  it('use the "other" cadence for an empty or unknown relationship', () => {
    expect(cadenceFor({ ...DEFAULT_CADENCE_WEEKS, '': 5 }, 'my old boss')).toBe(5);
    expect(cadenceFor(DEFAULT_CADENCE_WEEKS, ' PROFESSOR ')).toBe(8);
  });

  it('list who is due by today, longest waiting first, reading date cells in the sheet zone', () => {
    // Date cells as Sheets returns them in Pacific/Auckland (UTC+13 in summer): local midnight.
    const nz = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 13 * 3_600_000);
    const rows: Cell[][] = [
      ['Thanked', 'Alumni', nz('2026-01-10'), ''],
      ['Thanked', 'Referral', nz('2025-12-01'), ''],
      ['Thanked', 'Alumni', nz('2026-02-01'), ''],
      ['Declined', 'Alumni', nz('2025-01-01'), ''],
    ];
    const due = updatesDue(
      { rows, tracker: { stage: 0, relationship: 1, thankYouSent: 2, lastContact: 3 }, timeZone: 'Pacific/Auckland' },
      d('2026-03-07'),
      DEFAULT_CADENCE_WEEKS,
    );
    expect(due.map((u) => [u.index, formatIsoDate(u.due), u.daysSince])).toEqual([
      [1, '2026-01-12', 96],
      [0, '2026-03-07', 56],
    ]);
  });
});
