// The remembered layout: positions trusted only while the header row reads exactly as it did.
import { describe, expect, it } from 'vitest';
import { headerTexts, layoutHolds, layoutOf } from '../../../src/core/tracker/columns.ts';

const HEADER = ['Name', 'Email', 'Priority', 'Contact ID', 'Stage', '', 'Notes for coach'];
const COLUMNS = { tracker: { contactId: 3, stage: 4, notesForCoach: 6 }, contact: { fullName: 0, email: 1 } };

describe('layoutOf / layoutHolds', () => {
  it('holds for the same header row, trailing blanks aside', () => {
    const layout = layoutOf(COLUMNS, HEADER)!;
    expect(layout.tracker).toEqual(COLUMNS.tracker);
    expect(layoutHolds(layout, [...HEADER, '', ''])).toBe(true);
  });

  it('fails when a column was renamed, moved, inserted or deleted, or a header added', () => {
    const layout = layoutOf(COLUMNS, HEADER)!;
    const renamed = HEADER.map((h) => (h === 'Stage' ? 'Status' : h));
    const moved = ['Name', 'Email', 'Priority', 'Stage', 'Contact ID', '', 'Notes for coach'];
    const inserted = ['', ...HEADER];
    const deleted = HEADER.filter((h) => h !== 'Priority');
    const added = [...HEADER, 'Phone'];
    for (const row of [renamed, moved, inserted, deleted, added]) expect(layoutHolds(layout, row), JSON.stringify(row)).toBe(false);
  });

  it('is not remembered when a remembered column has a blank header or one another column repeats (swapping them would go unseen)', () => {
    expect(
      layoutOf(
        COLUMNS,
        HEADER.map((h) => (h === 'Stage' ? '' : h)),
      ),
    ).toBeNull();
    expect(layoutOf(COLUMNS, [...HEADER, 'Stage'])).toBeNull();
    // A repeated header among the user's own columns does not matter.
    expect(layoutOf(COLUMNS, [...HEADER, 'Priority'])).not.toBeNull();
  });

  it('a date or a number in the header row is compared as what it is', () => {
    expect(headerTexts([new Date(Date.UTC(2026, 0, 9)), 3, true, ''])).toEqual(['"2026-01-09T00:00:00.000Z"', '3', 'true']);
  });

  it('the same layout is saved as the same text whatever order its columns were found in', () => {
    const a = layoutOf({ tracker: { stage: 4, contactId: 3 }, contact: { email: 1, fullName: 0 } }, HEADER);
    const b = layoutOf({ tracker: { contactId: 3, stage: 4 }, contact: { fullName: 0, email: 1 } }, HEADER);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
