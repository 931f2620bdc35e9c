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
import type { LogResult, SetupResult } from '../../../src/shared/types.ts';
import { HAND_MADE } from './log-world.ts';

const MANIFEST = JSON.parse(readFileSync(join(BUILD, 'appsscript.json'), 'utf8')) as { oauthScopes: string[] };
const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const NOW = '2026-01-09T10:00:00Z';

type Route = 'api' | 'not enabled' | 'scope removed';

function tracker(route: Route) {
  const app = addOn({
    csv: HAND_MADE,
    sheetName: 'Contacts',
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
        runs.push({ byMethod: run.byMethod, calls: run.calls, state: emulatorState(app.emu) });
      }
    });
    const [api, notEnabled, scopeRemoved] = runs;
    expect(api.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(api.byMethod['Range.addDeveloperMetadata']).toBeUndefined();
    expect(api.byMethod['Sheet.setColumnWidths']).toBeUndefined();
    expect(notEnabled.byMethod['Range.addDeveloperMetadata']).toBe(8);
    expect(scopeRemoved.byMethod['Sheets.Spreadsheets.batchUpdate']).toBe(1);
    expect(scopeRemoved.byMethod['Range.addDeveloperMetadata']).toBe(8);
    expect(differenceOf(api.state, notEnabled.state)).toBe('');
    expect(differenceOf(scopeRemoved.state, notEnabled.state)).toBe('');
    expect(api.calls).toBeLessThan(notEnabled.calls - 15);
    expect(scopeRemoved.calls).toBeLessThanOrEqual(notEnabled.calls + 2);
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
