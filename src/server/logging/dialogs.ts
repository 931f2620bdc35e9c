// Opening a log dialog for the selected contacts. The selection is read when the menu item is
// chosen and handed to the page with a fresh event ID, so the dialog acts on what the user saw
// even if the selection changes while it is open, and a retried save reuses the same ID.

import { formatIsoDate } from '../../core/base/dates.ts';
import { type SelectedContact, selectedContacts } from '../../core/tracker/selection.ts';
import { RELATIONSHIPS } from '../../core/tracker/schema.ts';
import { newEventId } from '../../core/logging/input.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../../core/logging/kinds.ts';
import type { EventDialogContext } from '../../shared/types.ts';
import { UserError } from '../base/actions.ts';
import { copiedZoneToday } from '../base/clock.ts';
import { selectedRows as rowsOfA1 } from '../../core/pitch/contact.ts';
import { readRecord } from '../tracker/store.ts';
import { propertiesReadOnce } from '../base/properties-once.ts';
import { readTrackerSheet, requireTrackerSheet, type TrackerView } from '../tracker/table.ts';

export const DIALOG_PAGE = 'LogEventDialog';

export const DIALOGS = Object.fromEntries(EVENT_KIND_LIST.map((kind) => [kind, { title: EVENT_KINDS[kind].title }])) as Record<EventKind, { title: string }>;

/**
 * 1-based rows of every selected range on the active sheet (a ctrl-click selection has several):
 * one call a range for its A1 notation, two more only for a form that does not give its rows
 * (a whole column, an open-ended range), so that the count of rows selected stays the grid's.
 * The active sheet's own getActiveRangeList spares getting the spreadsheet; SpreadsheetApp's
 * would too, but it is refused without the full spreadsheets scope, which a deployment may remove
 * (README: Scopes; see the emulator's SpreadsheetApp).
 */
function selectedRows(active: GoogleAppsScript.Spreadsheet.Sheet): number[] {
  const list = active.getActiveRangeList();
  const ranges = list ? list.getRanges() : [active.getActiveRange()].filter((r): r is GoogleAppsScript.Spreadsheet.Range => r !== null);
  const rows: number[] = [];
  for (const range of ranges) {
    const parsed = rowsOfA1(range.getA1Notation());
    const { row, rows: count } = parsed && parsed.rows !== Number.MAX_SAFE_INTEGER ? parsed : { row: range.getRow(), rows: range.getNumRows() };
    for (let r = row; r < row + count; r++) rows.push(r);
  }
  return rows;
}

/**
 * The tracker, read only when the active sheet is it (values only: the dialog shows contacts and
 * writes nothing), or a UserError saying to select its rows. The active sheet's ID against the
 * remembered one says both, without looking the tracker up by its ID.
 */
function readActiveTracker(props: GoogleAppsScript.Properties.Properties): TrackerView {
  const record = readRecord(props);
  const active = SpreadsheetApp.getActiveSheet();
  if (record && active.getSheetId() === record.sheetId) return readTrackerSheet(active, record, props, { valuesOnly: true });
  const { sheet } = requireTrackerSheet(SpreadsheetApp.getActiveSpreadsheet(), props);
  throw new UserError(`Select one or more contacts' rows in the "${sheet.getName()}" sheet (your tracker) first, then choose the menu item again.`);
}

/** The selected contacts of the tracker, or a UserError saying what is wrong with the selection. */
function readSelection(view: TrackerView): SelectedContact[] {
  const result = selectedContacts(selectedRows(view.sheet), view);
  if (!result.ok) throw new UserError(result.message);
  return result.contacts;
}

/**
 * Builds the dialog's context from the selection and shows the dialog, which sizes itself to its
 * content (google.script.host.setWidth/setHeight). Throws UserError.
 */
export function openEventDialog(mode: EventKind): EventDialogContext {
  // Read once: the tracker's record and the zone's copy come in one getProperties.
  const props = propertiesReadOnce(PropertiesService.getDocumentProperties());
  const view = readActiveTracker(props);
  const contacts = readSelection(view);
  const { timeZone, today } = copiedZoneToday(props, () => SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone());
  const { title } = DIALOGS[mode];
  const context: EventDialogContext = {
    mode,
    title,
    eventId: newEventId(),
    today: formatIsoDate(today),
    timeZone,
    contacts: contacts.map(({ id, name, company, stage }) => ({ id, name, company, stage })),
    relationships: [...RELATIONSHIPS],
  };
  const template = HtmlService.createTemplateFromFile(DIALOG_PAGE);
  // Printed with <?= ?> into an attribute: Apps Script escapes it, so contact text is never markup.
  template.context = JSON.stringify(context);
  SpreadsheetApp.getUi().showModalDialog(template.evaluate(), title);
  return context;
}
