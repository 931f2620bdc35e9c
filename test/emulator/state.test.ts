// The state dump (`npm run local -- --state`, and what the fault sweep compares).
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { emulatorState } from '../../local/emulator/state.ts';

function world() {
  const emu = new Emulator({ scopes: null });
  const ss = emu.active;
  const sheet = ss.getSheets()[0];
  sheet.getRange('A1:B2').setValues([
    ['Name', 'Met'],
    ['Ada', new Date('2026-01-05T00:00:00Z')],
  ]);
  sheet.getRange('C2').setFormula('=LEN(A2)');
  sheet.getRange('B2:B1000').setNumberFormat('yyyy-mm-dd');
  const rule = emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  sheet.getRange('D2:D3').setDataValidation(rule.newDataValidation().requireValueInList(['Yes', 'No']).build() as never);
  sheet.getRange('A1:B1').merge();
  sheet.setFrozenRows(1);
  sheet.getRange('E:E').protect().setDescription('Owner only');
  sheet.getRange('1:1').addDeveloperMetadata('tracker.header');
  const copy = emu.createSpreadsheet('Coach copy');
  copy.addEditor('coach@example.com');
  emu.properties.document.set('coachCopy', JSON.stringify({ id: copy.getId() }));
  return { emu, copyId: copy.getId() };
}

describe('emulatorState', () => {
  it('holds every sheet, cell and file property the add-on can change, with file ids as labels', () => {
    const { emu, copyId } = world();
    const state = emulatorState(emu);
    const [tracker, coach] = state.files;
    const sheet = tracker.sheets[0];
    // Merging A1:B1 keeps only A1's value, as Sheets does.
    expect(sheet.values).toEqual([
      ['Name', '', ''],
      ['Ada', '2026-01-05T00:00:00.000Z', 3],
    ]);
    expect(sheet.formulas[1][2]).toBe('=LEN(A2)');
    expect(sheet.cells['B2:B1000']).toEqual({ numberFormat: 'yyyy-mm-dd' });
    expect(sheet.cells['D2:D3']).toEqual({ validation: { criteria: 'VALUE_IN_LIST', values: [['Yes', 'No'], true], allowInvalid: true, helpText: null } });
    expect(sheet.merges).toEqual(['A1:B1']);
    expect(sheet.frozen).toEqual([1, 0]);
    expect(sheet.protections).toEqual([{ range: 'E1:E1000', description: 'Owner only', warningOnly: false, editors: null, unprotected: [] }]);
    expect(tracker.metadata).toEqual([{ key: 'tracker.header', value: null, visibility: 'DOCUMENT', location: 'row 1 of Sheet1' }]);
    expect(coach).toMatchObject({ label: 'file-2', name: 'Coach copy', editors: ['coach@example.com'] });
    expect(state.properties.document.coachCopy).toBe('{"id":"file-2"}');
    expect(JSON.stringify(state)).not.toContain(copyId);
  });

  it('is the same for two worlds built the same way, and differs when one cell does', () => {
    const a = emulatorState(world().emu);
    expect(emulatorState(world().emu)).toEqual(a);
    const b = world();
    b.emu.active.getSheets()[0].getRange('Z1000').setNote('x');
    expect(emulatorState(b.emu)).not.toEqual(a);
  });
});

describe('triggers and mail in the dump', () => {
  it('lists installed triggers (handler, type, schedule, user, file by label) and the emails sent', () => {
    const { emu } = world();
    const g = emu.globals() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    g.ScriptApp.newTrigger('sendDigest').timeBased().everyDays(1).atHour(8).inTimezone('Europe/Paris').create();
    g.ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(emu.active).onOpen().create();
    g.MailApp.sendEmail('me@example.com', 'Digest', 'Due today: 1', { htmlBody: '<p>Due today: 1</p>' });
    const state = emulatorState(emu);
    expect(state.triggers).toEqual([
      { handler: 'sendDigest', type: 'CLOCK', schedule: 'every day at 08:00 (Europe/Paris)', user: 'me@example.com', file: 'file-1' },
      { handler: 'onOpenInstalled', type: 'ON_OPEN', schedule: 'on open', user: 'me@example.com', file: 'file-1' },
    ]);
    expect(state.mail).toEqual([
      { from: 'me@example.com', to: 'me@example.com', cc: '', bcc: '', subject: 'Digest', body: 'Due today: 1', htmlBody: '<p>Due today: 1</p>' },
    ]);
  });
});
