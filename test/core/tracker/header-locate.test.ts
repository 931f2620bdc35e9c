import { describe, expect, it } from 'vitest';
import { isTrackerHeader, locateHeader } from '../../../src/core/tracker/header-locate.ts';

const header = ['Name', 'Email', 'Contact ID', 'Stage', 'Outcome'];
const tracker = { contactId: 2, stage: 3, outcome: 4 };
const rows = [
  ['Ada', 'ada@x.org', 'C-0001', 'To contact', ''],
  ['Bo', '', 'C-0002', 'Pitched', 'Offer'],
];

describe('locateHeader', () => {
  it('takes the expected row when it is the header', () => {
    expect(locateHeader([header, ...rows], [1], { tracker })).toEqual({ ok: true, headerRow: 1 });
  });

  it('finds the header after rows were inserted above it, notes and all', () => {
    const values = [['My contacts', 'Email', '', '', ''], ['', '', '', '', ''], header, ...rows];
    expect(locateHeader(values, [null, 1], { tracker })).toEqual({ ok: true, headerRow: 3 });
  });

  it('accepts renamed headers: only the kind of content counts', () => {
    expect(isTrackerHeader(['Person', 'Mail', 'My ID', 'Where', 'Result'], { tracker, contact: { fullName: 0 } })).toBe(true);
  });

  it('at the expected row, does not need a recognised name column (it may have been renamed)', () => {
    const renamed = ['Person', 'Email', 'Contact ID', 'Stage', 'Outcome'];
    expect(locateHeader([renamed, ...rows], [1], { tracker })).toEqual({ ok: true, headerRow: 1 });
    expect(locateHeader([['note'], renamed, ...rows], [1], { tracker }).ok).toBe(false);
  });

  it('never takes a contact row for the header', () => {
    for (const row of rows) expect(isTrackerHeader(row, { tracker, contact: { fullName: 0 } })).toBe(false);
    // A contact without an ID yet, whose tracker cells hold allowed values only.
    expect(isTrackerHeader(['Cy', '', '', 'To contact', 'Offer'], { tracker })).toBe(false);
  });

  it('refuses, with a message, when there is no header or two candidates', () => {
    const gone = locateHeader(rows, [1], { tracker });
    expect(gone.ok === false && gone.message).toMatch(/could not find the tracker's header row \(it was row 1/);
    const two = locateHeader([rows[0], header, rows[1], header], [1], { tracker });
    expect(two.ok === false && two.message).toMatch(/rows 2 and 4 both look like it/);
  });
});
