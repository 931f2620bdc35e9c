// The workbench's workbook, driven directly (no server, no browser): what the page is sent, and
// what typing into cells does, on the real built add-on.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { addOn, BUILD, FIXTURES, requireBuild } from '../helpers.ts';
import { Workbench } from '../../local/workbench/session.ts';
import { SAMPLE_CONTACTS } from '../../local/workbench/sample.ts';
import { MAX_WINDOW_ROWS } from '../../local/workbench/view.ts';
import { TRACKER_COLUMNS } from '../../src/core/tracker/schema.ts';
import type { CellView } from '../../local/workbench/protocol.ts';

const HEADERS = TRACKER_COLUMNS.map((c) => c.header);
const open = (file?: string) => Workbench.open({ file, buildDir: BUILD, timeZone: 'Etc/UTC' });

/** Column (1-based) of a header in row 1 of the active sheet's snapshot. */
function column(bench: Workbench, header: string): number {
  const at = bench.snapshot().window.frozen[0].findIndex((c) => c?.text === header);
  if (at < 0) throw new Error(`no ${header} column`);
  return at + 1;
}

function cellAt(bench: Workbench, row: number, col: number): CellView | null {
  const w = bench.snapshot({ top: row, rows: 1 }).window;
  return (row <= w.frozen.length ? w.frozen[row - 1] : w.rows[0])[col - 1];
}

beforeAll(() => requireBuild());

describe('the embedded sample', () => {
  let sample: Workbench;
  beforeAll(async () => {
    sample = await open();
  });

  it('is a tracker set up by the add-on itself, with progress of every kind', () => {
    const bench = sample;
    const s = bench.snapshot({ top: 2, rows: 100 });
    expect(s.activeSheet).toBe('Contacts');
    const contacts = s.sheets.find((x) => x.name === 'Contacts')!;
    expect(contacts.lastRow).toBe(SAMPLE_CONTACTS + 1);
    expect(contacts.frozenRows).toBe(1);
    expect(
      s.window.frozen[0]
        .map((c) => c?.text)
        .filter(Boolean)
        .slice(-HEADERS.length),
    ).toEqual(HEADERS);
    const stage = column(bench, 'Stage') - 1;
    const stages = new Set(s.window.rows.map((r) => r[stage]?.text));
    for (const x of ['To contact', 'Pitched', 'Followed up', 'Scheduled', 'Interviewed', 'Thanked', 'Declined', 'No response']) expect(stages).toContain(x);
    const relationships = new Set(s.window.rows.map((r) => r[column(bench, 'Relationship') - 1]?.text).filter(Boolean));
    expect(relationships.size).toBeGreaterThanOrEqual(8);
    // Referrals point at real contacts by ID.
    const ids = new Set(s.window.rows.map((r) => r[column(bench, 'Contact ID') - 1]?.text));
    const referredBy = s.window.rows.map((r) => r[column(bench, 'Referred by') - 1]?.text).filter(Boolean);
    expect(referredBy.length).toBeGreaterThan(2);
    for (const id of referredBy) expect(ids).toContain(id);
    // The menu comes from onOpen, and the page has something to show for the call count.
    expect(s.menus[0].items.some((i) => i.type === 'item' && i.functionName === 'setUpTracker')).toBe(true);
    expect(s.lastAction).toMatchObject({ kind: 'onOpen', fn: 'onOpen' });
    // The footer's count for it is the bench's (which runs it in AuthMode.NONE; the workbench, for
    // a file the add-on is used in, in LIMITED): onOpen does the same in both.
    const benched = addOn().bundle.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });
    expect(s.lastAction?.byMethod).toEqual(benched.byMethod);
    expect(s.alerts).toEqual([]); // building the sample shows the user nothing
  });

  it("colours stages and overdue follow-ups as the add-on's conditional rules say", () => {
    const bench = sample;
    const s = bench.snapshot({ top: 2, rows: 100 });
    const stage = column(bench, 'Stage') - 1;
    const followUp = column(bench, 'Next follow-up') - 1;
    const interviewed = s.window.rows.find((r) => r[stage]?.text === 'Interviewed')!;
    expect(interviewed[stage]!.style?.background).toBe('#ceead6');
    const overdue = s.window.rows.filter((r) => r[followUp]?.style?.background === '#f4c7c3');
    expect(overdue.length).toBeGreaterThan(0);
    for (const r of overdue) expect(r[followUp]!.style?.color).toBe('#a50e0e');
    const toContact = s.window.rows.find((r) => r[stage]?.text === 'To contact')!;
    expect(toContact[stage]!.style?.background).toBeUndefined();
    // Drop-downs: the Stage cells carry their list.
    expect(s.window.validations[toContact[stage]!.rule!]).toMatchObject({ kind: 'list', strict: true, values: expect.arrayContaining(['Interviewed']) });
  });
});

