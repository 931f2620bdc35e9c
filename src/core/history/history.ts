// A contact's story, from one read of the tracker and one of the Interview log: every event
// logged for them (newest first, with its note and next step, and whether it was voided), who
// introduced them and whom they introduced, and the dates still ahead of them. Pure: the
// server hands in what it read.

import { cellDate, compareDates } from '../base/calendar.ts';
import { formatIsoDate, type DateParts } from '../base/dates.ts';
import { type Cell, cellText } from '../tracker/cells.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import type { TrackerKey } from '../tracker/schema.ts';
import type { TrackerTable } from '../tracker/table.ts';
import type { LogKey } from '../logging/interview-log.ts';
import { contactsById, introducers, nameOf } from './chain.ts';
import { isVoidingRow, voidedKeyOf } from './void-rows.ts';

/** The tracker as the history reads it, with the spreadsheet's time zone (to read Date cells as days). */
export type HistoryTable = Pick<TrackerTable, 'headerRow' | 'rows' | 'contact' | 'tracker'> & { timeZone: string };

/** The Interview log as read: its rows below the header, and its 1-based columns. */
export interface LogTable {
  rows: readonly (readonly unknown[])[];
  columns: Record<LogKey, number>;
}

export interface HistoryEvent {
  /** The log row's Event ID: what voidEvent takes. */
  eventId: string;
  /** ISO day of the event ('' when the cell holds no date). */
  date: string;
  /** The log's Event word ("Pitch sent", "Informational interview", "Referred"…). */
  event: string;
  details: string;
  nextStep: string;
  /** Why it was voided (the voiding row's reason), or null while it stands. */
  voided: { reason: string; on: string } | null;
}

export interface ContactRef {
  id: string;
  name: string;
}

export interface PendingDate {
  label: string;
  date: string;
  /** The day has passed and nothing was logged since. */
  overdue: boolean;
}

export interface ContactHistory {
  contact: ContactRef & { row: number };
  events: HistoryEvent[];
  /** Who introduced them (introducers: Referred by, else the log): a contact, or the text typed there; null when nobody. */
  introducedBy: ContactRef | null;
  /** Contacts this contact introduced (by the same rule), in tracker order. */
  introduced: ContactRef[];
  pending: PendingDate[];
}

const PENDING: readonly { key: TrackerKey; label: string; pastCounts: boolean }[] = [
  { key: 'nextFollowUp', label: 'Next follow-up', pastCounts: true },
  { key: 'interviewDate', label: 'Conversation', pastCounts: false },
];

function cell(t: HistoryTable, row: readonly Cell[], key: TrackerKey): Cell | undefined {
  const at = t.tracker[key];
  return at === undefined ? undefined : row[at];
}

/** The history of `contactId`, or a sentence saying why there is none. `today` is in the spreadsheet's zone. */
export function contactHistory(t: HistoryTable, log: LogTable | null, contactId: string, today: DateParts): ContactHistory | string {
  const id = canonicalContactId(contactId);
  if (id === null) return 'This contact has no Contact ID yet. Run Set up tracker to give it one, then open its history again.';
  if (t.tracker.contactId === undefined) return 'The tracker has no "Contact ID" column. Run Set up tracker to add it back.';

  const contacts = contactsById(t);
  const index = contacts.get(id);
  if (index === undefined) return `Contact ${id} is no longer in the tracker (was the row deleted?).`;
  const row = t.rows[index];

  const introducerOf = introducers(t, log, contacts);
  const introducedBy = introducerOf.get(id) ?? null;
  const introduced: ContactRef[] = [];
  for (const [otherId, introducer] of introducerOf) {
    if (otherId !== id && introducer.id === id) introduced.push({ id: otherId, name: nameOf(t, contacts, otherId) });
  }

  const pending: PendingDate[] = [];
  for (const p of PENDING) {
    const day = cellDate(cell(t, row, p.key), t.timeZone);
    if (!day) continue;
    const past = compareDates(day, today) < 0;
    if (past && !p.pastCounts) continue;
    pending.push({ label: p.label, date: formatIsoDate(day), overdue: past });
  }

  return {
    contact: { id, name: nameOf(t, contacts, id), row: t.headerRow + 1 + index },
    events: log ? eventsOf(log, id, t.timeZone) : [],
    introducedBy,
    introduced,
    pending,
  };
}

/** The log rows of `id`, newest first (by Event date, then the later row first), voiding rows left out but applied. */
function eventsOf(log: LogTable, id: string, timeZone: string): HistoryEvent[] {
  const at = (row: readonly unknown[], key: LogKey) => row[log.columns[key] - 1];
  const voids = new Map<string, { reason: string; on: string }>();
  for (const row of log.rows) {
    const key = voidedKeyOf(at(row, 'eventId'), at(row, 'eventType'));
    if (key !== null && !voids.has(key)) {
      // When it was voided: the voiding row's Event date is the voided event's.
      const on = cellDate(at(row, 'timestamp'), timeZone) ?? cellDate(cellText(at(row, 'timestamp')).slice(0, 10), timeZone);
      voids.set(key, { reason: cellText(at(row, 'details')), on: on ? formatIsoDate(on) : '' });
    }
  }
  const found: { event: HistoryEvent; day: DateParts | null; order: number }[] = [];
  log.rows.forEach((row, order) => {
    if (canonicalContactId(at(row, 'contactId')) !== id || isVoidingRow(at(row, 'eventType'))) return;
    const eventId = cellText(at(row, 'eventId'));
    const day = cellDate(at(row, 'eventDate'), timeZone);
    found.push({
      day,
      order,
      event: {
        eventId,
        date: day ? formatIsoDate(day) : '',
        event: cellText(at(row, 'eventType')),
        details: cellText(at(row, 'details')),
        nextStep: cellText(at(row, 'nextStep')),
        voided: (eventId && voids.get(eventId)) || null,
      },
    });
  });
  found.sort((a, b) => (a.day && b.day ? compareDates(b.day, a.day) : a.day ? -1 : b.day ? 1 : 0) || b.order - a.order);
  return found.map((f) => f.event);
}
