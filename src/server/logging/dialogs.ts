// Opening a log dialog for the selected contacts. The selection is read when the menu item is
// chosen and handed to the page with a fresh event ID, so the dialog acts on what the user saw
// even if the selection changes while it is open, and a retried save reuses the same ID.

import { formatIsoDate } from '../../core/base/dates.ts';
import { type SelectedContact, selectedContacts } from '../../core/tracker/selection.ts';
import { RELATIONSHIPS } from '../../core/tracker/schema.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../../core/logging/kinds.ts';
import type { EventDialogContext } from '../../shared/types.ts';
import { UserError } from '../base/actions.ts';
import { sheetClock } from '../base/clock.ts';
import { readTracker, type TrackerView } from '../tracker/table.ts';

export const DIALOG_PAGE = 'LogEventDialog';
export const DIALOG_WIDTH = 380;

export const DIALOGS = Object.fromEntries(
  EVENT_KIND_LIST.map((kind) => [kind, { title: EVENT_KINDS[kind].title, height: EVENT_KINDS[kind].height }]),
) as Record<EventKind, { title: string; height: number }>;

/** 1-based rows of every selected range on the active sheet (a ctrl-click selection has several). */
function selectedRows(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, view: TrackerView): number[] {
  const active = ss.getActiveSheet();
  if (active.getSheetId() !== view.record.sheetId) {
    throw new UserError(`Select one or more contacts' rows in the "${view.sheet.getName()}" sheet (your tracker) first, then choose the menu item again.`);
  }
  const list = ss.getSelection().getActiveRangeList();
  const ranges = list ? list.getRanges() : [ss.getActiveRange()].filter((r): r is GoogleAppsScript.Spreadsheet.Range => r !== null);
  const rows: number[] = [];
  for (const range of ranges) {
    const first = range.getRow();
    const count = range.getNumRows();
    for (let r = first; r < first + count; r++) rows.push(r);
  }
  return rows;
}

/** The selected contacts of the tracker, or a UserError saying what is wrong with the selection. */
export function readSelection(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, view: TrackerView): SelectedContact[] {
  const result = selectedContacts(selectedRows(ss, view), view);
  if (!result.ok) throw new UserError(result.message);
  return result.contacts;
}

/** Builds the dialog's context from the selection and shows the dialog. Throws UserError. */
export function openEventDialog(mode: EventKind): EventDialogContext {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const view = readTracker(ss, PropertiesService.getDocumentProperties());
  const contacts = readSelection(ss, view);
  const clock = sheetClock(ss);
  const { title, height } = DIALOGS[mode];
  const context: EventDialogContext = {
    mode,
    title,
    eventId: Utilities.getUuid(),
    today: formatIsoDate(clock.today),
    timeZone: clock.timeZone,
    contacts: contacts.map(({ id, name, company, stage }) => ({ id, name, company, stage })),
    relationships: [...RELATIONSHIPS],
  };
  const template = HtmlService.createTemplateFromFile(DIALOG_PAGE);
  // Printed with <?= ?> into an attribute: Apps Script escapes it, so contact text is never markup.
  template.context = JSON.stringify(context);
  SpreadsheetApp.getUi().showModalDialog(template.evaluate().setWidth(DIALOG_WIDTH).setHeight(height), title);
  return context;
}
