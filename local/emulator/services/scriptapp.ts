// ScriptApp: installable triggers (time-driven and spreadsheet), kept per emulator in a TriggerTable,
// and the clock that fires the time-driven ones (Emulator.advanceClock / setNow run them).
//
// Pinned behaviours (sources):
// - ClockTriggerBuilder: after, at, atDate, atHour, everyDays/Hours/Minutes/Weeks, inTimezone,
//   nearMinute ("plus or minus 15 minutes"), onMonthDay, onWeekDay; everyMinutes takes 1, 5, 10, 15
//   or 30 (https://developers.google.com/apps-script/reference/script/clock-trigger-builder).
//   Google's own example `onWeekDay(MONDAY).atHour(9)` has no everyWeeks: a week day alone is weekly.
// - Times are read "in the time zone that your script is set to" unless inTimezone
//   (https://developers.google.com/apps-script/guides/triggers/installable, "Managing triggers").
// - Add-ons: "Each add-on can only have one trigger of each type, per user, per document" and
//   "time-driven triggers cannot run more frequently than once per hour"
//   (https://developers.google.com/workspace/add-ons/concepts/editor-triggers, "Restrictions").
//   The messages are those users report: "This add-on has created too many time-based triggers in
//   this document for this Google user account." (ljay79/jira-tools#53) and "The recurrence interval
//   for an Add-on trigger must be at least one hour." (ttsukagoshi/mail-merge-for-gmail#165).
// - 20 triggers per user per script (https://developers.google.com/apps-script/guides/services/quotas);
//   message: "This script has too many triggers. Triggers must be deleted from the script before more
//   can be added." (as scripts log it).
// - getProjectTriggers, getUserTriggers, newTrigger and deleteTrigger need the script.scriptapp scope
//   ("You do not have permission to call getProjectTriggers" without it: oshliaer/google-apps-script-snippets#19),
//   and a simple trigger (onOpen, onEdit: AuthMode.LIMITED) may not call them even with it (see requireScope).
// - getUserTriggers(spreadsheet): "all installable triggers owned by this user in the given
//   spreadsheet, for this script or add-on only"; getProjectTriggers: the current user's triggers of
//   this project. Installable triggers run as the user who made them, and a user never sees another's.
// - Time-driven event object (https://developers.google.com/apps-script/guides/triggers/events,
//   "Time-driven events"): authMode, day-of-month, day-of-week (1 Monday .. 7 Sunday), hour, minute,
//   month, second, timezone, triggerUid, week-of-year, year. Google's example shows "timezone": "UTC";
//   the emulator gives the fields in UTC with timezone "UTC" (assumed from that example only).
// Assumed, not confirmed on Google (each said where it is decided below):
// - Google picks a random minute within the hour of atHour and keeps it; the emulator fires exactly at
//   atHour:nearMinute (minute 0 without nearMinute), so tests are repeatable. everyDays without atHour
//   fires at midnight; everyWeeks without onWeekDay on the day the trigger was made.
// - everyHours(n) first fires n hours after creation. A one-time trigger (at/after/atDate) fires once and
//   stays listed until deleted. A trigger whose spreadsheet was deleted for good
//   does not fire (its run is recorded as skipped).
// - The add-on limits are checked by create(); the builder methods only record what they are given.
//   atHour outside 0-23, nearMinute outside 0-59 or a week day that is not ScriptApp.WeekDay throw
//   "Invalid argument: <name>", the form Apps Script uses for bad arguments elsewhere.
// - Spreadsheet triggers (onOpen, onEdit, onChange, onFormSubmit) are created, listed and deleted with
//   the same limits, but the emulator never fires them.
// Members taking or returning Google's enums (onWeekDay, getEventType, getTriggerSource), and
// getTriggerSourceId (null for a clock trigger here), are left out of the `implements` checks.

import { GasException, RT, instrument, type GasShape, type Runtime } from '../runtime.ts';
import { fromZoned, isValidTimeZone, zonedParts } from '../spreadsheet/tz.ts';
import { requireScope } from './mail.ts';

export const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
export const TOO_MANY_CLOCK_TRIGGERS = 'This add-on has created too many time-based triggers in this document for this Google user account.';
export const ADDON_HOURLY = 'The recurrence interval for an Add-on trigger must be at least one hour.';
export const TOO_MANY_TRIGGERS = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MAX_TRIGGERS_PER_USER = 20;
const HOUR_MS = 3600000;

export const EventType = {
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
} as const;
export type EventTypeName = keyof typeof EventType;

export const TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;
export type TriggerSourceName = keyof typeof TriggerSource;

