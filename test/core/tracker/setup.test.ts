import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { type SetupInput, type SetupReady, columnAfterSetup, planSetup } from '../../../src/core/tracker/setup.ts';
import { trackerColumnsFound } from '../../../src/core/tracker/columns.ts';
import { TRACKER_COLUMNS } from '../../../src/core/tracker/schema.ts';
import { makeMessyHandmade } from '../../fixtures/make-messy.mjs';
import { csvToGrid, fixture, put, rectangular } from '../fixtures.ts';

function ready(input: SetupInput): SetupReady {
  const plan = planSetup(input);
  if (plan.ok !== true) throw new Error(JSON.stringify(plan));
  return plan;
}

/** The sheet after the server writes `plan`. */
function apply(values: readonly (readonly Cell[])[], plan: SetupReady): Cell[][] {
  const grid = values.map((r) => [...r]);
  if (plan.block) plan.block.values.forEach((row, i) => row.forEach((v, j) => put(grid, plan.block!.row + i, plan.block!.column + j, v)));
  for (const f of plan.fills) put(grid, f.row, f.column, f.value);
  return rectangular(grid);
}

function originalCellsUnchanged(before: readonly (readonly Cell[])[], after: readonly (readonly Cell[])[]) {
  before.forEach((row, r) => row.forEach((cell, c) => expect(after[r][c], `row ${r + 1} column ${c + 1}`).toEqual(cell)));
}

