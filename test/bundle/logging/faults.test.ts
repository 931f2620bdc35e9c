// An action that fails part-way, then is retried with the same event ID, must end exactly as a
// run that never failed. The emulator's beforeCall hook makes the n-th service call of the
// first attempt throw, for every call that changes something (the referral rows, the grid
// growing, the filled cells, the ID counter, creating the log, its rows and formats, ...).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EmuSpreadsheet } from '../../../local/emulator/spreadsheet/spreadsheet.ts';
import type { LogResult } from '../../../src/shared/types.ts';
import { type App, log, logRows, shown, tracker } from './log-world.ts';

const READ =
  /\.(get|find|with|create|has|is|copy)[A-Za-z]*$|^(SpreadsheetApp|LockService|PropertiesService|Utilities|HtmlService|Session|DataValidationBuilder)\.|\.(tryLock|releaseLock|waitLock)$/;

/** Where two plain values first differ ("sheets.1.values.3.5: 'x' ≠ 'y'"), or '' when equal. */
function difference(a: unknown, b: unknown, path = ''): string {
  if (Object.is(a, b)) return '';
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime() ? '' : `${path}: ${a.toISOString()} ≠ ${b.toISOString()}`;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = difference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    if (d) return d;
  }
  return '';
}

/** Everything a user or a later action could notice, in every sheet and in the document properties. */
function world(app: App) {
  const ss: EmuSpreadsheet = app.ss;
  const sheets = ss.getSheets().map((sheet) => {
    const range = sheet.getRange(1, 1, sheet.getMaxRows(), sheet.getMaxColumns());
    const used = sheet.getDataRange();
    return {
      name: sheet.getName(),
      size: [sheet.getMaxRows(), sheet.getMaxColumns()],
      frozen: sheet.getFrozenRows(),
      widths: Array.from({ length: sheet.getMaxColumns() }, (_, i) => sheet.getColumnWidth(i + 1)),
      values: used.getValues(),
      formulas: used.getFormulas(),
      formats: range.getNumberFormats(),
      weights: used.getFontWeights(),
      rules: range.getDataValidations().map((row) => row.map((v) => (v ? [v.getCriteriaType(), v.getCriteriaValues(), v.getAllowInvalid()] : null))),
      metadata: sheet.getDeveloperMetadata().map((m) => [m.getKey(), m.getValue()]),
      columnMetadata: Array.from({ length: sheet.getMaxColumns() }, (_, i) =>
        sheet
          .getRange(1, i + 1, sheet.getMaxRows(), 1)
          .getDeveloperMetadata()
          .map((m) => [m.getKey(), m.getValue()]),
      ),
    };
  });
  return { sheets, active: ss.getActiveSheet().getName(), properties: Object.fromEntries([...app.emu.properties.document.entries()].sort()) };
}

/** Lets a contacts sheet end at its last contact, so the referral rows need the grid to grow. */
function fullGrid(app: App): void {
  const extra = app.sheet.getMaxRows() - app.sheet.getLastRow();
  if (extra > 0) app.sheet.deleteRows(app.sheet.getLastRow() + 1, extra);
}

const INTERVIEW = {
  eventId: 'retry-event-0001',
  contactIds: ['C-0002'],
  date: '2026-01-09',
  minutes: 25,
  learned: 'Start with the methods course.',
  referrals: [
    { name: 'Dana Scully', email: 'dana@fbi.example', company: 'FBI', role: 'Agent' },
    { name: 'Liam OConnor', email: 'liam.oconnor@example.ie', relationship: 'Peer' },
  ],
};

/** A tracker where Amara (C-0002) already had 2 referrals counted and the log already exists. */
function prepared(withLog: boolean): App {
  const app = tracker();
  app.sheet.getRange(3, app.sheet.getRange(1, 1, 1, app.sheet.getLastColumn()).getValues()[0].indexOf('Referrals given') + 1).setValue(2);
  if (withLog) log(app, 'logPitchSent', { eventId: 'earlier-pitch', contactIds: ['C-0004'], date: '2026-01-05' });
  fullGrid(app);
  return app;
}

/** Runs the first attempt with its n-th call failing; returns false if it had fewer calls. */
function failingAt(app: App, n: number, fn: string, input: object): boolean {
  let reached = false;
  app.emu.rt.beforeCall = (_name, index) => {
    if (index === n) {
      reached = true;
      throw new Error('Service Spreadsheets failed while accessing document with id x.');
    }
  };
  try {
    app.bundle.run(fn, [input]);
  } catch (e) {
    if (!reached) throw e;
  } finally {
    app.emu.rt.beforeCall = null;
  }
  return reached;
}

