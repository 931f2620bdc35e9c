import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { selectedContacts, type SelectionTable } from '../../../src/core/tracker/selection.ts';

// Header on row 2 (a note above it), contacts from row 3.
const table: SelectionTable = {
  headerRow: 2,
  rows: [
    ['Ada Lovelace', 'Acme', 'C-0001', 'Pitched'],
    ['Grace Hopper', '', 'C-0002', ''],
    ['', '', '', ''],
    ['Alan Turing', 'Bletchley', '', 'To contact'],
  ] as Cell[][],
  contact: { fullName: 0, company: 1 },
  tracker: { contactId: 2, stage: 3 },
};

describe('selectedContacts', () => {
  it('returns the contacts of the selected rows, once each, in row order', () => {
    const r = selectedContacts([4, 3, 3], table);
    expect(r).toEqual({
      ok: true,
      contacts: [
        { row: 3, id: 'C-0001', name: 'Ada Lovelace', company: 'Acme', stage: 'Pitched' },
        { row: 4, id: 'C-0002', name: 'Grace Hopper', company: '', stage: '' },
      ],
    });
  });

  it.each([
    [[2, 3], /header row \(row 2\)/],
    [[1], /Row 1 is above the tracker's header row/],
    [[5], /Row 5 has no contact/],
    [[3, 9, 10], /Rows 9 and 10 have no contact/],
    [[6], /No Contact ID yet for row 6 \(Alan Turing\).*Set up tracker/],
    [[], /Select one or more/],
  ])('%j gets a clear message', (rows, message) => {
    const r = selectedContacts(rows, table);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
