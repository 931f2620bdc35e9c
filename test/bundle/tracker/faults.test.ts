// Set up tracker stopped at any service call, then run once more, ends exactly as a run that
// never stopped (issue 16): the new columns, IDs, tags, drop-downs, formats, colour rules, frozen
// header, the record and the first Dashboard. The sweep (test/bundle/fault-sweep.ts) fails each
// write call k of a clean run in turn (every call after it fails too: the execution is dead),
// re-runs, and compares the emulator's whole state. Sampling: at most MAX_POINTS write calls per
// case, the first and last of each method always, the others evenly spaced, to keep each case
// well under a minute.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { describeFailures, differenceOf, sweepAction } from '../fault-sweep.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import type { SetupResult } from '../../../src/shared/types.ts';

const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');
const MAX_POINTS = 24;

type App = ReturnType<typeof addOn>;

function contacts(): App {
  return addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
}

function setUp(app: App): SetupResult {
  const result = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
  if (!result.ok) throw new Error(result.message);
  return result;
}

/** A set-up tracker where the user has added a contact since (setup gives it an ID and a Stage). */
function withNewContact(app: App): App {
  setUp(app);
  const sheet = app.ss.getSheetByName('Contacts')!;
  sheet.getRange(sheet.getLastRow() + 1, 1).setValue('Newt Newcomer');
  return app;
}

describe('Set up tracker, stopped at any call and run again, ends as if it had worked the first time', () => {
  it('on a new contacts sheet', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: contacts, act: setUp, maxPoints: MAX_POINTS });
    expect(report.points.length).toBeGreaterThan(10);
    expect(describeFailures(report)).toBe('');
  });

  it('run again on a set-up tracker with a new contact', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: () => withNewContact(contacts()), act: setUp, maxPoints: MAX_POINTS });
    expect(describeFailures(report)).toBe('');
  });

  it('on a tracker whose header row moved down (rows inserted above it)', { timeout: 120_000 }, () => {
    const prepare = () => {
      const app = withNewContact(contacts());
      const sheet = app.ss.getSheetByName('Contacts')!;
      sheet.insertRowsBefore(1, 2);
      sheet.getRange(1, 1).setValue('My contacts, updated weekly');
      return app;
    };
    const report = sweepAction({ prepare, act: setUp, maxPoints: MAX_POINTS });
    expect(describeFailures(report)).toBe('');
  });
});

describe('a protected target refuses Set up tracker before its first write', () => {
  const EDITOR = 'editor@example.com';

  /** The owner shares the sheet with an editor and protects `a1` against everyone but themself. */
  function protectedFrom(a1: string | ((app: App) => string), before: (app: App) => void = () => {}): App {
    const app = contacts();
    before(app);
    if (typeof a1 === 'function') a1 = a1(app);
    app.ss.addEditor(EDITOR);
    const protection = app.ss.getSheetByName('Contacts')!.getRange(a1).protect().setDescription('Owner only');
    protection.removeEditors(protection.getEditors());
    return app;
  }
  const asEditor = (app: App) => app.emu.actAs(EDITOR, () => app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult);

  it('on a new sheet, where the Stage column would go: it says which cell, and nothing is written', () => {
    const app = protectedFrom('M:M');
    const before = emulatorState(app.emu);
    const result = asEditor(app);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/^M1 on "Contacts" is protected \("Owner only"\), and you may not edit it\..*Nothing was changed\.$/);
    expect(differenceOf(emulatorState(app.emu), before)).toBe('');
    expect(app.emu.ui.alerts.at(-1)!.prompt).toBe(!result.ok && result.message);
  });

  it("on a set-up tracker, where a new contact's Stage goes: nothing is written, not even its ID", () => {
    const newRow = (a: App) => a.ss.getSheetByName('Contacts')!.getLastRow();
    let row = 0;
    const app = protectedFrom((a) => `M${(row = newRow(a))}`, withNewContact);
    const before = emulatorState(app.emu);
    const result = asEditor(app);
    expect(!result.ok && result.message).toMatch(new RegExp(`^M${row} on "Contacts" is protected`));
    expect(differenceOf(emulatorState(app.emu), before)).toBe('');
  });
});