describe('typing into cells', () => {
  it('parses input like Sheets, rejects what a strict list refuses, and flags what a lenient one does not', async () => {
    const bench = await open(join(FIXTURES, 'hand-made.csv'));
    expect(bench.runMenu('setUpTracker').error).toBeUndefined();
    const sheet = bench.snapshot().activeSheet;
    const stage = column(bench, 'Stage');
    const relationship = column(bench, 'Relationship');

    expect(bench.edit(sheet, 2, 6, '2025-03-04')).toEqual({ ok: true });
    expect(cellAt(bench, 2, 6)).toMatchObject({ kind: 'date', text: '3/4/2025' });
    expect(bench.edit(sheet, 2, 6, "'007")).toEqual({ ok: true });
    expect(cellAt(bench, 2, 6)).toMatchObject({ kind: 'text', text: '007', input: "'007" });

    const before = cellAt(bench, 3, stage)!.text;
    const refused = bench.edit(sheet, 3, stage, 'Maybe');
    expect(refused).toMatchObject({ ok: false, title: 'There was a problem' });
    expect(!refused.ok && refused.message).toContain('Choose one of: To contact');
    expect(cellAt(bench, 3, stage)!.text).toBe(before);
    expect(bench.edit(sheet, 3, stage, 'Interviewed')).toEqual({ ok: true });
    expect(cellAt(bench, 3, stage)).toMatchObject({ text: 'Interviewed', style: { background: '#ceead6' } });

    expect(bench.edit(sheet, 3, relationship, 'Neighbour')).toEqual({ ok: true });
    expect(cellAt(bench, 3, relationship)).toMatchObject({ text: 'Neighbour', invalid: true });
    expect(bench.edit(sheet, 3, relationship, 'Friend')).toEqual({ ok: true });
    expect(cellAt(bench, 3, relationship)!.invalid).toBeUndefined();

    bench.clear(sheet, [{ row: 3, col: stage, numRows: 1, numCols: 1 }]);
    expect(cellAt(bench, 3, stage)?.text ?? '').toBe('');
    expect(() => bench.edit(sheet, 0, 1, 'x')).toThrow(RangeError);
    expect(() => bench.edit('No such sheet', 1, 1, 'x')).toThrow(RangeError);
  });
});

describe('number formats', () => {
  // A ';;;' format hides the value in Sheets (every section of the format is empty); the formula
  // bar still shows what the cell holds.
  it("shows nothing in a ';;;' cell, and the cell's value in the formula bar", async () => {
    const bench = await open(join(FIXTURES, 'hand-made.csv'));
    const sheet = bench.snapshot().activeSheet;
    bench
      .sheet(sheet)
      .getRange('A2:B2')
      .setValues([['Hidden text', 1234]])
      .setNumberFormat(';;;');
    expect(cellAt(bench, 2, 1)).toMatchObject({ text: '', input: 'Hidden text' });
    expect(cellAt(bench, 2, 2)).toMatchObject({ text: '', input: '1234' });
  });
});

describe('windows of a large sheet', () => {
  it('sends at most a window of rows, whatever is asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'workbench-'));
    const file = join(dir, 'big.csv');
    writeFileSync(file, ['Name,Email', ...Array.from({ length: 10_000 }, (_, i) => `Person ${i},p${i}@example.com`)].join('\n'));
    const bench = await open(file);
    const w = bench.window('big', { top: 9_000, rows: 5_000 });
    expect(w.rows).toHaveLength(MAX_WINDOW_ROWS);
    expect(w.rows[0][0]?.text).toBe('Person 8998');
    expect(bench.snapshot().sheets.find((x) => x.name === 'big')!.lastRow).toBe(10_001);
  });
});

describe('a saved .xlsx opened again', () => {
  it('keeps the tracker, and Set up tracker finds its columns by their headers', async () => {
    const bench = await open(join(FIXTURES, 'hand-made.csv'));
    bench.runMenu('setUpTracker');
    const widthOf = (b: Workbench) => b.snapshot().sheets.find((x) => x.name === 'hand-made')!.lastCol;
    const width = widthOf(bench);
    const dir = mkdtempSync(join(tmpdir(), 'workbench-'));
    const file = join(dir, 'tracker.xlsx');
    writeFileSync(file, await bench.save());
    const again = await open(file);
    again.select('hand-made');
    expect(widthOf(again)).toBe(width);
    expect(again.runMenu('setUpTracker').error).toBeUndefined();
    expect(widthOf(again)).toBe(width);
  });
});

