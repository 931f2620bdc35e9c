// Types that cross google.script.run between the pitch sidebar's History panel and the server:
// plain JSON only, dates as ISO "YYYY-MM-DD" strings.

import type { ContactHistory } from '../core/history/history.ts';
import type { ThanksOffer, ThanksPerson } from '../core/history/chain.ts';
import type { PitchContact } from '../core/pitch/contact.ts';

export type { ContactHistory, ContactRef, HistoryEvent, PendingDate } from '../core/history/history.ts';
export type { LoggedOutcome, ThanksOffer, ThanksPerson } from '../core/history/chain.ts';

export type HistoryResult = ({ ok: true } & ContactHistory) | { ok: false; message: string };

export interface VoidEventInput {
  /** The Event ID of the log row to void (HistoryEvent.eventId). */
  eventId: string;
  /** Why: kept in the voiding row's Details. */
  reason: string;
}

export type VoidResult =
  | {
      ok: true;
      /** It was voided before: nothing was written. */
      alreadyVoided: boolean;
      /** What was done, in plain words (the row recomputed, links cleared, cells kept). */
      message: string;
    }
  | { ok: false; message: string };

/** One person of the chain, with their row as the sidebar reads a contact (null for a link typed as text). */
export type ThanksPersonJson = ThanksPerson & { contact: PitchContact | null };

/** What the sidebar offers for the contact in view: null before a job interview or an offer stands for them. */
export type ThanksResult =
  { ok: true; contactId: string; offer: (Omit<ThanksOffer, 'people'> & { people: ThanksPersonJson[] }) | null } | { ok: false; message: string };
