// Reminders by email: the settings the dialog changes (with the one installable trigger they
// need), and the trigger's hourly run that sends the digest.
//
// Google's rules this follows (https://developers.google.com/workspace/add-ons/concepts/editor-triggers):
// an add-on may have one time-driven trigger per user and document, run at most once an hour,
// in AuthMode.FULL; ScriptApp.getUserTriggers(spreadsheet) lists the user's triggers of this
// add-on in that spreadsheet. A trigger function that throws makes Google email the user a
// failure notice, so the run never throws: a problem is logged and shown in the dialog.

import { cellDate } from '../../core/base/calendar.ts';
import { describeDate } from '../../core/base/calendar.ts';
import { formatIsoDate, parseIsoDate } from '../../core/base/dates.ts';
import { coachColumns } from '../../core/coach/columns.ts';
import { buildDigest, type LogEvent } from '../../core/reminders/digest.ts';
import { dueNow } from '../../core/reminders/schedule.ts';
import { checkSettings, remindersOn } from '../../core/reminders/settings.ts';
import { RELATIONSHIPS } from '../../core/tracker/schema.ts';
import { cellText } from '../../core/tracker/cells.ts';
import type { RemindersResult, RemindersState } from '../../shared/reminders.ts';
import { googleText, UserError } from '../base/actions.ts';
import { LOCK_WAIT_MS } from '../base/lock.ts';
import { readCoachStore } from '../coach/store.ts';
import { readLog } from '../logging/interview-log.ts';
import { findDashboard } from '../dashboard/dashboard.ts';
import { SETTINGS } from '../../core/dashboard/definitions.ts';
import { readTracker, requireTrackerSheet, type TrackerView } from '../tracker/table.ts';
import { findByTrigger, readReminders, type RemindersRecord, writeReminders } from './store.ts';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The trigger's function, exported by main.ts. */
export const HANDLER = 'sendReminders';
/** The Dashboard's default goal of informational interviews a week, for a tracker without a Dashboard. */
const GOAL_PER_WEEK = 2;
const GOAL_LABEL = SETTINGS.find((s) => s.key === 'goalPerWeek')!.label;

const NO_ADDRESS =
  'Google does not give the add-on your email address here (a school or company account may not allow it), so it cannot send you reminders. Nothing was changed.';

function userAddress(): string {
  return Session.getEffectiveUser().getEmail();
}

function localNow(timeZone: string): { date: ReturnType<typeof parseIsoDate>; hour: number; stamp: string } {
  const stamp = Utilities.formatDate(new Date(), timeZone, 'yyyy-MM-dd HH:mm');
  return { date: parseIsoDate(stamp.slice(0, 10)), hour: Number(stamp.slice(11, 13)), stamp };
}

/** The state the Reminders dialog opens with. Reads only. */
export function remindersState(): RemindersState {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const record = readReminders(PropertiesService.getUserProperties(), ss.getId());
  return {
    ok: true,
    settings: record.settings,
    timeZone: ss.getSpreadsheetTimeZone(),
    email: userAddress(),
    relationships: [...RELATIONSHIPS],
    lastSent: record.lastRun,
    viewOnly: viewOnlyProblem(ss) ?? '',
  };
}

/** This add-on's reminder triggers of this user in `ss`. */
function installedTriggers(ss: Ss): GoogleAppsScript.Script.Trigger[] {
  return ScriptApp.getUserTriggers(ss).filter((t) => t.getHandlerFunction() === HANDLER);
}

function describeSettings(r: RemindersRecord, timeZone: string, email: string): string {
  const s = r.settings;
  if (!remindersOn(s)) return 'Reminders are off: no email will be sent.';
  const hour = `${String(s.hour).padStart(2, '0')}:00`;
  const parts = [];
  if (s.digest) parts.push(`a digest on ${s.days.length === 7 ? 'any day' : s.days.join(', ')} when something is due`);
  if (s.weekly) parts.push(`a weekly summary on ${s.weeklyDay}`);
  return `Reminders are on: ${parts.join(' and ')}, from ${hour} (${timeZone}), to ${email}.`;
}

/**
 * Saves the settings and makes the triggers match them: one when reminders are on, none when
 * off (any extra, from a run that stopped half-way, is removed). The settings are written
 * first, so a run stopped after creating the trigger is finished by the next save, which finds
 * the trigger and keeps it. The caller holds the document lock.
 */