/** The positions of the calls of a clean run that change the workbook or its properties. */
function writeCalls(app: App, fn: string, input: object): { writes: number[]; names: string[]; result: LogResult } {
  const names: string[] = [];
  app.emu.rt.beforeCall = (name) => void names.push(name);
  let result: LogResult;
  try {
    result = app.bundle.run(fn, [input]).result as LogResult;
  } finally {
    app.emu.rt.beforeCall = null;
  }
  const all = names.flatMap((name, i) => (READ.test(name) ? [] : [i]));
  // Of a run of the same write (8 column widths, 8 column tags), failing at the first and at the
  // last is enough: the ones between leave the same kind of half-done state as the last.
  const writes = all.filter((n, k) => names[all[k - 1]] !== names[n] || names[all[k + 1]] !== names[n]);
  return { writes, names, result };
}

beforeEach(() => {
  // The log's timestamps of the clean run and of the retries must be the same second.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-09T15:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a retry after a failure at any write converges to the state of a run that never failed', () => {
  // First use covers every write point: those of an existing log (its rows and formats) come
  // after the ones that create it.
  it('an interview with a new and an existing referral, on first use (the log is created)', { timeout: 120_000 }, () => {
    const clean = prepared(false);
    const { writes, names, result } = writeCalls(clean, 'logInterview', INTERVIEW);
    if (!result.ok) throw new Error(result.message);
    expect(shown(clean, 3, 'Referrals given')).toBe('4');
    const expected = world(clean);
    // Every kind of write the action makes is among the failure points.
    const kinds = new Set(writes.map((i) => names[i]));
    for (const k of ['Range.setValues', 'Properties.setProperty', 'Sheet.insertRowsAfter']) expect(kinds).toContain(k);
    expect(kinds).toContain('Spreadsheet.insertSheet');

    for (const n of writes) {
      const app = prepared(false);
      expect(failingAt(app, n, 'logInterview', INTERVIEW), `call ${n} (${names[n]}) was reached`).toBe(true);
      const retry = app.bundle.run('logInterview', [INTERVIEW]).result as LogResult;
      if (!retry.ok) throw new Error(`after a failure at call ${n} (${names[n]}): ${retry.message}`);
      const got = world(app);
      // When the call that puts the user back on their sheet after insertSheet is the one that
      // fails, they are left on the new log sheet; the retry cannot know where they were.
      if (names[n] === 'Sheet.activate') got.active = expected.active;
      expect(difference(got, expected), `after a failure at call ${n} (${names[n]})`).toBe('');
      if (retry.logged) {
        expect(retry.referrals, `after a failure at call ${n} (${names[n]})`).toEqual(result.referrals);
        expect(retry.message, `after a failure at call ${n} (${names[n]})`).toBe(result.message);
      }
      // And a second retry writes nothing.
      expect((app.bundle.run('logInterview', [INTERVIEW]).result as LogResult & { ok: true }).logged).toBe(0);
    }
  });

  it('a pitch for three contacts, failing at each write', () => {
    const input = { eventId: 'retry-pitch-0001', contactIds: ['C-0001', 'C-0003', 'C-0006'], date: '2026-01-09', note: '=1+1' };
    const clean = prepared(true);
    const { writes, names } = writeCalls(clean, 'logPitchSent', input);
    const expected = world(clean);
    expect(writes.length).toBeGreaterThan(2);
    for (const n of writes) {
      const app = prepared(true);
      expect(failingAt(app, n, 'logPitchSent', input)).toBe(true);
      log(app, 'logPitchSent', input);
      expect(difference(world(app), expected), `after a failure at call ${n} (${names[n]})`).toBe('');
    }
  });

  it('the case the reviewer found: referral rows written, the referrer not yet: the count and the log stay right', () => {
    const app = prepared(true);
    const { names } = writeCalls(prepared(true), 'logInterview', INTERVIEW);
    // The first setValues on the tracker appends the referral rows; the call after it fails.
    const append = names.indexOf('Range.setValues');
    expect(failingAt(app, append + 1, 'logInterview', INTERVIEW)).toBe(true);
    expect(shown(app, app.sheet.getLastRow(), 'FULL NAME')).toBe('Dana Scully');
    expect(shown(app, 3, 'Referrals given')).toBe('2');
    const retry = log(app, 'logInterview', INTERVIEW);
    expect(shown(app, 3, 'Referrals given')).toBe('4');
    expect(retry.referrals).toEqual([
      { id: 'C-0007', name: 'Dana Scully', status: 'added' },
      { id: 'C-0006', name: "Liam O'Connor", status: 'matched' },
    ]);
    expect(retry.message).toContain('New contacts from referrals: Dana Scully (C-0007).');
    expect(logRows(app)[1].Details).toBe(
      "25 min.\nLearned: Start with the methods course.\nReferrals: Dana Scully (C-0007); Liam O'Connor (C-0006, already a contact)",
    );
  });
});
