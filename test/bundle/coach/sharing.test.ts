// Share with a coach, through the built bundle in the emulator: the coach copy holds no private
// column, no hidden sheet and no formula; the coach (another user) can open the copy and not the
// tracker; feedback comes back by contact ID without overwriting the user's words; sharing and
// stopping are idempotent and never take away access given for another reason; bad emails are
// refused; direct sharing works under spreadsheets.currentonly.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { accessOf, NO_ACCESS, PROTECTED } from '../../../local/emulator/services/drive.ts';
import { handMadeContacts, toCsv } from '../../../local/generate.ts';
import type { EmuSpreadsheet, EmuSpreadsheetApp } from '../../../local/emulator/spreadsheet/spreadsheet.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import type { CoachResult, ShareWithCoachInput } from '../../../src/shared/coach.ts';

const COACH = 'coach@example.com';
const CURRENT_ONLY = ['https://www.googleapis.com/auth/spreadsheets.currentonly', 'https://www.googleapis.com/auth/script.container.ui'];
const MANIFEST = [
  'https://www.googleapis.com/auth/spreadsheets.currentonly',
  'https://www.googleapis.com/auth/spreadsheets',
  'https://www.googleapis.com/auth/script.container.ui',
];

function tracker(options: { csv?: string; scopes?: string[] } = {}) {
  const app = addOn({
    csv: options.csv ?? readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8'),
    sheetName: 'Contacts',
    ...(options.scopes ? { scopes: options.scopes } : {}),
  });
  const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const sheet = app.ss.getSheetByName('Contacts')!;
  const spreadsheetApp = app.bundle.context.SpreadsheetApp as EmuSpreadsheetApp;
  const run = (fn: string, ...args: unknown[]) => app.bundle.run(fn, args);
  const share = (input: Partial<ShareWithCoachInput> = {}) => run('shareWithCoachNow', { email: COACH, mode: 'copy', ...input }).result as CoachResult;
  return { ...app, sheet, spreadsheetApp, run, share };
}

