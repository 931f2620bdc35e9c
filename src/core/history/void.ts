// Voiding an event logged by mistake. The log is never edited: a voiding row is appended (see
// void-rows.ts). The contact's row is recomputed by replaying the events that stand, from a
// contact never contacted (with the Stage the user had written, when the first event recorded
// one: stageBeforeLine), through the same contactChange every logged event goes through, so a
// stage moves back only this way. A cell is changed only where it still holds what the events
// made it (the replay of every event, the voided one included): a cell the user has written
// since is theirs, and kept. That rule also makes a re-run converge: a cell already recomputed
// no longer holds what every event made it, so it is left alone.
//
// An informational interview's referrals: each contact it linked (Referred by this contact)
// stays in the tracker but loses the link, unless an interview that stands gave the same name;
// its "Referred" rows are voided too, and Referrals given follows, by the same rule.

import { cellDate, compareDates } from '../base/calendar.ts';
import { formatIsoDate, parseIsoDate, type DateParts } from '../base/dates.ts';
import { type Cell, type CellFill, type OutCell, cellText } from '../tracker/cells.ts';
import { contactFromRow } from '../tracker/contacts.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import { canonicalStage, FIRST_STAGE, type TrackerKey } from '../tracker/schema.ts';
import { toSheetText } from '../base/text.ts';
import { type ContactState, type CycleEvent, contactChange, EVENT_LABELS } from '../logging/events.ts';
import { EVENT_KIND_LIST, EVENT_KINDS, type EventKind } from '../logging/kinds.ts';
import { type LogEntry, stageBeforeIn } from '../logging/interview-log.ts';
import type { HistoryTable, LogTable } from './history.ts';
import { isVoidingRow, voidedKeyOf, voidingKey, voidingWord } from './void-rows.ts';

export const VOID_REASON_MAX = 500;

export interface VoidRequest {
  eventId: string;
  reason: string;
}

export interface VoidPlan {
  ok: true;
  /** The event was voided before: nothing to write. */
  alreadyVoided: boolean;
  contact: { id: string; name: string };
  /** The voided row's Event word and day. */
  event: string;
  date: string;
  /** Tracker cells to set (1-based). */
  fills: CellFill[];
  /** Voiding rows to append: the event's own last (it marks the void as done). */
  log: LogEntry[];
  /** Contacts the voided interview had linked, whose link is cleared. */
  unlinked: { id: string; name: string }[];
  /** Columns of the contact's row kept as the user wrote them (they no longer hold what the events made). */
  kept: TrackerKey[];
  /** What changed on the contact's row, column header to new text. */
  changed: { column: TrackerKey; value: string }[];
}

export type VoidPlanResult = VoidPlan | { ok: false; message: string };

const KIND_OF_WORD = new Map<string, EventKind>(EVENT_KIND_LIST.map((k) => [EVENT_KINDS[k].logWord, k]));

/** The columns a replay owns, in the order a message names them. */
const REPLAYED: readonly (keyof Replayed & TrackerKey)[] = ['stage', 'lastContact', 'nextFollowUp', 'interviewDate', 'thankYouSent', 'outcome'];

interface Replayed {
  stage: string;
  lastContact: DateParts | null;
  nextFollowUp: DateParts | null;
  interviewDate: DateParts | null;
  thankYouSent: DateParts | null;
  outcome: string;
}

interface LoggedRow {
  index: number;
  key: string;
  word: string;
  contactId: string | null;
  day: DateParts | null;
  details: string;
}

/** The event a log row records, as contactChange takes it (the replay needs only what changes the row). */
function eventOf(kind: EventKind, date: DateParts, details: string): CycleEvent {
  switch (kind) {
    case 'reply': {
      const set = /Conversation set for (\d{4}-\d{2}-\d{2})\./.exec(details);
      return { kind, date, note: '', meetingDate: set ? parseIsoDate(set[1]) : null };
    }
    case 'interview':
      return { kind, date, note: '', minutes: null, nextStep: '', referrals: [] };
    case 'jobInterview':
    case 'offer':
      return { kind, date, note: '', company: '' };
    default:
      return { kind, date, note: '' };
  }
}

