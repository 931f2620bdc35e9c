// Pins ScriptApp's installable triggers and their firing from the emulator's clock
// (sources and assumptions in local/emulator/services/scriptapp.ts).
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { ADDON_HOURLY, SCRIPTAPP_SCOPE, TOO_MANY_CLOCK_TRIGGERS, TOO_MANY_TRIGGERS, describeSchedule } from '../../local/emulator/services/scriptapp.ts';
import { USERINFO_EMAIL_SCOPE } from '../../local/emulator/services/session.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Handler = (e: Record<string, unknown>) => void;

/** An emulator whose "script" is the handlers given: each trigger run calls one as its own execution. */
function setup(options: { timeZone?: string; addOn?: boolean; scopes?: string[] | null; start?: string } = {}) {
  const emu = new Emulator({
    buildDir: '/nonexistent',
    timeZone: options.timeZone ?? 'Etc/UTC',
    addOn: options.addOn,
    scopes: options.scopes === undefined ? [SCRIPTAPP_SCOPE, USERINFO_EMAIL_SCOPE] : options.scopes,
  });
  emu.setNow(Date.parse(options.start ?? '2026-03-02T10:00:00Z'));
  const g = emu.globals() as any;
  const handlers: Record<string, Handler> = {};
  const calls: { name: string; event: Record<string, unknown>; user: string; now: string; authMode: string }[] = [];
  emu.scriptRunner = (name, args) => {
    const handler = handlers[name];
    if (!handler) throw new Error(`Script function not found: ${name}`);
    const event = args[0] as Record<string, unknown>;
    calls.push({ name, event, user: g.Session.getEffectiveUser().getEmail(), now: minute(emu.now()), authMode: emu.rt.authMode });
    try {
      handler(event);
    } finally {
      emu.endExecution();
    }
  };
  return { emu, g, handlers, calls };
}

