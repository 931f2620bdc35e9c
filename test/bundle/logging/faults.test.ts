// Every log kind, failing at any call that may change something (the shared fault sweep,
// test/bundle/fault-sweep.ts): the execution stops there, the user saves again with the same
// event ID, and the whole state (every sheet's values, formats, drop-downs, metadata, the
// properties...) must be the state of a run that never failed. Where a kind makes more write
// calls than MAX_POINTS, the sweep samples them: the first and last call of each method, the
// rest evenly spaced (see samplePoints).
import { describe, expect, it, vi } from 'vitest';
import { describeFailures, failAt, sweepAction } from '../fault-sweep.ts';
import type { LogResult } from '../../../src/shared/types.ts';
import { type App, log, logRows, shown, tracker } from './log-world.ts';

const MAX_POINTS = 24;
const DATE = '2026-01-09';

/** Lets a contacts sheet end at its last contact, so the referral rows need the grid to grow. */
function fullGrid(app: App): void {
  const extra = app.sheet.getMaxRows() - app.sheet.getLastRow();
  if (extra > 0) app.sheet.deleteRows(app.sheet.getLastRow() + 1, extra);
}

/**
 * A tracker where Amara (C-0002) already had 2 referrals counted, and (withLog) the log already
 * exists; the grid ends at the last contact unless `spareRows`.
 */
function prepared(withLog: boolean, spareRows = false): App {
  const app = tracker();
  app.sheet.getRange(3, app.sheet.getRange(1, 1, 1, app.sheet.getLastColumn()).getValues()[0].indexOf('Referrals given') + 1).setValue(2);
  if (withLog) {
    // At a fixed instant, so the earlier row's timestamp is the same in every world.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-06T10:00:00Z'));
    try {
      log(app, 'logPitchSent', { eventId: 'earlier-pitch', contactIds: ['C-0004'], date: '2026-01-05' });
    } finally {
      vi.useRealTimers();
    }
  }
  if (!spareRows) fullGrid(app);
  return app;
}

const INTERVIEW = {
  eventId: 'retry-event-0001',
  contactIds: ['C-0002'],
  date: DATE,
  minutes: 25,
  learned: 'Start with the methods course.',
  referrals: [
    { name: 'Dana Scully', email: 'dana@fbi.example', company: 'FBI', role: 'Agent' },
    { name: 'Liam OConnor', email: 'liam.oconnor@example.ie', relationship: 'Peer' },
  ],
};
const INTERVIEW_REFERRALS = [
  { id: 'C-0007', name: 'Dana Scully', status: 'added' },
  { id: 'C-0006', name: "Liam O'Connor", status: 'matched' },
];

// One event of each kind (src/core/logging/kinds.ts), on contacts whose rows it changes.
const KINDS: { kind: string; fn: string; input: object; withLog: boolean }[] = [
  {
    kind: 'pitch, three contacts, with a note that looks like a formula',
    fn: 'logPitchSent',
    input: { contactIds: ['C-0001', 'C-0003', 'C-0006'], note: '=1+1' },
    withLog: true,
  },
  { kind: 'pitch, first use (the log is created)', fn: 'logPitchSent', input: { contactIds: ['C-0001'] }, withLog: false },
  { kind: 'reply, conversation fixed', fn: 'logReply', input: { contactIds: ['C-0002'], meetingDate: '2026-01-16', note: 'Happy to chat' }, withLog: true },
  { kind: 'follow-up', fn: 'logFollowUp', input: { contactIds: ['C-0003'] }, withLog: true },
  { kind: 'thank-you', fn: 'logThankYou', input: { contactIds: ['C-0004'] }, withLog: true },
  { kind: 'declined', fn: 'logDeclined', input: { contactIds: ['C-0003'] }, withLog: true },
  { kind: 'job interview', fn: 'logOutcome', input: { contactIds: ['C-0004'], kind: 'job_interview', company: 'Globex' }, withLog: true },
  { kind: 'offer', fn: 'logOutcome', input: { contactIds: ['C-0004'], kind: 'offer', company: 'Globex' }, withLog: true },
];

