// The fault sweep of Import contacts (test/bundle/fault-sweep.ts): stopped at any write, then
// run again with the same file, the spreadsheet ends exactly as after a clean import.
import { describe, expect, it } from 'vitest';
import { describeFailures, sweepAction } from '../fault-sweep.ts';
import { addOn } from '../../helpers.ts';
import { importOk, tracker } from './import-world.ts';

describe('import: a re-run after a stop at any write ends as a clean import', () => {
  // Every write point is tried (about 20 each): no sampling.
  it.each([
    ['into a tracker whose grid has room for the new contacts', 40],
    ['into a tracker whose grid grows (inside the colour rules)', 3],
    ['into a tracker whose table reaches the last row of the grid', 0],
  ])('%s', { timeout: 60_000 }, (_, spare) => {
    const report = sweepAction({ prepare: () => tracker(spare), act: importOk, maxPoints: 60 });
    expect(report.points.length).toBe(report.writePoints);
    expect(describeFailures(report)).toBe('');
  });

  // Making the tracker (setup and its first Dashboard) is most of the writes: 30 points, the first
  // and last of each kind of call and the rest evenly spaced among about 100.
  it('with no tracker yet (the import makes the Contacts sheet, sets it up and builds the Dashboard)', { timeout: 60_000 }, () => {
    const report = sweepAction({ prepare: () => addOn(), act: importOk, maxPoints: 30 });
    expect(report.points.length).toBeGreaterThan(10);
    expect(describeFailures(report)).toBe('');
  });
});