const DAY = 86_400_000;
/** The clock runs on while a test runs, so times are compared to the minute. */
const minute = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('time-driven triggers fire from the clock', () => {
  it('everyDays(1).atHour(8) in the script time zone runs once a day at 08:00 there, with Google event object in UTC', () => {
    const { emu, g, handlers, calls } = setup({ timeZone: 'Europe/Paris' });
    handlers.digest = () => {};
    const trigger = g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).create();
    expect(emu.advanceClock(3 * DAY)).toHaveLength(3);
    // Paris is UTC+1 in early March: 08:00 there is 07:00Z.
    expect(calls.map((c) => c.now)).toEqual(['2026-03-03T07:00', '2026-03-04T07:00', '2026-03-05T07:00']);
    expect(calls[0].event).toEqual({
      authMode: 'FULL',
      triggerUid: trigger.getUniqueId(),
      year: 2026,
      month: 3,
      'day-of-month': 3,
      'day-of-week': 2,
      'week-of-year': 10, // weeks from Sunday; week 1 holds 1 January (a Thursday in 2026)
      hour: 7,
      minute: 0,
      second: 0,
      timezone: 'UTC',
    });
    expect(calls.every((c) => c.authMode === 'FULL')).toBe(true);
    expect(minute(emu.now())).toBe('2026-03-05T10:00');
  });

  it('inTimezone keeps the wall hour across a change to summer time', () => {
    const { emu, g, handlers, calls } = setup({ start: '2026-03-27T12:00:00Z' });
    handlers.digest = () => {};
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).nearMinute(30).inTimezone('Europe/Paris').create();
    emu.advanceClock(3 * DAY);
    // Paris moves to UTC+2 on 2026-03-29.
    expect(calls.map((c) => c.now)).toEqual(['2026-03-28T07:30', '2026-03-29T06:30', '2026-03-30T06:30']);
  });

  it('onWeekDay(MONDAY).atHour(9) alone is weekly, on Mondays', () => {
    const { emu, g, handlers, calls } = setup({ start: '2026-03-03T00:00:00Z' }); // a Tuesday
    handlers.weekly = () => {};
    g.ScriptApp.newTrigger('weekly').timeBased().onWeekDay(g.ScriptApp.WeekDay.MONDAY).atHour(9).create();
    emu.advanceClock(15 * DAY);
    expect(calls.map((c) => c.now)).toEqual(['2026-03-09T09:00', '2026-03-16T09:00']);
    expect(calls.every((c) => c.event['day-of-week'] === 1)).toBe(true);
  });

  it('everyHours(n) runs every n hours; after(ms) runs once and stays listed', () => {
    const { emu, g, handlers, calls } = setup({ addOn: false });
    handlers.hourly = () => {};
    handlers.once = () => {};
    g.ScriptApp.newTrigger('hourly').timeBased().everyHours(6).create();
    g.ScriptApp.newTrigger('later').forSpreadsheet(emu.active).onOpen().create();
    g.ScriptApp.newTrigger('once')
      .timeBased()
      .after(90 * 60_000)
      .create();
    emu.advanceClock(DAY);
    expect(calls.filter((c) => c.name === 'hourly')).toHaveLength(4);
    expect(calls.filter((c) => c.name === 'once').map((c) => c.now)).toEqual(['2026-03-02T11:30']);
    expect(g.ScriptApp.getProjectTriggers()).toHaveLength(3);
  });

  it('each run is an execution as the user who made the trigger, whoever uses the emulator meanwhile', () => {
    const { emu, g, handlers, calls } = setup({ scopes: null });
    handlers.digest = () => {};
    emu.active.addEditor('owner@example.com');
    emu.actAs('owner@example.com', () => g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(7).create());
    emu.actAs('coach@example.com', () => emu.advanceClock(DAY));
    expect(calls.map((c) => c.user)).toEqual(['owner@example.com']);
    expect(emu.rt.activeUser).toBe('me@example.com');
  });

  it('a handler that throws is recorded as a failed run, and later runs still happen', () => {
    const { emu, g, handlers, calls } = setup({ addOn: false });
    let n = 0;
    handlers.flaky = () => {
      n += 1;
      if (n === 1) throw new TypeError('Cannot read properties of null');
    };
    g.ScriptApp.newTrigger('flaky').timeBased().everyDays(1).atHour(12).create();
    g.ScriptApp.newTrigger('gone').timeBased().everyWeeks(1).onWeekDay('TUESDAY').create();
    const runs = emu.advanceClock(2 * DAY);
    expect(runs.map((r) => [r.handler, r.status, r.error])).toEqual([
      ['flaky', 'failed', 'TypeError: Cannot read properties of null'],
      ['gone', 'failed', 'Script function not found: gone'],
      ['flaky', 'completed', undefined],
    ]);
    expect(calls.map((c) => c.name)).toEqual(['flaky', 'flaky']);
    expect(emu.triggers.runs).toEqual(runs);
  });

  it('a deleted trigger no longer runs; a handler may delete its own trigger', () => {
    const { emu, g, handlers, calls } = setup();
    handlers.selfRemoving = (e) => {
      for (const t of g.ScriptApp.getUserTriggers(g.SpreadsheetApp.getActiveSpreadsheet())) {
        if (t.getUniqueId() === e.triggerUid) g.ScriptApp.deleteTrigger(t);
      }
    };
    g.ScriptApp.newTrigger('selfRemoving').timeBased().everyDays(1).atHour(12).create();
    emu.advanceClock(5 * DAY);
    expect(calls).toHaveLength(1);
    expect(g.ScriptApp.getProjectTriggers()).toEqual([]);
  });

  it('moving the clock back fires nothing, not even a run overdue; a trigger of a spreadsheet deleted for good is skipped', () => {
    const { emu, g, handlers, calls } = setup({ addOn: false });
    handlers.digest = () => {};
    handlers.once = () => {};
    g.ScriptApp.newTrigger('once').timeBased().at(new Date('2026-02-28T00:00:00Z')).create();
    expect(emu.setNow(Date.parse('2026-02-28T12:00:00Z'))).toEqual([]);
    // Overdue, it runs as soon as the clock moves forward, at the time the move starts from.
    expect(emu.setNow(Date.parse('2026-03-02T10:00:00Z')).map((r) => [r.handler, minute(Date.parse(r.at))])).toEqual([['once', '2026-02-28T12:00']]);
    calls.length = 0;
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(12).create();
    expect(emu.setNow(Date.parse('2026-03-01T00:00:00Z'))).toEqual([]);
    emu.setNow(Date.parse('2026-03-02T10:00:00Z'));
    emu.deleteFile(emu.active._id);
    expect(emu.advanceClock(DAY).map((r) => r.status)).toEqual(['skipped']);
    expect(calls).toEqual([]);
  });

  it('a user who lost access to the spreadsheet: the run fails with Google’s no-access message and runs no code; a viewer’s writes fail', () => {
    const { emu, g, handlers, calls } = setup({ scopes: null });
    const tracker = emu.active;
    tracker.addEditor('coach@example.com');
    handlers.digest = () => g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange('A1').setValue('sent');
    emu.actAs('coach@example.com', () => g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(12).create());
    tracker.removeEditor('coach@example.com');
    expect(emu.advanceClock(DAY).map((r) => [r.status, r.error])).toEqual([
      ['failed', 'Exception: You do not have permission to access the requested document.'],
    ]);
    expect(calls).toEqual([]);
    tracker.addViewer('coach@example.com');
    const [run] = emu.advanceClock(DAY);
    expect(run.status).toBe('failed');
    expect(calls).toHaveLength(1);
    expect(tracker.getSheets()[0].getRange('A1').getValue()).toBe('');
  });

  it('the spreadsheet the trigger was made in is the active one during its runs', () => {
    const { emu, g, handlers } = setup();
    const tracker = emu.active;
    const seen: string[] = [];
    handlers.digest = () => seen.push(g.SpreadsheetApp.getActiveSpreadsheet().getId());
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(12).create();
    emu.active = emu.createSpreadsheet('Another');
    emu.advanceClock(DAY);
    expect(seen).toEqual([tracker._id]);
    expect(emu.active.getName()).toBe('Another');
  });
});

