// Set up tracker writes its column tags, bold header, formats, drop-downs and colour rules in one
// Sheets API call where the manifest enables the advanced service and the `spreadsheets` scope
// is granted; otherwise through SpreadsheetApp, as before. Both leave the same spreadsheet, and
// both converge after a stop at any call.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, BUILD, FIXTURES } from '../../helpers.ts';
import { describeFailures, differenceOf, sweepAction } from '../fault-sweep.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import type { SetupResult } from '../../../src/shared/types.ts';

const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');
const MANIFEST = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';

type Route = 'api' | 'not enabled' | 'scope removed' | 'off in the Cloud project';

function contacts(route: Route, csv = HAND_MADE) {
  return addOn({
    csv,
    sheetName: 'Contacts',
    ...(route === 'not enabled' ? { advancedServices: [] } : {}),
    ...(route === 'scope removed' ? { scopes: MANIFEST.oauthScopes.filter((s) => s !== SPREADSHEETS) } : {}),
    ...(route === 'off in the Cloud project' ? { apisOffInCloudProject: ['sheets'] } : {}),
  });
}

function setUp(app: ReturnType<typeof contacts>) {
  const run = app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  const result = run.result as SetupResult;
  if (!result.ok) throw new Error(result.message);
  return run;
}

describe('Set up tracker through the Sheets API or SpreadsheetApp', () => {
  it('leaves the same spreadsheet either way, the API in one call', () => {
    const runs = (['api', 'not enabled', 'scope removed'] as const).map((route) => {
      const app = contacts(route);
      const run = setUp(app);
      return { route, byMethod: run.byMethod, calls: run.calls, state: emulatorState(app.emu) };
    });
    const [api, notEnabled, scopeRemoved] = runs;
    expect(api.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(api.byMethod['Range.addDeveloperMetadata']).toBeUndefined();
    expect(api.byMethod['Sheet.setConditionalFormatRules']).toBeUndefined();
    expect(api.byMethod['Range.setDataValidations']).toBeUndefined();
    expect(notEnabled.byMethod['Sheets.Spreadsheets.batchUpdate']).toBeUndefined();
    expect(notEnabled.byMethod['Range.addDeveloperMetadata']).toBeGreaterThan(0);
    // Refused for want of the scope, then the same through SpreadsheetApp.
    expect(scopeRemoved.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(scopeRemoved.byMethod['Range.addDeveloperMetadata']).toBe(notEnabled.byMethod['Range.addDeveloperMetadata']);
    expect(differenceOf(api.state, notEnabled.state)).toBe('');
    expect(differenceOf(scopeRemoved.state, notEnabled.state)).toBe('');
    expect(api.calls).toBeLessThan(notEnabled.calls - 50);
    // The refusal costs the file's ID and the call itself; the ranges are then got at once, as without the API.
    expect(scopeRemoved.calls).toBeLessThanOrEqual(notEnabled.calls + 3);
  });

  it("where the Sheets API is off in the script's Cloud project (a standard project): the same through SpreadsheetApp", () => {
    const off = contacts('off in the Cloud project');
    const run = setUp(off);
    expect(run.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(run.byMethod['Range.addDeveloperMetadata']).toBeGreaterThan(0);
    const notEnabled = contacts('not enabled');
    setUp(notEnabled);
    expect(differenceOf(emulatorState(off.emu), emulatorState(notEnabled.emu))).toBe('');
  });

  it('on a sheet whose data fills its grid: the new columns inserted first, the same either way', () => {
    const wide = HAND_MADE.split('\n')
      .map((line, i) => (line ? `${line}${Array.from({ length: 26 }, (_, c) => `,${i === 0 ? `Extra ${c + 1}` : ''}`).join('')}` : line))
      .join('\n');
    const states = (['api', 'not enabled'] as const).map((route) => {
      const app = contacts(route, wide);
      const sheet = app.ss.getSheetByName('Contacts')!;
      const before = sheet.getMaxColumns();
      expect(sheet.getLastColumn()).toBe(before);
      const run = setUp(app);
      expect(sheet.getMaxColumns()).toBeGreaterThan(before);
      if (route === 'api') expect(run.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
      return emulatorState(app.emu);
    });
    expect(differenceOf(states[0], states[1])).toBe('');
  });

  it('without the advanced service, stopped at any call and run again, ends as a clean run', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: () => contacts('not enabled'), act: (app) => void setUp(app), maxPoints: 16 });
    expect(report.calls).not.toContain('Sheets.Spreadsheets.batchUpdate');
    expect(describeFailures(report)).toBe('');
  });

  it('through the API, a stop at the batch leaves none of it, and a re-run converges', { timeout: 120_000 }, () => {
    const report = sweepAction({ prepare: () => contacts('api'), act: (app) => void setUp(app), maxPoints: 8 });
    expect(report.points.map((p) => p.call)).toContain('Sheets.Spreadsheets.batchUpdate');
    expect(describeFailures(report)).toBe('');
  });
});
