// Planning one logged event for one or more contacts: which tracker cells change, which
// referral rows are added, and which rows go into the Interview log. Contacts whose row for
// this event ID is already in the log are skipped, so a retried call plans nothing new.
//
// The server writes the tracker first and the log last: the log rows mark the event as done.
// Every tracker change is idempotent (stages only move forward, dates are set, referrals are
// matched to the rows a failed attempt added), so a retry after a failure part-way converges.
// What a retry cannot see again in the sheet (which referrals were new, hence Referrals given)
// comes from the PendingEvent the first attempt stored before writing.

import { cellDate } from '../base/calendar.ts';
import { type Cell, type CellFill, type OutCell, cellText, maxWidth } from '../tracker/cells.ts';
import { contactFromRow, firstName } from '../tracker/contacts.ts';
import { formatIsoDate, type DateParts } from '../base/dates.ts';
import { COLUMNS_WRITTEN, type ContactState, type CycleEvent, contactChange, EVENT_LABELS } from './events.ts';
import { canonicalContactId } from '../tracker/ids.ts';
import { eventKey, type LogEntry, stageBeforeLine } from './interview-log.ts';
import type { PendingEvent } from './pending-events.ts';
import { planReferrals, type ResolvedReferral } from './referrals.ts';
import { canonicalStage, FIRST_STAGE, stageIndex, type TrackerKey, trackerColumn } from '../tracker/schema.ts';
import { limitCellText, MAX_CELL_CHARS, sheetTextLength, thousands, toSheetText } from '../base/text.ts';
import type { LoggedContact, LoggedReferral } from './summary.ts';
import type { TrackerTable } from '../tracker/table.ts';

/** The tracker as an event plans from it, with the spreadsheet's time zone (to read Date cells as days). */
export type EventTable = Omit<TrackerTable, 'own'> & { timeZone: string };

export interface EventRequest {
  eventId: string;
  contactIds: readonly string[];
  event: CycleEvent;
}

export interface EventPlan {
  ok: true;
  /** Cells of existing rows to set (1-based). */
  fills: CellFill[];
  /** New contact rows (referrals), to write from sheet row `appendAt`. */
  append: OutCell[][];
  appendAt: number;
  idCounter: number;
  log: LogEntry[];
  contacts: LoggedContact[];
  referrals: LoggedReferral[];
  /** Decisions to store before the first write, for a retry (see PendingEvent). */
  pending: PendingEvent[];
}

export type EventPlanResult = EventPlan | { ok: false; message: string };

function header(key: TrackerKey): string {
  return trackerColumn(key).header;
}

/** The data row of each contact ID (0-based), or an error for a missing or duplicated ID. */
function locate(t: EventTable, ids: readonly string[]): Map<string, number> | string {
  const column = t.tracker.contactId!;
  const wanted = new Set(ids);
  const found = new Map<string, number[]>();
  t.rows.forEach((row, index) => {
    const id = canonicalContactId(row[column]);
    if (id === null) return;
    if (wanted.has(id)) found.set(id, [...(found.get(id) ?? []), index]);
  });
  const at = new Map<string, number>();
  for (const id of ids) {
    const rows = found.get(id);
    if (!rows) return `Contact ${id} is no longer in the tracker (was the row deleted?). Nothing was logged.`;
    if (rows.length > 1)
      return `Contact ID ${id} is on rows ${rows.map((r) => r + t.headerRow + 1).join(' and ')}. Give one of them a new ID (clear it and run Set up tracker), then try again. Nothing was logged.`;
    at.set(id, rows[0]);
  }
  return at;
}

/** The data row (0-based) of each Contact ID: the first, if several rows have it. */
function rowsById(t: EventTable): Map<string, number> {
  const column = t.tracker.contactId;
  const rows = new Map<string, number>();
  if (column === undefined) return rows;
  t.rows.forEach((row, index) => {
    const id = canonicalContactId(row[column]);
    if (id !== null && !rows.has(id)) rows.set(id, index);
  });
  return rows;
}