export function setRemindersNow(input: unknown): RemindersResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getUserProperties();
  const record = readReminders(props, ss.getId());
  const checked = checkSettings(input, record.settings);
  if (!checked.ok) throw new UserError(checked.message);
  const settings = checked.settings;
  const on = remindersOn(settings);
  const email = on ? userAddress() : '';
  if (on && !email) throw new UserError(NO_ADDRESS);
  if (on) requireTrackerSheet(ss, PropertiesService.getDocumentProperties());
  const viewOnly = on ? viewOnlyProblem(ss) : null;
  if (viewOnly) throw new UserError(`${viewOnly} Nothing was changed.`);
  const timeZone = ss.getSpreadsheetTimeZone();

  let next: RemindersRecord = { ...record, settings };
  writeReminders(props, next);
  const triggers = installedTriggers(ss);
  const keep = on ? (triggers.find((t) => t.getUniqueId() === record.triggerUid) ?? triggers[0] ?? null) : null;
  for (const t of triggers) if (t !== keep) ScriptApp.deleteTrigger(t);
  let trigger = keep;
  if (on && !trigger) {
    try {
      trigger = ScriptApp.newTrigger(HANDLER).timeBased().everyHours(1).create();
    } catch (e) {
      throw new UserError(`Google refused to schedule the reminders (${googleText(e)}). Your settings are saved; save them again later to try again.`);
    }
  }
  const uid = trigger ? trigger.getUniqueId() : null;
  if (uid !== record.triggerUid) {
    next = { ...next, triggerUid: uid };
    writeReminders(props, next);
  }
  return { ok: true, settings, message: describeSettings(next, timeZone, email) };
}

export interface RunReport {
  /** What the run did, in words (also kept for the dialog and written to the execution log). */
  note: string;
  sent: boolean;
}

/** Removes the trigger with ID `uid` (this run's), if it is still there. */
function removeTrigger(uid: string | null): void {
  if (!uid) return;
  for (const t of ScriptApp.getProjectTriggers()) if (t.getUniqueId() === uid) ScriptApp.deleteTrigger(t);
}

/** 0-based tracker columns whose text may never leave the spreadsheet: the coach view's private ones. */
function privateColumns(view: TrackerView, docProps: GoogleAppsScript.Properties.Properties): number[] {
  const chosen = new Set(readCoachStore(docProps).settings.private);
  return coachColumns({ header: view.header, remembered: view.tags.tracker, rememberedContact: view.tags.contact, feedbackIndex: null })
    .filter((c) => c.lock === 'never' || chosen.has(c.id))
    .map((c) => c.index);
}

function logEvents(ss: Ss, docProps: GoogleAppsScript.Properties.Properties, timeZone: string): LogEvent[] {
  const log = readLog(ss, docProps);
  if (!log || log.lastRow < 2 || log.plan.add.length) return [];
  const { eventDate, eventType } = log.plan.columns;
  const values = log.sheet.getRange(2, 1, log.lastRow - 1, Math.max(eventDate, eventType)).getValues();
  return values.flatMap((row) => {
    const date = cellDate(row[eventDate - 1], timeZone);
    return date ? [{ date, word: cellText(row[eventType - 1]) }] : [];
  });
}

/**
 * The weekly goal as the user set it: the number beside its label on the Dashboard (the label
 * moves with its row when the user inserts rows), else the default. One read of two columns.
 */
function goalPerWeek(ss: Ss, docProps: GoogleAppsScript.Properties.Properties): number {
  const dashboard = findDashboard(ss, docProps);
  const height = dashboard ? dashboard.getLastRow() : 0;
  if (!dashboard || height < 1) return GOAL_PER_WEEK;
  const rows = dashboard
    .getRange(1, 1, height, 2)
    .getValues()
    .filter((r) => r[0] === GOAL_LABEL);
  const goal = rows.length === 1 ? rows[0][1] : null;
  return typeof goal === 'number' && Number.isFinite(goal) && goal >= 0 ? goal : GOAL_PER_WEEK;
}

/**
 * Google's refusal to list the editors of `ss`, or null while the user can edit it.
 * Spreadsheet.getEditors() is the probe, one call under the scopes the add-on has: Google's
 * reference says it throws when "the user who executes the script does not have edit access to
 * the Spreadsheet"; when it answers, they can edit, through whatever list, group or domain sharing
 * gave them access. Only this exception is known, not its wording.
 */
function editorsRefused(ss: Ss): string | null {
  try {
    ss.getEditors();
    return null;
  } catch (e) {
    return googleText(e);
  }
}

/**
 * Why a user who cannot edit `ss` may not turn reminders on, or null while they can: each hourly
 * run would only find that out again (runLocked) and rewrite its note.
 */
function viewOnlyProblem(ss: Ss): string | null {
  return editorsRefused(ss) === null
    ? null
    : `You can only view "${ss.getName()}", not edit it, so the add-on cannot send you reminders for it: ask its owner for edit access.`;
}

/**
 * Why the user may not get the digest of `ss` any more, or null while they can edit it. A tracker
 * someone else owns may be shared with them for viewing only now (an owner who took edit access
 * away): the email is theirs no longer to get, but the trigger stays, for the day edit access
 * comes back.
 */
function editAccessProblem(ss: Ss): string | null {
  const refused = editorsRefused(ss);
  return refused === null
    ? null
    : `you can no longer edit "${ss.getName()}" (only view it?): Google refused to list its editors (${refused}). The reminders come again once you can edit it.`;
}

