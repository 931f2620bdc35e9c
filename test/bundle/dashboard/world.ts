// A tracker and an Interview log for dashboard tests, set up through the built bundle, with
// generated data written straight into their cells (as a user typing would), and the Dashboard
// read back by its labels, as a reader would.

import { addOn } from '../../helpers.ts';
import { random } from '../../../local/generate.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import { RELATIONSHIPS, STAGES, type TrackerKey } from '../../../src/core/tracker/schema.ts';
import { EVENT_LABELS } from '../../../src/core/logging/events.ts';
import { VOIDED_PREFIX } from '../../../src/core/history/void-rows.ts';
import { type LogKey } from '../../../src/core/logging/interview-log.ts';
import type { DashboardResult, SetupResult } from '../../../src/shared/types.ts';
import { logRowIds, type Day, type OracleContact, type OracleLogRow } from './oracle.ts';

const DAY_MS = 86_400_000;

export function isoDay(day: Day): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day of `instant` in `timeZone`, by Intl alone. */
export function dayIn(instant: number | Date, timeZone: string): Day {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
  return Date.parse(`${text}T00:00:00Z`) / DAY_MS;
}

export interface WorldOptions {
  timeZone: string;
  /** Placeholder contact rows made at setup: the most a case can use. */
  rows: number;
  /** First Name / Last Name columns instead of one Name column. */
  splitNames?: boolean;
}

export class World {
  readonly app: ReturnType<typeof addOn>;
  readonly tracker: EmuSheet;

  constructor(readonly options: WorldOptions) {
    const header = options.splitNames ? 'First Name,Last Name,Email' : 'Name,Email';
    const rows = Array.from({ length: options.rows }, (_, i) => (options.splitNames ? `P${i},Q${i},` : `P${i},`));
    this.app = addOn({ csv: [header, ...rows].join('\n'), sheetName: 'Contacts', timeZone: options.timeZone });
    const setup = this.app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    this.tracker = this.app.ss.getSheetByName('Contacts')!;
  }

  /** 1-based column of each tracker field, from the metadata the add-on put on its columns. */
  trackerColumns(): Record<TrackerKey, number> {
    const out: Partial<Record<TrackerKey, number>> = {};
    for (const m of this.tracker.createDeveloperMetadataFinder().withKey('iit.column').find())
      out[m.getValue() as TrackerKey] = m.getLocation().getColumn()!.getColumn();
    return out as Record<TrackerKey, number>;
  }

  /** Columns of the contact's name, by header. */
  nameColumns(): { full?: number; first?: number; last?: number } {
    const header = this.tracker.getRange(1, 1, 1, this.tracker.getLastColumn()).getValues()[0].map(String);
    const at = (h: string) => (header.indexOf(h) >= 0 ? header.indexOf(h) + 1 : undefined);
    return { full: at('Name'), first: at('First Name'), last: at('Last Name') };
  }

  /** Makes the Interview log exist the way the add-on creates it: by logging one event. */
  createLog(): EmuSheet {
    const result = this.app.bundle.run('logPitchSent', [{ eventId: 'dashboard-world-0001', contactIds: ['C-0001'], date: '2025-01-06' }]).result as {
      ok: boolean;
      message?: string;
    };
    if (!result.ok) throw new Error(result.message);
    return this.log()!;
  }

  /** The Interview log, wherever the user renamed it: the sheet whose columns carry the log's metadata. */
  log(): EmuSheet | null {
    return this.app.ss._sheets.find((s) => s.createDeveloperMetadataFinder().withKey('iit.logColumn').find().length > 0) ?? null;
  }

  logColumns(): Record<LogKey, number> {
    const log = this.log()!;
    const out: Partial<Record<LogKey, number>> = {};
    for (const m of log.createDeveloperMetadataFinder().withKey('iit.logColumn').find()) out[m.getValue() as LogKey] = m.getLocation().getColumn()!.getColumn();
    return out as Record<LogKey, number>;
  }

