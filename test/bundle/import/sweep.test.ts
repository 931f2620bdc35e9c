// The fault sweep of Import contacts (test/bundle/fault-sweep.ts): stopped at any write, then
// run again with the same file, the spreadsheet ends exactly as after a clean import.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { describeFailures, sweepAction } from '../fault-sweep.ts';
import type { ImportResult, SetupResult } from '../../../src/shared/types.ts';

const LINKEDIN = readFileSync(join(FIXTURES, 'linkedin-connections.csv'), 'utf8');
const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');

type App = ReturnType<typeof addOn>;

/**
 * A tracker set up on hand-made.csv whose grid keeps `spare` empty rows below the table. The
 * LinkedIn file then adds contacts to 6 of them and fills empty cells of 2 contacts already there.
 */
function tracker(spare: number): App {
  const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const sheet = app.ss.getSheetByName('Contacts')!;
  const extra = sheet.getMaxRows() - sheet.getLastRow() - spare;
  if (extra > 0) sheet.deleteRows(sheet.getLastRow() + spare + 1, extra);
  return app;
}

function importFile(app: App): void {
  const r = app.bundle.run('importContacts', [LINKEDIN, {}]).result as ImportResult;
  if (!r.ok) throw new Error(r.message);
}

describe('import: a re-run after a stop at any write ends as a clean import', () => {
  // Every write point is tried (about 20 each): no sampling.
  it.each([
    ['into a tracker whose grid has room for the new contacts', 40],
    ['into a tracker whose grid grows (inside the colour rules)', 3],
    ['into a tracker whose table reaches the last row of the grid', 0],
  ])('%s', { timeout: 60_000 }, (_, spare) => {
    const report = sweepAction({ prepare: () => tracker(spare), act: importFile, maxPoints: 60 });
    expect(report.points.length).toBe(report.writePoints);
    expect(describeFailures(report)).toBe('');
  });

  // Making the tracker (setup and its first Dashboard) is most of the writes: 30 points, the first
  // and last of each kind of call and the rest evenly spaced among about 100.
  it('with no tracker yet (the import makes the Contacts sheet, sets it up and builds the Dashboard)', { timeout: 60_000 }, () => {
    const report = sweepAction({ prepare: () => addOn(), act: importFile, maxPoints: 30 });
    expect(report.points.length).toBeGreaterThan(10);
    expect(describeFailures(report)).toBe('');
  });
});
