// Google's Lock reference: "if you are working with a spreadsheet, you should call
// SpreadsheetApp.flush() prior to releasing the lock, to commit all pending changes to the
// spreadsheet while you still have exclusive access to it"
// (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()). Every action that
// writes under the document lock does, also when it fails half-way.
import { describe, expect, it } from 'vitest';
import { addOn } from '../helpers.ts';
import { HAND_MADE } from './logging/log-world.ts';
import { failAt } from './fault-sweep.ts';
import type { SetupResult } from '../../src/shared/types.ts';

function tracker() {
  const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  return app;
}

/** The service calls one execution of `fn` makes, in order. */
function callsOf(app: ReturnType<typeof addOn>, fn: string, args: unknown[] = []): string[] {
  const names: string[] = [];
  app.emu.rt.beforeCall = (name) => void names.push(name);
  try {
    app.bundle.run(fn, args);
  } finally {
    app.emu.rt.beforeCall = null;
  }
  return names;
}

const ACTIONS: [string, unknown[]][] = [
  ['setUpTracker', []],
  ['importContacts', ['Name,Email\nDana Scully,dana@fbi.example\n', {}]],
  ['logPitchSent', [{ eventId: 'flush-pitch', contactIds: ['C-0001'], date: '2026-01-05' }]],
  ['refreshDashboard', []],
  ['shareWithCoachNow', [{ email: 'coach@example.com', mode: 'copy', role: 'viewer' }]],
];

describe('every action that writes flushes before it releases the document lock', () => {
  for (const [fn, args] of ACTIONS) {
    it(fn, () => {
      const calls = callsOf(tracker(), fn, args);
      const releases = calls.flatMap((name, i) => (name === 'Lock.releaseLock' ? [i] : []));
      expect(releases.length, `${fn} takes the document lock`).toBeGreaterThan(0);
      for (const i of releases) expect(calls[i - 1], `${fn}: the call before releaseLock`).toBe('SpreadsheetApp.flush');
    });
  }

  it('and when the action fails half-way, the flush is still tried before the lock goes', () => {
    const app = tracker();
    const clean = callsOf(tracker(), 'logPitchSent', ACTIONS[2][1]);
    const write = clean.indexOf('Range.setValues') + 1;
    const names: string[] = [];
    const reached = failAt(app, write, () => {
      const hook = app.emu.rt.beforeCall!;
      app.emu.rt.beforeCall = (name, index) => {
        names.push(name);
        hook(name, index);
      };
      app.bundle.run('logPitchSent', ACTIONS[2][1]);
    });
    expect(reached).toBe(true);
    expect(names.slice(write - 1)).toEqual(['Range.setValues', 'SpreadsheetApp.flush', 'Lock.releaseLock']);
  });
});