/** The contact's cells; given `rowOfId`, also the name of whoever introduced them. */
function stateOf(t: EventTable, index: number, rowOfId?: ReadonlyMap<string, number>): ContactState {
  const row = t.rows[index];
  const cell = (key: TrackerKey): Cell => (t.tracker[key] === undefined ? '' : row[t.tracker[key]!]);
  const contact = contactFromRow(row, t.contact);
  const referrerId = rowOfId ? canonicalContactId(cell('referredBy')) : null;
  const referrerRow = referrerId === null ? undefined : rowOfId!.get(referrerId);
  return {
    referrer: referrerRow === undefined ? '' : contactFromRow(t.rows[referrerRow], t.contact).name,
    name: contact.name,
    company: contact.fields.company ?? '',
    stage: canonicalStage(cellText(cell('stage'))),
    lastContact: cellDate(cell('lastContact'), t.timeZone),
    nextFollowUp: cellDate(cell('nextFollowUp'), t.timeZone),
    thankYouSent: cellDate(cell('thankYouSent'), t.timeZone),
    outcome: cellText(cell('outcome')),
  };
}

function referralsText(list: readonly ResolvedReferral[]): string {
  return list.map((r) => `${r.name} (${r.id}${r.status === 'matched' ? ', already a contact' : ''})`).join('; ');
}

/** The log's Details text for the event's own row. */
function details(event: CycleEvent, referrals: readonly ResolvedReferral[]): string {
  const lines: string[] = [];
  if (event.kind === 'interview' && event.minutes) lines.push(`${event.minutes} min.`);
  if (event.kind === 'reply' && event.meetingDate) lines.push(`Conversation set for ${formatIsoDate(event.meetingDate)}.`);
  if ((event.kind === 'jobInterview' || event.kind === 'offer') && event.company) lines.push(`At ${event.company}.`);
  if (event.note) lines.push(event.kind === 'interview' ? `Learned: ${event.note}` : event.note);
  if (referrals.length) lines.push(`Referrals: ${referralsText(referrals)}`);
  return lines.join('\n');
}

function tooLong(entry: LogEntry): string | null {
  for (const [label, text] of [
    ['Name', entry.name],
    ['Details', entry.details],
    ['Next step', entry.nextStep],
  ] as const) {
    const length = sheetTextLength(text);
    if (length > MAX_CELL_CHARS)
      return `The log's ${label} for ${limitCellText(entry.name, 60)} would be ${thousands(length)} characters; a cell holds at most ${thousands(MAX_CELL_CHARS)}. Shorten what you wrote and try again. Nothing was logged.`;
  }
  return null;
}

/**
 * Plans `request` on the tracker `t`. `logged(key)` tells whether the log already holds a row
 * with that Event ID; `stored(key)` gives what an earlier, failed attempt of the event decided.
 */
