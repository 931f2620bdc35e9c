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
      if (/-row log\)$/.test(action.name)) {
        // More contacts and more log rows at once: a count that grew with either would differ.
        // The logging actions take the same path at any size (spare rows in the tracker and the
        // log), so smaller sheets keep the test quick.
        const small = withLogRows(1000, () => runBench([200], [action])[0]);
        const large = withLogRows(10_000, () => runBench([800], [action])[0]);
        expect(small.calls).toBeGreaterThan(0);
        expect(large.calls, '800 contacts and a 10,000-row log, against 200 and 1,000').toBe(small.calls);
        return;
      }
      // Both sizes outgrow a new sheet's 1,000 rows, where an import adds one call to grow the grid.
      const sizes = LOGGING.test(action.name) ? [200, 800] : [1200, 2400];
      const [small, large] = runBench(sizes, [action]);
      expect(small.calls).toBeGreaterThan(0);
      expect(large.calls).toBe(small.calls);
    });
  }
});

function withLogRows<T>(rows: number, run: () => T): T {
  const before = LOG_SIZE.rows;
  LOG_SIZE.rows = rows;
  try {
    return run();
  } finally {
    LOG_SIZE.rows = before;
  }
}
