import { describe, expect, it } from 'vitest';
import { MAX_SPREADSHEET_CELLS, extraGridCells, fitsCellLimit, gridGrowth, validateHeader } from '../../../src/core/tracker/header-check.ts';
import { csvToGrid, fixture } from '../fixtures.ts';

const people = [
  ['Name', 'Email', 'Company'],
  ['Ana Lima', 'ana@example.com', 'Acme'],
];

function errorCode(result: ReturnType<typeof validateHeader>) {
  return result.ok === false ? result.error.code : result.ok;
}

describe('validateHeader', () => {
  it('accepts an ordinary contacts sheet and returns its header row and map', () => {
    const result = validateHeader({ rows: people });
    expect(result.ok).toBe(true);
    if (result.ok === true) {
      expect(result.headerRow).toBe(0);
      expect(result.map.contact.fullName).toBe(0);
    }
  });

  it('accepts every fixture opened as a sheet', () => {
    for (const name of ['linkedin-connections.csv', 'google-contacts.csv', 'google-contacts-legacy.csv', 'hand-made.csv'])
      expect(errorCode(validateHeader({ rows: csvToGrid(fixture(name)) })), name).toBe(true);
  });

  it('rejects an empty sheet', () => {
    expect(errorCode(validateHeader({ rows: [] }))).toBe('empty-sheet');
    expect(
      errorCode(
        validateHeader({
          rows: [
            ['', ''],
            ['  ', ''],
          ],
        }),
      ),
    ).toBe('empty-sheet');
  });

  it('rejects a sheet with no header row', () => {
    const result = validateHeader({
      rows: [
        ['Ana Lima', 'ana@example.com'],
        ['Bo Chen', 'bo@example.com'],
      ],
    });
    expect(errorCode(result)).toBe('no-header');
    expect(result.ok === false && result.error.message).toMatch(/header row/);
  });

  it('rejects a header without a name column', () => {
    const result = validateHeader({
      rows: [
        ['Email', 'Company'],
        ['ana@example.com', 'Acme'],
      ],
    });
    expect(errorCode(result)).toBe('no-name-column');
    expect(result.ok === false && result.error.message).toContain('"Name"');
  });

  it('accepts first name without a full name', () => {
    expect(
      errorCode(
        validateHeader({
          rows: [
            ['First name', 'Surname'],
            ['Ana', 'Lima'],
          ],
        }),
      ),
    ).toBe(true);
  });

  it('rejects duplicate recognised headers and names them', () => {
    const result = validateHeader({
      rows: [
        ['Name', 'Email', 'Company', 'EMAIL'],
        ['Ana', 'a@x.com', 'Acme', 'b@x.com'],
      ],
    });
    expect(errorCode(result)).toBe('duplicate-headers');
    expect(result.ok === false && result.error.message).toContain('"Email" (2 times)');
  });

  it('rejects merged cells in the header row, but not in a title row above it', () => {
    const rows = [['Contacts', '', ''], ...people];
    expect(errorCode(validateHeader({ rows, merged: [{ row: 2, column: 2, numRows: 1, numColumns: 2 }] }))).toBe('merged-header');
    expect(errorCode(validateHeader({ rows, merged: [{ row: 1, column: 1, numRows: 1, numColumns: 3 }] }))).toBe(true);
  });

  it('rejects setup that would pass the 10-million-cell limit', () => {
    const grid = { maxRows: 900_000, maxColumns: 3, cellsInSpreadsheet: 2_700_000 };
    const result = validateHeader({ rows: people, grid });
    expect(errorCode(result)).toBe('too-many-cells');
    expect(result.ok === false && result.error.message).toContain('11 columns');
    expect(errorCode(validateHeader({ rows: people, grid: { ...grid, maxRows: 1000 } }))).toBe(true);
  });

  it('counts only the columns the grid lacks', () => {
    expect(extraGridCells({ maxRows: 1000, maxColumns: 26, cellsInSpreadsheet: 0 }, 7, 11)).toBe(0);
    expect(extraGridCells({ maxRows: 1000, maxColumns: 26, cellsInSpreadsheet: 0 }, 20, 11)).toBe(5000);
    // Appending 500 rows below a 1000 × 26 grid, 30 columns wide.
    expect(gridGrowth({ maxRows: 1000, maxColumns: 26, cellsInSpreadsheet: 0 }, 1500, 30)).toBe(1500 * 30 - 1000 * 26);
    expect(gridGrowth({ maxRows: 1000, maxColumns: 26, cellsInSpreadsheet: 0 }, 10, 10)).toBe(0);
    expect(fitsCellLimit(MAX_SPREADSHEET_CELLS - 10, 10)).toBe(true);
    expect(fitsCellLimit(MAX_SPREADSHEET_CELLS - 10, 11)).toBe(false);
  });

  it("asks before taking over a sheet that looks like another tool's table", () => {
    const rows = [
      ['Name', 'Company', 'Status', 'Stage'],
      ['Ana', 'Acme', 'Applied', 'Screen'],
    ];
    const result = validateHeader({ rows });
    expect(result.ok).toBe('confirm');
    if (result.ok === 'confirm') {
      expect(result.confirm.kind).toBe('foreign-table');
      expect(result.confirm.columns).toEqual(['Status', 'Stage']);
      expect(result.confirm.question).toContain('"Stage" will be used as the tracker\'s own');
    }
    expect(validateHeader({ rows, confirmed: true }).ok).toBe(true);
    expect(validateHeader({ rows, knownTracker: true }).ok).toBe(true);
  });

  it('does not ask when every tracker column is already there (a copied tracker)', () => {
    const header = [
      'Name',
      'Contact ID',
      'Relationship',
      'Referred by',
      'Stage',
      'Last contact',
      'Next follow-up',
      'Interview date',
      'Thank-you sent',
      'Referrals given',
      'Outcome',
      'Notes for coach',
    ];
    expect(validateHeader({ rows: [header, ['Ana', 'C-0001']] }).ok).toBe(true);
  });
});
