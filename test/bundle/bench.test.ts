// Each benchmarked action costs the same number of service calls whatever the number of rows,
// and a logging action the same whatever the number of rows already in the Interview log.
import { describe, expect, it } from 'vitest';
import { ACTIONS, LOG_SIZE, runBench } from '../../local/bench.ts';
import { requireBuild } from '../helpers.ts';

/** Actions on the Interview log (their names say so); LOG_SIZE sets the rows of the "-row log" ones. */
const LOGGING = /-row log\)$|Interview log/;

describe('service calls do not grow with rows', () => {
  requireBuild();
  for (const action of ACTIONS) {
    it(action.name, () => {
      // Both sizes outgrow a new sheet's 1,000 rows, where an import adds one call to grow the grid.
      // The logging actions take the same path at any size (spare rows in the tracker and the
      // log), so smaller sheets keep the test quick.
      const sizes = LOGGING.test(action.name) ? [200, 800] : [1200, 2400];
      const [small, large] = runBench(sizes, [action]);
      expect(small.calls).toBeGreaterThan(0);
      expect(large.calls).toBe(small.calls);
      if (!/-row log\)$/.test(action.name)) return;
      const rows = LOG_SIZE.rows;
      LOG_SIZE.rows = 1000;
      try {
        const [shortLog] = runBench([sizes[0]], [action]);
        expect(shortLog.calls, 'with a 1,000-row log instead of 10,000').toBe(small.calls);
      } finally {
        LOG_SIZE.rows = rows;
      }
    });
  }
});
