// Two executions interleaved at every call (issue 18 item 2). Apps Script runs each execution
// synchronously, so "B runs between A's calls k-1 and k" is modelled by running B to its end
// inside A's k-th service call (interleave.ts). B has its own queue of pending writes (it does not
// see A's unflushed writes, nor A its), its own user, and meets A's document lock: a B that gives up
// on it (the add-on's "busy" answer) is tried again by its user once A has ended. For every k the
// whole end state (local/emulator/state.ts) must be that of A then B, or of B then A, each alone:
// nothing lost, nothing doubled. B may also be a person's own edit in the Sheets window (userEdit),
// which no lock stops.
//
// Sampling: where A makes more than MAX_POINTS service calls (8 by default, to keep `npm test` under
// its time; INTERLEAVE_POINTS=40 for a fuller sweep), the points are the calls at A's lock edges
// (taking it, the flush, releasing it, and the call after each) and the rest evenly spaced
// (interleavingPoints in interleave.ts); every call of A, reads included, is a candidate, as a read
// before B's write may be what goes wrong. A's end (after its last call, before Sheets applies what
// it left waiting) is always tried too.
import { describe, expect, it } from 'vitest';
import { describeInterleaving, interleaveSweep, userEdit, type Attempt } from './interleave.ts';
import { tracker, type App } from '../logging/log-world.ts';
import { withClock } from '../fault-sweep.ts';
import type { CoachResult } from '../../../src/shared/coach.ts';
import type { EmuSpreadsheetApp } from '../../../local/emulator/spreadsheet/spreadsheet.ts';

const MAX_POINTS = Number(process.env.INTERLEAVE_POINTS ?? 8);
const NOW = '2026-01-09T15:00:00Z';
const COACH = 'coach@example.com';
const TIMEOUT = { timeout: 600_000 };
const BUSY = /busy/i;

/** A tracker the worlds start from, made at NOW, with isolated executions. */
function world(extra: (app: App) => void = () => {}): () => App {
  return () => {
    let app!: App;
    withClock({ now: NOW }, () => {
      app = tracker();
      extra(app);
    });
    app.emu.isolateExecutions = true;
    return app;
  };
}

/** One attempt of a page target: done, or busy (the document lock was held). Anything else fails the test. */
function attempt(app: App, fn: string, args: unknown[], user?: string): Attempt {
  const run = () => app.bundle.run(fn, args).result as { ok: boolean; message?: string };
  const result = user ? app.emu.actAs(user, run) : run();
  if (result.ok) return 'done';
  if (BUSY.test(result.message ?? '')) return 'busy';
  throw new Error(`${fn} refused: ${result.message}`);
}

function done(app: App, fn: string, args: unknown[], user?: string): void {
  if (attempt(app, fn, args, user) !== 'done') throw new Error(`${fn} was busy`);
}

const PITCH = { eventId: 'interleave-pitch', contactIds: ['C-0002'], date: '2026-01-08', note: 'Sent on LinkedIn' };
const REPLY = { eventId: 'interleave-reply', contactIds: ['C-0004'], date: '2026-01-09', meetingDate: '2026-01-15' };
const IMPORT = ['Name,Email\nDana Scully,dana@fbi.example\nAmara Obi,amara.obi@example.edu\n', {}];

/** `locks`: whether B takes the document lock, so that it must have found it held at some points and not at others. */
function expectSerialisable(prepare: () => App, a: (app: App) => void, b: (app: App) => Attempt, locks = true): void {
  const report = interleaveSweep({ prepare, a, b, maxPoints: MAX_POINTS, now: NOW });
  expect(report.points.length).toBeGreaterThanOrEqual(Math.min(MAX_POINTS, 8));
  expect(describeInterleaving(report)).toBe('');
  expect(report.attempts.done).toBeGreaterThan(0);
  if (locks) expect(report.attempts.busy).toBeGreaterThan(0);
}

/** The coach, in the coach view, types `text` as feedback on contact `id`. */
function coachTypes(app: App, id: string, text: string): void {
  const copy = [...app.emu.files.values()].find((f) => f.getName().endsWith('– coach view'))!;
  const spreadsheetApp = app.bundle.context.SpreadsheetApp as EmuSpreadsheetApp;
  app.emu.actAs(COACH, () => {
    const progress = spreadsheetApp.openById(copy.getId()).getSheetByName('Progress')!;
    const values = progress.getDataRange().getValues();
    const row = values.findIndex((r) => r[values[0].indexOf('Contact ID')] === id) + 1;
    progress.getRange(row, values[0].indexOf('Coach feedback') + 1).setValue(text);
  });
}

/** The tracker shared with the coach as a copy, where the coach wrote feedback on two contacts. */
function withCoachFeedback(app: App): void {
  const shared = app.bundle.run('shareWithCoachNow', [{ email: COACH, mode: 'copy', role: 'editor' }]).result as CoachResult;
  if (!shared.ok) throw new Error(shared.message);
  coachTypes(app, 'C-0002', 'Ask about the alumni list');
  coachTypes(app, 'C-0004', 'Good reply, prepare questions');
}

describe('two executions interleaved at every call end as one after the other', () => {
  it('a double submit of the same log (same event ID) logs it once', TIMEOUT, () => {
    expectSerialisable(
      world(),
      (app) => done(app, 'logPitchSent', [PITCH]),
      (app) => attempt(app, 'logPitchSent', [PITCH]),
    );
  });

  it("the user logs while the coach view brings the coach's feedback back", TIMEOUT, () => {
    expectSerialisable(
      world(withCoachFeedback),
      (app) => done(app, 'logPitchSent', [PITCH]),
      (app) => attempt(app, 'updateCoachViewNow', []),
    );
  });

  it('the coach types feedback in the coach view while Update coach view runs', TIMEOUT, () => {
    expectSerialisable(
      world(withCoachFeedback),
      (app) => done(app, 'updateCoachViewNow', []),
      (app) => (userEdit(app.emu, COACH, () => coachTypes(app, 'C-0003', 'Mention the conference talk')), 'done'),
      false,
    );
  });

  it('the user logs while the coach, an editor of the tracker itself, logs a reply', TIMEOUT, () => {
    const direct = (app: App) => {
      const shared = app.bundle.run('shareWithCoachNow', [{ email: COACH, mode: 'direct', role: 'editor', acknowledged: true }]).result as CoachResult;
      if (!shared.ok) throw new Error(shared.message);
    };
    expectSerialisable(
      world(direct),
      (app) => done(app, 'logPitchSent', [PITCH]),
      (app) => attempt(app, 'logReply', [REPLY], COACH),
    );
  });

  it('an import while the user logs', TIMEOUT, () => {
    expectSerialisable(
      world(),
      (app) => done(app, 'logPitchSent', [PITCH]),
      (app) => attempt(app, 'importContacts', IMPORT),
    );
  });

  it('a log while an import runs', TIMEOUT, () => {
    expectSerialisable(
      world(),
      (app) => done(app, 'importContacts', IMPORT),
      (app) => attempt(app, 'logPitchSent', [PITCH]),
    );
  });
});
