// Shared by the reminders tests: a tracker (hand-made.csv) with something of every kind due on
// Monday 2026-12-07, the Reminders dialog and its target run through the built bundle, and the
// emulator's clock moved forward so that the installed trigger runs as Google would run it.
import { vi } from 'vitest';
import { log, tracker, type App } from '../logging/log-world.ts';
import type { RemindersResult, RemindersState } from '../../../src/shared/reminders.ts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const ALL_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Epoch ms of a wall-clock time in `timeZone` (whole-hour offsets are enough here). */
export function wallTime(iso: string, timeZone: string): number {
  const guess = Date.parse(`${iso}Z`);
  const shown = new Date(guess).toLocaleString('sv-SE', { timeZone }).replace(' ', 'T');
  return guess - (Date.parse(`${shown}Z`) - guess);
}

/**
 * hand-made.csv set up, at Monday 2026-12-07 05:00 in `timeZone`, with: Jordan (C-0001) pitched
 * Nov 20 (follow-up overdue); Amara (C-0002) interviewed Dec 4, no thank-you; Kenji (C-0004)
 * thanked Sep 2 (an update due); Liam (C-0006) replied, conversation Tue Dec 8. Priority is a
 * column the user marked private in the Share with coach dialog.
 */
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function dueWorld(timeZone = 'Etc/UTC'): App {
  const app = tracker(timeZone);
  const start = wallTime('2026-12-07T05:00:00', timeZone);
  // Date held still while logging, so the log's timestamps are the same in every world (the fault sweep compares them).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(start);
  try {
    app.emu.setNow(start);
    log(app, 'logPitchSent', { eventId: id(1), contactIds: ['C-0001'], date: '2026-11-20' });
    log(app, 'logInterview', { eventId: id(2), contactIds: ['C-0002'], date: '2026-12-04', minutes: 20, referrals: [] });
    log(app, 'logInterview', { eventId: id(3), contactIds: ['C-0004'], date: '2026-09-01', minutes: 20, referrals: [] });
    log(app, 'logThankYou', { eventId: id(4), contactIds: ['C-0004'], date: '2026-09-02' });
    log(app, 'logReply', { eventId: id(5), contactIds: ['C-0006'], date: '2026-12-05', meetingDate: '2026-12-08' });
  } finally {
    vi.useRealTimers();
  }
  app.emu.setNow(start);
  markPrivate(app, 'h:priority');
  return app;
}

/** What the Share with coach dialog saves when the column `id` is ticked private. */
export function markPrivate(app: App, id: string): void {
  app.emu.properties.document.set('iit.coach.settings', JSON.stringify({ shared: null, private: [id] }));
}

export function setReminders(app: App, settings: unknown): RemindersResult {
  return app.bundle.run('setReminders', [settings]).result as RemindersResult;
}

export const DIGEST_ON = { digest: true, hour: 8, days: ALL_DAYS, weekly: false };

export function turnOn(app: App, settings: object = DIGEST_ON): Extract<RemindersResult, { ok: true }> {
  const result = setReminders(app, settings);
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** The state the Reminders dialog received, read back from the page as the browser would. */
export function dialogState(app: App): RemindersState {
  app.bundle.run('showReminders');
  const html = app.emu.ui.dialogs.at(-1)!.html;
  const attr = /data-state="([^"]*)"/.exec(html)![1];
  const text = attr
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(text) as RemindersState;
}

export function reminderTriggers(app: App) {
  return app.emu.triggers.triggers.filter((t) => t.handler === 'sendReminders');
}