export const WeekDay = {
  SUNDAY: 'SUNDAY',
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
} as const;
const WEEKDAY_NAMES = Object.keys(WeekDay) as (keyof typeof WeekDay)[];

/** When a time-driven trigger runs, resolved from the builder's calls. Hours and minutes are wall time in `timeZone`. */
export type ClockSchedule =
  | { kind: 'once'; at: number }
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number }
  | { kind: 'days'; every: number; hour: number; minute: number; timeZone: string }
  | { kind: 'weeks'; every: number; weekday: number; hour: number; minute: number; timeZone: string }
  | { kind: 'month'; day: number; hour: number; minute: number; timeZone: string };

export interface InstalledTrigger {
  uid: string;
  handler: string;
  /** Whose trigger it is: it runs as this user, and only this user sees it. */
  user: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** The spreadsheet it belongs to: the one the add-on ran in when it made a clock trigger, the source of a spreadsheet trigger. */
  documentId: string | null;
  schedule: ClockSchedule | null;
  createdAt: number;
  /** Epoch ms of its next run; null once a one-time trigger has run, and for spreadsheet triggers. */
  nextRun: number | null;
}

/** One run of a time-driven trigger, as the Executions page lists it; `error` is what Google's failure notice would say. */
export interface TriggerRun {
  uid: string;
  handler: string;
  user: string;
  at: string;
  status: 'completed' | 'failed' | 'skipped';
  error?: string;
}

/** The installed triggers of the one script project the emulator runs. Plain object: not a service. */
export class TriggerTable {
  readonly triggers: InstalledTrigger[] = [];
  readonly runs: TriggerRun[] = [];
  private serial = 0;

  newUid(): string {
    // Google's ids are long decimal strings; these are shorter but of the same kind.
    this.serial += 1;
    return String(8_000_000_000 + this.serial * 7919);
  }

  ofUser(user: string): InstalledTrigger[] {
    return this.triggers.filter((t) => t.user === user);
  }

  remove(uid: string): void {
    const i = this.triggers.findIndex((t) => t.uid === uid);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  /** The earliest run due at or before `until`, if any. */
  nextDue(until: number): InstalledTrigger | null {
    let next: InstalledTrigger | null = null;
    for (const t of this.triggers) if (t.nextRun !== null && t.nextRun <= until && (!next || t.nextRun < next.nextRun!)) next = t;
    return next;
  }
}

export interface ScriptAppHost {
  table: TriggerTable;
  /** The script project's time zone (appsscript.json), the default for clock triggers. */
  scriptTimeZone: string;
  /** The project is published as an editor add-on: Google's add-on trigger limits apply. */
  addOn: boolean;
  /** The id of the spreadsheet the script runs in now, or null. */
  currentDocumentId(): string | null;
  /** The id of a spreadsheet object passed to getUserTriggers/forSpreadsheet. */
  idOf(spreadsheet: unknown): string | null;
}

/** A plain description of a trigger's schedule, for the CLI's --state and the workbench. */
export function describeSchedule(t: InstalledTrigger): string {
  const s = t.schedule;
  if (!s) return t.eventType === 'CLOCK' ? '' : `on ${t.eventType.slice(3).toLowerCase().replace('_', ' ')}`;
  const at = (h: number, m: number, tz: string) => `at ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')} (${tz})`;
  switch (s.kind) {
    case 'once':
      return `once at ${new Date(s.at).toISOString()}`;
    case 'minutes':
      return `every ${s.every} minutes`;
    case 'hours':
      return s.every === 1 ? 'every hour' : `every ${s.every} hours`;
    case 'days':
      return `${s.every === 1 ? 'every day' : `every ${s.every} days`} ${at(s.hour, s.minute, s.timeZone)}`;
    case 'weeks':
      return `${s.every === 1 ? 'every week' : `every ${s.every} weeks`} on ${WEEKDAY_NAMES[s.weekday]} ${at(s.hour, s.minute, s.timeZone)}`;
    case 'month':
      return `every month on day ${s.day} ${at(s.hour, s.minute, s.timeZone)}`;
  }
}

function wallDate(ms: number, timeZone: string): { year: number; month: number; day: number; weekday: number } {
  const p = zonedParts(new Date(ms), timeZone);
  return { year: p.year, month: p.month, day: p.day, weekday: p.weekday };
}

/** The instant of `hour:minute` on the wall date `days` after the given one, in `timeZone`. */
function wallTime(date: { year: number; month: number; day: number }, days: number, hour: number, minute: number, timeZone: string): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return fromZoned(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), hour, minute, 0, 0, timeZone).getTime();
}

