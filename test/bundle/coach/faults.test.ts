// Sharing with a coach when an execution dies part-way (a service error, the 6-minute limit): the
// access the add-on gives cannot be read back as "given by the add-on", so it is recorded before
// it is given. A fault right after access is given, a retry, then Stop: the coach keeps no access
// the add-on gave. Feedback brought back by an update that died part-way is neither doubled nor
// taken for the user's own words by the next update.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import type { EmuSpreadsheet, EmuSpreadsheetApp } from '../../../local/emulator/spreadsheet/spreadsheet.ts';
import type { SetupResult } from '../../../src/shared/types.ts';
import type { CoachResult, ShareWithCoachInput } from '../../../src/shared/coach.ts';

const COACH = 'coach@example.com';

function tracker() {
  const app = addOn({ csv: readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8'), sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const spreadsheetApp = app.bundle.context.SpreadsheetApp as EmuSpreadsheetApp;
  return { ...app, spreadsheetApp, sheet: app.ss.getSheetByName('Contacts')! };
}
type Tracker = ReturnType<typeof tracker>;

/**
 * Runs `fn` as one execution that dies at the first service call after `after` has run (or
 * once `done()` holds; that call and every later one throw). Returns false when it never died.
 */
function dyingAfter(t: Tracker, after: string | (() => boolean), fn: string, args: unknown[]): boolean {
  let dead = false;
  let last = '';
  t.emu.rt.beforeCall = (name) => {
    if (!dead) dead = typeof after === 'string' ? last === after : after();
    last = name;
    if (dead) throw new Error('Service Spreadsheets failed while accessing document with id x.');
  };
  try {
    t.bundle.run(fn, args);
  } catch {
    // The execution died: what it wrote before stays.
  } finally {
    t.emu.rt.beforeCall = null;
  }
  return dead;
}

const run = (t: Tracker, fn: string, ...args: unknown[]) => t.bundle.run(fn, args).result as CoachResult;
const share = (t: Tracker, input: Partial<ShareWithCoachInput> = {}) => run(t, 'shareWithCoachNow', { email: COACH, mode: 'copy', ...input });

function ok(result: CoachResult): Extract<CoachResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok: ${result.message}`);
  return result;
}

const coachViews = (t: Tracker) => [...t.emu.files.values()].filter((f) => f.getName().endsWith('– coach view'));
const hasAccess = (ss: EmuSpreadsheet) => ss._editors.has(COACH) || ss._viewers.has(COACH);

function columnOf(sheet: { getRange(r: number, c: number, h: number, w: number): { getValues(): unknown[][] }; getLastColumn(): number }, header: string) {
  const c = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].indexOf(header);
  if (c < 0) throw new Error(`no column ${header}`);
  return c + 1;
}

describe('access given just before the execution died', () => {
  const cases: { name: string; input: Partial<ShareWithCoachInput>; grant: string }[] = [
    { name: 'coach copy, editor', input: { mode: 'copy', role: 'editor' }, grant: 'Spreadsheet.addEditor' },
    { name: 'coach copy, viewer', input: { mode: 'copy', role: 'viewer' }, grant: 'Spreadsheet.addViewer' },
    { name: 'the tracker itself, viewer', input: { mode: 'direct', role: 'viewer', acknowledged: true }, grant: 'Spreadsheet.addViewer' },
    { name: 'the tracker itself, editor', input: { mode: 'direct', role: 'editor', acknowledged: true }, grant: 'Spreadsheet.addEditor' },
  ];
  for (const c of cases) {
    it(`${c.name}: a retry, then Stop, leaves the coach no access the add-on gave`, () => {
      const t = tracker();
      expect(dyingAfter(t, c.grant, 'shareWithCoachNow', [{ email: COACH, ...c.input }])).toBe(true);
      const file = c.input.mode === 'direct' ? t.ss : coachViews(t)[0];
      expect(hasAccess(file)).toBe(true);

      const retry = ok(share(t, c.input));
      // The retry knows the access is the add-on's, not access the coach had before.
      expect(retry.message).not.toMatch(/already has access/);
      ok(run(t, 'stopSharingWithCoachNow'));
      expect(hasAccess(file)).toBe(false);
      expect(coachViews(t).length).toBeLessThanOrEqual(1);
    });
  }

  it('Stop straight after the dying share (no retry) takes the access back too', () => {
    const t = tracker();
    expect(dyingAfter(t, 'Spreadsheet.addEditor', 'shareWithCoachNow', [{ email: COACH, mode: 'copy' }])).toBe(true);
    ok(run(t, 'stopSharingWithCoachNow'));
    expect(hasAccess(coachViews(t)[0])).toBe(false);
  });

  it('access the coach had before is kept whatever failed', () => {
    const t = tracker();
    t.ss.addViewer(COACH);
    expect(dyingAfter(t, 'Spreadsheet.addEditor', 'shareWithCoachNow', [{ email: COACH, mode: 'direct', role: 'editor', acknowledged: true }])).toBe(true);
    ok(share(t, { mode: 'direct', role: 'editor', acknowledged: true }));
    ok(run(t, 'stopSharingWithCoachNow'));
    // Promoted from view (or comment) access: left an editor, as the README says, never removed.
    expect(t.ss._editors.has(COACH) || t.ss._viewers.has(COACH)).toBe(true);
  });
});

describe('an update that died after bringing feedback back', () => {
  function sharedWithFeedback(trackerText: string, coachText: string) {
    const t = tracker();
    ok(share(t));
    const copy = coachViews(t)[0];
    const feedbackColumn = columnOf(t.sheet, 'Coach feedback');
    if (trackerText) t.sheet.getRange(3, feedbackColumn).setValue(trackerText);
    ok(run(t, 'updateCoachViewNow'));
    t.emu.actAs(COACH, () => {
      const progress = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
      progress.getRange(3, columnOf(progress, 'Coach feedback')).setValue(coachText);
    });
    // Read without a service call: the hook runs between the script's calls.
    const written = () => t.sheet._readValues({ row: 3, col: feedbackColumn, numRows: 1, numCols: 1 })[0][0] !== before;
    const before = t.sheet.getRange(3, feedbackColumn).getValue();
    return { t, copy, written, cell: () => t.sheet.getRange(3, feedbackColumn).getValue() as string };
  }

  /** The execution dies right after the tracker's Coach feedback cell was written. */
  const dyingUpdate = (s: { t: Tracker; written: () => boolean }) => expect(dyingAfter(s.t, s.written, 'updateCoachViewNow', [])).toBe(true);

  it("the coach's text under the user's is not added twice", () => {
    const s = sharedWithFeedback('My own note', 'Ask about the alumni list');
    const { t, cell } = s;
    dyingUpdate(s);
    ok(run(t, 'updateCoachViewNow'));
    expect(cell()).toBe('My own note\n\nAsk about the alumni list');
  });

  it("the coach's text stays the coach's: their next edit replaces it, as after an update that never failed", () => {
    const s = sharedWithFeedback('', 'Ask about the alumni list');
    const { t, copy, cell } = s;
    dyingUpdate(s);
    ok(run(t, 'updateCoachViewNow'));
    expect(cell()).toBe('Ask about the alumni list');
    t.emu.actAs(COACH, () => {
      const progress = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
      progress.getRange(3, columnOf(progress, 'Coach feedback')).setValue('Skip the alumni list');
    });
    ok(run(t, 'updateCoachViewNow'));
    expect(cell()).toBe('Skip the alumni list');
  });
});

describe('a protected Coach feedback column in the tracker', () => {
  const EDITOR = 'friend@example.com';

  it('an editor who may not write it is refused in plain words before anything is written, the coach view included', () => {
    const t = tracker();
    ok(share(t));
    const copy = coachViews(t)[0];
    const feedbackColumn = columnOf(t.sheet, 'Coach feedback');
    // The owner lets a friend edit the tracker and the coach view, but protects Coach feedback.
    t.ss.addEditor(EDITOR);
    copy.addEditor(EDITOR);
    const letters = String.fromCharCode(64 + feedbackColumn);
    const protection = t.sheet.getRange(`${letters}:${letters}`).protect().setDescription('Mine');
    // A new protection's editors are the file's: the friend is taken off it.
    protection.removeEditors([EDITOR]);
    t.emu.actAs(COACH, () => {
      const progress = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
      progress.getRange(3, columnOf(progress, 'Coach feedback')).setValue('Ask about the alumni list');
    });
    const files = () => JSON.stringify([...t.emu.files.values()].map((f) => f.getSheets().map((s) => s.getDataRange().getValues())));
    const before = files();
    const properties = JSON.stringify([...t.emu.properties.document]);

    const result = t.emu.actAs(EDITOR, () => run(t, 'updateCoachViewNow'));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Coach feedback \(\w+3\).* is protected/);
    expect(result.message).not.toMatch(/You are trying to edit a protected cell/);
    expect(files()).toBe(before);
    expect(JSON.stringify([...t.emu.properties.document])).toBe(properties);
  });
});

describe('another editor of the tracker updating the coach view', () => {
  it('is told that only its owner can, and nothing is written, when there is feedback to bring back', () => {
    const t = tracker();
    ok(share(t));
    const copy = coachViews(t)[0];
    t.ss.addEditor('friend@example.com');
    copy.addEditor('friend@example.com');
    t.emu.actAs(COACH, () => {
      const progress = t.spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
      progress.getRange(3, columnOf(progress, 'Coach feedback')).setValue('Ask about the alumni list');
    });
    const files = () => JSON.stringify([...t.emu.files.values()].map((f) => f.getSheets().map((s) => s.getDataRange().getValues())));
    const before = files();
    const result = t.emu.actAs('friend@example.com', () => run(t, 'updateCoachViewNow'));
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Only the owner of the coach view \(me@example\.com\) can update it/);
    expect(files()).toBe(before);
  });
});
