// Every action reads the tracker the same way, through the built bundle: the header row is found
// again after the user inserted rows above it, the contact columns setup recognised are found by
// their metadata after a rename, and the sheets the add-on made (its Dashboard, its Interview
// log) are found by their IDs, never by a name the user's own sheet may have.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../helpers.ts';
import type { EmuSpreadsheet, EmuSpreadsheetApp } from '../../local/emulator/spreadsheet.ts';
import type { EmuSheet } from '../../local/emulator/sheet.ts';
import type { EventDialogContext, LogResult, SetupResult } from '../../src/shared/types.ts';
import type { CoachResult, CoachSharingState, ShareWithCoachInput } from '../../src/shared/coach.ts';

const COACH = 'coach@example.com';
const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');

function tracker(before?: (ss: EmuSpreadsheet) => void) {
  const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
  before?.(app.ss);
  const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const sheet = app.ss.getSheetByName('Contacts')!;
  const spreadsheetApp = app.bundle.context.SpreadsheetApp as EmuSpreadsheetApp;
  const run = (fn: string, ...args: unknown[]) => app.bundle.run(fn, args);
  const share = (input: Partial<ShareWithCoachInput> = {}) => ok(run('shareWithCoachNow', { email: COACH, mode: 'copy', ...input }).result as CoachResult);
  const state = () => run('getCoachSharing').result as CoachSharingState;
  return { ...app, sheet, spreadsheetApp, run, share, state };
}
type Tracker = ReturnType<typeof tracker>;

function ok(result: CoachResult): Extract<CoachResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok: ${result.message}`);
  return result;
}

function copyOf(t: Tracker): EmuSpreadsheet {
  const copies = [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
  expect(copies).toHaveLength(1);
  return copies[0];
}

const words = (sheet: EmuSheet | null) => (sheet ? sheet.getDataRange().getValues().flat().map(String).join('\n') : '');

function columnOf(sheet: EmuSheet, header: string, headerRow = 1): number {
  const c = (sheet.getRange(headerRow, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]).indexOf(header);
  if (c < 0) throw new Error(`no column ${header} in row ${headerRow}`);
  return c + 1;
}

function rowOf(sheet: EmuSheet, id: string, headerRow = 1): number {
  const c = columnOf(sheet, 'Contact ID', headerRow);
  const r = sheet.getRange(1, c, sheet.getLastRow(), 1).getValues().findIndex((v) => v[0] === id);
  if (r < 0) throw new Error(`no contact ${id}`);
  return r + 1;
}

/** Jordan Ellis (C-0001) overdue for a follow-up: the dashboard lists him by name. */
function jordanOverdue(t: Tracker, headerRow = 1): void {
  const row = rowOf(t.sheet, 'C-0001', headerRow);
  t.sheet.getRange(row, columnOf(t.sheet, 'Stage', headerRow)).setValue('Pitched');
  t.sheet.getRange(row, columnOf(t.sheet, 'Next follow-up', headerRow)).setValue('2020-01-06');
}

/** Two rows above the header, one with a title: the header is now row 3. */
function rowsAbove(t: Tracker): void {
  t.sheet.insertRowsBefore(1, 2);
  t.sheet.getRange('A1').setValue('My job-search contacts');
}

describe('the coach copy takes the add-on\'s own dashboard, found by its ID', () => {
  const userDashboard = (ss: EmuSpreadsheet) => ss.insertSheet('Dashboard').getRange('A1').setValue('My salary notes: SECRET');

  it('not a sheet of the user\'s that was already named "Dashboard"', () => {
    const t = tracker(userDashboard);
    const ours = t.ss.getSheets().find((s) => s.getName() === 'Dashboard 2')!;
    expect(ours).toBeDefined();
    expect(t.state().hasDashboard).toBe(true);
    t.share();
    const dash = copyOf(t).getSheetByName('Dashboard')!;
    expect(words(dash)).not.toContain('SECRET');
    const want = ours.getDataRange().getDisplayValues();
    expect(dash.getRange(1, 1, want.length, want[0].length).getDisplayValues()).toEqual(want);
  });

  it('and none at all when the add-on\'s dashboard was deleted', () => {
    const t = tracker(userDashboard);
    t.ss.deleteSheet(t.ss.getSheetByName('Dashboard 2')!);
    expect(t.state().hasDashboard).toBe(false);
    const r = t.share();
    expect(r.message).not.toMatch(/dashboard/i);
    for (const s of copyOf(t).getSheets()) expect(words(s)).not.toContain('SECRET');
  });

  it('still copied after the user renamed it', () => {
    const t = tracker();
    const ours = t.ss.getSheetByName('Dashboard')!;
    ours.setName('My figures');
    expect(t.state().hasDashboard).toBe(true);
    expect(t.share().message).toMatch(/dashboard figures/);
    const dash = copyOf(t).getSheetByName('Dashboard')!;
    const want = ours.getDataRange().getDisplayValues();
    expect(dash.getRange(1, 1, want.length, want[0].length).getDisplayValues()).toEqual(want);
  });

  it('the warning for sharing the tracker itself names the Interview log the add-on keeps, renamed too', () => {
    const t = tracker();
    const logLine = (s: CoachSharingState) => s.directWarning.viewer.some((l) => l.startsWith('The Interview log:'));
    expect(logLine(t.state())).toBe(false);
    const r = t.run('logPitchSent', { eventId: 'evt-renamed-log', contactIds: ['C-0001'], date: '2026-01-09' }).result as LogResult;
    expect(r.ok).toBe(true);
    t.ss.getSheetByName('Interview log')!.setName('Outreach');
    expect(logLine(t.state())).toBe(true);
  });
});
