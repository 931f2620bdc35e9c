// Where the user's settings are on a Dashboard as it stands, from its column A: after rows were
// inserted or deleted around them, after a label was typed over, and when a setting's row is gone.
import { describe, expect, it } from 'vitest';
import { buildLayout } from '../../../src/core/dashboard/layout.ts';
import { locateSettings } from '../../../src/core/dashboard/settings.ts';
import { SETTINGS } from '../../../src/core/dashboard/definitions.ts';

const layout = buildLayout({
  tracker: {
    sheetName: 'Contacts',
    columns: { contactId: 7, relationship: 8, referredBy: 9, stage: 10, nextFollowUp: 12, referralsGiven: 15, outcome: 16 },
    names: { full: 1 },
  },
  log: null,
  introductionRows: 10,
});

/** Column A as the add-on writes it (a formula shows its value; here some text of its own). */
const columnA = () => layout.cells.map((row) => (typeof row[0] === 'string' && row[0].startsWith('=') ? 'shown by a formula' : row[0]));
const rowOf = (key: string) => layout.settings.find((s) => s.key === key)!.row;
const expected = (shift: (row: number) => number | undefined) =>
  new Map(layout.settings.flatMap((s) => (shift(s.row) === undefined ? [] : [[s.key, shift(s.row)!] as const])));

describe('locateSettings', () => {
  it('finds every setting in its place on the sheet as built', () => {
    const found = locateSettings(layout, columnA());
    expect(found.inPlace).toBe(true);
    expect(found.rows).toEqual(expected((r) => r));
  });

  it('follows the settings when rows were inserted above them, and one of them was deleted', () => {
    const a = columnA();
    const last = SETTINGS[SETTINGS.length - 1].key;
    a.splice(rowOf(last) - 1, 1);
    a.splice(rowOf('goalNames') - 3, 0, 'a note of mine', '');
    const found = locateSettings(layout, a);
    expect(found.inPlace).toBe(false);
    expect(found.rows).toEqual(expected((r) => (r === rowOf(last) ? undefined : r + 2)));
  });

  it('places a setting whose label was typed over by the labels around it; a row deleted is not taken for it', () => {
    const a = columnA();
    a[rowOf('goalTotal') - 1] = 'My own words';
    a.splice(0, 0, '');
    expect(locateSettings(layout, a).rows.get('goalTotal')).toBe(rowOf('goalTotal') + 1);
    // The label over the goal and the row below it gone: nothing tells where it was.
    a.splice(rowOf('goalTotal'), 2);
    expect(locateSettings(layout, a).rows.has('goalTotal')).toBe(false);
  });

  it('reads a label written twice as no label: the setting is placed by its neighbours', () => {
    const a = columnA();
    a.push(String(a[rowOf('goalPerWeek') - 1]));
    a.splice(0, 0, '');
    expect(locateSettings(layout, a).rows.get('goalPerWeek')).toBe(rowOf('goalPerWeek') + 1);
  });
});
