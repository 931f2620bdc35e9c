// The chain of introductions that led to a contact (A introduced B, who introduced C), and what
// each person in it is thanked for once a job interview or an offer comes through that contact.
// Who introduced whom: the tracker's Referred by when it holds something (the user's word wins);
// when it is empty, the newest standing "Referred" row of the Interview log (its informational
// interview standing too). Pure: the server hands in what it read.

import { cellDate, compareDates } from '../base/calendar.ts';
import { formatIsoDate, type DateParts } from '../base/dates.ts';
import { cellText } from '../tracker/cells.ts';
import { contactFromRow } from '../tracker/contacts.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import { EVENT_LABELS } from '../logging/events.ts';
import type { ContactRef, HistoryTable, LogTable } from './history.ts';
import { isVoidingRow, voidedKeyOf } from './void-rows.ts';

export type ChainTable = Omit<HistoryTable, 'timeZone'>;

/** The log read as "who introduced whom": the referrer's ID of each contact a standing referral names. */
function loggedReferrers(log: LogTable | null): Map<string, string> {
  const referrerOf = new Map<string, string>();
  if (!log) return referrerOf;
  const at = (row: readonly unknown[], key: keyof LogTable['columns']) => row[log.columns[key] - 1];
  const voided = new Set<string>();
  for (const row of log.rows) {
    const key = voidedKeyOf(at(row, 'eventId'), at(row, 'eventType'));
    if (key !== null) voided.add(key);
  }
  // An interview's row is "<event>/<contact>", its referrals' rows "<event>/<referral>/referred".
  const interviewer = new Map<string, string>();
  for (const row of log.rows) {
    const key = cellText(at(row, 'eventId'));
    const id = canonicalContactId(at(row, 'contactId'));
    if (id === null || voided.has(key) || cellText(at(row, 'eventType')) !== EVENT_LABELS.interview || !key.endsWith(`/${id}`)) continue;
    interviewer.set(key.slice(0, key.length - id.length - 1), id);
  }
  for (const row of log.rows) {
    const key = cellText(at(row, 'eventId'));
    const id = canonicalContactId(at(row, 'contactId'));
    const suffix = `/${id}/referred`;
    if (id === null || isVoidingRow(at(row, 'eventType')) || cellText(at(row, 'eventType')) !== EVENT_LABELS.referred) continue;
    if (voided.has(key) || !key.endsWith(suffix)) continue;
    const referrer = interviewer.get(key.slice(0, key.length - suffix.length));
    // Later rows are newer: the last standing referral wins.
    if (referrer !== undefined && referrer !== id) referrerOf.set(id, referrer);
  }
  return referrerOf;
}

/** Where the chain and the history find the tracker's contacts: each ID's first row (0-based in `rows`). */
export function contactsById(t: ChainTable): Map<string, number> {
  const byId = new Map<string, number>();
  const idColumn = t.tracker.contactId;
  if (idColumn === undefined) return byId;
  t.rows.forEach((row, index) => {
    const id = canonicalContactId(row[idColumn]);
    if (id !== null && !byId.has(id)) byId.set(id, index);
  });
  return byId;
}

/** The name of the contact `id` ('' when no row has that ID). Read only for the people named, not every row. */
export function nameOf(t: ChainTable, contacts: ReadonlyMap<string, number>, id: string): string {
  const index = contacts.get(id);
  return index === undefined ? '' : contactFromRow(t.rows[index], t.contact).name;
}

/**
 * Who introduced each contact, by Contact ID: the one rule the chain and the History panel
 * share. Referred by when it holds something (the user's word wins): another contact's ID (named
 * from the tracker, '' when that ID is no longer there), or the text typed there (id ''); when
 * it is empty, the newest standing "Referred" row of the log.
 */
export function introducers(t: ChainTable, log: LogTable | null, contacts = contactsById(t)): Map<string, ContactRef> {
  const logged = loggedReferrers(log);
  const referredBy = t.tracker.referredBy;
  const introducerOf = new Map<string, ContactRef>();
  const names = new Map<string, string>();
  const named = (id: string) => names.get(id) ?? names.set(id, nameOf(t, contacts, id)).get(id)!;
  for (const [id, index] of contacts) {
    const typed = referredBy === undefined ? '' : cellText(t.rows[index][referredBy]).trim();
    const referrer = typed === '' ? (logged.get(id) ?? null) : canonicalContactId(typed);
    if (referrer !== null) introducerOf.set(id, { id: referrer, name: named(referrer) });
    else if (typed !== '') introducerOf.set(id, { id: '', name: typed });
  }
  return introducerOf;
}

/**
 * The people who led to `contactId`, first introducer first, ending with the contact. A
 * Referred by that names no contact of the tracker ends the chain: typed text (not an ID) is
 * kept as its first link, with no ID; an ID no longer in the tracker is left out. A cycle in
 * Referred by ends the chain at the first person met twice. Empty when the contact is not in
 * the tracker.
 */
export function introductionChain(t: ChainTable, log: LogTable | null, contactId: string): ContactRef[] {
  const start = canonicalContactId(contactId);
  if (start === null) return [];
  const contacts = contactsById(t);
  const introducerOf = introducers(t, log, contacts);

  const chain: ContactRef[] = [];
  const seen = new Set<string>();
  let id: string | null = start;
  while (id !== null && !seen.has(id)) {
    if (!contacts.has(id)) break;
    seen.add(id);
    chain.unshift({ id, name: nameOf(t, contacts, id) });
    const introducer = introducerOf.get(id);
    if (introducer?.id === '') chain.unshift(introducer);
    id = introducer?.id || null;
  }
  return chain;
}

