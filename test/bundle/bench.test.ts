// Each benchmarked action costs the same number of service calls whatever the number of rows.
import { describe, expect, it } from 'vitest';
import { ACTIONS, runBench } from '../../local/bench.ts';
import { requireBuild } from '../helpers.ts';

describe('service calls do not grow with rows', () => {
  requireBuild();
  for (const action of ACTIONS) {
    it(action.name, () => {
      // Both sizes outgrow a new sheet's 1,000 rows, where an import adds one call to grow the grid.
      const [small, large] = runBench([1200, 2400], [action]);
      expect(small.calls).toBeGreaterThan(0);
      expect(large.calls).toBe(small.calls);
    });
  }
});