/** The next run: the first strictly after the trigger's `last` run, or after its creation before it has run. */
export function nextRunOf(s: ClockSchedule, createdAt: number, last: number | null): number | null {
  const from = last ?? createdAt;
  switch (s.kind) {
    case 'once':
      return last === null ? s.at : null;
    case 'minutes':
      return from + s.every * 60000;
    case 'hours':
      return from + s.every * HOUR_MS;
    case 'days': {
      const start = wallDate(from, s.timeZone);
      if (last !== null) return wallTime(start, s.every, s.hour, s.minute, s.timeZone);
      for (let k = 0; ; k++) {
        const t = wallTime(start, k, s.hour, s.minute, s.timeZone);
        if (t > from) return t;
      }
    }
    case 'weeks': {
      const start = wallDate(from, s.timeZone);
      if (last !== null) return wallTime(start, 7 * s.every, s.hour, s.minute, s.timeZone);
      for (let k = 0; ; k++) {
        const t = wallTime(start, k, s.hour, s.minute, s.timeZone);
        if ((start.weekday + k) % 7 === s.weekday && t > from) return t;
      }
    }
    case 'month': {
      // A month without that day (the 31st in April) is skipped.
      const start = wallDate(from, s.timeZone);
      for (let k = 0; k < 400; k++) {
        const t = wallTime(start, k, s.hour, s.minute, s.timeZone);
        if (wallDate(t, s.timeZone).day === s.day && t > from) return t;
      }
      return null;
    }
  }
}

/** Google's time-driven event object for a run at `at` (see the header: fields in UTC). */
export function clockEvent(uid: string, at: number): Record<string, unknown> {
  const d = new Date(at);
  const jan1 = new Date(Date.UTC(d.getUTCFullYear(), 0, 1));
  const dayOfYear = Math.floor((at - jan1.getTime()) / 86400000);
  // Assumed: weeks counted as java.util.Calendar does in the US (weeks start on Sunday, week 1 holds
  // 1 January), Apps Script's servers being Java; Google does not define week-of-year.
  const weekOfYear = Math.floor((dayOfYear + jan1.getUTCDay()) / 7) + 1;
  return {
    authMode: 'FULL',
    triggerUid: uid,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    'day-of-month': d.getUTCDate(),
    'day-of-week': d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    'week-of-year': weekOfYear,
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    timezone: 'UTC',
  };
}

function invalid(name: string): GasException {
  return new GasException(`Invalid argument: ${name}`);
}

function wholeNumber(value: unknown, name: string, min: number, max = Infinity): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw invalid(name);
  return n;
}

export class EmuTrigger implements GasShape<GoogleAppsScript.Script.Trigger, 'getHandlerFunction' | 'getUniqueId'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    readonly _data: InstalledTrigger,
  ) {
    this[RT] = rt;
  }
  getHandlerFunction(): string {
    return this._data.handler;
  }
  getEventType(): EventTypeName {
    return this._data.eventType;
  }
  getTriggerSource(): TriggerSourceName {
    return this._data.source;
  }
  /** The spreadsheet's id for a spreadsheet trigger; null for a time-driven one, which has no source object. */
  getTriggerSourceId(): string | null {
    return this._data.source === 'CLOCK' ? null : this._data.documentId;
  }
  getUniqueId(): string {
    return this._data.uid;
  }
}

interface ClockFields {
  after?: number;
  at?: number;
  atDate?: [number, number, number];
  hour?: number;
  minute?: number;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  weekday?: number;
  monthDay?: number;
  timeZone?: string;
}