/**
 * The trigger's run: sends today's email if one is due and not sent yet. "Sent for <day>" is
 * recorded before MailApp is called: a run that fails after it (or a second run) sends nothing
 * more that day. The price of that order: a send that fails leaves the day without its email;
 * the other order could send it twice, and an email cannot be taken back.
 */
export function runReminders(e?: { triggerUid?: string }): RunReport {
  const props = PropertiesService.getUserProperties();
  const lock = LockService.getUserLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { note: 'Another reminder run was under way: this one did nothing.', sent: false };
  try {
    return runLocked(props, e?.triggerUid ?? null);
  } finally {
    lock.releaseLock();
  }
}

function runLocked(props: GoogleAppsScript.Properties.Properties, triggerUid: string | null): RunReport {
  let record = triggerUid ? findByTrigger(props, triggerUid) : null;
  // Assumed: Google gives the time-driven event a triggerUid; without one, the active spreadsheet (if any) is the one.
  if (!record && !triggerUid) {
    const active = SpreadsheetApp.getActiveSpreadsheet();
    record = active ? readReminders(props, active.getId()) : null;
  }
  if (!record) {
    removeTrigger(triggerUid);
    return { note: 'This reminder trigger belongs to no settings any more: it removed itself.', sent: false };
  }
  const finish = (note: string, changes: Partial<RemindersRecord> = {}): RunReport => {
    writeReminders(props, { ...record!, ...changes, lastRun: note });
    console.log(`Reminders: ${note}`);
    return { note, sent: false };
  };
  const stop = (why: string): RunReport => {
    removeTrigger(record!.triggerUid ?? triggerUid);
    return finish(`${why} Reminders were turned off.`, { triggerUid: null, settings: { ...record!.settings, digest: false, weekly: false } });
  };
  if (!remindersOn(record.settings)) {
    removeTrigger(triggerUid);
    return finish('Reminders are off: the trigger removed itself.', { triggerUid: null });
  }

  let ss: Ss;
  try {
    ss = SpreadsheetApp.openById(record.spreadsheetId);
  } catch (e) {
    return stop(`The tracker's spreadsheet could not be opened (deleted, or your access was removed: ${googleText(e)}).`);
  }
  const timeZone = ss.getSpreadsheetTimeZone();
  const now = localNow(timeZone);
  if (!now.date) return { note: `Unexpected date from Utilities.formatDate: ${now.stamp}`, sent: false };
  const today = now.date;
  const due = dueNow(record.settings, { date: today, hour: now.hour }, record.sentDay);
  if (!due.digest && !due.weekly) return { note: 'Nothing to send at this hour.', sent: false };

  const stamp = `${describeDate(today)} ${now.stamp.slice(11)}`;
  const viewOnly = editAccessProblem(ss);
  if (viewOnly) return finish(`${stamp}: not sent: ${viewOnly}`);
  const docProps = PropertiesService.getDocumentProperties();
  let view: TrackerView;
  try {
    view = readTracker(ss, docProps, { valuesOnly: true });
  } catch (e) {
    if (e instanceof UserError) return stop(`${stamp}: the tracker sheet is gone from "${ss.getName()}".`);
    throw e;
  }
  const email = buildDigest({
    table: { ...view, timeZone },
    today,
    settings: record.settings,
    due,
    privateColumns: privateColumns(view, docProps),
    spreadsheet: { name: ss.getName(), url: ss.getUrl(), trackerSheetId: view.sheet.getSheetId() },
    log: due.weekly ? logEvents(ss, docProps, timeZone) : [],
    goalPerWeek: due.weekly ? goalPerWeek(ss, docProps) : GOAL_PER_WEEK,
  });
  if (!email) return { note: `${stamp}: nothing due, no email.`, sent: false };
  const to = userAddress();
  if (!to) return finish(`${stamp}: not sent: Google gave no email address for you.`);
  if (MailApp.getRemainingDailyQuota() < 1) return finish(`${stamp}: not sent: your daily email quota with Google is used up (it comes back tomorrow).`);

  // One write before the email, holding both the day and the outcome: a re-run after a fault
  // finds the day taken and changes nothing more.
  const note = `${stamp}: sent to ${to} (${email.items} ${email.items === 1 ? 'contact' : 'contacts'}${due.weekly ? ', with the weekly summary' : ''}).`;
  record = { ...record, sentDay: formatIsoDate(today), lastRun: note };
  writeReminders(props, record);
  try {
    MailApp.sendEmail({ to, subject: email.subject, body: email.body, htmlBody: email.htmlBody, name: 'Informational Interview Tracker' });
  } catch (e) {
    return finish(`${stamp}: Google failed to send the email (${googleText(e)}); the next one comes on the next reminder day.`);
  }
  return { note, sent: true };
}
