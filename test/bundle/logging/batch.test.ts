// The first logged event creates the Interview log: its layout, header and column tags go in one
// Sheets API call where the manifest enables the advanced service and the `spreadsheets` scope
// is granted, otherwise through SpreadsheetApp as before. Both leave the same spreadsheet, and
// both converge after a stop at any call.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, BUILD } from '../../helpers.ts';
import { describeFailures, differenceOf, sweepAction, withClock } from '../fault-sweep.ts';
import { emulatorState, type EmulatorState } from '../../../local/emulator/state.ts';
import { GoogleJsonResponseException } from '../../../local/emulator/services/sheets-api.ts';
import type { LogResult, SetupResult } from '../../../src/shared/types.ts';
import { HAND_MADE } from './log-world.ts';

const MANIFEST = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const NOW = '2026-01-09T10:00:00Z';

type Route = 'api' | 'not enabled' | 'scope removed';

function tracker(route: Route, locale?: string) {
  const app = addOn({
    csv: HAND_MADE,
    sheetName: 'Contacts',
    ...(locale ? { locale } : {}),
    ...(route === 'not enabled' ? { advancedServices: [] } : {}),
    ...(route === 'scope removed' ? { scopes: MANIFEST.oauthScopes.filter((s) => s !== SPREADSHEETS) } : {}),
  });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  return app;
}

function firstPitch(app: ReturnType<typeof tracker>) {
  const run = app.bundle.run('logPitchSent', [{ eventId: 'first-use', contactIds: ['C-0002'], date: '2026-01-09' }]);
  const result = run.result as LogResult;
  if (!result.ok) throw new Error(result.message);
  return run;
}

/**
 * The log's sheet ID is Google's choice through insertSheet and the add-on's through addSheet
 * (one no sheet has): the same spreadsheet but for it.
 */
function logIdAsName(state: EmulatorState, logName = 'Interview log'): unknown {
  const text = JSON.stringify(state);
  const log = state.files.flatMap((f) => f.sheets).find((s) => s.name === logName);
  // -1: a number where the ID is one, and text inside the properties' JSON.
  return log ? JSON.parse(text.replace(new RegExp(`\\b${log.id}\\b`, 'g'), '-1')) : state;
}

/** As faults.test.ts compares: a stop at the call that puts the user back on their sheet leaves them on the log, which a re-run cannot know. */
function withoutActiveSheet(state: EmulatorState): unknown {
  return { ...state, files: state.files.map(({ activeSheet: _, ...file }) => file) };
}

