// An action run from the menu has no page to say what failed: an error nobody planned for (a
// service failing half-way, a bug) must end in an alert in plain words, not in Apps Script's raw
// error, and the whole error goes to the execution log.
import { describe, expect, it } from 'vitest';
import { addOn } from '../helpers.ts';

const CSV = 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,alan@example.com\n';

function tracker() {
  const app = addOn({ csv: CSV, sheetName: 'Contacts' });
  app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  return app;
}

/** Runs `fn` with the service call `call` failing the first time, as Google failing half-way would. */
function failingAt(app: ReturnType<typeof addOn>, call: string, fn: string, select?: string) {
  let failed = false;
  app.emu.rt.beforeCall = (name) => {
    if (!failed && name === call) {
      failed = true;
      throw new TypeError('Cannot read properties of undefined (reading "getRow")');
    }
  };
  try {
    return app.bundle.run(fn, [], { select });
  } finally {
    app.emu.rt.beforeCall = null;
    expect(failed, `${fn} reached ${call}`).toBe(true);
  }
}

describe('an unexpected error in a menu action', () => {
  const cases: [caption: string, fn: string, call: string, make: () => ReturnType<typeof addOn>, select?: string][] = [
    ['Build dashboard', 'refreshDashboard', 'Sheet.getRange', tracker],
    ['Set up tracker', 'setUpTracker', 'Sheet.getRange', () => addOn({ csv: CSV, sheetName: 'Contacts' }), 'Contacts!A1'],
    ['Mark pitch sent…', 'showPitchSentDialog', 'Sheet.getSheetValues', tracker, 'Contacts!A2'],
    ['Update coach view', 'updateCoachView', 'Properties.getProperties', tracker],
  ];
  for (const [caption, fn, call, make, select] of cases) {
    it(`${caption}: an alert in plain words, no raw error`, () => {
      const app = make();
      const before = app.emu.ui.alerts.length;
      const run = failingAt(app, call, fn, select);
      expect((run.result as { ok: boolean }).ok).toBe(false);
      const alert = app.emu.ui.alerts.at(-1)!;
      expect(app.emu.ui.alerts.length).toBe(before + 1);
      expect(alert.prompt).toMatch(/^Something went wrong that the add-on did not expect\. Please try again/);
      expect(alert.prompt).not.toMatch(/\n\s+at /); // no stack trace in front of the user
    });
  }
});
