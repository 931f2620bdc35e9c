// What the first attempt of an interview with referrals decided, which a retry could not work
// out again from the sheet: once the referral rows are written, a retry sees those people as
// contacts already linked to the referrer (so it would neither count them in Referrals given nor
// call them new). The server stores these decisions, with the tracker's ID counter past the new
// rows, in one call before its first write. An entry whose log rows are written (they mark the
// event as done) is no longer read; it is dropped when the next entries are stored, rather than
// by a call of its own after the log rows.

export interface PendingEvent {
  /** The Event ID cell of the referrer's log row (event ID/contact ID). */
  key: string;
  /** Referrals given to write on the referrer's row; null to leave the cell as it is. */
  referralsGiven: number | null;
  /** Whether each referral (by contact ID) was added as a new contact or matched to one. */
  referrals: Record<string, 'added' | 'matched'>;
  /** The contact-ID counter after the new referral rows got their IDs. */
  idCounter: number;
  /**
   * The counter before they got them: the tracker's record is given `idCounter` with this entry,
   * so a retry that has still to write the rows numbers them from here again. Absent from entries
   * stored before the record was written with them.
   */
  idCounterBefore?: number;
}

/** Below Apps Script's 9 KB per property value. */
export const MAX_PENDING_CHARS = 8000;

function isPending(x: unknown): x is PendingEvent {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return (
    typeof p.key === 'string' &&
    (p.referralsGiven === null || typeof p.referralsGiven === 'number') &&
    typeof p.referrals === 'object' &&
    p.referrals !== null &&
    typeof p.idCounter === 'number' &&
    (p.idCounterBefore === undefined || typeof p.idCounterBefore === 'number')
  );
}

export function parsePending(raw: string | null): PendingEvent[] {
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter(isPending) : [];
  } catch {
    return [];
  }
}

/** The list with `entries` first (replacing older entries of the same keys), cut to fit one property. */
export function withPending(list: readonly PendingEvent[], entries: readonly PendingEvent[]): PendingEvent[] {
  const keys = new Set(entries.map((e) => e.key));
  const out = [...entries, ...list.filter((p) => !keys.has(p.key))];
  while (out.length > entries.length && JSON.stringify(out).length > MAX_PENDING_CHARS) out.pop();
  return out;
}

export function withoutPending(list: readonly PendingEvent[], keys: ReadonlySet<string>): PendingEvent[] {
  return list.filter((p) => !keys.has(p.key));
}
