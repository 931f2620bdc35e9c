// Entry points of Import contacts…, re-exported by main.ts: the menu item and its dialog's target.

import type { ImportOptions, ImportResult } from '../../shared/types.ts';
import { pageTarget } from '../base/entry-point.ts';
import { importInto } from './import.ts';

/** Menu: Import contacts…, a dialog to paste or upload a CSV export. */
export function showImportDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('ImportDialog').setWidth(520).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, 'Import contacts');
}

/** Dialog target: imports the text of a CSV export into the tracker. Never throws for bad input. */
export function importContacts(csvText: string, options?: ImportOptions): ImportResult {
  return pageTarget(() => importInto(csvText, options), { lock: true });
}
