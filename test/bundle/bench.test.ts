// Each benchmarked action costs the same number of service calls whatever the number of rows.
import { describe, expect, it } from 'vitest';
import { ACTIONS, runBench } from '../../local/bench.ts';
import { requireBuild } from '../helpers.ts';

describe('service calls do not grow with rows', () => {
  requireBuild();
  for (const action of ACTIONS) {
    it(action.name, () => {
      const [small, large] = runBench([50, 2000], [action]);
      expect(small.calls).toBeGreaterThan(0);
      expect(large.calls).toBe(small.calls);
    });
  }
});
