// Import where the grid must grow: with the Sheets API (advanced service enabled, `spreadsheets`
// granted) the grid's size and colour rules come from one spreadsheets.get, and the rows (their
// formats those of the row before), their drop-downs and the stretched rules go in one batchUpdate; otherwise SpreadsheetApp,
// as before. Both leave the same spreadsheet, and both converge after a stop at any write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD } from '../../helpers.ts';
import { describeFailures, differenceOf, sweepAction } from '../fault-sweep.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import { importOk, LINKEDIN, tracker } from './import-world.ts';

const MANIFEST = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

type Route = 'api' | 'not enabled' | 'scope removed';

/** The tracker, with colour rules of the user's own to the grid's last row beside the tracker's. */
function world(route: Route, spare: number) {
  const app = tracker(spare, {
    ...(route === 'not enabled' ? { advancedServices: [] } : {}),
    ...(route === 'scope removed' ? { scopes: MANIFEST.oauthScopes.filter((s) => s !== SPREADSHEETS) } : {}),
  });
  const sheet = app.ss.getSheetByName('Contacts')!;
  const rules = app.emu.globals().SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const column = (c: number) => sheet.getRange(2, c, sheet.getMaxRows() - 1, 1) as never;
  const own = [
    rules
      .newConditionalFormatRule()
      .setRanges([column(1)])
      .whenNumberGreaterThan(5)
      .setBackground('#fff2cc')
      .build(),
    rules
      .newConditionalFormatRule()
      .setRanges([column(2), column(3)])
      .whenTextContains('Ltd')
      .setItalic(true)
      .build(),
    rules
      .newConditionalFormatRule()
      .setRanges([column(3)])
      .whenCellEmpty()
      .setBackground('#eeeeee')
      .build(),
  ];
  sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), ...(own as never[])]);
  return app;
}

function imported(route: Route, spare: number) {
  const app = world(route, spare);
  const run = app.bundle.run('importContacts', [LINKEDIN, {}]);
  if (!(run.result as { ok: boolean }).ok) throw new Error(JSON.stringify(run.result));
  return { app, byMethod: run.byMethod, calls: run.calls, state: emulatorState(app.emu) };
}

describe('Import through the Sheets API or SpreadsheetApp', () => {
  it.each([
    ['with room below the table', 40],
    ['whose grid grows inside its colour rules', 3],
    ['whose table reaches the grid’s last row', 0],
  ])('into a tracker %s: the same spreadsheet either way', (_, spare) => {
    const [api, notEnabled, scopeRemoved] = (['api', 'not enabled', 'scope removed'] as const).map((route) => imported(route, spare));
    expect(differenceOf(api.state, notEnabled.state)).toBe('');
    expect(differenceOf(scopeRemoved.state, notEnabled.state)).toBe('');
    expect(api.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(notEnabled.byMethod['Sheets.Spreadsheets.get']).toBeUndefined();
    // Refused for want of the scope, then the grid's size through SpreadsheetApp.
    expect(scopeRemoved.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(scopeRemoved.byMethod['Sheet.getMaxRows']).toBe(notEnabled.byMethod['Sheet.getMaxRows']);
    if (spare >= 6) return;
    // The grid grows: through the API in one batch, nothing of SpreadsheetApp's way.
    expect(api.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    for (const method of [
      'Sheet.insertRowsAfter',
      'Range.setNumberFormats',
      'Range.setDataValidations',
      'Sheet.setConditionalFormatRules',
      'Spreadsheet.getSheets',
    ])
      expect(api.byMethod[method], method).toBeUndefined();
    expect(notEnabled.byMethod['Sheet.insertRowsAfter']).toBe(1);
    expect(scopeRemoved.byMethod['Sheet.insertRowsAfter']).toBe(1);
    if (spare === 0) expect(notEnabled.byMethod['Sheet.setConditionalFormatRules']).toBe(1);
    expect(api.calls).toBeLessThan(notEnabled.calls);
  });

  // Google's inserted rows take the formats of the row before (InsertDimensionRequest.inheritFromBefore;
  // gogcli#655), so a date column the user formatted keeps its format on the rows the grid gains.
  it.each([
    ['api', 'grows inside its colour rules', 3],
    ['api', 'reaches the grid’s last row', 0],
    ['not enabled', 'grows inside its colour rules', 3],
    ['not enabled', 'reaches the grid’s last row', 0],
  ] as const)('through %s, into a tracker whose grid %s: a date format the user gave a column is kept on every new contact', (route, _, spare) => {
    const app = world(route, spare);
    const sheet = app.ss.getSheetByName('Contacts')!;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const lastContact = header.indexOf('Last contact') + 1;
    const interviewDate = header.indexOf('Interview date') + 1;
    const firstNew = sheet.getLastRow() + 1;
    sheet.getRange(2, lastContact, sheet.getMaxRows() - 1, 1).setNumberFormat('dd/mm/yyyy');
    importOk(app);
    const added = sheet.getLastRow() - firstNew + 1;
    expect(added).toBeGreaterThan(spare);
    const formats = (column: number) =>
      sheet
        .getRange(firstNew, column, added, 1)
        .getNumberFormats()
        .map(([f]) => f);
    expect(formats(lastContact)).toEqual(new Array(added).fill('dd/mm/yyyy'));
    expect(formats(interviewDate)).toEqual(new Array(added).fill('yyyy-mm-dd'));
  });

  it.each([
    ['grows inside its colour rules', 3],
    ['reaches the grid’s last row', 0],
  ])('without the advanced service, into a tracker whose grid %s, stopped at any write and run again, ends as a clean run', { timeout: 60_000 }, (_, spare) => {
    const report = sweepAction({ prepare: () => world('not enabled', spare), act: importOk, maxPoints: 60 });
    expect(report.calls).not.toContain('Sheets.Spreadsheets.batchUpdate');
    expect(report.calls).toContain('Sheet.insertRowsAfter');
    expect(report.points.length).toBe(report.writePoints);
    expect(describeFailures(report)).toBe('');
  });

  it('through the API, a stop at the batch leaves none of it, and a re-run converges', { timeout: 60_000 }, () => {
    const report = sweepAction({ prepare: () => world('api', 0), act: importOk, maxPoints: 60 });
    expect(report.points.map((p) => p.call)).toContain('Sheets.Spreadsheets.batchUpdate');
    expect(describeFailures(report)).toBe('');
  });
});