describe('what a time-driven run may not do', () => {
  it('has no Ui: SpreadsheetApp.getUi() throws Google’s message (and works again afterwards)', () => {
    const { emu, g, handlers } = setup();
    handlers.digest = () => g.SpreadsheetApp.getUi().alert('Due today');
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(12).create();
    expect(emu.advanceClock(DAY).map((r) => r.error)).toEqual(['Exception: Cannot call SpreadsheetApp.getUi() from this context.']);
    expect(() => g.SpreadsheetApp.getUi()).not.toThrow();
  });
});

describe('listing and deleting', () => {
  it('getUserTriggers(spreadsheet) lists this user’s triggers of that spreadsheet; getProjectTriggers all of this user’s', () => {
    const { emu, g } = setup();
    const first = emu.active;
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).create();
    g.ScriptApp.newTrigger('opened').forSpreadsheet(first).onOpen().create();
    const second = emu.createSpreadsheet('Second');
    emu.active = second;
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(9).create();
    emu.actAs('coach@example.com', () => g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(10).create());

    const inFirst = g.ScriptApp.getUserTriggers(first);
    expect(inFirst.map((t: any) => [t.getHandlerFunction(), t.getEventType(), t.getTriggerSource(), t.getTriggerSourceId()])).toEqual([
      ['digest', 'CLOCK', 'CLOCK', null],
      ['opened', 'ON_OPEN', 'SPREADSHEETS', first._id],
    ]);
    expect(inFirst[0].getEventType()).toBe(g.ScriptApp.EventType.CLOCK);
    expect(inFirst[1].getTriggerSource()).toBe(g.ScriptApp.TriggerSource.SPREADSHEETS);
    expect(g.ScriptApp.getUserTriggers(second)).toHaveLength(1);
    expect(g.ScriptApp.getProjectTriggers()).toHaveLength(3);
    g.ScriptApp.deleteTrigger(inFirst[0]);
    expect(g.ScriptApp.getUserTriggers(first).map((t: any) => t.getHandlerFunction())).toEqual(['opened']);
    expect(describeSchedule(emu.triggers.triggers.find((t) => t.user === 'coach@example.com')!)).toBe('every day at 10:00 (Etc/UTC)');
  });
});

