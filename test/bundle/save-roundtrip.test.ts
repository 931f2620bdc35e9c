// Saving never loses anything: each input shape the project knows is opened the way the CLI and
// the workbench open it, set up, given logged events and a dashboard, saved as .xlsx, and the
// saved file is read back twice: by exceljs directly (a reader that shares nothing with the
// emulator's loader) and by the emulator's own loader. Both must agree with the workbook as it
// was before saving: values, formulas (the dashboard's spilling ones as array formulas), number
// formats, drop-downs, notes, merges, frozen rows, hidden columns and colour rules.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Emulator } from '../../local/emulator/index.ts';
import { Bundle } from '../../local/bundle.ts';
import { loadWorkbookFile, loadXlsxInto, saveXlsx } from '../../local/emulator/io.ts';
import type { EmuSpreadsheet } from '../../local/emulator/spreadsheet/spreadsheet.ts';
import type { EmuSheet } from '../../local/emulator/spreadsheet/sheet.ts';
import { handMadeContacts, HAND_MADE_HEADER, toCsv } from '../../local/generate.ts';
import { BUILD, FIXTURES, requireBuild } from '../helpers.ts';
import type { EventDialogContext, LogResult, SetupResult } from '../../src/shared/types.ts';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const NO_FORMAT = '0.###############'; // what getNumberFormat returns for a cell never formatted
const dir = mkdtempSync(join(tmpdir(), 'iit-roundtrip-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** An .xlsx a user made by hand: a merged title above the header, dates, a formula column, a Plain text column, a note, a frozen header. */
async function handMadeXlsx(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('My people');
  ws.getCell('A1').value = 'People I want to talk to (spring)';
  ws.mergeCells('A1:F1');
  ['Name', 'Email', 'Company', 'Phone', 'Met on', 'Name length'].forEach((h, i) => (ws.getCell(2, i + 1).value = h));
  const people: [string, string, string, string, Date][] = [
    ['Ann Lee', 'ann@example.com', 'Contoso', '+1 555 0100', new Date(Date.UTC(2022, 9, 20))],
    ['Bo Chen', '-6@example.com', 'Fabrikam', '00123', new Date(Date.UTC(2023, 0, 5))],
    ['=not a formula', '', 'Northwind', '+44 20 7946 0000', new Date(Date.UTC(2024, 1, 29))],
  ];
  people.forEach((p, i) => {
    const row = i + 3;
    p.forEach((v, j) => (ws.getCell(row, j + 1).value = v || null));
    ws.getCell(row, 4).numFmt = '@';
    ws.getCell(row, 5).numFmt = 'd mmm yyyy';
    ws.getCell(row, 6).value = { formula: `LEN(A${row})`, result: String(p[0]).length };
  });
  ws.getCell('C2').note = 'Where they work now';
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return file('my-people.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
}

interface Shape {
  name: string;
  path: () => Promise<string> | string;
  /** False: the file is opened and saved with no action at all. */
  act: boolean;
}

const SHAPES: Shape[] = [
  { name: 'a hand-made CSV, header in row 1', path: () => join(FIXTURES, 'hand-made.csv'), act: true },
  { name: 'a LinkedIn export, header below its notes', path: () => join(FIXTURES, 'linkedin-connections.csv'), act: true },
  { name: 'a Google Contacts export', path: () => join(FIXTURES, 'google-contacts.csv'), act: true },
  { name: 'two lines of CSV and no action', path: () => file('Connections.csv', 'Name,Connected On\nAnn,20 Oct 2022\n'), act: false },
  { name: 'an .xlsx with a merged title, dates, a formula and a Plain text column', path: handMadeXlsx, act: true },
];

/** Opens `path` as the CLI and the workbench do, and runs set up, three logged events and Build dashboard. */
async function worked(path: string, act: boolean): Promise<EmuSpreadsheet> {
  const emu = new Emulator({ buildDir: BUILD, noSheets: true });
  await loadWorkbookFile(emu.active, path);
  if (!act) return emu.active;
  const bundle = new Bundle(emu);
  const setup = bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const first = `${setup.sheetName}!A${setup.headerRow + 1}`;
  const log = (dialog: string, fn: string, select: string, input: object) => {
    const ctx = bundle.run(dialog, [], { select }).result as EventDialogContext;
    const result = bundle.run(fn, [{ eventId: ctx.eventId, contactIds: ctx.contacts.map((c) => c.id), ...input }]).result as LogResult;
    if (!result.ok) throw new Error(result.message);
  };
  log('showPitchSentDialog', 'logPitchSent', first, { date: '2026-01-09', note: 'Sent via LinkedIn' });
  log('showReplyDialog', 'logReply', first, { date: '2026-01-12', meetingDate: '2026-01-16', note: 'Happy to chat' });
  log('showInterviewDialog', 'logInterview', first, {
    date: '2026-01-16',
    minutes: 30,
    learned: 'Ask about the data team',
    nextStep: 'Send a thank-you',
    referrals: [{ name: 'Dana Scully', email: 'dana@example.com', company: 'FBI' }],
  });
  bundle.run('refreshDashboard');
  return emu.active;
}

interface SheetState {
  name: string;
  hidden: boolean;
  frozenRows: number;
  frozenCols: number;
  merges: string[];
  hiddenCols: number[];
  /** Per cell: [value (dates as serial numbers), formula, number format, note, validation]. */
  cells: Map<string, unknown[]>;
  /** Cells an array formula's result fills, by their formula's cell. */
  arrays: Map<string, string>;
  colourRules: { criteria: string; values: unknown[]; ranges: string[]; background?: string | null; fontColor?: string | null }[];
}

const a1 = (row: number, col: number) => `${colLetters(col)}${row}`;
function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const rectA1 = (r: { getRow(): number; getColumn(): number; getNumRows(): number; getNumColumns(): number }) =>
  `${a1(r.getRow(), r.getColumn())}:${a1(r.getRow() + r.getNumRows() - 1, r.getColumn() + r.getNumColumns() - 1)}`;
// Dates as whole milliseconds since Excel's epoch: a reader gives a Date, which holds no finer time.
const DAY_MS = 86400000;
const serial = (v: unknown, sheet: EmuSheet, row: number, col: number) =>
  v instanceof Date
    ? Math.round(sheet._exactNumber(sheet._ss._hf.getCellValue({ sheet: sheet._hfId, row: row - 1, col: col - 1 }) as number, row, col) * DAY_MS)
    : v;

/** The emulator's state of every sheet, through the public Sheet and Range calls where they exist. */
function stateOf(ss: EmuSpreadsheet): SheetState[] {
  return ss.getSheets().map((sheet) => {
    // As far as anything reaches: content, formats, validation, merges, hidden columns, and the
    // grid's rows (an array formula's range may reach past its last value, as the Dashboard's
    // recent-events list does into rows the build added for it).
    const rows = Math.max(1, sheet.getLastRow(), sheet.getMaxRows(), sheet._meta.length, ...sheet._merges.map((m) => m.row + m.numRows - 1));
    const cols = Math.max(
      1,
      sheet.getLastColumn(),
      ...sheet._meta.map((r) => r?.length ?? 0).filter(Boolean),
      ...sheet._merges.map((m) => m.col + m.numCols - 1),
      ...sheet._hiddenCols,
    );
    const all = sheet.getRange(1, 1, rows, cols);
    const [values, formulas, formats, notes, rules] = [all.getValues(), all.getFormulas(), all.getNumberFormats(), all.getNotes(), all.getDataValidations()];
    const cells = new Map<string, unknown[]>();
    const arrays = new Map<string, string>();
    const hf = ss._hf;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const rule = rules[i][j];
        const cell = [
          serial(values[i][j], sheet, i + 1, j + 1),
          formulas[i][j],
          formats[i][j],
          notes[i][j],
          rule && [rule.getCriteriaType(), rule.getCriteriaValues(), rule.getAllowInvalid()],
        ];
        // An array's cells count whether or not they show anything or have a format of their own.
        const at = { sheet: sheet._hfId, row: i, col: j };
        if (hf.isCellPartOfArray(at) && !formulas[i][j]) arrays.set(a1(i + 1, j + 1), '');
        if (cell[0] === '' && !cell[1] && cell[2] === NO_FORMAT && !cell[3] && !cell[4]) continue;
        cells.set(a1(i + 1, j + 1), cell);
      }
    }
    const hiddenCols = Array.from({ length: cols }, (_, j) => j + 1).filter((c) => sheet.isColumnHiddenByUser(c));
    const colourRules = sheet.getConditionalFormatRules().map((rule) => {
      const c = rule.getBooleanCondition();
      return {
        criteria: c.getCriteriaType(),
        values: c.getCriteriaValues(),
        ranges: rule.getRanges().map(rectA1),
        background: c.getBackground(),
        fontColor: c.getFontColor(),
      };
    });
    const merges = sheet.getRange(1, 1, rows, cols).getMergedRanges().map(rectA1);
    return {
      name: sheet.getName(),
      hidden: sheet.isSheetHidden(),
      frozenRows: sheet.getFrozenRows(),
      frozenCols: sheet.getFrozenColumns(),
      merges,
      hiddenCols,
      cells,
      arrays,
      colourRules,
    };
  });
}

const excelSerial = (d: Date) => d.getTime() - EXCEL_EPOCH;
function plain(v: unknown): unknown {
  if (v instanceof Date) return excelSerial(v);
  if (v && typeof v === 'object' && 'error' in v) return (v as { error: string }).error;
  if (v && typeof v === 'object' && 'richText' in v) return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
  return v ?? '';
}

/** Checks the saved file, read by exceljs itself, against the emulator's state before saving. */
function expectSameInExcelJs(before: SheetState[], wb: ExcelJS.Workbook): void {
  expect(wb.worksheets.map((ws) => ws.name)).toEqual(before.map((s) => s.name));
  for (const sheet of before) {
    const ws = wb.getWorksheet(sheet.name)!;
    expect(ws.state === 'hidden', sheet.name).toBe(sheet.hidden);
    const view = ((ws.views ?? []).find(Boolean) ?? {}) as { state?: string; ySplit?: number; xSplit?: number };
    expect([view.state === 'frozen' ? (view.ySplit ?? 0) : 0, view.state === 'frozen' ? (view.xSplit ?? 0) : 0], `${sheet.name} frozen`).toEqual([
      sheet.frozenRows,
      sheet.frozenCols,
    ]);
    expect([...(ws.model.merges ?? [])].sort(), `${sheet.name} merges`).toEqual([...sheet.merges].sort());
    const hidden: number[] = [];
    for (let c = 1; c <= Math.max(ws.columnCount, ...sheet.hiddenCols, 0); c++) if (ws.getColumn(c).hidden) hidden.push(c);
    expect(hidden, `${sheet.name} hidden columns`).toEqual(sheet.hiddenCols);

    const arrayCells = new Set<string>();
    const seen = new Set<string>();
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const value = cell.value as ExcelJS.CellFormulaValue & { shareType?: string; ref?: string };
        if (value && typeof value === 'object' && value.shareType === 'array') {
          const [from, to = from] = value.ref!.split(':');
          const tl = ws.getCell(from);
          const br = ws.getCell(to);
          for (let r = Number(tl.row); r <= Number(br.row); r++)
            for (let c = Number(tl.col); c <= Number(br.col); c++) if (a1(r, c) !== cell.address) arrayCells.add(a1(r, c));
        }
      }),
    );
    // Every cell an array formula fills in the emulator lies in an array formula's range in the file, and no other.
    expect([...arrayCells].sort(), `${sheet.name} array formulas`).toEqual([...sheet.arrays.keys()].sort());

    // Cell by cell, the differences collected and checked at once (an expect per cell is slow at 10,000 rows).
    const differences: string[] = [];
    const differ = (where: string, got: unknown, wanted: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(wanted))
        differences.push(`${sheet.name}!${where}: ${JSON.stringify(got)} in the file, ${JSON.stringify(wanted)} before saving`);
    };
    for (const [address, [value, formula, format, note, rule]] of sheet.cells) {
      const cell = ws.getCell(address);
      seen.add(address);
      const v = cell.value as ExcelJS.CellValue;
      if (formula) {
        differ(address, v && typeof v === 'object' && 'formula' in v ? `=${v.formula}` : v, formula);
        // cell.result, not value.result: exceljs's value drops a result of 0 or FALSE.
        differ(address, plain(cell.result), value);
      } else {
        differ(address, plain(v), value);
      }
      if (format !== NO_FORMAT) differ(`${address} format`, cell.numFmt, format);
      differ(`${address} note`, cell.note ?? '', note);
      const dv = cell.dataValidation;
      if (!rule) differ(`${address} validation`, dv, undefined);
      else {
        const [criteria, values, allowInvalid] = rule as [string, unknown[], boolean];
        differ(
          `${address} validation`,
          [criteria, dv?.type, dv?.formulae, dv?.showErrorMessage ?? false],
          ['VALUE_IN_LIST', 'list', [`"${(values[0] as string[]).join(',')}"`], !allowInvalid],
        );
      }
    }
    // Nothing in the file that the emulator did not hold.
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.value !== null && cell.value !== undefined && cell.value !== '' && !seen.has(cell.address))
          differences.push(`${sheet.name}!${cell.address} is in the file only`);
      }),
    );
    expect(differences.slice(0, 10)).toEqual([]);
    const rules =
      (
        ws as unknown as {
          conditionalFormattings: {
            ref: string;
            rules: {
              type: string;
              operator?: string;
              formulae?: string[];
              style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string } } };
            }[];
          }[];
        }
      ).conditionalFormattings ?? [];
    const colour = (argb?: string) => (argb ? `#${argb.slice(-6).toLowerCase()}` : null);
    expect(
      rules.map((f) => {
        const r = f.rules[0];
        return {
          type: r.type,
          formula: r.formulae?.[0],
          ranges: f.ref.split(' '),
          background: colour(r.style?.fill?.bgColor?.argb),
          fontColor: colour(r.style?.font?.color?.argb),
        };
      }),
      `${sheet.name} colour rules`,
    ).toEqual(
      sheet.colourRules.map((r) => ({
        type: r.criteria === 'CUSTOM_FORMULA' ? 'expression' : 'cellIs',
        formula: r.criteria === 'CUSTOM_FORMULA' ? String(r.values[0]).slice(1) : `"${String(r.values[0])}"`,
        ranges: r.ranges,
        background: r.background ?? null,
        fontColor: r.fontColor ?? null,
      })),
    );
  }
}