const shown = (p: ContactRef) => p.name || p.id;

/** "A introduced B, who introduced C"; '' when nobody introduced the last one. */
export function chainSentence(chain: readonly ContactRef[]): string {
  if (chain.length < 2) return '';
  return chain
    .slice(1)
    .map((p, i) => (i === 0 ? `${shown(chain[0])} introduced ${shown(p)}` : `who introduced ${shown(p)}`))
    .join(', ');
}

/**
 * What the person at `index` of the chain did, to follow "It started with ": the last one (who
 * the job interview or offer came through) "our conversation", an earlier one "you introducing
 * me to B, who introduced me to C".
 */
export function partInChain(chain: readonly ContactRef[], index: number): string {
  if (index >= chain.length - 1) return 'our conversation';
  return chain
    .slice(index + 1)
    .map((p, i) => (i === 0 ? `you introducing me to ${shown(p)}` : `who introduced me to ${shown(p)}`))
    .join(', ');
}

export interface LoggedOutcome {
  /** The log's Event word: "Job interview" or "Offer". */
  event: string;
  /** ISO day ('' when the cell holds no date). */
  date: string;
  /** As said in a message: "a job interview", "an offer". */
  phrase: string;
}

/** The contact's outcome that stands in the log: an offer before a job interview, then the newest. */
export function standingOutcome(log: LogTable | null, contactId: string, timeZone: string): LoggedOutcome | null {
  const id = canonicalContactId(contactId);
  if (!log || id === null) return null;
  const at = (row: readonly unknown[], key: keyof LogTable['columns']) => row[log.columns[key] - 1];
  const voided = new Set<string>();
  for (const row of log.rows) {
    const key = voidedKeyOf(at(row, 'eventId'), at(row, 'eventType'));
    if (key !== null) voided.add(key);
  }
  const rank = (word: string) => (word === EVENT_LABELS.offer ? 2 : word === EVENT_LABELS.jobInterview ? 1 : 0);
  let best: { word: string; day: DateParts | null } | null = null;
  for (const row of log.rows) {
    const word = cellText(at(row, 'eventType'));
    if (rank(word) === 0 || canonicalContactId(at(row, 'contactId')) !== id || voided.has(cellText(at(row, 'eventId')))) continue;
    const day = cellDate(at(row, 'eventDate'), timeZone);
    const newer = !best || rank(word) > rank(best.word) || (rank(word) === rank(best.word) && (!best.day || !day || compareDates(day, best.day) >= 0));
    if (newer) best = { word, day };
  }
  if (!best) return null;
  return { event: best.word, date: best.day ? formatIsoDate(best.day) : '', phrase: best.word === EVENT_LABELS.offer ? 'an offer' : 'a job interview' };
}

export interface ThanksPerson extends ContactRef {
  /** Their part, to follow "It started with " (partInChain). */
  part: string;
  /** Their 1-based sheet row, or null for a link typed as text (nobody to log an update for). */
  row: number | null;
}

export interface ThanksOffer {
  outcome: LoggedOutcome;
  /** "A introduced B, who introduced C", or '' when nobody introduced the contact. */
  sentence: string;
  /** Everyone in the chain, first introducer first, the contact last. */
  people: ThanksPerson[];
}

/** Whom to thank once a job interview or an offer stands for `contactId`; null before one does. */
export function thanksOffer(t: HistoryTable, log: LogTable | null, contactId: string): ThanksOffer | null {
  const outcome = standingOutcome(log, contactId, t.timeZone);
  if (!outcome) return null;
  const chain = introductionChain(t, log, contactId);
  if (chain.length === 0) return null;
  const contacts = contactsById(t);
  const rowOf = (id: string) => {
    const index = contacts.get(id);
    return index === undefined ? null : t.headerRow + 1 + index;
  };
  return {
    outcome,
    sentence: chainSentence(chain),
    people: chain.map((p, i) => ({ ...p, part: partInChain(chain, i), row: p.id ? rowOf(p.id) : null })),
  };
}

const CHAINS_LISTED = 10;

/** What the result of logging a job interview or an offer says of the chain behind each contact. */
export function chainLines(contacts: readonly { name: string; chain: readonly ContactRef[] }[]): string[] {
  const sentences = contacts.map((c) => chainSentence(c.chain)).filter(Boolean);
  // As the result's list of contacts (summary.ts): an outcome logged for many at once names the first few.
  const lines = sentences.slice(0, CHAINS_LISTED).map((sentence) => `How you got here: ${sentence}.`);
  if (sentences.length > CHAINS_LISTED) lines.push(`…and ${sentences.length - CHAINS_LISTED} more chains.`);
  if (contacts.length === 0) return lines;
  const whose = contacts.length === 1 ? `${contacts[0].name || 'their'}'s row` : 'each of their rows';
  const many = contacts.some((c) => c.chain.length > 1);
  lines.push(
    `Draft a pitch on ${whose} offers ${many ? 'everyone who led here' : 'them'} an “It worked: thank you” update; Mark as sent logs it as “Update sent”.`,
  );
  return lines;
}
