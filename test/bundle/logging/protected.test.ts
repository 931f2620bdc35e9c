// Issue 16: the owner protects a tracker column (or the Interview log) and an editor logs an
// event. Every cell the event would write is checked before the first write: the editor is told
// in plain words which column is protected, and nothing at all is written (no tracker cell, no
// referral row, no log sheet, no log row), so a retry once the owner gives access starts clean.
import { describe, expect, it } from 'vitest';
import { emulatorState } from '../../../local/emulator/state.ts';
import type { LogResult } from '../../../src/shared/types.ts';
import { type App, headerOf, log, logSheet, tracker } from './log-world.ts';

const EDITOR = 'editor@example.com';
const DATE = '2026-01-09';

// One event of each kind, on a contact whose row it changes.
const KINDS: { kind: string; fn: string; input: object }[] = [
  { kind: 'pitch', fn: 'logPitchSent', input: { contactIds: ['C-0001'] } },
  { kind: 'reply', fn: 'logReply', input: { contactIds: ['C-0002'], meetingDate: '2026-01-16' } },
  { kind: 'followUp', fn: 'logFollowUp', input: { contactIds: ['C-0003'] } },
  {
    kind: 'interview',
    fn: 'logInterview',
    input: { contactIds: ['C-0002'], minutes: 30, referrals: [{ name: 'Dana Scully', company: 'FBI' }, { name: 'Liam OConnor' }] },
  },
  { kind: 'thankYou', fn: 'logThankYou', input: { contactIds: ['C-0004'] } },
  { kind: 'declined', fn: 'logDeclined', input: { contactIds: ['C-0003'] } },
  { kind: 'jobInterview', fn: 'logOutcome', input: { contactIds: ['C-0004'], kind: 'job_interview', company: 'Globex' } },
  { kind: 'offer', fn: 'logOutcome', input: { contactIds: ['C-0004'], kind: 'offer', company: 'Globex' } },
];

const request = (input: object, eventId = 'protected-event-1') => ({ eventId, date: DATE, ...input });

/** A tracker shared with an editor; the owner protects the column headed `header` against everyone else. */
function protectedColumn(header: string): App {
  const app = tracker();
  app.ss.addEditor(EDITOR);
  const column = headerOf(app.sheet).indexOf(header) + 1;
  const protection = app.sheet.getRange(1, column, app.sheet.getMaxRows(), 1).protect();
  protection.removeEditors(protection.getEditors());
  return app;
}

function asEditor(app: App, fn: string, input: object): LogResult {
  return app.emu.actAs(EDITOR, () => app.bundle.run(fn, [input]).result as LogResult);
}

/** The tracker columns (by header) whose cells an event changes, from a run by the owner. */
function columnsWritten(fn: string, input: object): string[] {
  const app = tracker();
  const before = app.sheet.getDataRange().getValues();
  log(app, fn, request(input));
  const after = app.sheet.getDataRange().getValues();
  const header = headerOf(app.sheet);
  return header.filter((_, c) => before.some((row, r) => String(row[c]) !== String(after[r][c])));
}

describe('an editor logging into a column the owner protected', () => {
  for (const { kind, fn, input } of KINDS) {
    it(`${kind}: refused in plain words naming the column, nothing written, and it works once the owner gives access`, () => {
      const written = columnsWritten(fn, input);
      const header = written.includes('Next follow-up') ? 'Next follow-up' : written[0];
      expect(header).toBeDefined();
      const app = protectedColumn(header);
      const before = emulatorState(app.emu);
      const result = asEditor(app, fn, request(input));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.message).toContain(`"${header}"`);
      expect(result.message).toMatch(/protected/i);
      expect(result.message).toContain('Nothing was logged.');
      expect(result.message).not.toContain('You are trying to edit a protected cell');
      expect(emulatorState(app.emu)).toEqual(before);
      expect(logSheet(app)).toBeNull();
      // The owner gives the editor the column; the same event then logs.
      const protection = app.sheet.getProtections('RANGE')[0];
      protection.addEditor(EDITOR);
      const retry = asEditor(app, fn, request(input));
      expect(retry.ok).toBe(true);
    });
  }

  it('the Interview log protected: refused naming the log, the tracker untouched', () => {
    const app = tracker();
    app.ss.addEditor(EDITOR);
    log(app, 'logPitchSent', request({ contactIds: ['C-0004'] }, 'earlier-event'));
    const protection = logSheet(app).protect();
    protection.removeEditors(protection.getEditors());
    const before = emulatorState(app.emu);
    const result = asEditor(app, 'logPitchSent', request({ contactIds: ['C-0001'] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain('"Interview log"');
    expect(result.message).toMatch(/protected/i);
    expect(emulatorState(app.emu)).toEqual(before);
  });
});

describe("the Dashboard's protected: the first logged event still logs", () => {
  it('an editor logs while the Dashboard is protected: logged, the link to the log waits for someone who may write it', () => {
    const app = tracker();
    app.ss.addEditor(EDITOR);
    const dashboard = app.ss.getSheetByName('Dashboard')!;
    const protection = dashboard.protect();
    protection.removeEditors(protection.getEditors());
    const result = app.emu.actAs(EDITOR, () => app.bundle.run('logPitchSent', [request({ contactIds: ['C-0001'] })]).result as LogResult);
    if (!result.ok) throw new Error(result.message);
    expect(result.logged).toBe(1);
    const awaiting = () => JSON.parse(app.emu.properties.document.get('iit.dashboard')!).awaitingLog;
    expect(awaiting()).toBeDefined();
    // The owner's next event writes the link.
    log(app, 'logPitchSent', request({ contactIds: ['C-0002'] }, 'protected-event-2'));
    expect(awaiting()).toBeUndefined();
    expect(
      dashboard
        .getDataRange()
        .getFormulas()
        .flat()
        .some((f) => f.includes('Interview log')),
    ).toBe(true);
  });
});

describe("another sheet's protections are its own", () => {
  // The protections of every sheet are read at once (Spreadsheet.getProtections): one on another
  // sheet, over the very cells the event writes in the tracker and the log, must not refuse it.
  it('an editor logs while a range of the Dashboard covering the same cells is protected', () => {
    const app = tracker();
    app.ss.addEditor(EDITOR);
    log(app, 'logPitchSent', request({ contactIds: ['C-0004'] }, 'earlier-event'));
    const dashboard = app.ss.getSheetByName('Dashboard')!;
    const protection = dashboard.getRange(1, 1, dashboard.getMaxRows(), dashboard.getMaxColumns()).protect();
    protection.removeEditors(protection.getEditors());
    const result = asEditor(app, 'logInterview', request(KINDS.find((k) => k.kind === 'interview')!.input));
    if (!result.ok) throw new Error(result.message);
    expect(result.logged).toBe(1);
    expect(result.referrals).toHaveLength(2);
  });
});