describe('planSetup on a LinkedIn export opened in Sheets', () => {
  const values = csvToGrid(fixture('linkedin-connections.csv'));
  const plan = ready({ values, idCounter: 0 });

  it('finds the header below the notes and adds the eleven columns after the last one', () => {
    expect(plan.headerRow).toBe(4);
    expect(plan.newColumns.map((c) => c.column)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(plan.block?.row).toBe(4);
    expect(plan.block?.column).toBe(8);
    expect(plan.block?.values[0]).toEqual(TRACKER_COLUMNS.map((c) => c.header));
    expect(plan.columns.stage).toBe(11);
    expect(plan.fills).toEqual([]);
    expect(plan.summary).toContain('Header row: 4.');
    expect(plan.summary).toContain('"URL" as LinkedIn');
  });

  it('gives each named contact an ID, Stage "To contact" and Relationship "LinkedIn"', () => {
    const rows = plan.block!.values.slice(1);
    expect(rows).toHaveLength(values.length - 4);
    expect(rows[0].slice(0, 4)).toEqual(['C-0001', 'LinkedIn', '', 'To contact']);
    const named = rows.filter((r) => r[0] !== '');
    // 24 data rows, one without a name. (The file's duplicate Priya row is a row of the sheet too.)
    expect(named).toHaveLength(23);
    expect(plan.contactRows).toBe(23);
    expect(plan.newIds).toBe(23);
    expect(plan.idCounter).toBe(23);
  });

  it('leaves the blank row and the row without a name alone', () => {
    const rows = plan.block!.values.slice(1);
    expect(rows[13 - 5]).toEqual(new Array(11).fill(''));
    expect(rows[18 - 5]).toEqual(new Array(11).fill(''));
  });

  it('keeps every original cell and changes nothing on a second run', () => {
    const after = apply(values, plan);
    originalCellsUnchanged(values, after);
    const again = ready({ values: after, idCounter: plan.idCounter, knownTracker: true });
    expect(again.changed).toBe(false);
    expect(again.newColumns).toEqual([]);
    expect(again.block).toBeNull();
    expect(again.fills).toEqual([]);
    expect(again.idCounter).toBe(plan.idCounter);
    expect(again.summary).toContain('nothing to change');
  });
});

describe('planSetup on other sheets', () => {
  it.each(['google-contacts.csv', 'google-contacts-legacy.csv', 'hand-made.csv'])('sets up %s and keeps its cells', (name) => {
    const values = csvToGrid(fixture(name));
    const plan = ready({ values, idCounter: 0 });
    expect(plan.headerRow).toBe(1);
    expect(plan.newColumns).toHaveLength(11);
    expect(plan.block!.column).toBe(values[0].length + 1);
    const after = apply(values, plan);
    originalCellsUnchanged(values, after);
    expect(ready({ values: after, idCounter: plan.idCounter, knownTracker: true }).changed).toBe(false);
  });

  it('sets up 2,000 messy rows below a title line', () => {
    const values = csvToGrid(makeMessyHandmade().text);
    const plan = ready({ values, idCounter: 0 });
    expect(plan.headerRow).toBe(3);
    const named = values.slice(3).filter((r) => String(r[0]).trim() !== '').length;
    expect(plan.newIds).toBe(named);
    expect(named).toBeGreaterThan(1900);
    // No LinkedIn "Connected On" column here, so no relationship is guessed.
    expect(plan.block!.values.slice(1).every((r) => r[1] === '')).toBe(true);
  });

  it('passes on header errors unchanged', () => {
    expect(planSetup({ values: [], idCounter: 0 })).toMatchObject({ ok: false, error: { code: 'empty-sheet' } });
    expect(planSetup({ values: [['Email'], ['a@x.com']], idCounter: 0 })).toMatchObject({ ok: false, error: { code: 'no-header' } });
    expect(
      planSetup({
        values: [
          ['Email', 'Company'],
          ['a@x.com', 'Acme'],
        ],
        idCounter: 0,
      }),
    ).toMatchObject({ ok: false, error: { code: 'no-name-column' } });
    const grid = { maxRows: 1_000_000, maxColumns: 2, cellsInSpreadsheet: 2_000_000 };
    expect(
      planSetup({
        values: [
          ['Name', 'Email'],
          ['Ana', 'a@x.com'],
        ],
        grid,
        idCounter: 0,
      }),
    ).toMatchObject({ ok: false, error: { code: 'too-many-cells' } });
  });
});

describe('planSetup on a tracker that already exists', () => {
  const header = ['Name', 'Email', ...TRACKER_COLUMNS.map((c) => c.header)];
  const id = 2;
  const stage = 5;

  function sheet(...rows: Cell[][]): Cell[][] {
    return rectangular([header, ...rows]);
  }

  it("gives IDs only to new rows, after the stored counter, never reusing a deleted row's ID", () => {
    // C-0002 was deleted; the counter remembers 3 were handed out.
    const values = sheet(['Ana', 'a@x.com', 'C-0001', 'Friend', '', 'Pitched'], ['Cy', '', 'C-0003', '', '', 'Thanked'], ['Dee', 'd@x.com'], ['Eve']);
    const plan = ready({ values, idCounter: 3, knownTracker: true });
    expect(plan.newColumns).toEqual([]);
    expect(plan.fills).toEqual([
      { row: 4, column: id + 1, value: 'C-0004' },
      { row: 4, column: stage + 1, value: 'To contact' },
      { row: 5, column: id + 1, value: 'C-0005' },
      { row: 5, column: stage + 1, value: 'To contact' },
    ]);
    expect(plan.idCounter).toBe(5);
  });

  it('never overwrites what the user typed in a new row, nor a formula', () => {
    const values = sheet(['Dee', '', '', '', '', 'Scheduled'], ['Eve', '', '']);
    const formulas = values.map((r) => r.map(() => ''));
    formulas[2][id] = '=CONCAT("C-", ROW())';
    const plan = ready({ values, formulas, idCounter: 0, knownTracker: true });
    // Dee keeps "Scheduled"; Eve's ID cell holds a formula, so she counts as having an ID
    // and gets no defaults either (defaults come with a new ID only).
    expect(plan.fills).toEqual([{ row: 2, column: id + 1, value: 'C-0001' }]);
  });

  it('finds columns the user renamed or moved through the remembered positions', () => {
    const moved = ['Name', 'Pipeline step', 'Email', ...TRACKER_COLUMNS.filter((c) => c.key !== 'stage').map((c) => c.header)];
    const values = rectangular([moved, ['Ana', 'Interviewed', 'a@x.com', 'C-0001'], ['Bo']]);
    const plan = ready({ values, idCounter: 1, knownTracker: true, remembered: { stage: 1, contactId: 3 } });
    expect(plan.newColumns).toEqual([]);
    expect(plan.columns.stage).toBe(2);
    expect(plan.fills).toEqual([
      { row: 3, column: 4, value: 'C-0002' },
      { row: 3, column: 2, value: 'To contact' },
    ]);
  });

  it('asks before adding back a column the user deleted, then adds only that one', () => {
    const withoutOutcome = header.filter((h) => h !== 'Outcome');
    const values = rectangular([withoutOutcome, ['Ana', 'a@x.com', 'C-0001']]);
    const ask = planSetup({ values, idCounter: 1, knownTracker: true });
    expect(ask).toMatchObject({ ok: 'confirm', confirm: { kind: 'restore-columns', columns: ['Outcome'] } });
    const plan = ready({ values, idCounter: 1, knownTracker: true, confirmed: ['restore-columns'] });
    expect(plan.newColumns).toEqual([{ column: withoutOutcome.length + 1, key: 'outcome', header: 'Outcome' }]);
    expect(plan.block!.values).toEqual([['Outcome'], ['']]);
  });

  it("asks before taking over another tool's table, then uses its Stage column", () => {
    const values: Cell[][] = [
      ['Name', 'Company', 'Stage'],
      ['Ana', 'Acme', 'Applied'],
      ['Bo', 'Globex', ''],
    ];
    expect(planSetup({ values, idCounter: 0 })).toMatchObject({ ok: 'confirm', confirm: { kind: 'foreign-table', columns: ['Stage'] } });
    const plan = ready({ values, idCounter: 0, confirmed: ['foreign-table'] });
    expect(plan.columns.stage).toBe(3);
    expect(plan.newColumns).toHaveLength(10);
    expect(plan.fills).toEqual([{ row: 3, column: 3, value: 'To contact' }]);
  });

  it('warns about shared IDs and text that is not an ID, and leaves both', () => {
    const values = sheet(['Ana', '', 'C-0001'], ['Ana copy', '', 'C-0001'], ['Bo', '', 'see notes']);
    const plan = ready({ values, idCounter: 1, knownTracker: true });
    expect(plan.fills).toEqual([]);
    expect(plan.warnings).toHaveLength(2);
    expect(plan.warnings[0]).toContain('Rows 2 and 3 share the ID C-0001');
    expect(plan.warnings[1]).toContain('Row 4 has "see notes"');
  });
});

describe('trackerColumnsFound', () => {
  it('a header is taken for a tracker column only where no column is remembered as that column and the column is remembered as nothing else', () => {
    // Stage (remembered at 3) was deleted; Outcome, remembered at 5, now reads "Stage".
    expect(trackerColumnsFound({ stage: 5 }, { outcome: 5 }, {})).toEqual({ outcome: 5 });
    expect(trackerColumnsFound({ stage: 2 }, { outcome: 5 }, { company: 2 })).toEqual({ outcome: 5 });
    expect(trackerColumnsFound({ stage: 2, outcome: 6 }, { outcome: 5 }, {})).toEqual({ outcome: 5, stage: 2 });
  });
});

describe("planSetup on a tracker whose column was renamed to a contact field's header", () => {
  it('"Notes for coach" renamed "Notes" stays Notes for coach: not taken, nor said to be recognised, as the contact notes', () => {
    const plan = planSetup({
      values: [
        ['Name', 'Contact ID', 'Notes'],
        ['Ann', 'C-0001', ''],
      ],
      knownTracker: true,
      remembered: { contactId: 1, notesForCoach: 2 },
      rememberedContact: { fullName: 0 },
      confirmed: ['restore-columns'],
      idCounter: 1,
    });
    if (plan.ok !== true) throw new Error(JSON.stringify(plan));
    expect(plan.map.contact.notes).toBeUndefined();
    expect(plan.summary).not.toContain('"Notes"');
  });
});

describe('columnAfterSetup: a column as the sheet reads once the plan is written, without reading it again', () => {
  // Contact ID and Referred by exist; two rows new since (no ID yet), one of them referred.
  const values: Cell[][] = [
    ['Name', 'Email', 'Contact ID', 'Referred by'],
    ['Ann Lee', 'ann@example.com', 'C-0001', ''],
    ['Bo Chen', 'bo@example.com', '', 'C-0001'],
    ['Cy Diaz', 'cy@example.com', '', ''],
  ];
  const plan = ready({ values, idCounter: 1, confirmed: ['foreign-table'] });
  const after = apply(values, plan);
  const column = (name: string) => (after[0] as unknown[]).indexOf(name) + 1;

  it('is every tracker column of the sheet after the plan, below the header', () => {
    expect(plan.fills.length).toBeGreaterThan(0);
    expect(plan.block).not.toBeNull();
    for (let c = 1; c <= after[0].length; c++) expect(columnAfterSetup(values, plan, c), `column ${c}`).toEqual(after.slice(1).map((r) => r[c - 1]));
  });

  it('leaves out the fills a run deferred: those cells read as they were', () => {
    const ids = column('Contact ID');
    const deferred = plan.fills.filter((f) => f.column === ids && f.row === 3);
    expect(deferred).toHaveLength(1);
    expect(columnAfterSetup(values, plan, ids, deferred)).toEqual(['C-0001', '', after[3][ids - 1]]);
  });
});
