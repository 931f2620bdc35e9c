// Contact IDs: C-0001, C-0002, ... Stable and never reused, even after a row is deleted,
// because numbering continues after both the stored counter and the largest ID still seen.

/** What every Contact ID starts with; any case is read, this one is written. */
export const CONTACT_ID_PREFIX = 'C-';
/** Digits at least, zero-padded: C-0042. */
export const CONTACT_ID_DIGITS = 4;

const ID_PATTERN = new RegExp(`^${CONTACT_ID_PREFIX}(\\d+)$`, 'i');

/**
 * The largest number of an ID that counts for numbering. A spreadsheet holds at most 10 million
 * cells, so no tracker hands out a billion IDs: a larger one was typed by hand, and counting on
 * from it would make every later ID huge (and past 2^53 the same number again and again).
 */
export const MAX_COUNTED_ID = 999_999_999;

/** The digits of a contact ID without leading zeros ("C-0042" → "42"), or null if `value` is not one. */
function idDigits(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = ID_PATTERN.exec(value.trim());
  return match ? match[1].replace(/^0+(?=\d)/, '') : null;
}

export function formatContactId(n: number): string {
  return `${CONTACT_ID_PREFIX}${String(n).padStart(CONTACT_ID_DIGITS, '0')}`;
}

/**
 * The number inside a contact ID ("C-0042" → 42), or null if `value` is not one or its number is
 * beyond MAX_COUNTED_ID (still an ID, see isContactId, but not a number to count on from).
 */
export function parseContactId(value: unknown): number | null {
  const digits = idDigits(value);
  if (digits === null) return null;
  const n = Number(digits);
  return n <= MAX_COUNTED_ID ? n : null;
}

/** A contact ID as the add-on writes it (" c-42 " → "C-0042"), or null if `value` is not one. */
export function canonicalContactId(value: unknown): string | null {
  const digits = idDigits(value);
  return digits === null ? null : CONTACT_ID_PREFIX + digits.padStart(CONTACT_ID_DIGITS, '0');
}

/** Starts with the Contact ID prefix, in any case: how the dashboard's formulas tell a Contact ID. */
export function hasContactIdPrefix(value: unknown): boolean {
  return typeof value === 'string' && value.slice(0, CONTACT_ID_PREFIX.length).toUpperCase() === CONTACT_ID_PREFIX.toUpperCase();
}

export function isContactId(value: unknown): boolean {
  return idDigits(value) !== null;
}

/** IDs among `values` too large to count on from (see MAX_COUNTED_ID), with their positions. */
export function uncountableIds(values: readonly unknown[]): { index: number; id: string }[] {
  const found: { index: number; id: string }[] = [];
  values.forEach((value, index) => {
    if (isContactId(value) && parseContactId(value) === null) found.push({ index, id: canonicalContactId(value)! });
  });
  return found;
}

/** What setup and import say about an ID that `uncountableIds` found on sheet row `row`. */
export function uncountableIdWarning(row: number, id: string): string {
  return `Row ${row} has the Contact ID ${id}, too large to come from the tracker's numbering (a typed ID?): new IDs are numbered without it. It was left as it is.`;
}

/** Numbering has reached MAX_COUNTED_ID: no new contact can get an ID. Its message is for the user. */
export class ContactIdsExhausted extends Error {}

/**
 * `count` new IDs after max(counter, largest ID in existingIds), and the counter to store.
 * `counter` is the last number handed out (0 when none yet). Throws ContactIdsExhausted rather
 * than go past MAX_COUNTED_ID: such an ID would be left out of the next run's numbering and handed
 * out again. Since no ID past the limit is ever generated, none can equal an uncountable one.
 */
export function assignIds(existingIds: readonly unknown[], counter: number, count: number): { ids: string[]; counter: number } {
  // A counter past the limit (stored by an earlier version that counted on from a typed ID) is
  // kept as the limit, not reset: starting over would hand out the IDs of deleted contacts again.
  let last = Number.isFinite(counter) && counter > 0 ? Math.min(Math.floor(counter), MAX_COUNTED_ID) : 0;
  for (const value of existingIds) {
    const n = parseContactId(value);
    if (n !== null && n > last) last = n;
  }
  if (count > MAX_COUNTED_ID - last) {
    throw new ContactIdsExhausted(
      `The tracker's numbering has reached ${formatContactId(MAX_COUNTED_ID)}, the largest Contact ID it gives, so it cannot give new contacts an ID. ` +
        `A Contact ID typed close to that number makes the numbering go on from it: if you typed one, change it to a smaller one and try again. Nothing was changed.`,
    );
  }
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(formatContactId(++last));
  return { ids, counter: last };
}

/** IDs that appear on more than one row (e.g. after a row was copied), with every position. */
export function findDuplicateIds(ids: readonly unknown[]): { id: string; indexes: number[] }[] {
  const seen = new Map<string, number[]>();
  ids.forEach((value, index) => {
    const id = canonicalContactId(value);
    if (id === null) return;
    const list = seen.get(id);
    if (list) list.push(index);
    else seen.set(id, [index]);
  });
  return [...seen.entries()].filter(([, indexes]) => indexes.length > 1).map(([id, indexes]) => ({ id, indexes }));
}