describe("Google's limits", () => {
  it('an add-on has one time-driven trigger per user and document', () => {
    const { emu, g } = setup();
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(8).create();
    expect(() => g.ScriptApp.newTrigger('weekly').timeBased().everyWeeks(1).create()).toThrow(TOO_MANY_CLOCK_TRIGGERS);
    expect(TOO_MANY_CLOCK_TRIGGERS).toBe('This add-on has created too many time-based triggers in this document for this Google user account.');
    // Another user of the same document, or the same user in another document, may have one.
    expect(() => emu.actAs('coach@example.com', () => g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).create())).not.toThrow();
    emu.active = emu.createSpreadsheet('Other');
    expect(() => g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).create()).not.toThrow();
    // One of each kind: an open trigger beside the clock one is allowed, a second open trigger is not.
    g.ScriptApp.newTrigger('opened').forSpreadsheet(emu.active).onOpen().create();
    expect(() => g.ScriptApp.newTrigger('opened').forSpreadsheet(emu.active).onOpen().create()).toThrow(/too many open triggers/);
  });

  it('an add-on’s time-driven trigger runs at most hourly', () => {
    const { g } = setup();
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyMinutes(30).create()).toThrow(ADDON_HOURLY);
    expect(ADDON_HOURLY).toBe('The recurrence interval for an Add-on trigger must be at least one hour.');
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(0.5).create()).toThrow(ADDON_HOURLY);
    expect(() => g.ScriptApp.newTrigger('f').timeBased().everyHours(1).create()).not.toThrow();
  });

  it('a script that is not an add-on may run every minute, up to 20 triggers per user', () => {
    const { emu, g, handlers, calls } = setup({ addOn: false });
    handlers.tick = () => {};
    g.ScriptApp.newTrigger('tick').timeBased().everyMinutes(5).create();
    emu.advanceClock(60 * 60_000);
    expect(calls).toHaveLength(12);
    expect(() => g.ScriptApp.newTrigger('tick').timeBased().everyMinutes(7)).toThrow('Invalid argument: n');
    for (let i = 1; i < 20; i++) g.ScriptApp.newTrigger('tick').timeBased().everyDays(1).create();
    expect(() => g.ScriptApp.newTrigger('tick').timeBased().everyDays(1).create()).toThrow(TOO_MANY_TRIGGERS);
  });

  it('bad hours, minutes and week days are refused by the builder; a trigger with no time by create()', () => {
    const { g } = setup();
    const clock = () => g.ScriptApp.newTrigger('f').timeBased();
    expect(() => clock().atHour(24)).toThrow('Invalid argument: hour');
    expect(() => clock().atHour(-1)).toThrow('Invalid argument: hour');
    expect(() => clock().nearMinute(60)).toThrow('Invalid argument: minute');
    expect(() => clock().onWeekDay('Funday')).toThrow('Invalid argument: day');
    expect(() => clock().inTimezone('Mars/Olympus')).toThrow('Invalid argument: timezone');
    expect(() => clock().atHour(8).create()).toThrow(/needs a time or a frequency/);
  });

  it('needs the script.scriptapp scope, and authorization (not AuthMode.NONE)', () => {
    const { emu, g } = setup({ scopes: ['https://www.googleapis.com/auth/spreadsheets.currentonly'] });
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    expect(() => g.ScriptApp.newTrigger('f')).toThrow(/script\.scriptapp/);
    expect(g.ScriptApp.AuthMode.FULL).toBe('FULL');
    emu.scopes = [SCRIPTAPP_SCOPE];
    // A simple trigger (onOpen) may not use it even with the scope, in the same words.
    emu.rt.authMode = 'LIMITED';
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(
      'You do not have permission to call ScriptApp.getProjectTriggers. Required permissions: https://www.googleapis.com/auth/script.scriptapp',
    );
    emu.rt.authMode = 'NONE';
    expect(() => g.ScriptApp.getProjectTriggers()).toThrow(/Authorization is required/);
  });
});

describe('driving the clock', () => {
  it('moving the clock over a due trigger with no script loaded is a mistake in the test, said plainly, and changes nothing', () => {
    const emu = new Emulator({ buildDir: '/nonexistent', scopes: null });
    const g = emu.globals() as any;
    g.ScriptApp.newTrigger('digest').timeBased().everyDays(1).atHour(12).create();
    const next = emu.triggers.triggers[0].nextRun;
    expect(() => emu.advanceClock(DAY)).toThrow('no script to run triggers with: load a Bundle on this emulator first');
    expect(emu.triggers.triggers[0].nextRun).toBe(next);
    expect(emu.triggers.runs).toEqual([]);
  });
});