async function roundTrip(path: string, act: boolean): Promise<{ before: SheetState[]; saved: Buffer }> {
  const ss = await worked(path, act);
  const before = stateOf(ss);
  const saved = await saveXlsx(ss);
  return { before, saved };
}

async function expectKept(path: string, act: boolean): Promise<SheetState[]> {
  const { before, saved } = await roundTrip(path, act);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(saved as unknown as ArrayBuffer);
  expectSameInExcelJs(before, wb);
  const again = new Emulator({ noSheets: true });
  await loadXlsxInto(again.active, saved);
  const after = stateOf(again.active);
  expect(after.map((s) => s.name)).toEqual(before.map((s) => s.name));
  for (const [i, sheet] of before.entries()) {
    const { cells, ...rest } = after[i];
    const { cells: cellsBefore, ...restBefore } = sheet;
    expect(rest, sheet.name).toEqual(restBefore);
    const differences: string[] = [];
    for (const [address, cell] of cellsBefore) {
      if (JSON.stringify(cells.get(address)) !== JSON.stringify(cell))
        differences.push(`${sheet.name}!${address}: ${JSON.stringify(cells.get(address))} opened again, ${JSON.stringify(cell)} before saving`);
    }
    for (const address of cells.keys()) if (!cellsBefore.has(address)) differences.push(`${sheet.name}!${address} only after opening again`);
    expect(differences.slice(0, 10)).toEqual([]);
  }
  return before;
}

describe('Save as .xlsx keeps everything (read back by exceljs and by the emulator)', () => {
  requireBuild();
  for (const shape of SHAPES) {
    it(`${shape.name}`, async () => {
      const before = await expectKept(await shape.path(), shape.act);
      const contacts = before.find((s) => s.name !== 'Dashboard' && s.name !== 'Interview log')!;
      expect(contacts.cells.size).toBeGreaterThan(2); // the contacts were not lost on the way
      if (shape.act) {
        expect(before.map((s) => s.name)).toContain('Dashboard');
        expect(before.find((s) => s.name === 'Dashboard')!.arrays.size).toBeGreaterThan(0);
        expect(before.find((s) => s.name === 'Dashboard')!.hiddenCols.length).toBeGreaterThan(0);
      }
    });
  }

  it('10,000 contacts', async () => {
    const csv = toCsv([HAND_MADE_HEADER, ...handMadeContacts(10_000)]);
    const before = await expectKept(file('big.csv', csv), true);
    expect(before.find((s) => s.name === 'big')!.cells.size).toBeGreaterThan(10_000 * HAND_MADE_HEADER.length);
  }, 120_000);
});
