// Checking what a dialog sends (untrusted JSON) before anything is read or written: the event
// ID, the contacts, ISO dates, text lengths, referrals. Every refusal names the field.

import { type DateParts, parseIsoDate } from '../base/dates.ts';
import { compareDates } from '../base/calendar.ts';
import { normaliseEmails } from '../tracker/contacts.ts';
import type { CycleEvent, ReferralInput } from './events.ts';
import { EVENT_KINDS, type EventKind, hasForm, kindOfWire, type KindOfForm } from './kinds.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import { canonicalValue, RELATIONSHIPS } from '../tracker/schema.ts';
import { MAX_CELL_CHARS, needsTextPrefix, sheetTextLength, thousands } from '../base/text.ts';

export const MAX_REFERRALS = 50;
export const MAX_CONTACTS_PER_EVENT = 5000;
const EVENT_ID = /^[A-Za-z0-9_-]{8,80}$/;

/**
 * A fresh event ID, in the form of a version-4 UUID. Made here rather than by Utilities.getUuid,
 * a service call: the ID only has to be unlike every other event's of the same document, which
 * 122 random bits are (the log's dedupe compares IDs; nothing relies on them being unguessable).
 */
export function newEventId(random: () => number = Math.random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const variant = (8 + Math.floor(random() * 4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

export interface CheckedEvent {
  eventId: string;
  contactIds: string[];
  event: CycleEvent;
}

export type CheckResult = { ok: true; value: CheckedEvent } | { ok: false; message: string };

class InputError extends Error {}

/** Why `text` does not fit in a cell (the apostrophe that keeps it text counts, see MAX_CELL_CHARS). */
function tooLongMessage(label: string, text: string): string {
  const prefixed = needsTextPrefix(text)
    ? ` (${thousands(MAX_CELL_CHARS - 1)} for text that starts with =, +, - or @ or reads as a number or date: it is stored with an apostrophe in front, to stay text)`
    : '';
  return `${label} is ${thousands(text.length)} characters long; a cell holds at most ${thousands(MAX_CELL_CHARS)}${prefixed}. Shorten it and try again. Nothing was logged.`;
}

function record(raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new InputError('The dialog sent no details. Close it and open it again from the menu.');
  return raw as Record<string, unknown>;
}

function text(raw: Record<string, unknown>, key: string, label: string): string {
  const v = raw[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new InputError(`${label} must be text.`);
  const t = v.trim();
  if (sheetTextLength(t) > MAX_CELL_CHARS) throw new InputError(tooLongMessage(label, t));
  return t;
}

function date(raw: Record<string, unknown>, key: string, label: string, options: { required: boolean; notAfter?: DateParts }): DateParts | null {
  const v = raw[key];
  if ((v === undefined || v === null || v === '') && !options.required) return null;
  const d = parseIsoDate(v);
  if (!d) throw new InputError(`${label}: enter a date like 2026-01-05.`);
  if (options.notAfter && compareDates(d, options.notAfter) > 0) throw new InputError(`${label} is in the future. Log it on the day it happens.`);
  return d;
}

function eventTarget(raw: Record<string, unknown>): { eventId: string; contactIds: string[] } {
  const eventId = raw.eventId;
  if (typeof eventId !== 'string' || !EVENT_ID.test(eventId))
    throw new InputError('This dialog has no valid event ID. Close it and open it again from the menu.');
  const ids = raw.contactIds;
  if (!Array.isArray(ids) || ids.length === 0) throw new InputError('No contact was given. Select contacts in the tracker and choose the menu item again.');
  if (ids.length > MAX_CONTACTS_PER_EVENT) throw new InputError(`At most ${MAX_CONTACTS_PER_EVENT} contacts can be logged at once.`);
  const contactIds: string[] = [];
  for (const id of ids) {
    const canonical = canonicalContactId(id);
    if (canonical === null) throw new InputError(`"${String(id).slice(0, 40)}" is not a contact ID.`);
    if (!contactIds.includes(canonical)) contactIds.push(canonical);
  }
  return { eventId, contactIds };
}

function referral(raw: unknown, n: number): ReferralInput {
  const r = record(raw);
  const label = `Referral ${n}`;
  const name = text(r, 'name', `${label}'s name`);
  const email = text(r, 'email', `${label}'s email`);
  const company = text(r, 'company', `${label}'s company`);
  const role = text(r, 'role', `${label}'s role`);
  const rel = text(r, 'relationship', `${label}'s relationship`);
  if (!name) throw new InputError(`${label} has no name. Give a name, or remove the referral.`);
  if (/[\r\n]/.test(name)) throw new InputError(`${label}'s name must be on one line.`);
  if (email && normaliseEmails(email).length === 0) throw new InputError(`${label}'s email "${email.slice(0, 80)}" does not look like an email address.`);
  const relationship = rel ? canonicalValue(RELATIONSHIPS, rel) : 'Referral';
  if (!relationship) throw new InputError(`${label}'s relationship must be one of: ${RELATIONSHIPS.join(', ')}.`);
  return { name, email, company, role, relationship };
}

function minutes(raw: Record<string, unknown>): number | null {
  const v = raw.minutes;
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 1440)
    throw new InputError('Length: enter a whole number of minutes between 1 and 1440, or leave it empty.');
  return n;
}

/**
 * Checks the input of the log entry point for `kind`. `today` is today in the spreadsheet's
 * time zone: past-tense events cannot be dated after it.
 */
export function checkEventInput(kind: EventKind, raw: unknown, today: DateParts): CheckResult {
  try {
    const r = record(raw);
    const target = eventTarget(r);
    const dated = { required: true, notAfter: EVENT_KINDS[kind].pastOnly ? today : undefined };
    let event: CycleEvent;
    if (hasForm(kind, 'simple')) event = { kind, date: date(r, 'date', 'Date', dated)!, note: text(r, 'note', 'Note') };
    else if (hasForm(kind, 'reply'))
      event = {
        kind,
        date: date(r, 'date', 'Date', dated)!,
        note: text(r, 'note', 'Note'),
        meetingDate: date(r, 'meetingDate', 'Conversation date', { required: false }),
      };
    else if (hasForm(kind, 'interview')) {
      const list = r.referrals ?? [];
      if (!Array.isArray(list)) throw new InputError('Referrals must be a list.');
      if (list.length > MAX_REFERRALS) throw new InputError(`At most ${MAX_REFERRALS} referrals can be logged at once.`);
      if (list.length > 0 && target.contactIds.length > 1)
        throw new InputError('Referrals can be logged for one contact at a time: select only the person who gave them.');
      event = {
        kind,
        date: date(r, 'date', 'Date', dated)!,
        minutes: minutes(r),
        note: text(r, 'learned', 'What you learned'),
        nextStep: text(r, 'nextStep', 'Next step'),
        referrals: list.map((x, i) => referral(x, i + 1)),
      };
    } else event = { kind, date: date(r, 'date', 'Date', dated)!, note: text(r, 'note', 'Note'), company: text(r, 'company', 'Company') };
    return { ok: true, value: { ...target, event } };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The event kind of logOutcome's `kind` field. */
export function outcomeKind(raw: unknown): KindOfForm<'outcome'> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  return kindOfWire((raw as Record<string, unknown>).kind);
}
