// Which contacts the user selected: every selected row must be a contact of the tracker.
// A header, a row above it, an empty row or a contact without an ID gets a clear message.

import { cellText } from './cells.ts';
import { contactFromRow, normaliseName } from './contacts.ts';
import { canonicalContactId } from './ids.ts';
import { MAX_CONTACTS_PER_EVENT } from '../logging/input.ts';
import { canonicalStage } from './schema.ts';
import type { TrackerTable } from './table.ts';

export type SelectionTable = Pick<TrackerTable, 'headerRow' | 'rows' | 'contact' | 'tracker'>;

export interface SelectedContact {
  /** 1-based sheet row. */
  row: number;
  id: string;
  name: string;
  company: string;
  stage: string;
}

export type SelectionResult = { ok: true; contacts: SelectedContact[] } | { ok: false; message: string };

function rowList(rows: readonly number[]): string {
  if (rows.length === 1) return `Row ${rows[0]}`;
  const shown = rows.slice(0, 5);
  const tail = rows.length > 5 ? ` and ${rows.length - 5} more` : ` and ${shown.pop()}`;
  return `Rows ${shown.join(', ')}${tail}`;
}

/** The contacts on the selected 1-based sheet rows, or why the selection cannot be used. */
export function selectedContacts(selectedRows: Iterable<number>, t: SelectionTable): SelectionResult {
  const rows = [...new Set(selectedRows)].sort((a, b) => a - b);
  if (rows.length === 0) return { ok: false, message: "Select one or more contacts' rows in the tracker first." };
  const above = rows.filter((r) => r <= t.headerRow);
  if (above.includes(t.headerRow)) return { ok: false, message: `The selection includes the header row (row ${t.headerRow}). Select only contacts' rows.` };
  if (above.length)
    return {
      ok: false,
      message: `${rowList(above)} ${above.length === 1 ? 'is' : 'are'} above the tracker's header row (row ${t.headerRow}). Select only contacts' rows.`,
    };
  if (rows.length > MAX_CONTACTS_PER_EVENT)
    return { ok: false, message: `${rows.length} rows are selected; select at most ${MAX_CONTACTS_PER_EVENT} contacts at a time.` };

  const empty: number[] = [];
  const noId: { row: number; name: string }[] = [];
  const contacts: SelectedContact[] = [];
  const idColumn = t.tracker.contactId;
  for (const row of rows) {
    const cells = t.rows[row - t.headerRow - 1];
    const contact = cells ? contactFromRow(cells, t.contact) : null;
    if (!cells || !contact || !normaliseName(contact.name)) {
      empty.push(row);
      continue;
    }
    const id = idColumn === undefined ? null : canonicalContactId(cells[idColumn]);
    if (id === null) {
      noId.push({ row, name: contact.name });
      continue;
    }
    const stage = t.tracker.stage === undefined ? '' : canonicalStage(cellText(cells[t.tracker.stage]));
    contacts.push({ row, id, name: contact.name, company: contact.fields.company ?? '', stage });
  }
  if (empty.length)
    return { ok: false, message: `${rowList(empty)} ${empty.length === 1 ? 'has' : 'have'} no contact (no name). Select only rows with a contact.` };
  if (noId.length) {
    const who = noId
      .slice(0, 3)
      .map((x) => `row ${x.row} (${x.name})`)
      .join(', ');
    return {
      ok: false,
      message: `No Contact ID yet for ${who}${noId.length > 3 ? ` and ${noId.length - 3} more` : ''}. Run Set up tracker to give new rows an ID, then try again.`,
    };
  }
  return { ok: true, contacts };
}
