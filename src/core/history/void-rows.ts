// How the Interview log records that an event was voided: a row of its own appended below it
// (the log is never edited), whose Event is "Voided: " and the voided row's Event (so the
// Dashboard can take one off that word's count in the voided event's week: its Event date is
// the voided event's), and whose Event ID is the voided row's followed by "/voided" (so a retry
// finds the voiding row and appends no second one).

import { cellText } from '../tracker/cells.ts';

export const VOIDED_PREFIX = 'Voided: ';
const SUFFIX = '/voided';

/** The Event ID of the row that voids the row whose Event ID is `key`. */
export function voidingKey(key: string): string {
  return `${key}${SUFFIX}`;
}

export function voidingWord(word: string): string {
  return `${VOIDED_PREFIX}${word}`;
}

export function isVoidingRow(eventType: unknown): boolean {
  return cellText(eventType).startsWith(VOIDED_PREFIX);
}

/** The Event ID this row voids, or null when it is not a voiding row. */
export function voidedKeyOf(eventId: unknown, eventType: unknown): string | null {
  const key = cellText(eventId);
  return isVoidingRow(eventType) && key.endsWith(SUFFIX) && key.length > SUFFIX.length ? key.slice(0, -SUFFIX.length) : null;
}