export class EmuClockTriggerBuilder implements GasShape<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  'after' | 'at' | 'atDate' | 'atHour' | 'nearMinute' | 'everyMinutes' | 'everyHours' | 'everyDays' | 'everyWeeks' | 'onMonthDay' | 'inTimezone' | 'create'
> {
  readonly [RT]: Runtime;
  private readonly fields: ClockFields = {};
  constructor(
    rt: Runtime,
    private readonly app: EmuScriptApp,
    private readonly handler: string,
  ) {
    this[RT] = rt;
  }
  after(durationMilliseconds: number): EmuClockTriggerBuilder {
    this.fields.after = wholeNumber(durationMilliseconds, 'durationMilliseconds', 0);
    return this;
  }
  at(date: Date): EmuClockTriggerBuilder {
    if (!(date instanceof Object) || Number.isNaN(new Date(date as Date).getTime())) throw invalid('date');
    this.fields.at = new Date(date as Date).getTime();
    return this;
  }
  atDate(year: number, month: number, day: number): EmuClockTriggerBuilder {
    this.fields.atDate = [wholeNumber(year, 'year', 1), wholeNumber(month, 'month', 1, 12), wholeNumber(day, 'day', 1, 31)];
    return this;
  }
  atHour(hour: number): EmuClockTriggerBuilder {
    this.fields.hour = wholeNumber(hour, 'hour', 0, 23);
    return this;
  }
  nearMinute(minute: number): EmuClockTriggerBuilder {
    this.fields.minute = wholeNumber(minute, 'minute', 0, 59);
    return this;
  }
  everyMinutes(n: number): EmuClockTriggerBuilder {
    const every = Number(n);
    if (![1, 5, 10, 15, 30].includes(every)) throw invalid('n');
    this.fields.everyMinutes = every;
    return this;
  }
  everyHours(n: number): EmuClockTriggerBuilder {
    this.fields.everyHours = Number(n);
    return this;
  }
  everyDays(n: number): EmuClockTriggerBuilder {
    this.fields.everyDays = wholeNumber(n, 'n', 1);
    return this;
  }
  everyWeeks(n: number): EmuClockTriggerBuilder {
    this.fields.everyWeeks = wholeNumber(n, 'n', 1);
    return this;
  }
  onWeekDay(day: unknown): EmuClockTriggerBuilder {
    const i = WEEKDAY_NAMES.indexOf(String(day) as keyof typeof WeekDay);
    if (i < 0) throw invalid('day');
    this.fields.weekday = i;
    return this;
  }
  onMonthDay(day: number): EmuClockTriggerBuilder {
    this.fields.monthDay = wholeNumber(day, 'day', 1, 31);
    return this;
  }
  inTimezone(timezone: string): EmuClockTriggerBuilder {
    if (!isValidTimeZone(String(timezone))) throw invalid('timezone');
    this.fields.timeZone = String(timezone);
    return this;
  }
  create(): EmuTrigger {
    return this.app._install(this.handler, 'CLOCK', 'CLOCK', this.app._host.currentDocumentId(), this._schedule());
  }

  _schedule(): ClockSchedule {
    const f = this.fields;
    const tz = f.timeZone ?? this.app._host.scriptTimeZone;
    const hour = f.hour ?? 0;
    const minute = f.minute ?? 0;
    const addOnCheck = (intervalMs: number) => {
      if (this.app._host.addOn && intervalMs < HOUR_MS) throw new GasException(ADDON_HOURLY);
    };
    if (f.at !== undefined) return { kind: 'once', at: f.at };
    if (f.after !== undefined) return { kind: 'once', at: this[RT].now() + f.after };
    if (f.atDate) return { kind: 'once', at: fromZoned(f.atDate[0], f.atDate[1], f.atDate[2], hour, minute, 0, 0, tz).getTime() };
    if (f.everyMinutes !== undefined) {
      addOnCheck(f.everyMinutes * 60000);
      return { kind: 'minutes', every: f.everyMinutes };
    }
    if (f.everyHours !== undefined) {
      addOnCheck(f.everyHours * HOUR_MS);
      return { kind: 'hours', every: wholeNumber(f.everyHours, 'n', 1) };
    }
    if (f.everyWeeks !== undefined || f.weekday !== undefined) {
      const weekday = f.weekday ?? wallDate(this[RT].now(), tz).weekday;
      return { kind: 'weeks', every: f.everyWeeks ?? 1, weekday, hour, minute, timeZone: tz };
    }
    if (f.everyDays !== undefined) return { kind: 'days', every: f.everyDays, hour, minute, timeZone: tz };
    if (f.monthDay !== undefined) return { kind: 'month', day: f.monthDay, hour, minute, timeZone: tz };
    // Assumed: Google refuses a clock trigger with no time or frequency; its exact words are not known.
    throw new GasException('Invalid argument: the trigger needs a time or a frequency (after, at, atDate, every..., onWeekDay or onMonthDay).');
  }
}

export class EmuSpreadsheetTriggerBuilder implements GasShape<
  GoogleAppsScript.Script.SpreadsheetTriggerBuilder,
  'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'
