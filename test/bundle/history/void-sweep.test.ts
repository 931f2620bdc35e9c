// voidEvent failing at any call that may change something (the shared fault sweep,
// test/bundle/fault-sweep.ts): the execution stops there, the user voids again, and the whole
// state must be the state of a run that never failed. The case: an interview with two
// referrals, so the void writes the contact's row, both referrals' links and three log rows.
import { describe, expect, it, vi } from 'vitest';
import { describeFailures, sweepAction } from '../fault-sweep.ts';
import { requireBuild } from '../../helpers.ts';
import type { VoidResult } from '../../../src/shared/history.ts';
import { storyOfAmara } from './history-world.ts';

function prepared(fullLog = false) {
  // At a fixed instant, so the log rows logged before are the same in every world.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-01-12T10:00:00Z'));
  try {
    const app = storyOfAmara();
    if (fullLog) {
      // The log's grid ends at its last row: the voiding rows need it to grow.
      const log = app.ss.getSheetByName('Interview log')!;
      log.deleteRows(log.getLastRow() + 1, log.getMaxRows() - log.getLastRow());
    }
    return app;
  } finally {
    vi.useRealTimers();
  }
}

describe('voidEvent converges after a fault anywhere', () => {
  requireBuild();

  it('an interview with referrals voided, failing at each write (at most 24 points), then voided again', { timeout: 120_000 }, () => {
    const report = sweepAction({
      prepare: prepared,
      act: (app) => {
        const result = app.bundle.run('voidEvent', [{ eventId: 'interview-amara-01/C-0002', reason: 'Wrong day' }]).result as VoidResult;
        expect(result.ok).toBe(true);
      },
      now: '2026-01-13T09:00:00Z',
      maxPoints: 24,
    });
    // Amara's row, the two links and the log rows.
    expect(report.points.length).toBeGreaterThanOrEqual(3);
    expect(describeFailures(report)).toBe('');
  });

  it('the same where the log has no empty row left, so its grid grows', { timeout: 120_000 }, () => {
    const report = sweepAction({
      prepare: () => prepared(true),
      act: (app) => void app.bundle.run('voidEvent', [{ eventId: 'interview-amara-01/C-0002', reason: 'Wrong day' }]),
      now: '2026-01-13T09:00:00Z',
      maxPoints: 24,
    });
    expect(report.calls).toContain('Sheet.insertRowsAfter');
    expect(describeFailures(report)).toBe('');
  });
});
