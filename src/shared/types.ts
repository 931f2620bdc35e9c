// Types that cross google.script.run between the pages and the server: plain JSON only
// (no Date, no class instances); dates travel as ISO strings.

import type { LoggedContact, LoggedReferral } from '../core/logging/summary.ts';
import type { ContactRef } from '../core/history/history.ts';
import type { ImportSummary } from '../core/import/import.ts';
import type { EventKind, WireKind } from '../core/logging/kinds.ts';

// Defined beside the core code that makes them.
export type { ImportProblem, ImportSummary, ImportOptions } from '../core/import/import.ts';
export type { LoggedContact, LoggedReferral } from '../core/logging/summary.ts';

/** What "Set up tracker" did, or why it did nothing. */
export type SetupResult =
  | {
      ok: true;
      sheetName: string;
      /** 1-based row of the header. */
      headerRow: number;
      /** Tracker columns added by this run (empty on a re-run). */
      addedColumns: string[];
      /** Contacts given an ID by this run. */
      newIds: number;
      contacts: number;
      /** False when the run changed nothing. */
      changed: boolean;
      warnings: string[];
      /** What was recognised and what changed, in plain words. */
      summary: string;
    }
  | { ok: false; message: string; cancelled?: boolean };

/** What "Build dashboard" did. `errors` lists cells that show a formula error, as "B12 (#NAME?)". */
export type DashboardResult =
  | { ok: true; sheetName: string; created: boolean; settingsKept: number; settingsWritten: string[]; errors: string[]; message: string }
  | { ok: false; message: string };

/** What importContacts returns to the dialog. */
export type ImportResult = { ok: true; sheetName: string; format: string; summary: ImportSummary; dryRun: boolean } | { ok: false; message: string };

// ---- Logging the interview cycle (dialogs ↔ log* entry points) ----

/** Who an event is for, and its ID: a retry with the same ID writes nothing new. */
export interface EventTarget {
  eventId: string;
  contactIds: string[];
}

/** Dates are ISO "YYYY-MM-DD" strings in the spreadsheet's time zone. */
export interface SimpleEventInput extends EventTarget {
  date: string;
  note?: string;
}

export interface ReplyInput extends SimpleEventInput {
  /** The day the conversation was arranged for, if the reply fixed one. */
  meetingDate?: string;
}

export interface ReferralEntry {
  name: string;
  email?: string;
  company?: string;
  role?: string;
  /** A Relationship value; Referral when blank. */
  relationship?: string;
}

export interface InterviewInput extends EventTarget {
  date: string;
  minutes?: number | null;
  learned?: string;
  nextStep?: string;
  /** People this contact suggested; each becomes (or is matched to) a contact. */
  referrals?: ReferralEntry[];
}

export interface OutcomeInput extends SimpleEventInput {
  kind: WireKind;
  /** Where the job interview or offer is; the contact's company when blank. */
  company?: string;
}

/** What each form of log dialog sends (EventForm, core/logging/kinds.ts). */
export interface EventInputs {
  simple: SimpleEventInput;
  reply: ReplyInput;
  interview: InterviewInput;
  outcome: OutcomeInput;
}

/** What the dialog is opened with (from the selection when the menu item was chosen). */
export interface EventDialogContext {
  /** The kind of event the dialog logs. */
  mode: EventKind;
  title: string;
  eventId: string;
  /** Today in the spreadsheet's time zone. */
  today: string;
  timeZone: string;
  contacts: { id: string; name: string; company: string; stage: string }[];
  relationships: string[];
}

export type LogResult =
  | {
      ok: true;
      event: string;
      logged: number;
      alreadyLogged: number;
      contacts: LoggedContact[];
      referrals: LoggedReferral[];
      message: string;
      /** After Declined: a suggested ask-for-referral message to copy. */
      askForReferral?: string;
      /** After a job interview or an offer: for each contact, the chain of people who led there, first introducer first. */
      chains?: { contactId: string; chain: ContactRef[]; sentence: string }[];
    }
  | { ok: false; message: string };
