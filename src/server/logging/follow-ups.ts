// "Show follow-ups due": lists the contacts whose Next follow-up is today or past (in the
// spreadsheet's time zone) and selects the first of them. Reads only; takes no lock.

import { describeFollowUps, followUpsDue } from '../../core/logging/follow-ups.ts';
import { sheetClock } from '../base/clock.ts';
import { readTracker } from '../tracker/table.ts';

export interface FollowUpsResult {
  ok: true;
  /** Contact IDs due, most overdue first. */
  due: string[];
  secondContact: string[];
  message: string;
}

export function showDueFollowUps(): FollowUpsResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const view = readTracker(ss, PropertiesService.getDocumentProperties());
  const clock = sheetClock(ss);
  const found = followUpsDue({ ...view, timeZone: clock.timeZone }, clock.today);
  const message = describeFollowUps(found, clock.today);
  if (found.due.length) {
    const width = Math.max(view.header.length, 1);
    view.sheet.getRange(found.due[0].row, 1, 1, width).activate();
  }
  const ui = SpreadsheetApp.getUi();
  ui.alert('Follow-ups due', message, ui.ButtonSet.OK);
  return { ok: true, due: found.due.map((d) => d.id || `row ${d.row}`), secondContact: found.secondContact.map((h) => `row ${h.row}`), message };
}