  /**
   * Replaces every contact row's name and tracker cells with `contacts` (blank past the end), and
   * returns the contacts as the sheet now holds them: name parts with no column are blank.
   */
  writeContacts(generated: OracleContact[]): OracleContact[] {
    const { rows } = this.options;
    if (generated.length > rows) throw new Error(`at most ${rows} contacts in this world`);
    const t = this.trackerColumns();
    const names = this.nameColumns();
    const contacts = generated.map((c) => ({ ...c, full: names.full ? c.full : '', first: names.first ? c.first : '', last: names.last ? c.last : '' }));
    const columns: [number, (c: OracleContact) => unknown][] = [
      [t.contactId, (c) => c.id],
      [t.relationship, (c) => c.relationship],
      [t.referredBy, (c) => c.referredBy],
      [t.stage, (c) => c.stage],
      [t.nextFollowUp, (c) => (typeof c.nextFollowUp === 'number' ? isoDay(c.nextFollowUp) : c.nextFollowUp)],
      [t.referralsGiven, (c) => c.referralsGiven],
      [t.outcome, (c) => c.outcome],
    ];
    if (names.full) columns.push([names.full, (c) => c.full]);
    if (names.first) columns.push([names.first, (c) => c.first]);
    if (names.last) columns.push([names.last, (c) => c.last]);
    // One recalculation for all the columns, as if pasted at once.
    this.app.ss._hf.batch(() => {
      for (const [column, get] of columns) {
        const values = Array.from({ length: rows }, (_, i) => [i < contacts.length ? get(contacts[i]) : '']);
        this.tracker.getRange(2, column, rows, 1).setValues(values);
      }
    });
    return contacts;
  }

  /** Replaces the log's rows below its header with `rows`. */
  writeLog(rows: OracleLogRow[]): void {
    const log = this.log()!;
    const c = this.logColumns();
    const last = Math.max(log.getLastRow(), 2);
    if (rows.length + 1 > log.getMaxRows()) log.insertRowsAfter(log.getMaxRows(), rows.length + 1 - log.getMaxRows());
    const width = Math.max(...Object.values(c));
    const cells = rows.map((r, i) => {
      const row: unknown[] = Array(width).fill('');
      row[c.timestamp - 1] = '2025-01-01 09:00:00';
      row[c.eventDate - 1] = typeof r.date === 'number' ? isoDay(r.date) : r.date;
      const ids = logRowIds(r, i);
      row[c.contactId - 1] = ids.contactId;
      row[c.eventType - 1] = r.event;
      row[c.details - 1] = r.details ?? '';
      row[c.eventId - 1] = ids.eventId;
      return row;
    });
    this.app.ss._hf.batch(() => {
      log.getRange(2, 1, last - 1, log.getMaxColumns()).clearContent();
      if (rows.length) log.getRange(2, 1, rows.length, width).setValues(cells);
    });
  }

  /** Moves the emulator's clock (TODAY() and NOW()) to `instant`. */
  setClock(instant: number): void {
    this.app.emu.rt.virtualMs = instant - Date.now();
  }

  refresh(): DashboardResult {
    return this.app.bundle.run('refreshDashboard').result as DashboardResult;
  }

  dashboard(): EmuSheet {
    return this.app.ss.getSheetByName('Dashboard')!;
  }
}

// ---- generated data ----

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Linus',
  'Margaret',
  'Radia',
  'Dennis',
  'Barbara',
  'Ken',
  'Frances',
  'Guido',
  'Hedy',
  'José',
  'Mei',
  'Søren',
  'Chidi',
  'Priya',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Torvalds',
  'Hamilton',
  'Perlman',
  'Ritchie',
  'Liskov',
  'Thompson',
  'Allen',
  'Lamarr',
  'García',
  'Chen',
  'Okafor',
  'Natarajan',
];

export interface CaseShape {
  contacts: number;
  logRows: number;
  /** Weighting toward a few values, so lists grow past 25 names and levels tie. */
  skew: number;
  /** Log rows name the tracker's contacts, templates in Details and voided Event IDs (what "What gets replies" reads). */
  replies?: boolean;
}

/** Template lines as Mark as sent writes them, and what else a Details cell may say. */
const DETAILS = [
  'Template: Warm intro\nSubject: Coffee?',
  'Template: Warm intro',
  'template: WARM INTRO',
  'Template: Quick ask?',
  'Template: Quick ask!',
  'Template: Alumni *note*',
  'Template: <Cold>',
  'Template: ~tilde',
  'Template: Referral ask',
  'Template: Short',
  'Template: Long form',
  'Template: Event follow',
  'Template: Ninth one',
  'Template: ',
  'Sent via LinkedIn',
  '',
];

/**
 * Gives each log row a contact of the tracker (or one it lacks, or none), a Details cell and, on
 * a voiding row, the Event ID of an earlier row it voids. A second random stream, so the rest of
 * the case is what it would be without.
 */
function addReplyFields(log: OracleLogRow[], contacts: OracleContact[], rnd: () => number): void {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ids = contacts.map((c) => c.id).filter((id) => id !== '');
  log.forEach((row, i) => {
    const roll = rnd();
    row.eventId = `gen-${i}`;
    row.contactId = roll < 0.85 && ids.length ? (rnd() < 0.1 ? pick(ids).toLowerCase() : pick(ids)) : roll < 0.95 ? `C-9${i}` : '';
    row.details = pick(DETAILS);
    if (row.event.toLowerCase().startsWith(VOIDED_PREFIX.toLowerCase()) && i > 0 && rnd() < 0.8) {
      const target = log[Math.floor(rnd() * i)];
      row.eventId = `${target.eventId}/voided`;
      row.contactId = target.contactId;
    }
  });
}

