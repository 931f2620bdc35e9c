// Each benchmarked action costs the same number of service calls whatever the number of rows.
import { describe, expect, it } from 'vitest';
import { ACTIONS, runBench } from '../../local/bench.ts';
import { requireBuild } from '../helpers.ts';

// Setup and import at real sizes: 100 fits in a new sheet's 1,000 rows, the others do not.
// 10,000 takes about a minute per action in the emulator, so the test stops at 3,000;
// `npm run bench` runs 100, 1,000 and 10,000.
const REAL_SIZES: Record<string, number[]> = { setUpTracker: [100, 1000, 3000], importContacts: [100, 1000, 3000] };

describe('service calls do not grow with rows', () => {
  requireBuild();
  for (const action of ACTIONS) {
    // Other actions: both sizes outgrow a new sheet's 1,000 rows.
    const sizes = REAL_SIZES[action.name] ?? [1200, 2400];
    it(`${action.name} (${sizes.join(', ')} rows)`, { timeout: 120_000 }, () => {
      const runs = runBench(sizes, [action]);
      expect(runs[0].calls).toBeGreaterThan(0);
      expect(runs.map((r) => r.calls)).toEqual(runs.map(() => runs[0].calls));
    });
  }
});
