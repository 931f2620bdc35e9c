// The Dashboard counts only events that stand: a voided event and its voiding row leave the
// week's activity as if the event had never been logged (live formulas, no rebuild).
import { describe, expect, it } from 'vitest';
import type { SetupResult } from '../../../src/shared/types.ts';
import type { VoidResult } from '../../../src/shared/history.ts';
import { addOn, requireBuild } from '../../helpers.ts';
import { dayIn, isoDay, rowOf, section } from '../dashboard/world.ts';

describe('the Dashboard after a void', () => {
  requireBuild();

  it("takes a voided event out of this week's activity and its stage out of the totals", () => {
    const app = addOn({ csv: 'Name,Email\nAda Lovelace,ada@example.com\nAlan Turing,\n', sheetName: 'Contacts' });
    expect((app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult).ok).toBe(true);
    const dash = app.ss.getSheetByName('Dashboard')!;
    const today = isoDay(dayIn(app.emu.rt.now(), 'Etc/UTC'));
    app.bundle.run('logPitchSent', [{ eventId: 'dash-void-pitch', contactIds: ['C-0001', 'C-0002'], date: today }]);
    const grid = () => dash.getDataRange().getValues();
    const activity = (label: string) => rowOf(section(grid(), 'Activity in the Interview log'), label)[1];
    const pitched = () => rowOf(section(grid(), 'Totals'), 'Pitched')[1];
    expect([activity('Pitches sent'), activity('All events'), pitched()]).toEqual([2, 2, 2]);

    const result = app.bundle.run('voidEvent', [{ eventId: 'dash-void-pitch/C-0002', reason: 'Not sent after all' }]).result as VoidResult;
    expect(result.ok).toBe(true);
    expect(app.ss.getSheetByName('Interview log')!.getLastRow()).toBe(4);
    expect([activity('Pitches sent'), activity('All events'), pitched()]).toEqual([1, 1, 1]);
  });
});