describe('The Interview log created through the Sheets API or SpreadsheetApp', () => {
  it('leaves the same spreadsheet either way, the API in one call', () => {
    const runs: { byMethod: Record<string, number>; calls: number; state: unknown }[] = [];
    withClock({ now: NOW }, () => {
      for (const route of ['api', 'not enabled', 'scope removed'] as const) {
        const app = tracker(route);
        const run = firstPitch(app);
        runs.push({ byMethod: run.byMethod, calls: run.calls, state: logIdAsName(emulatorState(app.emu)) });
      }
    });
    const [api, notEnabled, scopeRemoved] = runs;
    expect(api.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(api.byMethod['Range.addDeveloperMetadata']).toBeUndefined();
    expect(api.byMethod['Sheet.setColumnWidths']).toBeUndefined();
    // The sheet added in the same batch, and the Dashboard's formulas that await the log with it.
    expect(api.byMethod['Spreadsheet.insertSheet']).toBeUndefined();
    expect(api.byMethod['Range.setFormula']).toBeUndefined();
    expect(notEnabled.byMethod['Range.setFormula']).toBe(2);
    expect(notEnabled.byMethod['Range.addDeveloperMetadata']).toBe(8);
    // Refused at its first call (the sheets' names), the API is not asked again.
    expect(scopeRemoved.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(scopeRemoved.byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(scopeRemoved.byMethod['Range.addDeveloperMetadata']).toBe(8);
    expect(differenceOf(api.state, notEnabled.state)).toBe('');
    expect(differenceOf(scopeRemoved.state, notEnabled.state)).toBe('');
    expect(api.calls).toBeLessThan(notEnabled.calls - 15);
    expect(scopeRemoved.calls).toBeLessThanOrEqual(notEnabled.calls + 2);
  });

  for (const locale of ['en_US', 'de_DE']) {
    it(`gives the Dashboard the formulas a Build dashboard writes, in its batch (${locale})`, () => {
      withClock({ now: NOW }, () => {
        const app = tracker('api', locale);
        const dashboardFormulas = () => app.ss.getSheetByName('Dashboard')!.getDataRange().getFormulas();
        expect(dashboardFormulas().flat().join('\n')).not.toContain('Interview log');
        const run = firstPitch(app);
        expect(run.byMethod['Range.setFormula']).toBeUndefined();
        const linked = dashboardFormulas();
        expect(linked.flat().filter((f) => f.includes("'Interview log'!"))).toHaveLength(2);
        expect(JSON.parse(app.emu.properties.document.get('iit.dashboard')!).awaitingLog).toBeUndefined();
        const built = app.bundle.run('refreshDashboard').result as { ok: boolean };
        expect(built.ok).toBe(true);
        expect(dashboardFormulas()).toEqual(linked);
      });
    });
  }

  it('a sheet of the user\'s named "Interview log": the log is "Interview log 2", the same through the API as without it', () => {
    const runs: { byMethod: Record<string, number>; state: unknown }[] = [];
    withClock({ now: NOW }, () => {
      for (const route of ['api', 'not enabled'] as const) {
        const app = tracker(route);
        app.ss.insertSheet('Interview log').getRange('A1').setValue('my own notes');
        app.ss.getSheetByName('Contacts')!.activate();
        const run = firstPitch(app);
        expect(app.ss.getSheetByName('Interview log')!.getRange('A1').getValue()).toBe('my own notes');
        runs.push({ byMethod: run.byMethod, state: logIdAsName(emulatorState(app.emu), 'Interview log 2') });
      }
    });
    const [api, notEnabled] = runs;
    // The sheets' names through the API, then the sheet through SpreadsheetApp, flushed before the
    // batch writes on it.
    expect(api.byMethod['Sheets.Spreadsheets.get']).toBe(1);
    expect(api.byMethod['Spreadsheet.insertSheet']).toBe(1);
    expect(api.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(api.byMethod['SpreadsheetApp.flush']).toBe((notEnabled.byMethod['SpreadsheetApp.flush'] ?? 0) + 1);
    expect(differenceOf(api.state, notEnabled.state)).toBe('');
  });

  // The Dashboard's record keeps the cells awaiting the log by row and column as the build left
  // them; a row the user inserted at its top since moves them down. The first event must not write
  // its formula over what the user then typed where the formula was to go.
  // KNOWN DEFECT, not fixed (closing note of 2026-12-07, issue 17): awaitingLog keeps fixed row and
  // column numbers, and the API batch cannot check the cell before writing. Skipped until the cells
  // are found by something that moves with rows (a named range or developer metadata).
  it.skip.each([['api'], ['not enabled']] as const)('rows the user inserted in the Dashboard before the first event: their note is kept (%s)', (route) => {
    withClock({ now: NOW }, () => {
      const app = tracker(route);
      const { row, column } = JSON.parse(app.emu.properties.document.get('iit.dashboard')!).awaitingLog as { row: number; column: number };
      const dashboard = app.ss.getSheetByName('Dashboard')!;
      dashboard.insertRowsBefore(1, 1);
      dashboard.getRange(row, column).setValue('my own note');
      firstPitch(app);
      expect(dashboard.getRange(row, column).getFormula()).toBe('');
      expect(dashboard.getRange(row, column).getValue()).toBe('my own note');
    });
  });

  it.each([['get'], ['batchUpdate']] as const)('the API over its quota (429) at spreadsheets.%s: the same spreadsheet as without the service', (method) => {
    const states: unknown[] = [];
    withClock({ now: NOW }, () =>
      (['api', 'not enabled'] as const).forEach((route) => {
        const app = tracker(route);
        if (route === 'api')
          app.emu.rt.beforeCall = (name) => {
            if (name === `Sheets.Spreadsheets.${method}`)
              throw new GoogleJsonResponseException(
                {
                  code: 429,
                  message: `Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute' of service 'sheets.googleapis.com'.`,
                },
                `sheets.spreadsheets.${method}`,
              );
          };
        const run = firstPitch(app);
        app.emu.rt.beforeCall = null;
        // Refused once, the API is not asked again: the sheet through SpreadsheetApp.
        if (route === 'api') expect([run.byMethod[`Sheets.Spreadsheets.${method}`], run.byMethod['Spreadsheet.insertSheet']]).toEqual([1, 1]);
        states.push(logIdAsName(emulatorState(app.emu)));
      }),
    );
    expect(differenceOf(states[0], states[1])).toBe('');
  });

  it('through the API, stopped at any write and run again, ends as a clean run, the user where they were', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: () => tracker('api'), act: (app) => void firstPitch(app), now: NOW });
    expect(report.calls).toContain('Sheets.Spreadsheets.batchUpdate');
    expect(report.points.length).toBe(report.writePoints);
    expect(describeFailures(report)).toBe('');
  });

  it('through the API, the Dashboard protected from the editor who logs: stopped at any write and run again, ends as a clean run', { timeout: 120_000 }, () => {
    const editor = 'editor@example.com';
    const report = sweepAction({
      prepare: () => {
        const app = tracker('api');
        app.ss.addEditor(editor);
        const protection = app.ss.getSheetByName('Dashboard')!.protect();
        protection.removeEditors(protection.getEditors());
        return app;
      },
      act: (app) => void app.emu.actAs(editor, () => firstPitch(app)),
      now: NOW,
    });
    // Refused whole for the Dashboard's formulas, the batch is sent again without them.
    expect(report.calls.filter((c) => c === 'Sheets.Spreadsheets.batchUpdate')).toHaveLength(2);
    expect(report.points.length).toBe(report.writePoints);
    expect(describeFailures(report)).toBe('');
  });

  it('without the advanced service, stopped at any call and run again, ends as a clean run', { timeout: 120_000 }, () => {
    const report = sweepAction({
      prepare: () => tracker('not enabled'),
      act: (app) => void firstPitch(app),
      maxPoints: 16,
      now: NOW,
      normalize: withoutActiveSheet,
    });
    expect(report.calls).not.toContain('Sheets.Spreadsheets.batchUpdate');
    expect(describeFailures(report)).toBe('');
  });
});
