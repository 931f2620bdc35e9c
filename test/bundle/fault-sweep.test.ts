// The sweep itself: it must find an action that does not converge, and pass one that does.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { describeFailures, mayWrite, samplePoints, sweepAction } from './fault-sweep.ts';

const fresh = () => ({ emu: new Emulator({ scopes: null }) });

/** Test code calling the emulator is counted like script code, so an action can be written here. */
function appendThenMark(world: { emu: Emulator }, guarded: boolean): void {
  const sheet = world.emu.active.getSheets()[0];
  const props = world.emu.properties;
  if (guarded && props.document.get('done') === '1') return;
  if (guarded) {
    // Reconciles: the row is written where it belongs, whether or not a faulted run wrote it.
    sheet.getRange(1, 1, 1, 2).setValues([['Ada', 'ada@example.com']]);
  } else {
    sheet.appendRow(['Ada', 'ada@example.com']);
  }
  sheet.getRange(1, 2).setNumberFormat('@');
  world.emu.active.insertSheet('Dashboard');
  props.document.set('done', '1');
}

describe('sweepAction', () => {
  it('finds the fault points after which a re-run does not end as a clean run', () => {
    const report = sweepAction({ prepare: fresh, act: (w) => appendThenMark(w, false) });
    expect(report.calls).toEqual(['Spreadsheet.getSheets', 'Sheet.appendRow', 'Sheet.getRange', 'Range.setNumberFormat', 'Spreadsheet.insertSheet']);
    expect(report.points.map((p) => p.call)).toEqual(['Sheet.appendRow', 'Range.setNumberFormat', 'Spreadsheet.insertSheet']);
    // Failing at appendRow leaves nothing behind; failing at any later write, the re-run appends
    // a second row: only the first point converges.
    expect(report.failures.map((f) => f.point.k)).toEqual([4, 5]);
    expect(describeFailures(report)).toContain('fault at call 4 (Range.setNumberFormat): files.0.sheets.0.values: 2 entries ≠ 1');
  });

  it('passes an action that reconciles', () => {
    const report = sweepAction({ prepare: fresh, act: (w) => appendThenMark(w, true) });
    // Its mark is written last (and is not a counted call here), so every fault leaves it unset
    // and the re-run writes the same row in the same place.
    expect(report.points.length).toBe(3);
    expect(describeFailures(report)).toBe('');
  });

  it('samples where there are more write calls than maxPoints, keeping the first and last of each method', () => {
    const writes = Array.from({ length: 100 }, (_, i) => ({ k: i + 1, call: i % 10 === 0 ? 'Sheet.insertSheet' : 'Range.setValues' }));
    const chosen = samplePoints(writes, 12);
    expect(chosen.length).toBeLessThanOrEqual(12);
    expect(chosen.map((p) => p.k)).toEqual(expect.arrayContaining([1, 91, 2, 100]));
  });

  it('counts as fault points only the calls that may change something', () => {
    // A trigger builder's create installs the trigger; deleting one and sending an email change things too.
    expect(['ClockTriggerBuilder.create', 'ScriptApp.deleteTrigger', 'MailApp.sendEmail'].every(mayWrite)).toBe(true);
    expect(['Range.setValues', 'Sheet.insertRowsAfter', 'Properties.setProperty', 'SpreadsheetApp.create', 'Range.protect'].every(mayWrite)).toBe(true);
    expect(
      [
        'Range.getValues',
        'Sheet.getRange',
        'Properties.getProperty',
        'DataValidationBuilder.build',
        'Lock.tryLock',
        'Ui.alert',
        'Sheet.createDeveloperMetadataFinder',
      ].some(mayWrite),
    ).toBe(false);
  });
});