/** The contact's cells after `rows` (their events, oldest first), from a contact never contacted whose Stage was `stage`. */
function replay(name: string, company: string, stage: string, rows: readonly LoggedRow[]): Replayed {
  const s: Replayed = { stage, lastContact: null, nextFollowUp: null, interviewDate: null, thankYouSent: null, outcome: '' };
  const dateOf = (v: OutCell | undefined, was: DateParts | null) => (v === undefined ? was : v === '' ? null : (v as DateParts));
  for (const row of rows) {
    const kind = KIND_OF_WORD.get(row.word);
    if (!kind || !row.day) continue;
    const state: ContactState = { name, company, ...s };
    const { set } = contactChange(state, eventOf(kind, row.day, row.details));
    if (set.stage !== undefined) s.stage = String(set.stage);
    if (set.outcome !== undefined) s.outcome = String(set.outcome);
    s.lastContact = dateOf(set.lastContact, s.lastContact);
    s.nextFollowUp = dateOf(set.nextFollowUp, s.nextFollowUp);
    s.interviewDate = dateOf(set.interviewDate, s.interviewDate);
    s.thankYouSent = dateOf(set.thankYouSent, s.thankYouSent);
  }
  return s;
}

type Value = string | DateParts | null;

function sameValue(cell: Cell | undefined, value: Value, timeZone: string): boolean {
  if (value === null || typeof value === 'string') {
    const text = cellText(cell);
    return value === null || value === '' ? text === '' : canonicalStage(text) === canonicalStage(value);
  }
  const day = cellDate(cell, timeZone);
  return day !== null && compareDates(day, value) === 0;
}

const shownValue = (value: Value) => (value === null ? '' : typeof value === 'string' ? value : formatIsoDate(value));

function readRows(log: LogTable, timeZone: string): LoggedRow[] {
  const at = (row: readonly unknown[], key: keyof LogTable['columns']) => row[log.columns[key] - 1];
  return log.rows.map((row, index) => ({
    index,
    key: cellText(at(row, 'eventId')),
    word: cellText(at(row, 'eventType')),
    contactId: canonicalContactId(at(row, 'contactId')),
    day: cellDate(at(row, 'eventDate'), timeZone),
    details: cellText(at(row, 'details')),
  }));
}

/** The "Referred" rows an interview logged as `key` (its Event ID and the contact's) gave. */
function referredRowsOf(rows: readonly LoggedRow[], key: string, contactId: string): LoggedRow[] {
  if (!key.endsWith(`/${contactId}`)) return [];
  const base = key.slice(0, key.length - contactId.length - 1);
  return rows.filter(
    (r) => r.word === EVENT_LABELS.referred && r.key.startsWith(`${base}/`) && r.key.endsWith('/referred') && r.details.includes(`(${contactId})`),
  );
}

/**
 * Plans voiding the log row whose Event ID is `request.eventId`, on the tracker `t` and the log
 * as read. `today` dates a voiding row whose event has no readable date.
 */