function ok(result: CoachResult): Extract<CoachResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok: ${result.message}`);
  return result;
}

function copyOf(emu: { files: Map<string, EmuSpreadsheet> }): EmuSpreadsheet {
  const copies = [...emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
  expect(copies).toHaveLength(1);
  return copies[0];
}

function table(sheet: EmuSheet) {
  return sheet.getDataRange().getValues();
}

function columnOf(sheet: EmuSheet, header: string, headerRow = 1): number {
  const c = (sheet.getRange(headerRow, 1, 1, sheet.getLastColumn()).getValues()[0] as unknown[]).indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return c + 1;
}

function rowOf(sheet: EmuSheet, id: string): number {
  const c = columnOf(sheet, 'Contact ID');
  const r = sheet
    .getRange(1, c, sheet.getLastRow(), 1)
    .getValues()
    .findIndex((v) => v[0] === id);
  if (r < 0) throw new Error(`no contact ${id}`);
  return r + 1;
}

function feedbackIn(sheet: EmuSheet, id: string): unknown {
  return sheet.getRange(rowOf(sheet, id), columnOf(sheet, 'Coach feedback')).getValue();
}

/** The coach, as another user, types feedback into the coach view. */
function coachTypes(t: ReturnType<typeof tracker>, copy: EmuSpreadsheet, id: string, text: string): void {
  t.emu.actAs(COACH, () => {
    const progress = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
    progress.getRange(rowOf(progress, id), columnOf(progress, 'Coach feedback')).setValue(text);
  });
}

function access(ss: EmuSpreadsheet) {
  return { owner: ss._owner, editors: [...ss._editors].sort(), viewers: [...ss._viewers].sort() };
}

function stored(t: ReturnType<typeof tracker>): Record<string, unknown> | null {
  const raw = t.emu.properties.document.get('iit.coach');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
}

const stop = (t: ReturnType<typeof tracker>, options?: { forget?: boolean }) =>
  (options ? t.run('stopSharingWithCoachNow', options) : t.run('stopSharingWithCoachNow')).result as CoachResult;

function failed(result: CoachResult): string {
  if (result.ok) throw new Error(`expected a failure, got: ${result.message}`);
  expect(result.message).not.toMatch(/Something went wrong|Exception/);
  return result.message;
}

describe('coach copy', () => {
  it('holds only the shared columns as values: no private column, no hidden sheet, no formula', () => {
    const t = tracker();
    // A private column of the user's own, a hidden sheet, and text that looks like a formula.
    const last = t.sheet.getLastColumn();
    t.sheet.getRange(1, last + 1).setValue('Salary hopes');
    t.sheet.getRange(2, last + 1).setValue('95k SECRET-SALARY');
    t.sheet.getRange(3, 1).setValue('\'=HYPERLINK("http://evil")');
    t.sheet.getRange(4, columnOf(t.sheet, 'Notes for coach')).setValue('Ask about the alumni list');
    t.ss.insertSheet('Private diary').getRange('A1').setValue('SECRET-DIARY');
    t.ss.getSheetByName('Private diary')!.hideSheet();

    const state = t.run('getCoachSharing').result as { columns: { id: string; header: string }[] };
    const salary = state.columns.find((c) => c.header === 'Salary hopes')!.id;
    const result = ok(t.share({ private: [salary] }));
    expect(result.message).toContain(COACH);

    const copy = copyOf(t.emu);
    expect(copy.getName()).toBe('Contacts – coach view');
    expect(copy.getOwner()!.getEmail()).toBe('me@example.com');
    expect(copy.getSheets().map((s) => s.getName())).toEqual(['Progress', 'Dashboard']);
    expect(copy.getSheets().some((s) => s.isSheetHidden())).toBe(false);
    for (const s of copy.getSheets()) for (const row of s.getDataRange().getFormulas()) for (const f of row) expect(f).toBe('');

    const progress = copy.getSheetByName('Progress')!;
    const header = table(progress)[0];
    expect(header).toEqual([
      'FULL NAME',
      'Employer',
      'role',
      'Contact ID',
      'Relationship',
      'Stage',
      'Last contact',
      'Next follow-up',
      'Interview date',
      'Thank-you sent',
      'Outcome',
      'Notes for coach',
      'Coach feedback',
      'Feedback fingerprint',
    ]);
    // Beside Coach feedback, hidden: a fingerprint of what the add-on wrote there (a hash of text the coach sees anyway).
    expect(progress.isColumnHiddenByUser(header.length)).toBe(true);
    expect(progress.isColumnHiddenByUser(header.length - 1)).toBe(false);
    const everything = copy
      .getSheets()
      .flatMap((s) => table(s).flat().map(String))
      .join('\n');
    for (const secret of ['SECRET-SALARY', 'SECRET-DIARY', 'pipelines', 'jordan.ellis@example.com', '555 0100']) expect(everything).not.toContain(secret);
    expect(everything).toContain('Ask about the alumni list');
    expect(feedbackIn(progress, 'C-0002')).toBe('');
    expect(progress.getRange(rowOf(progress, 'C-0002'), 1).getValue()).toBe('=HYPERLINK("http://evil")');

    // The tracker got the add-on's Coach feedback column; nothing else changed in it.
    expect(columnOf(t.sheet, 'Coach feedback')).toBe(last + 2);
  });

  it('copies the Dashboard built by the add-on as values, with its funnel chart drawn from the copy itself', () => {
    const t = tracker();
    t.run('refreshDashboard');
    const trackerDash = t.ss.getSheetByName('Dashboard')!;
    const [funnel] = trackerDash.getCharts();
    expect(funnel).toBeDefined();
    ok(t.share());
    const copy = copyOf(t.emu);
    const dash = copy.getSheetByName('Dashboard')!;
    expect(
      dash
        .getDataRange()
        .getFormulas()
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
    // Every figure as the user sees it (the tracker's trailing rows of empty formulas are empty cells here).
    const want = trackerDash.getDataRange().getDisplayValues();
    expect(dash.getRange(1, 1, want.length, want[0].length).getDisplayValues()).toEqual(want);
    expect(want.flat().filter((v) => /^\d/.test(v)).length).toBeGreaterThan(5);
    const charts = dash.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0].getRanges().map((r) => [r.getSheet().getParent().getId(), r.getA1Notation()])).toEqual(
      funnel.getRanges().map((r) => [copy.getId(), r.getA1Notation()]),
    );
    expect(charts[0].getOptions().get('title')).toBe(funnel.getOptions().get('title'));
    // Updating replaces the chart instead of adding another.
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(dash.getCharts()).toHaveLength(1);
  });

  it('keeps contact names out of the dashboard copy when the Name column is not shared', () => {
    const t = tracker();
    // Jordan Ellis is overdue for a follow-up: the dashboard lists him by name.
    t.sheet.getRange(2, columnOf(t.sheet, 'Stage')).setValue('Pitched');
    t.sheet.getRange(2, columnOf(t.sheet, 'Next follow-up')).setValue('2020-01-06');
    t.run('refreshDashboard');
    expect(t.ss.getSheetByName('Dashboard')!.getDataRange().getValues().flat()).toContain('Jordan Ellis');
    const withNames = ok(t.share());
    expect(copyOf(t.emu).getSheetByName('Dashboard')!.getDataRange().getValues().flat()).toContain('Jordan Ellis');

    const shared = withNames.state.columns.filter((c) => c.shared && c.id !== 'c:fullName').map((c) => c.id);
    ok(t.share({ shared }));
    const copy = copyOf(t.emu);
    const everything = copy
      .getSheets()
      .flatMap((s) => s.getDataRange().getValues().flat().map(String))
      .join('\n');
    expect(everything).not.toContain('Jordan');
    expect(everything).toContain('(names not shared)');
    expect(copy.getSheetByName('Progress')!.getDataRange().getValues()[0]).not.toContain('FULL NAME');
  });

  it('the coach, as another user, can open and edit the copy but not open the tracker', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    expect(access(copy).editors).toEqual([COACH]);
    expect(access(t.ss)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
    t.emu.actAs(COACH, () => {
      expect(t.spreadsheetApp.openById(copy.getId()).getName()).toBe('Contacts – coach view');
      expect(() => t.spreadsheetApp.openById(t.ss.getId())).toThrow(NO_ACCESS);
    });
    coachTypes(t, copy, 'C-0003', 'Good progress');
    expect(feedbackIn(copy.getSheetByName('Progress')!, 'C-0003')).toBe('Good progress');
  });

  it('a coach who is a viewer of the copy cannot write in it', () => {
    const t = tracker();
    ok(t.share({ role: 'viewer' }));
    const copy = copyOf(t.emu);
    expect(access(copy).viewers).toEqual([COACH]);
    expect(() => coachTypes(t, copy, 'C-0001', 'hi')).toThrow(NO_ACCESS);
  });

  it("feedback comes back by contact ID, even after the copy's rows and columns are rearranged", () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0002', 'Ask Prof. Obi for two names');
    // Typed with Sheets' leading apostrophe, as the coach's own text, not a formula.
    coachTypes(t, copy, 'C-0005', "'=1+1 is not a formula here");
    // The copy's owner reverses the rows and moves Coach feedback to the front (the coach cannot:
    // every other column is protected from them).
    {
      const p = copy.getSheetByName('Progress')!;
      const values = p.getDataRange().getValues();
      const fb = values[0].indexOf('Coach feedback');
      const reordered = [values[0], ...values.slice(1).reverse()].map((r) => [r[fb], ...r.filter((_, i) => i !== fb)]);
      p.getRange(1, 1, reordered.length, reordered[0].length).setValues(
        reordered.map((r) => r.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v))),
      );
    }

    const update = ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(update.feedback).toMatchObject({ filled: 2, appended: 0 });
    expect(feedbackIn(t.sheet, 'C-0002')).toBe('Ask Prof. Obi for two names');
    expect(feedbackIn(t.sheet, 'C-0005')).toBe('=1+1 is not a formula here');
    expect(t.sheet.getRange(rowOf(t.sheet, 'C-0005'), columnOf(t.sheet, 'Coach feedback')).getFormula()).toBe('');
    expect(feedbackIn(t.sheet, 'C-0001')).toBe('');

    // The copy is rewritten from the tracker, in tracker order, feedback kept.
    const progress = copy.getSheetByName('Progress')!;
    expect(table(progress)[0].slice(-2)).toEqual(['Coach feedback', 'Feedback fingerprint']);
    expect(table(progress)[1][columnOf(progress, 'Contact ID') - 1]).toBe('C-0001');
    expect(feedbackIn(progress, 'C-0002')).toBe('Ask Prof. Obi for two names');

    // The user answers in the tracker; the coach adds more: the user's words stay.
    t.sheet.getRange(rowOf(t.sheet, 'C-0002'), columnOf(t.sheet, 'Coach feedback')).setValue('Ask Prof. Obi for two names — asked, she gave me Dana');
    coachTypes(t, copy, 'C-0002', 'Great, now pitch Dana');
    const second = ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(second.feedback).toMatchObject({ appended: 1 });
    expect(feedbackIn(t.sheet, 'C-0002')).toBe('Ask Prof. Obi for two names — asked, she gave me Dana\n\nGreat, now pitch Dana');

    // The coach rewriting feedback only they wrote replaces it; emptying it never empties the tracker.
    coachTypes(t, copy, 'C-0005', 'Rewritten by the coach');
    coachTypes(t, copy, 'C-0002', '');
    const third = ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(third.feedback).toMatchObject({ replaced: 1, cleared: 1 });
    expect(feedbackIn(t.sheet, 'C-0005')).toBe('Rewritten by the coach');
    expect(feedbackIn(t.sheet, 'C-0002')).toContain('asked, she gave me Dana');

    // Nothing new: an update changes nothing in the tracker.
    const before = table(t.sheet);
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(table(t.sheet)).toEqual(before);
  });

  it("feedback that would not fit beside the user's text is never cut: the contact is listed, the coach keeps their text", () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    const fb = columnOf(t.sheet, 'Coach feedback');
    const mine = 'U'.repeat(30_000);
    const theirs = `${'C'.repeat(29_990)}COACH-END`;
    t.sheet.getRange(rowOf(t.sheet, 'C-0003'), fb).setValue(mine);
    coachTypes(t, copy, 'C-0003', theirs);
    coachTypes(t, copy, 'C-0001', 'Short and sweet');
    for (let i = 0; i < 2; i++) {
      const update = ok(t.run('updateCoachViewNow').result as CoachResult);
      expect(update.message).toMatch(/C-0003/);
      expect(update.message).toMatch(/50,000/);
      expect(update.message).not.toMatch(/your text was kept and the coach's added below it/);
      expect(t.sheet.getRange(rowOf(t.sheet, 'C-0003'), fb).getValue()).toBe(mine);
      expect(feedbackIn(copy.getSheetByName('Progress')!, 'C-0003')).toBe(theirs);
      expect(feedbackIn(t.sheet, 'C-0001')).toBe('Short and sweet');
    }
    // Once the user makes room, the coach's text comes back below theirs.
    t.sheet.getRange(rowOf(t.sheet, 'C-0003'), fb).setValue('Room now');
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(feedbackIn(t.sheet, 'C-0003')).toBe(`Room now\n\n${theirs}`);
  });

  it('sharing again changes nothing new, and stopping twice is a no-op the second time', () => {
    const t = tracker();
    const first = ok(t.share());
    const copy = copyOf(t.emu);
    const accessAfterShare = access(copy);
    const again = ok(t.share());
    expect(copyOf(t.emu)).toBe(copy);
    expect(access(copy)).toEqual(accessAfterShare);
    expect(again.state.coach).toMatchObject({ email: COACH, mode: 'copy', role: 'editor', sharedAt: first.state.coach!.sharedAt });

    const stop = ok(t.run('stopSharingWithCoachNow').result as CoachResult);
    expect(stop.changed).toBe(true);
    expect(access(copy)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
    t.emu.actAs(COACH, () => expect(() => t.spreadsheetApp.openById(copy.getId())).toThrow(NO_ACCESS));
    const stopAgain = ok(t.run('stopSharingWithCoachNow').result as CoachResult);
    expect(stopAgain.changed).toBe(false);
    expect(stopAgain.state.coach).toBeNull();

    // Sharing again with the same coach reuses their copy.
    ok(t.share());
    expect(copyOf(t.emu)).toBe(copy);
    expect(access(copy).editors).toEqual([COACH]);
  });

  it('a different coach gets a new copy, and the first coach loses access', () => {
    const t = tracker();
    ok(t.share());
    const first = copyOf(t.emu);
    ok(t.share({ email: 'other.coach@example.com' }));
    expect(access(first).editors).toEqual([]);
    const copies = [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
    expect(copies).toHaveLength(2);
    expect(access(copies[1]).editors).toEqual(['other.coach@example.com']);
  });

  it('switching to sharing the tracker takes back access to the copy', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    ok(t.share({ mode: 'direct', acknowledged: true }));
    expect(access(copy).editors).toEqual([]);
    expect(access(t.ss).viewers).toEqual([COACH]);
  });

  it('an update when the copy was deleted for good says so and changes nothing; Stop then forgets the coach', () => {
    const t = tracker();
    ok(t.share());
    t.emu.deleteFile(copyOf(t.emu).getId());
    const before = table(t.sheet);
    const r = t.run('updateCoachViewNow').result as CoachResult;
    expect(failed(r)).toMatch(/deleted/);
    expect(table(t.sheet)).toEqual(before);
    // Nobody can open a file deleted for good: the add-on forgets the coach.
    const s = ok(stop(t));
    expect(s.state.coach).toBeNull();
    expect(s.message).toMatch(/deleted/);
    expect(stored(t)).toBeNull();
  });

  it('a coach view in the trash is still shared, so Stop takes the access back', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.trashFile(copy.getId());
    ok(stop(t));
    expect(access(copy).editors).toEqual([]);
  });

  it('refuses to rewrite a copy whose feedback column header was renamed (the coach cannot; its owner could)', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0001', 'Keep this');
    const rename = () => {
      const p = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
      p.getRange(1, columnOf(p, 'Coach feedback')).setValue('Notes');
    };
    expect(() => t.emu.actAs(COACH, rename)).toThrow(PROTECTED);
    rename();
    const r = t.run('updateCoachViewNow').result as CoachResult;
    expect(r.ok).toBe(false);
    expect(table(copy.getSheetByName('Progress')!).flat()).toContain('Keep this');
  });

  it('needs the spreadsheets scope: under currentonly it explains and changes nothing', () => {
    const t = tracker({ scopes: CURRENT_ONLY });
    const files = t.emu.files.size;
    const r = t.share();
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/not allowed to create a separate spreadsheet/) });
    expect(t.emu.files.size).toBe(files);
    expect((t.run('getCoachSharing').result as { coach: unknown }).coach).toBeNull();
  });

  it('costs the same number of service calls at 100 and 1,000 contacts, when the coach wrote on every other contact', { timeout: 120_000 }, () => {
    const calls = [100, 1000].map((n) => {
      const t = tracker({ csv: toCsv(handMadeContacts(n)) });
      ok(t.share());
      const copy = copyOf(t.emu);
      // The coach, in one paste each time, writes feedback on every contact, then rewrites every
      // other one: the changed cells of the tracker lie between cells that keep their text.
      const paste = (text: (i: number) => string) =>
        t.emu.actAs(COACH, () => {
          const p = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
          const rows = p.getLastRow() - 1;
          p.getRange(2, columnOf(p, 'Coach feedback'), rows, 1).setValues(Array.from({ length: rows }, (_, i) => [text(i)]));
        });
      paste((i) => `note ${i}`);
      expect(ok(t.run('updateCoachViewNow').result as CoachResult).feedback).toMatchObject({ filled: n });
      paste((i) => (i % 2 ? `note ${i}` : `note ${i}, rewritten`));
      const run = t.bundle.run('updateCoachViewNow');
      expect(ok(run.result as CoachResult).feedback).toMatchObject({ replaced: n / 2 });
      expect([1, 2, 3].map((i) => feedbackIn(t.sheet, `C-000${i}`))).toEqual(['note 0, rewritten', 'note 1', 'note 2, rewritten']);
      return run.calls;
    });
    expect(calls[0]).toBe(calls[1]);
  });

  it('writing the feedback back changes no other cell of the column: text that looks like a number or a formula stays text, a Plain text column gets no apostrophe', () => {
    const t = tracker();
    ok(t.share());
    const column = columnOf(t.sheet, 'Coach feedback');
    // The user types in the tracker's Coach feedback column, which they made Plain text.
    t.sheet.getRange(2, column, t.sheet.getLastRow() - 1, 1).setNumberFormat('@');
    t.sheet.getRange(rowOf(t.sheet, 'C-0002'), column).setValue('007');
    t.sheet.getRange(rowOf(t.sheet, 'C-0004'), column).setValue('=not a formula');
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0001', "'+1 for the intro");
    coachTypes(t, copy, 'C-0003', 'Call her');
    coachTypes(t, copy, 'C-0005', "'2026-01-09 works");
    ok(t.run('updateCoachViewNow').result as CoachResult);
    const cell = (id: string) => t.sheet.getRange(rowOf(t.sheet, id), column);
    expect(['C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0005'].map((id) => [cell(id).getValue(), cell(id).getFormula()])).toEqual([
      ['+1 for the intro', ''],
      ['007', ''],
      ['Call her', ''],
      ['=not a formula', ''],
      ['2026-01-09 works', ''],
    ]);
    // A formula of the user's in the column: only the changed cells are written, the formula stays.
    cell('C-0002').setFormula('=1+1');
    coachTypes(t, copy, 'C-0001', "'+1 for the intro, and thanks");
    coachTypes(t, copy, 'C-0003', "'-call her first");
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(['C-0001', 'C-0002', 'C-0003'].map((id) => [cell(id).getValue(), cell(id).getFormula()])).toEqual([
      ['+1 for the intro, and thanks', ''],
      [2, '=1+1'],
      ['-call her first', ''],
    ]);
  });
  it('writing the feedback back never writes over a value an array formula spilled into the column', () => {
    const t = tracker();
    ok(t.share());
    const notes = columnOf(t.sheet, 'Notes for coach');
    const column = columnOf(t.sheet, 'Coach feedback');
    expect(column).toBe(notes + 1);
    // On C-0003's row the user's formula fills Notes for coach and, beside it, Coach feedback.
    t.sheet.getRange(rowOf(t.sheet, 'C-0003'), notes).setFormula('=HSTACK("see below", "ask her")');
    expect(t.sheet.getRange(rowOf(t.sheet, 'C-0003'), column).getValue()).toBe('ask her');
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0002', 'Good');
    coachTypes(t, copy, 'C-0004', 'Better');
    ok(t.run('updateCoachViewNow').result as CoachResult);
    const row = rowOf(t.sheet, 'C-0003');
    expect(t.sheet.getRange(row, notes, 1, 2).getValues()).toEqual([['see below', 'ask her']]);
    expect(t.sheet.getRange(row, column).getFormula()).toBe('');
    expect([feedbackIn(t.sheet, 'C-0002'), feedbackIn(t.sheet, 'C-0004')]).toEqual(['Good', 'Better']);
  });

  it('nor over one an array formula on a row above, in a column to its left, spilled into it', () => {
    const t = tracker();
    ok(t.share());
    const notes = columnOf(t.sheet, 'Notes for coach');
    const column = columnOf(t.sheet, 'Coach feedback');
    // On C-0002's row the user's formula fills two rows of Notes for coach and Coach feedback.
    t.sheet.getRange(rowOf(t.sheet, 'C-0002'), notes).setFormula('={"see below","x";"and here","ask her"}');
    const below = rowOf(t.sheet, 'C-0003');
    expect(t.sheet.getRange(below, column).getValue()).toBe('ask her');
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0001', 'Good');
    coachTypes(t, copy, 'C-0004', 'Better');
    ok(t.run('updateCoachViewNow').result as CoachResult);
    expect(t.sheet.getRange(rowOf(t.sheet, 'C-0002'), notes, 2, 2).getValues()).toEqual([
      ['see below', 'x'],
      ['and here', 'ask her'],
    ]);
    expect([feedbackIn(t.sheet, 'C-0001'), feedbackIn(t.sheet, 'C-0004')]).toEqual(['Good', 'Better']);
  });

  it('the private Notes column renamed "Notes for coach" after that column was deleted stays private: not offered, not copied on Update', () => {
    const t = tracker();
    ok(t.share());
    t.sheet.getRange(2, columnOf(t.sheet, 'Notes')).setValue('SECRET-PRIVATE');
    t.sheet.deleteColumn(columnOf(t.sheet, 'Notes for coach'));
    t.sheet.getRange(1, columnOf(t.sheet, 'Notes')).setValue('Notes for coach');
    const state = t.run('getCoachSharing').result as { columns: { id: string; header: string; shared: boolean }[] };
    expect(state.columns.filter((c) => c.header === 'Notes for coach').map((c) => [c.id, c.shared])).toEqual([['c:notes', false]]);
    ok(t.run('updateCoachViewNow').result as CoachResult);
    const copy = copyOf(t.emu);
    expect(
      copy
        .getSheets()
        .flatMap((s) => s.getDataRange().getValues().flat().map(String))
        .join('\n'),
    ).not.toContain('SECRET-PRIVATE');
  });

  it('the Coach feedback column is not added under a merge right of the tracker: refused, naming the cell, and no header written', () => {
    const t = tracker();
    const column = t.sheet.getLastColumn() + 1;
    // Across the header row only: Google refuses a merge across the frozen header's edge.
    t.sheet.getRange(1, column, 1, 2).merge();
    const merge = t.sheet.getRange(1, column, 1, 2).getA1Notation();
    const result = t.share();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(new RegExp(`^Cell ${t.sheet.getRange(1, column).getA1Notation()} is part of the merged cells ${merge}`));
    expect(t.sheet.getRange(1, column).getValue()).toBe('');
  });

  it('feedback for a Coach feedback cell under a merge is refused, naming the cell, and neither the tracker nor the copy changes', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    coachTypes(t, copy, 'C-0003', 'great contact');
    const column = columnOf(t.sheet, 'Coach feedback');
    const top = rowOf(t.sheet, 'C-0002');
    expect(rowOf(t.sheet, 'C-0003')).toBe(top + 1);
    t.sheet.getRange(top, column, 2, 1).merge();
    const merge = t.sheet.getRange(top, column, 2, 1).getA1Notation();
    const trackerBefore = t.sheet.getDataRange().getValues();
    const copyBefore = copy.getSheetByName('Progress')!.getDataRange().getValues();
    const result = t.run('updateCoachViewNow').result as CoachResult;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      new RegExp(`^Cell ${t.sheet.getRange(top + 1, column).getA1Notation()} is part of the merged cells ${merge}, .*Unmerge`),
    );
    expect(t.sheet.getDataRange().getValues()).toEqual(trackerBefore);
    expect(copy.getSheetByName('Progress')!.getDataRange().getValues()).toEqual(copyBefore);
  });
});

describe('the coach copy is protected, and keeps text as text', () => {
  it('the coach can type only in Coach feedback: Contact IDs and the other columns are protected', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    const edit = (header: string) =>
      t.emu.actAs(COACH, () => {
        const p = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
        p.getRange(rowOf(p, 'C-0001'), columnOf(p, header)).setValue('C-0002');
      });
    expect(() => edit('Contact ID')).toThrow(PROTECTED);
    expect(() => edit('Stage')).toThrow(PROTECTED);
    expect(() => t.emu.actAs(COACH, () => t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!.getRange('A1').setValue('Notes'))).toThrow(
      PROTECTED,
    );
    coachTypes(t, copy, 'C-0001', 'Fine');
    // Updating (and sharing again) keeps one protection, and the coach can still type feedback.
    ok(t.run('updateCoachViewNow').result as CoachResult);
    ok(t.share());
    expect(copy.getSheetByName('Progress')!.getProtections(t.spreadsheetApp.ProtectionType.SHEET)).toHaveLength(1);
    coachTypes(t, copy, 'C-0003', 'Still works');
    expect(() => edit('Contact ID')).toThrow(PROTECTED);
  });

  it('values starting with + or - reach the copy, and come back from it, as text', () => {
    const t = tracker();
    const notes = columnOf(t.sheet, 'Notes for coach');
    t.sheet.getRange(rowOf(t.sheet, 'C-0001'), notes).setValue("'+1 more intro");
    t.sheet.getRange(rowOf(t.sheet, 'C-0002'), notes).setValue("'-not yet");
    t.sheet.getRange(rowOf(t.sheet, 'C-0003'), columnOf(t.sheet, 'role')).setValue("'+ops lead");
    ok(t.share());
    const copy = copyOf(t.emu);
    const p = copy.getSheetByName('Progress')!;
    const cell = (id: string, header: string) => p.getRange(rowOf(p, id), columnOf(p, header));
    expect(cell('C-0001', 'Notes for coach').getValue()).toBe('+1 more intro');
    expect(cell('C-0002', 'Notes for coach').getValue()).toBe('-not yet');
    expect(cell('C-0001', 'Notes for coach').getFormula()).toBe('');
    expect(cell('C-0003', 'role').getValue()).toBe('+ops lead');
    expect(cell('C-0003', 'role').getFormula()).toBe('');
    coachTypes(t, copy, 'C-0001', "'+2 calls this week");
    coachTypes(t, copy, 'C-0002', "'- send the CV first");
    ok(t.run('updateCoachViewNow').result as CoachResult);
    for (const [id, text] of [
      ['C-0001', '+2 calls this week'],
      ['C-0002', '- send the CV first'],
    ]) {
      const c = t.sheet.getRange(rowOf(t.sheet, id), columnOf(t.sheet, 'Coach feedback'));
      expect(c.getValue()).toBe(text);
      expect(c.getFormula()).toBe('');
      expect(cell(id, 'Coach feedback').getValue()).toBe(text);
    }
  });
});

describe('names the user did not share stay out of the copy', () => {
  const CSV = 'First name,Last name,Company,Title\nJo,Ellis,Northwind,Engineer\nAmara,Obi,State University,Professor\nAl,,Contoso,Nurse\n';

  function namesTracker() {
    const t = tracker({ csv: CSV });
    // Jo and Al (no last name) are overdue for a follow-up, and Al introduced Amara: the dashboard
    // names them, Al alone in the introductions list.
    for (const id of ['C-0001', 'C-0003']) {
      t.sheet.getRange(rowOf(t.sheet, id), columnOf(t.sheet, 'Stage')).setValue('Pitched');
      t.sheet.getRange(rowOf(t.sheet, id), columnOf(t.sheet, 'Next follow-up')).setValue('2020-01-06');
    }
    t.sheet.getRange(rowOf(t.sheet, 'C-0002'), columnOf(t.sheet, 'Referred by')).setValue('C-0003');
    t.run('refreshDashboard');
    const dash = t.ss.getSheetByName('Dashboard')!.getDataRange().getValues().flat();
    expect(dash.some((v) => typeof v === 'string' && v.includes('Jo Ellis'))).toBe(true);
    expect(dash).toContain('Al');
    return t;
  }
  const words = (copy: EmuSpreadsheet) =>
    copy
      .getSheets()
      .flatMap((s) => s.getDataRange().getValues().flat().map(String))
      .join('\n');

  it('sharing only the first name: no last name anywhere in the copy, dashboard lists withheld', () => {
    const t = namesTracker();
    const state = t.run('getCoachSharing').result as { columns: { id: string; shared: boolean }[] };
    const shared = [...state.columns.filter((c) => c.shared && c.id !== 'c:lastName').map((c) => c.id), 't:referredBy'];
    ok(t.share({ shared }));
    const copy = copyOf(t.emu);
    const text = words(copy);
    for (const last of ['Ellis', 'Obi']) expect(text).not.toMatch(new RegExp(`\\b${last}\\b`));
    expect(text).toContain('(names not shared)');
    const p = copy.getSheetByName('Progress')!;
    expect(p.getRange(rowOf(p, 'C-0002'), columnOf(p, 'Referred by')).getValue()).toBe('C-0003');
    expect(p.getRange(rowOf(p, 'C-0001'), columnOf(p, 'First name')).getValue()).toBe('Jo');
  });

  it('names withheld but Referred by shared: free text there is withheld, Contact IDs pass', () => {
    const t = namesTracker();
    t.sheet.getRange(rowOf(t.sheet, 'C-0001'), columnOf(t.sheet, 'Referred by')).setValue('Kenji told me (Rosa Jiménez)');
    const state = t.run('getCoachSharing').result as { columns: { id: string; shared: boolean }[] };
    ok(t.share({ shared: [...state.columns.filter((c) => c.shared && !/^c:(first|last)Name$/.test(c.id)).map((c) => c.id), 't:referredBy'] }));
    const copy = copyOf(t.emu);
    expect(words(copy)).not.toMatch(/Kenji|Rosa|Jiménez/);
    const p = copy.getSheetByName('Progress')!;
    expect(p.getRange(rowOf(p, 'C-0001'), columnOf(p, 'Referred by')).getValue()).toBe('(names not shared)');
    expect(p.getRange(rowOf(p, 'C-0002'), columnOf(p, 'Referred by')).getValue()).toBe('C-0003');
  });

  it('names withheld: text typed in Contact ID that is not an ID leaves the row out of the copy, and never passes as a referrer', () => {
    const t = namesTracker();
    const leak = 'Rosa Jimenez (ask Kenji)';
    t.sheet.getRange(5, 1, 1, 4).setValues([['Rosa', 'Jimenez', 'Acme', 'CTO']]);
    t.sheet.getRange(5, columnOf(t.sheet, 'Contact ID')).setValue(leak);
    t.sheet.getRange(rowOf(t.sheet, 'C-0001'), columnOf(t.sheet, 'Referred by')).setValue(leak);
    const state = t.run('getCoachSharing').result as { columns: { id: string; shared: boolean }[] };
    const result = ok(t.share({ shared: [...state.columns.filter((c) => c.shared && !/^c:(first|last)Name$/.test(c.id)).map((c) => c.id), 't:referredBy'] }));
    const copy = copyOf(t.emu);
    expect(words(copy)).not.toMatch(/Rosa|Jimenez|Kenji/);
    const p = copy.getSheetByName('Progress')!;
    expect(p.getRange(rowOf(p, 'C-0001'), columnOf(p, 'Referred by')).getValue()).toBe('(names not shared)');
    expect(p.getLastRow()).toBe(4);
    expect(result.message).toMatch(/1 row without a Contact ID was left out/);
  });

  it('sharing no name column: even two-letter names are withheld from the dashboard copy', () => {
    const t = namesTracker();
    const state = t.run('getCoachSharing').result as { columns: { id: string; shared: boolean }[] };
    ok(t.share({ shared: state.columns.filter((c) => c.shared && !/^c:(first|last)Name$/.test(c.id)).map((c) => c.id) }));
    const text = words(copyOf(t.emu));
    for (const name of ['Jo', 'Al', 'Amara', 'Ellis', 'Obi']) expect(text).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('sharing every name column shows the names, and whom each contact was referred by', () => {
    const t = namesTracker();
    const state = t.run('getCoachSharing').result as { columns: { id: string; shared: boolean }[] };
    ok(t.share({ shared: [...state.columns.filter((c) => c.shared).map((c) => c.id), 't:referredBy'] }));
    const copy = copyOf(t.emu);
    expect(words(copy)).toContain('Jo Ellis');
    const p = copy.getSheetByName('Progress')!;
    expect(p.getRange(rowOf(p, 'C-0002'), columnOf(p, 'Referred by')).getValue()).toBe('Al (C-0003)');
  });

  it("the tracker's Coach feedback column says that it is copied to the coach", () => {
    const t = tracker();
    ok(t.share());
    expect(t.sheet.getRange(1, columnOf(t.sheet, 'Coach feedback')).getNote()).toMatch(/coach view.*coach (sees|can read)/is);
  });
});

describe('when Google refuses, or the copy cannot be opened', () => {
  it('Stop with the spreadsheets scope removed keeps the coach, says what to do, and works once the scope is back', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.scopes = CURRENT_ONLY;
    const message = failed(stop(t));
    expect(message).toContain(COACH);
    expect(message).toMatch(/Share/);
    expect(access(copy).editors).toEqual([COACH]);
    expect(stored(t)).toMatchObject({ email: COACH, mode: 'copy' });
    expect((t.run('getCoachSharing').result as { coach: unknown }).coach).toMatchObject({ email: COACH });
    // Running it again is just as safe.
    failed(stop(t));
    expect(stored(t)).toMatchObject({ email: COACH });

    t.emu.scopes = MANIFEST;
    ok(stop(t));
    expect(access(copy).editors).toEqual([]);
    expect(stored(t)).toBeNull();
  });

  it('after removing the coach by hand, the user can tell the add-on to forget them', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.scopes = CURRENT_ONLY;
    failed(stop(t));
    copy._editors.delete(COACH); // the user, in the copy's Share dialog (not a script)
    const r = ok(stop(t, { forget: true }));
    expect(r.state.coach).toBeNull();
    expect(r.message).toMatch(/forgot/i);
    expect(stored(t)).toBeNull();
  });

  it('a failed switch keeps the old access and the record true: no tracker for a copy', () => {
    const t = tracker();
    ok(t.share({ mode: 'direct', acknowledged: true }));
    // The tracker sheet goes away: a coach copy cannot be made.
    t.ss.insertSheet('Other');
    t.ss.deleteSheet(t.ss.getSheetByName('Contacts')!);
    expect(failed(t.share())).toMatch(/no tracker/);
    expect(access(t.ss).viewers).toEqual([COACH]);
    expect(stored(t)).toMatchObject({ email: COACH, mode: 'direct' });
  });

  it('a failed switch keeps the old access: Google refuses the new coach', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.sharingPolicy = { allowedDomains: ['example.com'] };
    failed(t.share({ email: 'someone@elsewhere.org', mode: 'direct', acknowledged: true }));
    expect(access(copy).editors).toEqual([COACH]);
    expect(access(t.ss)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
    expect(stored(t)).toMatchObject({ email: COACH, mode: 'copy' });
  });

  it('a switch whose old access cannot be taken back yet says so, and Stop takes it back later', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.scopes = CURRENT_ONLY;
    const r = ok(t.share({ email: 'other.coach@example.com', mode: 'direct', acknowledged: true }));
    expect(access(t.ss).viewers).toEqual(['other.coach@example.com']);
    expect(r.message).toMatch(new RegExp(`could not take back.*${COACH}`, 's'));
    expect(access(copy).editors).toEqual([COACH]);
    t.emu.scopes = MANIFEST;
    ok(stop(t));
    expect(access(copy).editors).toEqual([]);
    expect(access(t.ss).viewers).toEqual([]);
    expect(stored(t)).toBeNull();
  });

  it('a domain that blocks sharing outside it: a clear message, one copy however often it is tried, then shared', () => {
    const t = tracker();
    t.emu.sharingPolicy = { allowedDomains: ['uni.example.edu'] };
    for (let i = 0; i < 2; i++) {
      const message = failed(t.share());
      expect(message).toMatch(/organi[sz]ation|administrator/);
      expect(message).toContain(COACH);
    }
    const copy = copyOf(t.emu);
    expect(access(copy).editors).toEqual([]);
    expect(stored(t)).toBeNull();
    t.emu.sharingPolicy = null;
    ok(t.share());
    expect(copyOf(t.emu)).toBe(copy);
    expect(access(copy).editors).toEqual([COACH]);
  });

  it('a refused address, then a corrected one: the coach view made for the first is used, none is left behind', () => {
    const t = tracker();
    t.emu.sharingPolicy = { allowedDomains: ['uni.example.edu'] };
    failed(t.share({ email: 'coach@gmail.com' }));
    const refused = copyOf(t.emu);
    const allowed = 'coach@uni.example.edu';
    ok(t.share({ email: allowed }));
    expect(copyOf(t.emu)).toBe(refused);
    expect(access(refused).editors).toEqual([allowed]);
  });

  it('an unshared copy that someone can open after all (a store write lost) is not handed to another coach', () => {
    const t = tracker();
    t.emu.sharingPolicy = { allowedDomains: ['uni.example.edu'] };
    failed(t.share({ email: 'coach@gmail.com' }));
    const refused = copyOf(t.emu);
    t.emu.sharingPolicy = null;
    refused.addViewer('someone@example.com');
    ok(t.share({ email: 'coach@uni.example.edu' }));
    const copies = [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
    expect(copies).toHaveLength(2);
    expect(access(refused).editors).toEqual([]);
  });

  it('a copy once shared with one coach is never handed to another after Stop', () => {
    const t = tracker();
    ok(t.share());
    const first = copyOf(t.emu);
    ok(stop(t));
    ok(t.share({ email: 'other@example.com' }));
    const copies = [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
    expect(copies).toHaveLength(2);
    expect(access(first).editors).toEqual([]);
  });

  it("sharing without any spreadsheet scope explains instead of failing with Google's error", () => {
    const t = tracker({ scopes: ['https://www.googleapis.com/auth/script.container.ui'] });
    const message = failed(t.share({ mode: 'direct', acknowledged: true }));
    expect(message).toMatch(/permission/);
    expect(access(t.ss).viewers).toEqual([]);
  });

  it('the success message says when the coach can also open the tracker', () => {
    const t = tracker();
    t.ss.addViewer(COACH);
    const r = ok(t.share());
    expect(r.message).not.toMatch(/cannot open your tracker/);
    expect(r.message).toMatch(/can also open your tracker.*viewer/s);
    const plain = tracker();
    expect(ok(plain.share()).message).toMatch(/cannot open your tracker/);
  });
});

describe('sharing the tracker itself', () => {
  it('works under spreadsheets.currentonly, after the warning is acknowledged', () => {
    const t = tracker({ scopes: CURRENT_ONLY });
    const refused = t.share({ mode: 'direct' });
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/I understand/) });
    expect(access(t.ss).viewers).toEqual([]);

    const r = ok(t.share({ mode: 'direct', acknowledged: true }));
    expect(r.state.coach).toMatchObject({ email: COACH, mode: 'direct', role: 'viewer', url: t.ss.getUrl() });
    expect(access(t.ss).viewers).toEqual([COACH]);
    // The coach opens it in Sheets; the script's own scope has nothing to do with that.
    expect(accessOf(t.ss, COACH)).toBe('viewer');
  });

  it('the warning lists every sheet, including hidden ones, the private columns and the Interview log', () => {
    const t = tracker();
    t.ss.insertSheet('Interview log');
    t.ss.insertSheet('Old notes').hideSheet();
    const state = t.run('getCoachSharing').result as { directWarning: { viewer: string[]; editor: string[] } };
    const text = state.directWarning.editor.join('\n');
    expect(text).toContain('“Contacts”');
    expect(text).toContain('hidden sheet “Old notes”');
    expect(text).toContain('“Notes”');
    expect(text).toContain('Interview log');
    expect(text).toContain('version history');
  });

  it('never demotes or removes someone who had access for another reason', () => {
    const t = tracker();
    t.ss.addEditor(COACH);
    const r = ok(t.share({ mode: 'direct', role: 'viewer', acknowledged: true }));
    expect(r.message).toMatch(/stay an editor/);
    expect(access(t.ss).editors).toEqual([COACH]);
    ok(t.run('stopSharingWithCoachNow').result as CoachResult);
    expect(access(t.ss).editors).toEqual([COACH]);

    // A viewer made editor by the add-on: Apps Script cannot tell them from a commenter, so rather
    // than risk taking comment access away, Stop leaves them an editor and says so.
    const v = tracker();
    v.ss.addViewer(COACH);
    ok(v.share({ mode: 'direct', role: 'editor', acknowledged: true }));
    expect(access(v.ss)).toMatchObject({ editors: [COACH], viewers: [] });
    const s = ok(v.run('stopSharingWithCoachNow').result as CoachResult);
    expect(access(v.ss)).toMatchObject({ editors: [COACH], viewers: [] });
    expect(s.message).toMatch(/still an editor.*set them back to Viewer or Commenter/s);
  });

  it('never demotes a coach who could comment: Apps Script reads a commenter as a viewer', () => {
    const t = tracker();
    t.ss._commenters.add(COACH);
    ok(t.share({ mode: 'direct', role: 'viewer', acknowledged: true }));
    expect(accessOf(t.ss, COACH)).toBe('commenter');
    const r = ok(t.share({ mode: 'direct', role: 'editor', acknowledged: true }));
    expect(accessOf(t.ss, COACH)).toBe('editor');
    expect(r.message).toMatch(/comment/);
    const s = ok(stop(t));
    // Not made a plain viewer (which would take their comments away): left for the user to set back.
    expect(accessOf(t.ss, COACH)).toBe('editor');
    expect(s.message).toMatch(/Share/);
  });

  it('takes back access given to an address typed in capitals', () => {
    const t = tracker();
    ok(t.share({ email: 'Coach@Example.com', mode: 'direct', role: 'editor', acknowledged: true }));
    expect(accessOf(t.ss, COACH)).toBe('editor');
    ok(stop(t));
    expect(accessOf(t.ss, COACH)).toBeNull();
  });

  it('never shares with or removes the owner', () => {
    const t = tracker();
    const r = t.share({ email: 'ME@example.com', mode: 'direct', acknowledged: true });
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/owns this spreadsheet/) });
    expect(access(t.ss)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
  });

  it('is idempotent, and the coach and mode are remembered in document properties', () => {
    const t = tracker();
    ok(t.share({ mode: 'direct', acknowledged: true }));
    ok(t.share({ mode: 'direct', acknowledged: true }));
    expect(access(t.ss).viewers).toEqual([COACH]);
    const stored = JSON.parse(t.emu.properties.document.get('iit.coach')!);
    expect(stored).toMatchObject({ email: COACH, mode: 'direct', role: 'viewer', before: 'none' });
    ok(t.run('stopSharingWithCoachNow').result as CoachResult);
    ok(t.run('stopSharingWithCoachNow').result as CoachResult);
    expect(access(t.ss)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
    expect(t.emu.properties.document.get('iit.coach')).toBe('');
  });
});

describe('bad input', () => {
  it.each(['', 'coach', 'coach@example', 'a@example.com; b@example.com', 'co ach@example.com'])('refuses %j with a clear message and no change', (email) => {
    const t = tracker();
    const props = new Map(t.emu.properties.document);
    const files = t.emu.files.size;
    const before = table(t.sheet);
    const r = t.share({ email });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/email/i);
    expect(t.emu.files.size).toBe(files);
    expect(new Map(t.emu.properties.document)).toEqual(props);
    expect(table(t.sheet)).toEqual(before);
    expect(access(t.ss)).toEqual({ owner: 'me@example.com', editors: [], viewers: [] });
  });

  it('waits for the document lock and changes nothing when it cannot have it', () => {
    const t = tracker();
    t.emu.locks.holdByOther('document', 60_000);
    const r = t.share();
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/busy/) });
    expect([...t.emu.files.values()].some((f) => f.getName().endsWith('coach view'))).toBe(false);
  });
});

describe('menu items', () => {
  it('the menu has the three items, and they open the dialog, update and stop with a question', () => {
    const t = tracker();
    t.run('onOpen', { authMode: 'FULL' });
    const captions = t.emu.ui.menus
      .flatMap((m) => m.items)
      .filter((i) => i.type === 'item')
      .map((i) => (i as { caption: string }).caption);
    expect(captions).toEqual(expect.arrayContaining(['Share with coach…', 'Update coach view', 'Stop sharing with coach']));

    t.run('shareWithCoach');
    expect(t.emu.ui.dialogs.at(-1)).toMatchObject({ title: 'Share with coach', modal: true });
    expect(t.emu.ui.dialogs.at(-1)!.html).toContain('Your coach');

    const notShared = t.run('updateCoachView').result as CoachResult;
    expect(notShared.ok).toBe(false);
    expect(t.emu.ui.alerts.at(-1)!.prompt).toMatch(/not shared with a coach yet/);

    ok(t.share());
    t.emu.ui.answer('NO');
    expect((t.run('stopSharingWithCoach').result as CoachResult).ok).toBe(false);
    expect(access(copyOf(t.emu)).editors).toEqual([COACH]);
    t.emu.ui.answer('YES');
    ok(t.run('stopSharingWithCoach').result as CoachResult);
    expect(access(copyOf(t.emu)).editors).toEqual([]);
  });

  it('Stop from the menu, when the copy cannot be opened, asks whether the coach was removed by hand before forgetting them', () => {
    const t = tracker();
    ok(t.share());
    const copy = copyOf(t.emu);
    t.emu.scopes = CURRENT_ONLY;
    t.emu.ui.answer('YES'); // take back the access?
    t.emu.ui.answer('NO'); // removed them yourself?
    expect((t.run('stopSharingWithCoach').result as CoachResult).ok).toBe(false);
    expect(t.emu.ui.alerts.at(-1)!.prompt).toMatch(/Have you removed coach@example\.com yourself/);
    expect(stored(t)).toMatchObject({ email: COACH });
    copy._editors.delete(COACH);
    t.emu.ui.answer('YES');
    t.emu.ui.answer('YES');
    ok(t.run('stopSharingWithCoach').result as CoachResult);
    expect(t.emu.ui.alerts.at(-1)!.prompt).toMatch(/forgotten/);
    expect(stored(t)).toBeNull();
  });
});