/** A small stand-in add-on (so these tests do not change when the real one does), and a CSV. */
function standIn(): { dir: string; csv: string } {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-standin-'));
  writeFileSync(
    join(dir, 'Code.js'),
    `function onOpen() { SpreadsheetApp.getUi().createAddonMenu().addItem('Work', 'work').addItem('Ghost', 'ghost').addItem('Private', 'private_').addToUi(); }
function work() { var s = SpreadsheetApp.getActiveSheet(); s.getRange('A1').setValue('worked'); s.getRange('A2').setValue('again'); }
function notOnMenu() { SpreadsheetApp.getActiveSheet().getRange('B1').setValue('ran'); }
function secret_() { SpreadsheetApp.getActiveSheet().getRange('B1').setValue('ran'); }
function private_() { SpreadsheetApp.getActiveSheet().getRange('B2').setValue('ran'); }
function now() { return [new Date().toISOString(), Date.now(), Date()]; }`,
  );
  const csv = join(dir, 'people.csv');
  writeFileSync(csv, 'Name,Email\nAda,ada@example.com\n');
  return { dir, csv };
}

describe('menu items', () => {
  it("a missing function reports no service calls, not the previous action's", async () => {
    const { dir, csv } = standIn();
    const bench = await Workbench.open({ file: csv, buildDir: dir, timeZone: 'Etc/UTC' });
    const work = bench.runMenu('work');
    expect(work.error).toBeUndefined();
    expect(work.calls).toBe(5);
    expect(bench.runMenu('ghost')).toMatchObject({ kind: 'menu', fn: 'ghost', calls: 0, byMethod: {}, error: 'Script function not found: ghost' });
    expect(bench.snapshot().lastAction).toMatchObject({ calls: 0 });
  });

  it('runs only functions the menus name: not a private one, not one on no menu', async () => {
    const { dir, csv } = standIn();
    const bench = await Workbench.open({ file: csv, buildDir: dir, timeZone: 'Etc/UTC' });
    for (const fn of ['notOnMenu', 'secret_', 'onOpen', 'constructor', '']) {
      expect(bench.runMenu(fn), fn).toMatchObject({ calls: 0, error: `Script function not found: ${fn}` });
    }
    expect(cellAt(bench, 1, 2)?.text ?? '').toBe('Email'); // B1 untouched
    // What a menu item names runs, as Sheets runs it (whether Sheets refuses a private function
    // named by a menu item is not documented; the workbench runs it).
    expect(bench.runMenu('private_').error).toBeUndefined();
    expect(cellAt(bench, 2, 2)?.text).toBe('ran');
  });
});

describe('a pinned clock (npm start --now)', () => {
  const NOW = Date.parse('2025-06-02T10:00:00Z');

  it('dates the sample from the pinned day, and TODAY() and the script see the same day', async () => {
    const bench = await Workbench.open({ buildDir: BUILD, timeZone: 'Etc/UTC', now: NOW });
    const followUp = column(bench, 'Next follow-up');
    expect(cellAt(bench, 5, followUp)).toMatchObject({ text: '2025-05-31', style: { background: '#f4c7c3' } }); // two days overdue
    const sheet = bench.snapshot().activeSheet;
    expect(bench.edit(sheet, 60, 1, '=TODAY()')).toEqual({ ok: true });
    expect(cellAt(bench, 60, 1)?.text).toBe('6/2/2025');
  });

  it("gives the script a Date whose now is the emulator's clock, and which is still the host's Date", async () => {
    const { dir, csv } = standIn();
    const bench = await Workbench.open({ file: csv, buildDir: dir, timeZone: 'Etc/UTC', now: NOW });
    const [iso, ms, text] = bench.bundle.run('now').result as [string, number, string];
    expect(iso.slice(0, 10)).toBe('2025-06-02');
    expect(Math.abs(ms - NOW)).toBeLessThan(60_000);
    expect(text).toContain('2025');
    expect(vm.runInContext('new Date(0) instanceof Date && new Date(2020, 0, 1).getFullYear()', bench.bundle.context)).toBe(2020);
    const fromScript = vm.runInContext('new Date()', bench.bundle.context) as unknown;
    expect(fromScript instanceof Date).toBe(true);
  });
});