describe('a re-run after a failure at any write ends as a run that never failed', () => {
  for (const { kind, fn, input, withLog } of KINDS) {
    it(kind, { timeout: 60_000 }, () => {
      const request = { eventId: 'sweep-event-0001', date: DATE, ...input };
      const report = sweepAction({
        prepare: () => prepared(withLog),
        act: (app) => void app.bundle.run(fn, [request]),
        maxPoints: MAX_POINTS,
      });
      // At least the tracker's cells and the log's row: with the columns remembered, that may be all.
      expect(report.points.length).toBeGreaterThanOrEqual(2);
      expect(describeFailures(report)).toBe('');
    });
  }

  it('an interview with a new and an existing referral, on first use: the state, and what the re-run tells the user', { timeout: 60_000 }, () => {
    const report = sweepAction({
      prepare: () => prepared(false),
      act: (app) => {
        const result = app.bundle.run('logInterview', [INTERVIEW]).result as LogResult;
        // A re-run that logs the event (the faulted run did not reach the log rows) reports the
        // referrals as the first attempt decided them: Dana new, Liam already a contact.
        if (result.ok && result.logged) {
          expect(result.referrals).toEqual(INTERVIEW_REFERRALS);
          expect(result.message).toContain('New contacts from referrals: Dana Scully (C-0007).');
        }
      },
      maxPoints: 30,
    });
    const kinds = new Set(report.points.map((p) => p.call));
    // The log is created by one Sheets API batch (addSheet and its layout): a stop there too.
    for (const k of ['Range.setValues', 'Properties.setProperties', 'Sheet.insertRowsAfter', 'Sheets.Spreadsheets.batchUpdate']) expect(kinds).toContain(k);
    expect(describeFailures(report)).toBe('');
  });

  it('an interview whose referral rows go into spare rows of the grid, the log already there', { timeout: 60_000 }, () => {
    const report = sweepAction({
      prepare: () => prepared(true, true),
      act: (app) => void app.bundle.run('logInterview', [INTERVIEW]),
      maxPoints: 30,
    });
    const kinds = new Set(report.points.map((p) => p.call));
    // The pending referrals' record, with the ID counter past them, before the first write.
    for (const k of ['Range.setValues', 'Properties.setProperties']) expect(kinds).toContain(k);
    expect(kinds).not.toContain('Properties.setProperty');
    expect(kinds).not.toContain('Sheet.insertRowsAfter');
    expect(describeFailures(report)).toBe('');
  });

  it('a second run of a logged interview writes nothing', () => {
    const app = prepared(false);
    log(app, 'logInterview', INTERVIEW);
    const before = app.sheet.getDataRange().getValues();
    const again = log(app, 'logInterview', INTERVIEW);
    expect(again.logged).toBe(0);
    expect(app.sheet.getDataRange().getValues()).toEqual(before);
    expect(logRows(app)).toHaveLength(3);
  });

  it('the case the reviewer found: referral rows written, the referrer not yet: the count and the log stay right', () => {
    const app = prepared(true);
    // Where the first setValues (the referral rows) is, in a clean run.
    const clean = prepared(true);
    const calls: string[] = [];
    clean.emu.rt.beforeCall = (name) => void calls.push(name);
    clean.bundle.run('logInterview', [INTERVIEW]);
    clean.emu.rt.beforeCall = null;
    const append = calls.indexOf('Range.setValues') + 1;
    // The call after it fails.
    expect(failAt(app, append + 1, () => app.bundle.run('logInterview', [INTERVIEW]))).toBe(true);
    expect(shown(app, app.sheet.getLastRow(), 'FULL NAME')).toBe('Dana Scully');
    expect(shown(app, 3, 'Referrals given')).toBe('2');
    const retry = log(app, 'logInterview', INTERVIEW);
    expect(shown(app, 3, 'Referrals given')).toBe('4');
    expect(retry.referrals).toEqual(INTERVIEW_REFERRALS);
    expect(retry.message).toContain('New contacts from referrals: Dana Scully (C-0007).');
    expect(logRows(app)[1].Details).toBe(
      "25 min.\nLearned: Start with the methods course.\nReferrals: Dana Scully (C-0007); Liam O'Connor (C-0006, already a contact)",
    );
  });

  // The first attempt stored Amara's Referrals given as a number (2 + her 2 referrals); another
  // interview with her, logged before the retry, added a third referral. The retry must not write
  // the stored number over the count the other interview made: Amara has given 2 + 2 + 1.
  for (const [where, stopAt] of [
    ['before the referral rows', (calls: string[]) => calls.indexOf('Range.setValues') + 1],
    ['after the referral rows', (calls: string[]) => calls.indexOf('Range.setValues') + 2],
    ['before the log rows', (calls: string[]) => calls.lastIndexOf('Range.setValues') + 1],
  ] as const) {
    // KNOWN DEFECT, not fixed (closing note of 2026-12-07, issue 17): the pending entry keeps Referrals
    // given as the total the first attempt computed, and the retry writes it as it is. Skipped until
    // the retry can tell whether the first attempt's count landed.
    it.skip(`a retry after another interview with the same contact logged a referral (stopped ${where}): Referrals given counts both`, () => {
      const clean = prepared(true);
      const calls: string[] = [];
      clean.emu.rt.beforeCall = (name) => void calls.push(name);
      clean.bundle.run('logInterview', [INTERVIEW]);
      clean.emu.rt.beforeCall = null;
      const app = prepared(true);
      expect(failAt(app, stopAt(calls), () => app.bundle.run('logInterview', [INTERVIEW]))).toBe(true);
      log(app, 'logInterview', {
        eventId: 'other-event-0002',
        contactIds: ['C-0002'],
        date: DATE,
        referrals: [{ name: 'Fox Mulder', email: 'fox@fbi.example' }],
      });
      log(app, 'logInterview', INTERVIEW);
      expect(shown(app, 3, 'Referrals given')).toBe('5');
    });
  }
});
