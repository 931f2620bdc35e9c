// Keeping people posted after a conversation (the method's last step): once a contact is
// Thanked, the next update is due a cadence of weeks (by relationship) after the latest of their
// Thank-you sent and Last contact dates. Logging an update sets Last contact, which moves the
// next one on, so the date needs no column of its own.

import { addDays, cellDate, compareDates, dayNumber } from '../base/calendar.ts';
import type { DateParts } from '../base/dates.ts';
import { type Cell, cellText } from '../tracker/cells.ts';
import { canonicalStage, canonicalValue, RELATIONSHIPS, type TrackerKey } from '../tracker/schema.ts';
import type { TrackerTable } from '../tracker/table.ts';
import { OTHER_RELATIONSHIP } from './settings.ts';

export interface KeepInTouchState {
  stage: string;
  relationship: string;
  thankYouSent: DateParts | null;
  lastContact: DateParts | null;
}

/** Weeks between updates for a relationship (any case); 0 means never. */
export function cadenceFor(cadenceWeeks: Readonly<Record<string, number>>, relationship: string): number {
  const known = canonicalValue(RELATIONSHIPS, relationship);
  return cadenceWeeks[known ?? OTHER_RELATIONSHIP] ?? cadenceWeeks[OTHER_RELATIONSHIP] ?? 0;
}

export interface NextUpdate {
  due: DateParts;
  /** The last time they heard from the user: the date the cadence counts from. */
  since: DateParts;
}

/** When the contact is next due an update, or null (not Thanked, no date to count from, or a cadence of never). */
export function nextUpdate(c: KeepInTouchState, cadenceWeeks: Readonly<Record<string, number>>): NextUpdate | null {
  if (canonicalStage(c.stage) !== 'Thanked') return null;
  const dates = [c.thankYouSent, c.lastContact].filter((d): d is DateParts => d !== null);
  if (dates.length === 0) return null;
  const since = dates.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  const weeks = cadenceFor(cadenceWeeks, c.relationship);
  return weeks > 0 ? { due: addDays(since, weeks * 7), since } : null;
}

export interface UpdateDue {
  /** 0-based index in the table's rows. */
  index: number;
  due: DateParts;
  since: DateParts;
  /** Days since they last heard from the user. */
  daysSince: number;
}

type Table = Pick<TrackerTable, 'rows' | 'tracker'> & { timeZone: string };

/** Contacts due an update today or before, longest waiting first. */
export function updatesDue(t: Table, today: DateParts, cadenceWeeks: Readonly<Record<string, number>>): UpdateDue[] {
  const cell = (row: readonly Cell[], key: TrackerKey): Cell => (t.tracker[key] === undefined ? '' : row[t.tracker[key]!]);
  const due: UpdateDue[] = [];
  t.rows.forEach((row, index) => {
    const next = nextUpdate(
      {
        stage: cellText(cell(row, 'stage')),
        relationship: cellText(cell(row, 'relationship')),
        thankYouSent: cellDate(cell(row, 'thankYouSent'), t.timeZone),
        lastContact: cellDate(cell(row, 'lastContact'), t.timeZone),
      },
      cadenceWeeks,
    );
    if (next && compareDates(next.due, today) <= 0) due.push({ index, ...next, daysSince: dayNumber(today) - dayNumber(next.since) });
  });
  return due.sort((a, b) => compareDates(a.due, b.due) || a.index - b.index);
}
