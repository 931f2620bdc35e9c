// The pitch sidebar's server side: the contact to write to (the selected row, or the next one
// to contact or follow up), the user's details and templates, and "Mark as sent", which logs
// through the same entry points as the menu's dialogs.

import { formatIsoDate } from '../../core/base/dates.ts';
import { contactAtSelection, nextContact, pitchContactAt, headerTexts, selectedRows, type PitchTable, type SelectedRows } from '../../core/pitch/contact.ts';
import { isPurpose } from '../../core/pitch/templates.ts';
import { sentNote, subjectTooLong } from '../../core/pitch/sent-note.ts';
import type { MarkSentInput, NextContactKind, NextContactResult, PitchContext, PitchUserData } from '../../shared/pitch.ts';
import type { LogResult, SimpleEventInput } from '../../shared/types.ts';
import { UserError } from '../base/actions.ts';
import { sheetClock } from '../base/clock.ts';
import { logFollowUp, logPitchSent, logThankYou, logUpdateSent } from '../logging/entry-points.ts';
import { findTrackerSheet, readRecord } from '../tracker/store.ts';
import { NO_TRACKER, readTracker, readTrackerSheet, type TrackerView } from '../tracker/table.ts';
import { readUserData } from './templates-store.ts';

export const SIDEBAR_PAGE = 'PitchSidebar';
export const SIDEBAR_TITLE = 'Draft a pitch';

/**
 * Shows the sidebar with the user's details and templates in it, printed with <?= ?> into an
 * attribute (Apps Script escapes it, so no text of theirs is ever markup): the page's calls for
 * a contact then need not read them.
 */
export function openPitchSidebar(): void {
  const template = HtmlService.createTemplateFromFile(SIDEBAR_PAGE);
  const { templates, damaged, settings } = readUserData();
  const userData: PitchUserData = { settings, templates, templatesDamaged: damaged };
  template.userData = JSON.stringify(userData);
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle(SIDEBAR_TITLE));
}

function table(view: TrackerView, timeZone: string): PitchTable {
  return { ...view, timeZone };
}

/**
 * The tracker, found through the active sheet when that is it (the sidebar is opened from the
 * tracker): two service calls that also say whether the selection is on the tracker, instead of
 * walking every sheet for its ID. Values only: the sidebar writes nothing.
 */
function tryReadTracker(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  active: GoogleAppsScript.Spreadsheet.Sheet,
): { view: TrackerView; activeIsTracker: boolean } | UserError {
  try {
    const props = PropertiesService.getDocumentProperties();
    const record = readRecord(props);
    const activeIsTracker = record !== null && active.getSheetId() === record.sheetId;
    const sheet = activeIsTracker ? active : findTrackerSheet(ss, record);
    if (!record || !sheet) throw new UserError(NO_TRACKER);
    return { view: readTrackerSheet(sheet, record, props, { valuesOnly: true }), activeIsTracker };
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
}

/** The selected rows: one call for the range's A1 notation, two more only for a form it does not parse. */
function activeRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SelectedRows | null {
  const range = ss.getActiveRange();
  if (!range) return null;
  return selectedRows(range.getA1Notation()) ?? { row: range.getRow(), rows: range.getNumRows() };
}

/** What the sidebar asks for: the contact on `row`, or on the selected row (the user's details and templates are in the page). */
export function pitchContext(row?: unknown): PitchContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const clock = sheetClock(ss);
  const base = { ok: true as const, today: formatIsoDate(clock.today), timeZone: clock.timeZone };
  const active = ss.getActiveSheet();
  const found = tryReadTracker(ss, active);
  if (found instanceof UserError) return { ...base, headers: [], contact: null, note: found.message };
  const { view, activeIsTracker } = found;
  const t = table(view, clock.timeZone);
  const headers = headerTexts(view.header);
  if (row !== undefined && row !== null) {
    if (typeof row !== 'number' || !Number.isInteger(row)) throw new UserError('That row number is not valid.');
    const contact = pitchContactAt(t, row);
    return {
      ...base,
      headers,
      contact,
      note: contact ? '' : `Row ${row} no longer holds a contact. Select a contact's row, then choose Use selected row.`,
    };
  }
  // A selection on another sheet is no contact: it is not read.
  const selection = activeIsTracker ? activeRows(ss) : null;
  const onTracker = selection && { ...selection, onTracker: true };
  return { ...base, headers, ...contactAtSelection(t, onTracker, () => view.sheet.getName()) };
}

/** The next contact to write to, which is also selected in the sheet so the user sees who it is. */
export function findNextContact(kind: unknown, afterRow: unknown): NextContactResult {
  if (kind !== 'toContact' && kind !== 'followUp') throw new UserError('Choose Next to contact or Next follow-up due.');
  const after = typeof afterRow === 'number' && Number.isInteger(afterRow) ? afterRow : null;
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const clock = sheetClock(ss);
  const view = readTracker(ss, PropertiesService.getDocumentProperties(), { valuesOnly: true });
  const result = nextContact(table(view, clock.timeZone), kind as NextContactKind, after, clock.today);
  if (result.ok) view.sheet.getRange(result.contact.row, 1, 1, Math.max(1, view.header.length)).activate();
  return result;
}

const EVENT_ID = /^[A-Za-z0-9_-]{8,80}$/;

/**
 * Mark as sent: a pitch is logged by logPitchSent, a follow-up or a request for a referral by
 * logFollowUp, a thank-you by logThankYou, a keep-in-touch update by logUpdateSent, dated today in the spreadsheet's zone. Those take
 * the document lock, and a repeated event ID writes nothing new.
 */
export function markSent(raw: unknown): LogResult {
  if (typeof raw !== 'object' || raw === null) throw new UserError('Nothing to mark as sent. Pick a contact and a template first.');
  const input = raw as Partial<Record<keyof MarkSentInput, unknown>>;
  if (typeof input.eventId !== 'string' || !EVENT_ID.test(input.eventId))
    throw new UserError('The sidebar sent no valid event ID. Close the sidebar, open it again, and retry.');
  if (typeof input.contactId !== 'string' || !input.contactId)
    throw new UserError('This contact has no Contact ID yet. Run Set up tracker to give it one, then try again.');
  if (!isPurpose(input.purpose)) throw new UserError('Pick a template first.');
  const subject = typeof input.subject === 'string' ? input.subject.trim() : '';
  const templateName = typeof input.templateName === 'string' ? input.templateName.trim() : '';
  const tooLong = subjectTooLong(templateName, subject);
  if (tooLong) throw new UserError(tooLong);
  const note = sentNote(templateName, subject);
  const today = formatIsoDate(sheetClock(SpreadsheetApp.getActiveSpreadsheet()).today);
  const event: SimpleEventInput = { eventId: input.eventId, contactIds: [input.contactId], date: today, note };
  switch (input.purpose) {
    case 'pitch':
      return logPitchSent(event);
    case 'followUp':
    case 'askReferral':
      return logFollowUp(event);
    case 'thankYou':
      return logThankYou(event);
    case 'update':
      return logUpdateSent(event);
  }
}
