// Logging an event from a dialog: checks the input, reads the tracker and the log's Event IDs
// once, lets core plan, then writes the tracker (referral rows, changed cells) and, last, the
// log rows, which mark the event as done. A retry with the same event ID finds its log rows and
// writes nothing; a retry after a failure before the log rows re-plans to the same tracker state
// (with the referral decisions the first attempt stored, see core/logging/pending-events.ts). Every
// write is one that a retry repeats or finds done, so a failure between any two converges.

import { checkEventInput } from '../../core/logging/input.ts';
import { planEvent } from '../../core/logging/plan.ts';
import { askForReferralText, summariseLogged } from '../../core/logging/summary.ts';
import { EVENT_LABELS, type EventKind } from '../../core/logging/events.ts';
import { eventKey, logRowCells } from '../../core/logging/interview-log.ts';
import { maxWidth } from '../../core/tracker/cells.ts';
import type { LogResult } from '../../shared/types.ts';
import { UserError } from '../base/actions.ts';
import { forCell, mergeProblem, writeFills } from '../tracker/cells.ts';
import { sheetClock } from '../base/clock.ts';
import { linkDashboardToLog } from '../dashboard/dashboard.ts';
import { appendToLog, loggedKeys, logWidth, openLog } from './interview-log.ts';
import { forgetPending, readPending, rememberPending } from './pending-events.ts';
import { formatTrackerRows, oneBasedColumns } from '../tracker/format.ts';
import { writeRecord } from '../tracker/store.ts';
import { readTracker } from '../tracker/table.ts';

/** Logs `raw` (a dialog's input) as an event of `kind`. Caller holds the document lock. */
export function logCycleEvent(kind: EventKind, raw: unknown): LogResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const props = PropertiesService.getDocumentProperties();
  const clock = sheetClock(ss);
  const checked = checkEventInput(kind, raw, clock.today);
  if (!checked.ok) throw new UserError(checked.message);

  const view = readTracker(ss, props, { locked: true, formats: true });
  const existingLog = openLog(ss, props, false);
  const keys = existingLog ? loggedKeys(existingLog) : new Set<string>();
  const event = checked.value.event;
  let journal = event.kind === 'interview' && event.referrals.length ? readPending(props) : null;
  const plan = planEvent(
    { ...view, timeZone: clock.timeZone },
    checked.value,
    (key) => keys.has(key),
    (key) => journal?.find((p) => p.key === key),
  );
  if (!plan.ok) throw new UserError(plan.message);

  let log = existingLog;
  if (plan.log.length) {
    const { sheet, record } = view;
    const maxRows = sheet.getMaxRows();
    const width = maxWidth(plan.append);
    const appended = plan.append.length ? [{ row: plan.appendAt, column: 1, numRows: plan.append.length, numColumns: width }] : [];
    const merged = mergeProblem(sheet, [...plan.fills.map((f) => ({ row: f.row, column: f.column, numRows: 1, numColumns: 1 })), ...appended]);
    if (merged) throw new UserError(`${merged} Nothing was logged.`);
    if (existingLog) {
      const logTarget = { row: existingLog.lastRow + 1, column: 1, numRows: plan.log.length, numColumns: logWidth(existingLog) };
      const inLog = mergeProblem(existingLog.sheet, [logTarget]);
      if (inLog) throw new UserError(`In the sheet "${existingLog.sheet.getName()}": ${inLog} Nothing was logged.`);
    }
    if (journal && plan.pending.length) journal = rememberPending(props, journal, plan.pending);
    if (plan.append.length) {
      const lastRow = plan.appendAt + plan.append.length - 1;
      if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
      // The new contacts' rows get the tracker's drop-downs and formats even when the grid did not
      // have to grow now: a failed attempt may have grown it without formatting it.
      formatTrackerRows(sheet, oneBasedColumns(view.tracker), plan.appendAt, plan.append.length);
      const range = sheet.getRange(plan.appendAt, 1, plan.append.length, width);
      // As import does: a Plain text column (the user's, or rows that took the format of the row
      // above) gets the text itself, without the apostrophe that keeps it from being a formula.
      const formats = range.getNumberFormats();
      range.setValues(plan.append.map((r, i) => Array.from({ length: width }, (_, j) => forCell(r[j] ?? '', formats[i]?.[j]))));
    }
    writeFills(sheet, plan.fills, view.grid);
    if (plan.idCounter !== record.idCounter) writeRecord(props, { ...record, idCounter: plan.idCounter });
    const target = existingLog ?? openLog(ss, props, true)!;
    const targetWidth = logWidth(target);
    appendToLog(
      target,
      plan.log.map((entry) => logRowCells(entry, target.columns, targetWidth, clock.timestamp)),
    );
    log = target;
  }
  // A dashboard built before there was a log gets the formula that reads it (also on a retry,
  // when the first attempt created the log and stopped before this).
  if (log) linkDashboardToLog(ss, props, log);
  // The event is in the log now (or was already): what its first attempt stored is not needed.
  if (journal) forgetPending(props, journal, new Set(plan.contacts.map((c) => eventKey(checked.value.eventId, c.id))));

  const label = EVENT_LABELS[kind];
  const fresh = plan.contacts.filter((c) => !c.alreadyLogged);
  const result: LogResult = {
    ok: true,
    event: label,
    logged: fresh.length,
    alreadyLogged: plan.contacts.length - fresh.length,
    contacts: plan.contacts,
    referrals: plan.referrals,
    message: summariseLogged(label, plan.contacts, plan.referrals),
  };
  if (kind === 'declined') result.askForReferral = askForReferralText(plan.contacts);
  return result;
}
