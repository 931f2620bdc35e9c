// Entry points of a contact's history (the pitch sidebar's History panel), re-exported by main.ts.

import type { HistoryResult, ThanksResult, VoidEventInput, VoidResult } from '../../shared/history.ts';
import { pageTarget } from '../base/entry-point.ts';
import { historyOf, thanksFor } from './history.ts';
import { voidLoggedEvent } from './void.ts';

/** Sidebar: everything logged for the contact, who introduced them and whom they introduced, and their dates ahead. */
export function getContactHistory(contactId: string): HistoryResult {
  return pageTarget(() => ({ ok: true as const, ...historyOf(contactId) }), { lock: false });
}

/**
 * Sidebar: voids an event logged by mistake: a voiding row appended to the Interview log, the
 * contact's row recomputed from the events that stand. Under the document lock.
 */
export function voidEvent(input: VoidEventInput): VoidResult {
  return pageTarget(() => voidLoggedEvent(input), { lock: true });
}

/** Sidebar: after a job interview or an offer, the people of the chain that led there, to thank each. */
export function getThanksOffer(contactId: string): ThanksResult {
  return pageTarget(() => thanksFor(contactId), { lock: false });
}
