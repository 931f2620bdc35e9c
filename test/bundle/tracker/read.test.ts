// Every action reads the tracker the same way, through the built bundle: the header row is found
// again after the user inserted rows above it, the contact columns setup recognised are found by
// their metadata after a rename, and the sheets the add-on made (its Dashboard, its Interview
// log) are found by their IDs, never by a name the user's own sheet may have.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import type { EmuSpreadsheet, EmuSpreadsheetApp } from '../../../local/emulator/spreadsheet/spreadsheet.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { EventDialogContext, LogResult, SetupResult } from '../../../src/shared/types.ts';
import type { CoachResult, CoachSharingState, ShareWithCoachInput } from '../../../src/shared/coach.ts';

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
  const r = sheet
    .getRange(1, c, sheet.getLastRow(), 1)
    .getValues()
    .findIndex((v) => v[0] === id);
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

describe("the coach copy takes the add-on's own dashboard, found by its ID", () => {
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

  it("and none at all when the add-on's dashboard was deleted", () => {
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

describe('a renamed contact column is still the contact column it was at setup', () => {
  it('sharing only Stage keeps the names out of the copy and its dashboard, after "FULL NAME" was renamed "Who"', () => {
    const t = tracker();
    jordanOverdue(t);
    t.sheet.getRange(1, columnOf(t.sheet, 'FULL NAME')).setValue('Who');
    t.run('refreshDashboard');
    // The dashboard still knows the name column.
    expect(words(t.ss.getSheetByName('Dashboard'))).toContain('Jordan Ellis');
    const state = t.state();
    expect(state.columns.find((c) => c.header === 'Who')).toMatchObject({ id: 'c:fullName' });
    t.share({ shared: ['t:stage'] });
    const copy = copyOf(t);
    const everything = copy.getSheets().map(words).join('\n');
    for (const name of ['Jordan', 'Amara', 'Rosa', 'Kenji', 'Liam']) expect(everything).not.toContain(name);
    expect(words(copy.getSheetByName('Dashboard'))).toContain('(names not shared)');
    expect(copy.getSheetByName('Progress')!.getDataRange().getValues()[0]).toEqual(['Contact ID', 'Stage', 'Coach feedback', 'Feedback fingerprint']);
  });
});

describe('rows inserted above the header', () => {
  it('sharing counts the contacts, not the header, and Coach feedback goes in the header row', () => {
    const t = tracker();
    rowsAbove(t);
    const width = t.sheet.getLastColumn();
    const top = t.sheet.getRange(1, 1, 2, width).getValues();
    const r = t.share();
    expect(r.message).toMatch(/\b6 contacts\b/);
    const progress = copyOf(t).getSheetByName('Progress')!;
    const ids = progress
      .getRange(2, columnOf(progress, 'Contact ID'), progress.getLastRow() - 1, 1)
      .getValues()
      .flat();
    expect(ids).toEqual(['C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0005', 'C-0006']);
    expect(columnOf(t.sheet, 'Coach feedback', 3)).toBe(width + 1);
    expect(t.sheet.getRange(1, 1, 2, top[0].length).getValues()).toEqual(top);
    expect(
      t.sheet
        .getRange(1, 1, 2, t.sheet.getLastColumn())
        .getValues()
        .flat()
        .filter((v) => v !== ''),
    ).toEqual(['My job-search contacts']);

    // The coach's feedback comes back into the contact's row.
    t.emu.actAs(COACH, () => {
      const p = t.spreadsheetApp.openById(copyOf(t).getId()).getSheetByName('Progress')!;
      p.getRange(rowOf(p, 'C-0002'), columnOf(p, 'Coach feedback')).setValue('Ask for two names');
    });
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(t.sheet.getRange(rowOf(t.sheet, 'C-0002', 3), columnOf(t.sheet, 'Coach feedback', 3)).getValue()).toBe('Ask for two names');
    expect(
      t.sheet
        .getRange(1, 1, 2, t.sheet.getLastColumn())
        .getValues()
        .flat()
        .filter((v) => v !== ''),
    ).toEqual(['My job-search contacts']);
  });

  it("the share dialog lists the header's columns", () => {
    const t = tracker();
    rowsAbove(t);
    const headers = t.state().columns.map((c) => c.header);
    expect(headers).toContain('FULL NAME');
    expect(headers).toContain('Stage');
    expect(headers).not.toContain('My job-search contacts');
  });

  it('a header row that cannot be found: the dialog says so, and sharing the tracker itself still reports what it did', () => {
    const t = tracker();
    t.sheet.getRange(1, 1, 1, t.sheet.getLastColumn()).clearContent();
    // The dialog's state says so in the user's words (not a failure the page calls unexpected).
    expect(t.state()).toMatchObject({ hasTracker: true, columns: [], trackerProblem: expect.stringMatching(/could not find the tracker's header row/) });
    expect(t.run('shareWithCoachNow', { email: COACH, mode: 'copy' }).result).toEqual({
      ok: false,
      message: expect.stringMatching(/could not find the tracker's header row/),
    });
    expect([...t.emu.files.values()].some((f) => f.getName().endsWith('coach view'))).toBe(false);
    const direct = ok(t.run('shareWithCoachNow', { email: COACH, mode: 'direct', acknowledged: true }).result as CoachResult);
    expect(direct.state.coach).toMatchObject({ email: COACH, mode: 'direct' });
    expect(direct.state.trackerProblem).toMatch(/could not find the tracker's header row/);
    expect(ok(t.run('stopSharingWithCoachNow').result as CoachResult).state.coach).toBeNull();
  });

  it('the dashboard, rebuilt, still lists the contacts by name', () => {
    const t = tracker();
    rowsAbove(t);
    jordanOverdue(t, 3);
    const r = t.run('refreshDashboard').result as { ok: boolean; errors: string[] };
    expect(r).toMatchObject({ ok: true, errors: [] });
    expect(words(t.ss.getSheetByName('Dashboard'))).toContain('Jordan Ellis');
  });

  it("logging from the menu updates the selected contact's row, and the saved header row follows", () => {
    const t = tracker();
    rowsAbove(t);
    const row = rowOf(t.sheet, 'C-0001', 3);
    expect(row).toBe(4);
    const opened = t.bundle.run('showPitchSentDialog', [], { select: `Contacts!A${row}` }).result as EventDialogContext;
    expect(opened.contacts).toMatchObject([{ id: 'C-0001', name: 'Jordan Ellis' }]);
    const r = t.run('logPitchSent', { eventId: opened.eventId, contactIds: ['C-0001'], date: '2026-01-09' }).result as LogResult;
    expect(r.ok).toBe(true);
    expect(t.sheet.getRange(row, columnOf(t.sheet, 'Stage', 3)).getValue()).toBe('Pitched');
    expect(t.sheet.getRange(3, columnOf(t.sheet, 'Stage', 3)).getValue()).toBe('Stage');
    // A contact added by a referral goes below the table, not into the rows above the header.
    const interview = t.run('logInterview', {
      eventId: 'evt-interview-1',
      contactIds: ['C-0002'],
      date: '2026-01-10',
      minutes: 30,
      referrals: [{ name: 'Dana Scully', company: 'FBI' }],
    }).result as LogResult;
    expect(interview.ok).toBe(true);
    expect(
      t.sheet
        .getRange(1, 1, 2, t.sheet.getLastColumn())
        .getValues()
        .flat()
        .filter((v) => v !== ''),
    ).toEqual(['My job-search contacts']);
    expect(t.sheet.getRange(rowOf(t.sheet, 'C-0007', 3), columnOf(t.sheet, 'FULL NAME', 3)).getValue()).toBe('Dana Scully');
    expect(JSON.parse(t.emu.properties.document.get('iit.tracker')!)).toMatchObject({ headerRow: 3 });
  });

  it('logging finds the contacts after the rows above the header were deleted again', () => {
    const t = tracker();
    rowsAbove(t);
    // Setup run again saves the header as row 3; then the user deletes the two rows above it.
    expect((t.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult).ok).toBe(true);
    expect(JSON.parse(t.emu.properties.document.get('iit.tracker')!)).toMatchObject({ headerRow: 3 });
    t.sheet.deleteRows(1, 2);
    const r = t.run('logPitchSent', { eventId: 'evt-after-delete', contactIds: ['C-0001', 'C-0002'], date: '2026-01-09' }).result as LogResult;
    if (!r.ok) throw new Error(r.message);
    expect(t.sheet.getRange(2, columnOf(t.sheet, 'Stage')).getValue()).toBe('Pitched');
    expect(t.sheet.getRange(3, columnOf(t.sheet, 'Stage')).getValue()).toBe('Pitched');
    expect(t.sheet.getRange(1, columnOf(t.sheet, 'Stage')).getValue()).toBe('Stage');
  });

  it('a preview of an import (dryRun) finds the header and changes nothing, not even where it saved the header row', () => {
    const t = tracker();
    rowsAbove(t);
    const before = new Map(t.emu.properties.document);
    const r = t.run('importContacts', 'Name,Email\nRita Hayes,rita@example.com\n', { dryRun: true }).result as { ok: boolean; dryRun: boolean };
    expect(r).toMatchObject({ ok: true, dryRun: true });
    expect(new Map(t.emu.properties.document)).toEqual(before);
  });

  it("the pitch sidebar offers the header's columns", () => {
    const t = tracker();
    rowsAbove(t);
    const context = t.bundle.run('getPitchContext', [], { select: 'Contacts!A4' }).result as { headers: string[]; contact: { id: string } | null };
    expect(context.headers).toContain('FULL NAME');
    expect(context.contact).toMatchObject({ id: 'C-0001' });
  });

  it('follow-ups due are found and the first one selected', () => {
    const t = tracker();
    rowsAbove(t);
    jordanOverdue(t, 3);
    const r = t.run('showFollowUpsDue').result as { due: string[] };
    expect(r.due).toEqual(['C-0001']);
    expect(t.ss.getActiveRange()!.getRow()).toBe(4);
  });
});