export function generateCase(seed: number, today: Day, shape: CaseShape): { contacts: OracleContact[]; log: OracleLogRow[] } {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const contacts: OracleContact[] = [];
  for (let i = 0; i < shape.contacts; i++) {
    let id = `C-${String(i + 1).padStart(4, '0')}`;
    // Each chance() draws a new number, so these conditions differ though they read alike.
    /* eslint-disable no-dupe-else-if */
    if (chance(0.05)) id = '';
    else if (chance(0.05)) id = id.toLowerCase();
    else if (chance(0.03)) id = `X-${i}`;
    else if (chance(0.03))
      id = `C-${i + 1}`; // a Contact ID typed by hand, not padded
    else if (chance(0.03) && contacts.some((c) => c.id !== '')) id = pick(contacts.filter((c) => c.id !== '')).id; // a duplicate
    /* eslint-enable no-dupe-else-if */
    const first = chance(0.1) ? '' : pick(FIRST);
    const last = chance(0.2) ? '' : pick(LAST);
    const full = chance(0.1) ? '' : chance(0.1) ? `  ${first}   ${last} ` : `${first} ${last}`;
    const earlier = contacts.filter((c) => c.id !== '');
    let referredBy = '';
    const r = rnd();
    if (earlier.length && r < 0.3 + shape.skew * 0.3) {
      const target = chance(shape.skew) ? earlier[0] : pick(earlier);
      referredBy = chance(0.15) ? target.id.toLowerCase() : target.id;
    } else if (r < 0.7) referredBy = '';
    else if (r < 0.8) referredBy = `C-9${String(Math.floor(rnd() * 1000)).padStart(3, '0')}`;
    else if (r < 0.85) referredBy = 'Someone at the fair';
    else if (r < 0.9) referredBy = pick(['C-1e3', 'C-1/2', 'C-50%', `C-${String(i).padStart(4, '0')} `, `C-${Math.max(1, i)}`]);
    const stage = chance(0.85) ? pick(STAGES) : pick(['', 'pitched', 'THANKED', 'Pitched ', 'Maybe later']);
    const relationship = chance(0.8) ? pick(RELATIONSHIPS) : pick(['', 'friend', 'Colleague']);
    const fuRoll = rnd();
    const nextFollowUp = fuRoll < 0.4 ? '' : fuRoll < 0.92 ? today + Math.floor(rnd() * 13) - 6 : 'soon';
    const refRoll = rnd();
    const referralsGiven = refRoll < 0.35 ? '' : refRoll < 0.95 ? (chance(shape.skew) ? 2 : Math.floor(rnd() * 5)) : 'two';
    const outcome = chance(0.7) ? '' : pick(['Job interview', 'Offer', 'offer', 'Hired?']);
    contacts.push({ id, full, first, last, relationship, referredBy, stage, nextFollowUp, referralsGiven, outcome });
  }
  const labels = Object.values(EVENT_LABELS);
  const log: OracleLogRow[] = [];
  for (let i = 0; i < shape.logRows; i++) {
    const dateRoll = rnd();
    const date = dateRoll < 0.08 ? '' : dateRoll < 0.12 ? 'last Tuesday' : today + Math.floor(rnd() * 25) - 17;
    const eventRoll = rnd();
    const event =
      eventRoll < 0.8
        ? pick(labels)
        : eventRoll < 0.85
          ? `${VOIDED_PREFIX}${pick(labels)}`
          : eventRoll < 0.9
            ? pick(labels).toUpperCase()
            : eventRoll < 0.95
              ? 'Coffee chat'
              : '';
    log.push({ date, event });
  }
  if (shape.replies) addReplyFields(log, contacts, random(seed + 1));
  return { contacts, log };
}

// ---- reading the dashboard ----

export type Grid = unknown[][];

/** The rows of the section whose header (column A) is `title`, up to the next blank row. */
export function section(grid: Grid, title: string): unknown[][] {
  const start = grid.findIndex((r) => r[0] === title);
  if (start < 0) throw new Error(`No "${title}" section on the dashboard`);
  const out: unknown[][] = [];
  for (let i = start + 1; i < grid.length && grid[i].some((c) => c !== ''); i++) out.push(grid[i]);
  return out;
}

export function rowOf(rows: unknown[][], label: string): unknown[] {
  const row = rows.find((r) => r[0] === label);
  if (!row) throw new Error(`No row "${label}"`);
  return row;
}
