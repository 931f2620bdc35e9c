// Each benchmarked action costs the same number of service calls whatever the number of rows,
// and a logging action the same whatever the number of rows already in the Interview log.
import { describe, expect, it } from 'vitest';
import { ACTIONS, LOG_SIZE, runBench } from '../../local/bench.ts';
import { requireBuild } from '../helpers.ts';

// Setup and import at real sizes: 100 fits in a new sheet's 1,000 rows, the others do not.
// 10,000 takes about a minute per action in the emulator, so the test stops at 3,000;
// `npm run bench` runs 100, 1,000 and 10,000.
// Import: at 100 the new contacts fit in the grid's empty rows; at 1,000 and 3,000 the table
// ends at the grid's last row, and rows added past it take a fixed number of calls more (the
// colour rules are stretched). Each path is flat in rows: test/bundle/import/budget.test.ts
// asserts both at 100 and 2,000; here the two sizes that take the same path.
const REAL_SIZES: Record<string, number[]> = { setUpTracker: [100, 1000, 3000], importContacts: [1000, 3000] };
/** Actions on the Interview log (their names say so); LOG_SIZE sets the rows of the "-row log" ones. */
const LOGGING = /-row log\)$|Interview log/;

describe('service calls do not grow with rows', () => {
  requireBuild();
  for (const action of ACTIONS) {
    it(action.name, { timeout: 120_000 }, () => {
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
      // Others: both sizes outgrow a new sheet's 1,000 rows.
      const sizes = REAL_SIZES[action.name] ?? (LOGGING.test(action.name) ? [200, 800] : [1200, 2400]);
      const runs = runBench(sizes, [action]);
      expect(runs[0].calls).toBeGreaterThan(0);
      expect(
        runs.map((r) => r.calls),
        sizes.join(', '),
      ).toEqual(runs.map(() => runs[0].calls));
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