> {
  readonly [RT]: Runtime;
  private eventType: EventTypeName | null = null;
  constructor(
    rt: Runtime,
    private readonly app: EmuScriptApp,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {
    this[RT] = rt;
  }
  onOpen(): EmuSpreadsheetTriggerBuilder {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onEdit(): EmuSpreadsheetTriggerBuilder {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onChange(): EmuSpreadsheetTriggerBuilder {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): EmuSpreadsheetTriggerBuilder {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): EmuTrigger {
    // Assumed: create() before choosing an event is refused like a clock trigger with no schedule.
    if (!this.eventType) throw new GasException('Invalid argument: the trigger needs an event (onOpen, onEdit, onChange or onFormSubmit).');
    return this.app._install(this.handler, this.eventType, 'SPREADSHEETS', this.spreadsheetId, null);
  }
}

export class EmuTriggerBuilder implements GasShape<GoogleAppsScript.Script.TriggerBuilder, 'timeBased' | 'forSpreadsheet'> {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly app: EmuScriptApp,
    private readonly handler: string,
  ) {
    this[RT] = rt;
  }
  timeBased(): EmuClockTriggerBuilder {
    return new EmuClockTriggerBuilder(this[RT], this.app, this.handler);
  }
  forSpreadsheet(sheet: unknown): EmuSpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : this.app._host.idOf(sheet);
    if (!id) throw invalid('sheet');
    return new EmuSpreadsheetTriggerBuilder(this[RT], this.app, this.handler, id);
  }
}

export class EmuScriptApp implements GasShape<GoogleAppsScript.Script.ScriptApp, 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger'> {
  readonly [RT]: Runtime;
  readonly AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  constructor(
    rt: Runtime,
    readonly _host: ScriptAppHost,
  ) {
    this[RT] = rt;
  }

  newTrigger(functionName: string): EmuTriggerBuilder {
    requireScope(this[RT], 'ScriptApp.newTrigger', SCRIPTAPP_SCOPE, true);
    if (typeof functionName !== 'string' || functionName === '') throw invalid('functionName');
    return new EmuTriggerBuilder(this[RT], this, functionName);
  }
  getProjectTriggers(): EmuTrigger[] {
    requireScope(this[RT], 'ScriptApp.getProjectTriggers', SCRIPTAPP_SCOPE, true);
    return this._host.table.ofUser(this[RT].activeUser).map((t) => new EmuTrigger(this[RT], t));
  }
  getUserTriggers(spreadsheet: unknown): EmuTrigger[] {
    requireScope(this[RT], 'ScriptApp.getUserTriggers', SCRIPTAPP_SCOPE, true);
    const id = this._host.idOf(spreadsheet);
    if (!id) throw invalid('spreadsheet');
    return this._host.table
      .ofUser(this[RT].activeUser)
      .filter((t) => t.documentId === id)
      .map((t) => new EmuTrigger(this[RT], t));
  }
  /** Deleting a trigger already deleted, or another user's, changes nothing (assumed: Google does not say). */
  deleteTrigger(trigger: EmuTrigger): void {
    requireScope(this[RT], 'ScriptApp.deleteTrigger', SCRIPTAPP_SCOPE, true);
    if (!(trigger instanceof EmuTrigger)) throw invalid('trigger');
    if (trigger._data.user === this[RT].activeUser) this._host.table.remove(trigger._data.uid);
  }

  _install(handler: string, eventType: EventTypeName, source: TriggerSourceName, documentId: string | null, schedule: ClockSchedule | null): EmuTrigger {
    const rt = this[RT];
    const table = this._host.table;
    const mine = table.ofUser(rt.activeUser);
    if (this._host.addOn && mine.some((t) => t.eventType === eventType && t.documentId === documentId)) {
      // Google's words are reported for the time-based kind only; the others are assumed to follow them.
      throw new GasException(
        eventType === 'CLOCK'
          ? TOO_MANY_CLOCK_TRIGGERS
          : `This add-on has created too many ${eventType.slice(3).toLowerCase().replace('_', ' ')} triggers in this document for this Google user account.`,
      );
    }
    if (mine.length >= MAX_TRIGGERS_PER_USER) throw new GasException(TOO_MANY_TRIGGERS);
    const createdAt = rt.now();
    const data: InstalledTrigger = {
      uid: table.newUid(),
      handler,
      user: rt.activeUser,
      eventType,
      source,
      documentId,
      schedule,
      createdAt,
      nextRun: schedule ? nextRunOf(schedule, createdAt, null) : null,
    };
    table.triggers.push(data);
    return new EmuTrigger(rt, data);
  }
}

instrument(EmuScriptApp, 'ScriptApp');
instrument(EmuTriggerBuilder, 'TriggerBuilder');
instrument(EmuClockTriggerBuilder, 'ClockTriggerBuilder');
instrument(EmuSpreadsheetTriggerBuilder, 'SpreadsheetTriggerBuilder');
instrument(EmuTrigger, 'Trigger');