export function planEvent(
  t: EventTable,
  request: EventRequest,
  logged: (key: string) => boolean,
  stored: (key: string) => PendingEvent | undefined = () => undefined,
): EventPlanResult {
  const { event, eventId } = request;
  const needed: TrackerKey[] = ['contactId', ...COLUMNS_WRITTEN[event.kind]];
  const missing = needed.filter((k) => t.tracker[k] === undefined);
  if (missing.length) {
    const names = missing.map((k) => `"${header(k)}"`).join(', ');
    return {
      ok: false,
      message: `The tracker has no ${names} ${missing.length === 1 ? 'column' : 'columns'}. Run Set up tracker to add ${missing.length === 1 ? 'it' : 'them'} back, then try again. Nothing was logged.`,
    };
  }
  const at = locate(t, request.contactIds);
  if (typeof at === 'string') return { ok: false, message: at };

  const fills: CellFill[] = [];
  const log: LogEntry[] = [];
  const contacts: LoggedContact[] = [];
  const referrals: LoggedReferral[] = [];
  const pending: PendingEvent[] = [];
  let append: OutCell[][] = [];
  let idCounter = t.idCounter;
  const label = EVENT_LABELS[event.kind];

  const rowOfId = event.kind === 'offer' ? rowsById(t) : undefined;
  for (const id of request.contactIds) {
    const index = at.get(id)!;
    const state = stateOf(t, index, rowOfId);
    const key = eventKey(eventId, id);
    const change = contactChange(state, event);
    if (logged(key)) {
      contacts.push({
        id,
        name: state.name,
        company: state.company,
        stage: state.stage,
        stageKept: false,
        nextFollowUp: state.nextFollowUp ? formatIsoDate(state.nextFollowUp) : '',
        secondContactBy: '',
        alreadyLogged: true,
      });
      continue;
    }
    const row = t.headerRow + 1 + index;
    const set = { ...change.set };
    let resolved: ResolvedReferral[] = [];
    if (event.kind === 'interview' && event.referrals.length) {
      const before = stored(key);
      // A retry numbers new referrals from where the first attempt did: the stored counter is past them.
      const idCounterBefore = before?.idCounterBefore ?? idCounter;
      const plan = planReferrals(
        {
          headerRow: t.headerRow,
          rows: t.rows,
          formulas: t.formulas,
          contact: t.contact,
          tracker: t.tracker,
          width: Math.max(t.header.length, maxWidth(t.rows)),
          idCounter: idCounterBefore,
        },
        id,
        index,
        event.referrals,
      );
      if ('error' in plan) return { ok: false, message: `${plan.error} Nothing was logged.` };
      resolved = plan.resolved.map((r) => ({ ...r, status: before?.referrals[r.id] ?? r.status }));
      append = plan.append;
      fills.push(...plan.fills);
      idCounter = Math.max(plan.idCounter, before?.idCounter ?? 0);
      let given: number | null = null;
      if (before) given = before.referralsGiven;
      else {
        const added = resolved.filter((r) => r.newlyLinked).length;
        const current = Number(t.rows[index][t.tracker.referralsGiven!]);
        if (added > 0) given = (Number.isFinite(current) && current > 0 ? Math.floor(current) : 0) + added;
      }
      if (given !== null) set.referralsGiven = given;
      pending.push({ key, referralsGiven: given, referrals: Object.fromEntries(resolved.map((r) => [r.id, r.status])), idCounter, idCounterBefore });
      for (const r of resolved) {
        referrals.push({ id: r.id, name: r.name, status: r.status });
        log.push({
          eventDate: event.date,
          contactId: r.id,
          name: r.name,
          eventType: EVENT_LABELS.referred,
          details: [`Referred by ${state.name} (${id}) in an informational interview on ${formatIsoDate(event.date)}.`, ...r.unstored].join('\n'),
          nextStep: `Reach out to ${firstName(r.name)}, saying that ${firstName(state.name)} suggested you talk.`,
          key: eventKey(eventId, r.id, 'referred'),
        });
      }
    }
    for (const [k, value] of Object.entries(set) as [TrackerKey, OutCell][]) {
      fills.push({ row, column: t.tracker[k]! + 1, value: typeof value === 'string' ? toSheetText(value) : value });
    }
    // What the user wrote as the Stage, before anything was logged for them (no Last contact yet),
    // or text that no event writes: kept in Details, so voiding replays from it (stageBeforeLine).
    const typed = state.stage !== '' && state.stage !== FIRST_STAGE && (state.lastContact === null || stageIndex(state.stage) < 0);
    const typedStage = typed ? cellText(t.rows[index][t.tracker.stage!]) : null;
    // The event's own row goes before its referrals' rows.
    log.splice(log.length - resolved.length, 0, {
      eventDate: event.date,
      contactId: id,
      name: state.name,
      eventType: label,
      details: [details(event, resolved), typedStage === null ? '' : stageBeforeLine(typedStage)].filter(Boolean).join('\n'),
      nextStep: change.nextStep,
      key,
    });
    const next = set.nextFollowUp !== undefined ? set.nextFollowUp : state.nextFollowUp;
    contacts.push({
      id,
      name: state.name,
      company: state.company,
      stage: change.stageAfter,
      stageKept: change.stageKept,
      nextFollowUp: next && typeof next === 'object' ? formatIsoDate(next as DateParts) : '',
      secondContactBy: change.secondContactBy ? formatIsoDate(change.secondContactBy) : '',
      alreadyLogged: false,
    });
  }
  for (const entry of log) {
    const problem = tooLong(entry);
    if (problem) return { ok: false, message: problem };
  }
  return { ok: true, fills, append, appendAt: t.headerRow + t.rows.length + 1, idCounter, log, contacts, referrals, pending };
}
