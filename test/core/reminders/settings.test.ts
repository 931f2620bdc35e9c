import { describe, expect, it } from 'vitest';
import { checkSettings, DEFAULT_REMINDERS, dayName, remindersOn, storedSettings } from '../../../src/core/reminders/settings.ts';
import { dueNow } from '../../../src/core/reminders/schedule.ts';
import { parseIsoDate } from '../../../src/core/base/dates.ts';

const refused = (input: unknown) => {
  const r = checkSettings(input);
  if (r.ok) throw new Error('accepted');
  return r.message;
};

describe('reminder settings', () => {
  it('are off by default: nothing is sent before the user turns them on', () => {
    expect(remindersOn(DEFAULT_REMINDERS)).toBe(false);
    expect(storedSettings(undefined)).toEqual(DEFAULT_REMINDERS);
    expect(storedSettings('garbage')).toEqual(DEFAULT_REMINDERS);
  });

  it('take a whole change and keep what is left out', () => {
    const r = checkSettings({ digest: true, hour: 0, days: ['mon', 'Friday', ' WED '] });
    expect(r).toEqual({ ok: true, settings: { ...DEFAULT_REMINDERS, digest: true, hour: 0, days: ['Monday', 'Wednesday', 'Friday'] } });
    const cadence = checkSettings({ cadenceWeeks: { alumni: 4, '': 0 } });
    expect(cadence.ok && cadence.settings.cadenceWeeks).toMatchObject({ Alumni: 4, '': 0, Referral: 6 });
  });

  it('refuse an hour outside 0-23 or not whole, in words', () => {
    for (const hour of [24, -1, 7.5, '8', null]) expect(refused({ hour })).toMatch(/hour must be a whole number from 0 to 23.*Nothing was changed/);
  });

  it('refuse days that are not days', () => {
    expect(refused({ days: ['Monday', 'Funday'] })).toBe('“Funday” is not a day of the week. Nothing was changed.');
    expect(refused({ days: [1] })).toMatch(/^1 is not a day of the week/);
    expect(refused({ days: 'Monday' })).toMatch(/list of days/);
    expect(refused({ weeklyDay: 'Mo' })).toMatch(/weekly summary's day/);
    expect(refused({ digest: true, days: [] })).toMatch(/at least one day/);
    expect(dayName('thu')).toBe('Thursday');
  });

  it('refuse bad cadences and things that are not settings', () => {
    expect(refused({ cadenceWeeks: { Boss: 3 } })).toMatch(/“Boss” is not a relationship/);
    expect(refused({ cadenceWeeks: { Alumni: -2 } })).toMatch(/from 0 \(never\) to 104/);
    expect(refused({ digest: 'yes' })).toMatch(/true or false/);
    expect(refused(null)).toMatch(/not understood/);
    expect(refused([])).toMatch(/not understood/);
  });
});

describe('when the hourly trigger sends', () => {
  const on = { ...DEFAULT_REMINDERS, digest: true, hour: 8, weekly: true, weeklyDay: 'Monday' as const };
  const monday = parseIsoDate('2026-12-07')!;
  const saturday = parseIsoDate('2026-12-12')!;

  it('at or after the hour, on a chosen day, once a day', () => {
    expect(dueNow(on, { date: monday, hour: 7 }, null)).toEqual({ digest: false, weekly: false });
    expect(dueNow(on, { date: monday, hour: 8 }, null)).toEqual({ digest: true, weekly: true });
    expect(dueNow(on, { date: monday, hour: 15 }, '2026-12-04')).toEqual({ digest: true, weekly: true });
    expect(dueNow(on, { date: monday, hour: 9 }, '2026-12-07')).toEqual({ digest: false, weekly: false });
    expect(dueNow(on, { date: saturday, hour: 9 }, null)).toEqual({ digest: false, weekly: false });
  });

  it('never when reminders are off', () => {
    expect(dueNow(DEFAULT_REMINDERS, { date: monday, hour: 23 }, null)).toEqual({ digest: false, weekly: false });
  });
});
