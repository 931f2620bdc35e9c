// The contact the pitch sidebar shows: a tracker row as plain JSON (dates as ISO days), its
// referrer's name, and which contact comes next for the sidebar's "next" buttons.

import { cellDate } from '../base/calendar.ts';
import { type Cell, cellText } from '../tracker/cells.ts';
import { contactFromRow, normaliseName } from '../tracker/contacts.ts';
import { formatIsoDate, type DateParts } from '../base/dates.ts';
import { dueText, followUpsDue } from '../logging/follow-ups.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import type { TrackerTable } from '../tracker/table.ts';
import { canonicalStage, FIRST_STAGE, type TrackerKey } from '../tracker/schema.ts';

/** A cell as JSON: text, number or boolean; a date cell becomes "YYYY-MM-DD". */
export type CellJson = string | number | boolean;

export interface PitchContact {
  /** 1-based sheet row. */
  row: number;
  /** Contact ID, '' when the row has none yet. */
  id: string;
  name: string;
  /** The first valid address of the email column, or ''. */
  email: string;
  company: string;
  stage: string;
  relationship: string;
  /** The referrer's name (Referred by holds their ID), or what the cell says if it is not an ID. */
  referrerName: string;
  /** The current header of the Referred by column, which the user may have renamed. */
  referredByHeader: string;
  interviewDate: string;
  nextFollowUp: string;
  /** What the Outcome cell says (a job interview, an offer): the sidebar then asks whom to thank. */
  outcome: string;
  /** Every column of the row, by header. */
  values: Record<string, CellJson>;
}

/** toContact: the next contact still To contact; followUp: the next one whose follow-up is due. */
export type NextContactKind = 'toContact' | 'followUp';

/** The tracker as the pitch sidebar reads it, with the spreadsheet's time zone (to read Date cells as days). */
export type PitchTable = Pick<TrackerTable, 'headerRow' | 'header' | 'rows' | 'contact' | 'tracker'> & { timeZone: string };

/** A cell as JSON for the page: a Date becomes its day in the spreadsheet's zone. */
function cellJson(value: Cell | undefined, timeZone: string): CellJson {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) {
    const day = cellDate(value, timeZone);
    return day ? formatIsoDate(day) : '';
  }
  return value;
}

export function headerTexts(header: readonly Cell[]): string[] {
  return header.map((h) => (h instanceof Date ? '' : cellText(h)));
}

function dayText(value: Cell | undefined, timeZone: string): string {
  const d = value === undefined ? null : cellDate(value, timeZone);
  return d ? formatIsoDate(d) : '';
}

/** The contact on 1-based sheet row `row`, or null when that row holds no contact (no name). */
export function pitchContactAt(t: PitchTable, row: number): PitchContact | null {
  const cells = t.rows[row - t.headerRow - 1];
  if (!cells) return null;
  const c = contactFromRow(cells, t.contact);
  if (!normaliseName(c.name)) return null;
  const at = (key: TrackerKey): Cell | undefined => (t.tracker[key] === undefined ? undefined : cells[t.tracker[key]!]);
  const headers = headerTexts(t.header);
  const values: Record<string, CellJson> = {};
  headers.forEach((h, i) => {
    if (h && !(h in values)) values[h] = cellJson(cells[i], t.timeZone);
  });
  return {
    row,
    id: canonicalContactId(at('contactId')) ?? '',
    name: c.name,
    email: c.emails[0] ?? '',
    company: c.fields.company ?? '',
    stage: canonicalStage(cellText(at('stage'))),
    relationship: cellText(at('relationship')),
    referrerName: referrerName(t, at('referredBy')),
    referredByHeader: t.tracker.referredBy === undefined ? '' : (headers[t.tracker.referredBy] ?? ''),
    interviewDate: dayText(at('interviewDate'), t.timeZone),
    nextFollowUp: dayText(at('nextFollowUp'), t.timeZone),
    outcome: cellText(at('outcome')),
    values,
  };
}

/** Referred by holds the referrer's Contact ID; a name typed there by hand is kept as it is. */
function referrerName(t: PitchTable, cell: Cell | undefined): string {
  const text = cellText(cell);
  const wanted = canonicalContactId(text);
  if (wanted === null) return text;
  const idColumn = t.tracker.contactId;
  if (idColumn === undefined) return '';
  const found = t.rows.find((r) => canonicalContactId(r[idColumn]) === wanted);
  return found ? contactFromRow(found, t.contact).name : '';
}

export interface SelectedRows {
  row: number;
  rows: number;
}

