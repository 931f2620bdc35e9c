// `npm run bench`'s dashboard measure runs: on a small tracker it builds the dashboard through the
// bundle, edits every kind of cell it reports on, and returns a figure for each.
import { describe, expect, it } from 'vitest';
import { dashboardBench, formatDashboardBench } from '../../../local/dashboard-bench.ts';
import { BUILD, requireBuild } from '../../helpers.ts';

describe('the dashboard bench', () => {
  it(
    'measures Build dashboard, recalculating every formula, computing it from scratch and the recalculation after each kind of edit',
    { timeout: 60_000 },
    () => {
      requireBuild();
      const b = dashboardBench(60, 120, BUILD);
      // A real build was measured (Build dashboard is 39 calls once the tracker's columns are remembered).
      expect(b.calls).toBeGreaterThan(20);
      expect(b.edits.map((e) => e.what)).toEqual([
        'a cell the dashboard does not read (Notes)',
        'a Stage',
        'a Referred by',
        'a Name',
        'a Referrals given',
        'a Next follow-up',
        'a Contact ID (read by nearly every formula)',
        'an Interview log event',
      ]);
      for (const e of b.edits) expect(e.ms).toBeGreaterThanOrEqual(0);
      // CPU time beside the wait (all threads: the garbage collector's too), which a shared
      // machine's load stretches less; an edit's recalculation takes some.
      for (const e of b.edits) expect(e.cpuMs).toBeGreaterThanOrEqual(0);
      expect(b.edits.some((e) => e.cpuMs > 0)).toBe(true);
      expect(formatDashboardBench(b)).toMatch(/an Interview log event +\d+ ms \(CPU \d+ ms\)/);
      // Recalculating everything computes each formula the dashboard has.
      expect(b.recalcFormulas).toBe(b.formulaCells);
      expect(b.recalcMs).toBeGreaterThan(0);
      // Opening the file computes every formula: the dashboard's share is something, on any machine.
      expect(b.fullMs).toBeGreaterThan(0);
      expect(formatDashboardBench(b)).toMatch(/Build dashboard: \d+ service calls/);
    },
  );
});