export function planVoid(t: HistoryTable, logTable: LogTable, request: VoidRequest, today: DateParts): VoidPlanResult {
  const rows = readRows(logTable, t.timeZone);
  const key = request.eventId.trim();
  const target = rows.find((r) => r.key === key);
  if (!target || key === '') return { ok: false, message: 'That event is not in the Interview log (was its row deleted?). Nothing was voided.' };
  if (isVoidingRow(target.word)) return { ok: false, message: 'That row records a voided event: it cannot be voided itself. Nothing was voided.' };
  if (target.word === EVENT_LABELS.referred)
    return { ok: false, message: 'A referral is voided with the informational interview that gave it: void that interview instead. Nothing was voided.' };
  const contactId = target.contactId;
  const idColumn = t.tracker.contactId;
  if (contactId === null || idColumn === undefined) return { ok: false, message: 'That log row names no contact of the tracker. Nothing was voided.' };

  const voided = new Set(rows.map((r) => voidedKeyOf(r.key, r.word)).filter((k): k is string => k !== null));
  const rowOf = new Map<string, number>();
  t.rows.forEach((row, i) => {
    const id = canonicalContactId(row[idColumn]);
    if (id !== null && !rowOf.has(id)) rowOf.set(id, i);
  });
  const index = rowOf.get(contactId);
  if (index === undefined) return { ok: false, message: `Contact ${contactId} is no longer in the tracker (was the row deleted?). Nothing was voided.` };
  const row = t.rows[index];
  const contact = contactFromRow(row, t.contact);
  const base = {
    ok: true as const,
    contact: { id: contactId, name: contact.name },
    event: target.word,
    date: target.day ? formatIsoDate(target.day) : '',
    fills: [] as CellFill[],
    log: [] as LogEntry[],
    unlinked: [] as { id: string; name: string }[],
    kept: [] as TrackerKey[],
    changed: [] as { column: TrackerKey; value: string }[],
  };
  if (voided.has(key)) return { ...base, alreadyVoided: true };

  const byDay = (a: LoggedRow, b: LoggedRow) => (a.day && b.day ? compareDates(a.day, b.day) : 0) || a.index - b.index;
  const everyOwn = rows.filter((r) => r.contactId === contactId && KIND_OF_WORD.has(r.word));
  // The stage the user had written before the first event logged for them (voided or not), if
  // it recorded one: a stage moves back only as far as that, never below what they wrote.
  const start = (everyOwn.length ? stageBeforeIn(everyOwn[0].details) : null) ?? FIRST_STAGE;
  const own = everyOwn.filter((r) => !voided.has(r.key)).sort(byDay);
  const company = contact.fields.company ?? '';
  const before = replay(contact.name, company, start, own);
  const after = replay(
    contact.name,
    company,
    start,
    own.filter((r) => r.key !== key),
  );
  const cell = (r: readonly Cell[], k: TrackerKey) => (t.tracker[k] === undefined ? undefined : r[t.tracker[k]!]);
  const sheetRow = (i: number) => t.headerRow + 1 + i;
  const fills: CellFill[] = [];
  const changed: VoidPlan['changed'] = [];
  const kept: TrackerKey[] = [];
  for (const k of REPLAYED) {
    // A column the voided event did not change in the replay is not the void's to touch.
    if (t.tracker[k] === undefined || shownValue(before[k]) === shownValue(after[k])) continue;
    const now = cell(row, k);
    if (sameValue(now, after[k], t.timeZone)) continue;
    if (!sameValue(now, before[k], t.timeZone)) {
      kept.push(k);
      continue;
    }
    const value = after[k];
    fills.push({ row: sheetRow(index), column: t.tracker[k]! + 1, value: value === null ? '' : typeof value === 'string' ? toSheetText(value) : value });
    changed.push({ column: k, value: shownValue(value) });
  }

  const log: LogEntry[] = [];
  const unlinked: VoidPlan['unlinked'] = [];
  const voidRow = (r: LoggedRow, name: string, id: string): LogEntry => ({
    eventDate: r.day ?? today,
    contactId: id,
    name,
    eventType: voidingWord(r.word),
    details: request.reason.trim() ? `Reason: ${request.reason.trim()}` : 'No reason given.',
    nextStep: '',
    key: voidingKey(r.key),
  });
  if (target.word === EVENT_LABELS.interview) {
    const given = referredRowsOf(rows, key, contactId).filter((r) => !voided.has(r.key));
    const standing = new Set(
      own
        .filter((r) => r.key !== key && r.word === EVENT_LABELS.interview)
        .flatMap((r) => referredRowsOf(rows, r.key, contactId).filter((x) => !voided.has(x.key)))
        .map((r) => r.contactId),
    );
    for (const r of given) {
      const at = r.contactId === null ? undefined : rowOf.get(r.contactId);
      const name = at === undefined ? '' : contactFromRow(t.rows[at], t.contact).name;
      log.push(voidRow(r, name, r.contactId ?? ''));
      if (at === undefined || standing.has(r.contactId) || t.tracker.referredBy === undefined) continue;
      if (canonicalContactId(cell(t.rows[at], 'referredBy')) !== contactId) continue;
      fills.push({ row: sheetRow(at), column: t.tracker.referredBy + 1, value: '' });
      unlinked.push({ id: r.contactId!, name });
    }
    // Referrals given: the number of names the interviews gave, while it still is that.
    const column = t.tracker.referralsGiven;
    if (column !== undefined && given.length) {
      const all = own
        .filter((r) => r.word === EVENT_LABELS.interview)
        .flatMap((r) => referredRowsOf(rows, r.key, contactId).filter((x) => !voided.has(x.key))).length;
      const now = Number(cellText(row[column]) || 0);
      const next = all - given.length;
      if (now === all && now !== next) {
        fills.push({ row: sheetRow(index), column: column + 1, value: next === 0 ? '' : next });
        changed.push({ column: 'referralsGiven', value: next === 0 ? '' : String(next) });
      } else if (now !== next) kept.push('referralsGiven');
    }
  }
  log.push(voidRow(target, contact.name, contactId));
  return { ...base, alreadyVoided: false, fills, log, unlinked, kept, changed };
}