/**
 * The rows a range's A1 notation spans ("B3", "A3:D5", "3:5"; a whole column, "B:B", starts at
 * row 1, and "A3:D" at row 3, and each spans many rows), or null when it is not one of those
 * forms. One call (getA1Notation) instead of two (getRow, getNumRows).
 */
export function selectedRows(a1: string): SelectedRows | null {
  const m = /^\$?[A-Z]*\$?(\d*)(?::\$?[A-Z]*\$?(\d*))?$/i.exec(a1.trim());
  if (!m || !a1.trim()) return null;
  const [first, last] = [m[1], m[2]];
  if (!first) return last === undefined || last === '' ? { row: 1, rows: Number.MAX_SAFE_INTEGER } : null;
  const row = Number(first);
  if (row < 1) return null;
  if (last === '') return { row, rows: Number.MAX_SAFE_INTEGER };
  const end = last === undefined ? row : Number(last);
  return end < row ? null : { row, rows: end - row + 1 };
}

/** The contact on the selected row, or why there is none; `trackerName` is asked only for a note that names it. */
export function contactAtSelection(
  t: PitchTable,
  selection: (SelectedRows & { onTracker: boolean }) | null,
  trackerName: () => string,
): { contact: PitchContact | null; note: string } {
  const pick = () => `Select a contact's row in "${trackerName()}", then choose Use selected row.`;
  if (!selection || !selection.onTracker) return { contact: null, note: `No contact selected. ${pick()}` };
  if (selection.row <= t.headerRow) return { contact: null, note: `Row ${selection.row} is not a contact. ${pick()}` };
  const contact = pitchContactAt(t, selection.row);
  if (!contact) return { contact: null, note: `Row ${selection.row} has no contact (no name). ${pick()}` };
  return { contact, note: selection.rows > 1 ? `Several rows are selected: showing the first, ${contact.name}.` : '' };
}

/** `nobody`: no contact is still to contact, or no follow-up is due (not a failure). */
export type NextContact = { ok: true; contact: PitchContact; message: string } | { ok: false; message: string; nobody?: true };

/**
 * The one after `afterRow` in `rows` (wrapping round). When `afterRow` is not in the list: the
 * first row below it if `rows` is in sheet order, else the first of the list.
 */
function after(rows: readonly number[], afterRow: number | null, sheetOrder: boolean): number {
  const i = afterRow === null ? -1 : rows.indexOf(afterRow);
  if (i >= 0) return rows[(i + 1) % rows.length];
  return (sheetOrder && afterRow !== null ? rows.find((r) => r > afterRow) : undefined) ?? rows[0];
}

/**
 * toContact: contacts whose stage is To contact (or empty), in sheet order, starting after the
 * current one. followUp: contacts whose Next follow-up is today or past (as Show follow-ups due
 * lists them), most overdue first, starting after the current one.
 */
export function nextContact(t: PitchTable, kind: NextContactKind, afterRow: number | null, today: DateParts): NextContact {
  if (kind === 'toContact') {
    const rows: number[] = [];
    t.rows.forEach((cells, i) => {
      if (!normaliseName(contactFromRow(cells, t.contact).name)) return;
      const stage = t.tracker.stage === undefined ? '' : canonicalStage(cellText(cells[t.tracker.stage]));
      if (stage === '' || stage === FIRST_STAGE) rows.push(t.headerRow + 1 + i);
    });
    if (!rows.length)
      return {
        ok: false,
        nobody: true,
        message:
          'Everyone in your tracker has been contacted. Add more people: friends, professors, alumni, former supervisors. A first goal is about 25 names.',
      };
    const contact = pitchContactAt(t, after(rows, afterRow, true))!;
    const others = rows.length - 1;
    return { ok: true, contact, message: `${contact.name} (row ${contact.row}) is still to contact${others ? `; ${others} more after them` : ''}.` };
  }
  const due = followUpsDue({ headerRow: t.headerRow, rows: t.rows, contact: t.contact, tracker: t.tracker, timeZone: t.timeZone }, today).due;
  if (!due.length) return { ok: false, nobody: true, message: 'No follow-ups are due today.' };
  const row = after(
    due.map((d) => d.row),
    afterRow,
    false,
  );
  const d = due.find((x) => x.row === row)!;
  const contact = pitchContactAt(t, row)!;
  return {
    ok: true,
    contact,
    message: `Follow-up ${dueText(d.daysOverdue)} for ${contact.name} (row ${row}): ${d.step}.${due.length > 1 ? ` ${due.length} follow-ups are due in all.` : ''}`,
  };
}
