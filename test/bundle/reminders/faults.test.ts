// The fault sweep (test/bundle/fault-sweep.ts) for setReminders and the trigger's run: stopped at
// any call that may change something, then run once more, each ends as a run that never failed,
// with one known exception by name: a run that dies at MailApp.sendEmail itself has already
// recorded the day as sent, so the re-run sends nothing and that day's email is lost. That is
// the chosen price of never sending twice (an email cannot be taken back). At most 15 points each.
import { describe, expect, it, vi } from 'vitest';
import { describeFailures, failAt, sweepAction } from '../fault-sweep.ts';
import { DIGEST_ON, dueWorld, HOUR, reminderTriggers, setReminders, turnOn, wallTime } from './world.ts';
import type { App } from '../logging/log-world.ts';

const NOW = '2026-12-07T09:00:00Z';

/**
 * `app` with its clock following Date: the sweep holds Date at NOW, so the emulator then reads
 * NOW (Monday 09:00 UTC, after the digest's hour) in every world.
 */
function atNow(app: App): App {
  app.emu.rt.virtualMs = 0;
  return app;
}

function sendNow(app: App): void {
  const uid = reminderTriggers(app)[0]?.uid;
  app.bundle.run('sendReminders', [{ authMode: 'FULL', triggerUid: uid }]);
}

describe('reminders converge after a fault at any write', () => {
  it('setReminders: turning on (settings, then the trigger, then its ID)', { timeout: 60_000 }, () => {
    const report = sweepAction({ prepare: () => atNow(dueWorld()), act: (app) => void setReminders(app, DIGEST_ON), maxPoints: 15, now: NOW });
    expect(report.points.map((p) => p.call)).toEqual(expect.arrayContaining(['Properties.setProperty', 'ClockTriggerBuilder.create']));
    expect(describeFailures(report)).toBe('');
  });

  it('setReminders: turning off', { timeout: 60_000 }, () => {
    const prepare = () => {
      const app = dueWorld();
      turnOn(app);
      return atNow(app);
    };
    const report = sweepAction({ prepare, act: (app) => void setReminders(app, { digest: false }), maxPoints: 15, now: NOW });
    expect(report.points.map((p) => p.call)).toContain('ScriptApp.deleteTrigger');
    expect(describeFailures(report)).toBe('');
  });

  it('the trigger run: never a second email, and the same end but for the one named exception', { timeout: 60_000 }, () => {
    const prepare = () => {
      const app = dueWorld();
      turnOn(app);
      return atNow(app);
    };
    const report = sweepAction({ prepare, act: sendNow, maxPoints: 15, now: NOW });
    expect(report.points.map((p) => p.call)).toEqual(expect.arrayContaining(['Properties.setProperty', 'MailApp.sendEmail']));
    const unexpected = report.failures.filter((f) => f.point.call !== 'MailApp.sendEmail');
    expect(describeFailures({ ...report, failures: unexpected })).toBe('');
    // The exception: dead at sendEmail, the re-run sends nothing; never two emails.
    const app = prepare();
    const k = report.calls.indexOf('MailApp.sendEmail') + 1;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(NOW));
    try {
      expect(failAt(app, k, () => sendNow(app))).toBe(true);
      sendNow(app);
    } finally {
      vi.useRealTimers();
    }
    expect(app.emu.outbox.sent).toHaveLength(0);
  });

  it('two runs in one hour send one email', () => {
    const app = dueWorld();
    turnOn(app);
    app.emu.setNow(wallTime('2026-12-07T09:10:00', 'Etc/UTC'));
    sendNow(app);
    sendNow(app);
    app.emu.advanceClock(HOUR);
    expect(app.emu.outbox.sent).toHaveLength(1);
  });
});
