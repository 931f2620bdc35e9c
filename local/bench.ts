// `npm run bench`: runs named actions through the built bundle on generated contact sheets of
// 100, 1,000 and 10,000 rows, and prints service calls (and how many of them are reads) and
// milliseconds per action and size, then each action's calls by method.
// `npm run --silent bench -- --json` prints the same as a JSON array of
// {action, rows, calls, ms, reads, byMethod}.
// An action's call count must not grow with the number of rows. It may differ by what the data
// asks for: an import fills the empty cells of contacts already in the tracker with one call per
// run of such cells in a column, at most MAX_IMPORT_FILL_WRITES (src/server/import/import.ts).

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addOnOnContacts, type Bundle } from './bundle.ts';
import { handMadeContacts, importExport, toCsv } from './generate.ts';
import { dashboardBench, formatDashboardBench } from './dashboard-bench.ts';
import { formatSidebarBench, sidebarBench } from './pitch-bench.ts';
import { formatWorkbenchBench, workbenchBench } from './workbench-bench.ts';

export interface BenchAction {
  name: string;
  /** Prepares the workbook (untimed) and returns the call to measure. */
  prepare(bundle: Bundle, rows: number): { fn: string; args?: unknown[]; select?: string };
}

/** Rows of the Interview log the "(10,000-row log)" actions start with; tests vary it. */
export const LOG_SIZE = { rows: 10_000 };

/**
 * A set-up tracker (with spare rows, as real sheets have, so every size takes the same path: a
 * full sheet costs a fixed few calls more) and, with `log`, an Interview log of LOG_SIZE rows.
 * Only the log columns an action reads are filled, to keep preparing fast.
 */
function tracker(bundle: Bundle, log = false): void {
  bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  const contacts = bundle.emu.active.getSheetByName('Contacts')!;
  contacts.insertRowsAfter(contacts.getMaxRows(), 100);
  if (!log) return;
  bundle.run('logPitchSent', [{ eventId: 'bench-seed', contactIds: ['C-0001'], date: '2026-01-05' }]);
  const sheet = bundle.emu.active.getSheetByName('Interview log')!;
  const more = LOG_SIZE.rows - 1;
  if (sheet.getMaxRows() < LOG_SIZE.rows + 100) sheet.insertRowsAfter(sheet.getMaxRows(), LOG_SIZE.rows + 100 - sheet.getMaxRows());
  if (more > 0) sheet.getRange(3, 8, more, 1).setValues(Array.from({ length: more }, (_, i) => [`bench-seed-${i}/C-0001`]));
}
const trackerWithLog = (bundle: Bundle) => tracker(bundle, true);

const event = (extra: object) => ({ eventId: 'bench-event', contactIds: ['C-0002'], date: '2026-01-09', ...extra });

export const ACTIONS: BenchAction[] = [
  { name: 'onOpen (AuthMode.NONE)', prepare: () => ({ fn: 'onOpen', args: [{ authMode: 'NONE' }] }) },
  { name: 'setUpTracker', prepare: () => ({ fn: 'setUpTracker', select: 'Contacts!A1' }) },
  {
    // Importing as many new contacts again, plus 20 already in the tracker whose empty cells it
    // fills (a new Phone column, missing notes): the same 20 at every size. How scattered such
    // fills are, not the number of rows, decides their calls, up to MAX_IMPORT_FILL_WRITES.
    name: 'importContacts',
    prepare: (bundle, rows) => {
      bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      return { fn: 'importContacts', args: [toCsv(importExport(rows)), {}] };
    },
  },
  { name: 'Log interview dialog, 3 rows selected', prepare: (b) => (tracker(b), { fn: 'showInterviewDialog', select: 'Contacts!A2:A4' }) },
  {
    name: 'Mark pitch sent, 3 contacts (10,000-row log)',
    prepare: (b) => (trackerWithLog(b), { fn: 'logPitchSent', args: [event({ contactIds: ['C-0002', 'C-0003', 'C-0004'] })] }),
  },
  {
    name: 'Log interview + 2 referrals (10,000-row log)',
    prepare: (b) => (
      trackerWithLog(b),
      { fn: 'logInterview', args: [event({ minutes: 30, referrals: [{ name: 'Dana Scully', company: 'FBI' }, { name: 'Fox Mulder' }] })] }
    ),
  },
  { name: 'Log offer (10,000-row log)', prepare: (b) => (trackerWithLog(b), { fn: 'logOutcome', args: [event({ kind: 'offer', company: 'Globex' })] }) },
  {
    name: 'Retry of a logged reply: no-op (10,000-row log)',
    prepare: (b) => (trackerWithLog(b), b.run('logReply', [event({})]), { fn: 'logReply', args: [event({})] }),
  },
  { name: 'Show follow-ups due', prepare: (b) => (tracker(b), { fn: 'showFollowUpsDue' }) },
  {
    // Brings feedback back and rewrites a coach copy that already holds every contact.
    name: 'updateCoachView',
    prepare: (b) => (
      b.run('setUpTracker', [], { select: 'Contacts!A1' }),
      b.run('shareWithCoachNow', [{ email: 'coach@example.com', mode: 'copy' }]),
      { fn: 'updateCoachViewNow' }
    ),
  },
  { name: 'Mark pitch sent, first use: creates the Interview log', prepare: (b) => (tracker(b), { fn: 'logPitchSent', args: [event({})] }) },
  {
    name: 'Log reply, conversation fixed (10,000-row log)',
    prepare: (b) => (trackerWithLog(b), { fn: 'logReply', args: [event({ meetingDate: '2026-01-15', note: 'Happy to talk' })] }),
  },
  { name: 'Log follow-up sent (10,000-row log)', prepare: (b) => (trackerWithLog(b), { fn: 'logFollowUp', args: [event({})] }) },
  { name: 'Mark thank-you sent (10,000-row log)', prepare: (b) => (trackerWithLog(b), { fn: 'logThankYou', args: [event({})] }) },
  { name: 'Mark declined (10,000-row log)', prepare: (b) => (trackerWithLog(b), { fn: 'logDeclined', args: [event({})] }) },
  {
    name: 'Log job interview (10,000-row log)',
    prepare: (b) => (trackerWithLog(b), { fn: 'logOutcome', args: [event({ kind: 'job_interview', company: 'Globex' })] }),
  },
  // Setup built the dashboard; Build dashboard rewrites every formula (those reading the log
  // too) and keeps the settings.
  { name: 'Build dashboard (rebuild, 10,000-row log)', prepare: (b) => (trackerWithLog(b), { fn: 'refreshDashboard' }) },
  // The pitch sidebar: the menu item shows the page, which then asks for its contact and the
  // user's templates; its buttons ask for the next contact (which selects that contact's row).
  { name: 'Draft a pitch… (menu: shows the sidebar)', prepare: (b) => (tracker(b), { fn: 'showPitchSidebar', select: 'Contacts!A3' }) },
  { name: 'Pitch sidebar opening: its contact and templates', prepare: (b) => (tracker(b), { fn: 'getPitchContext', select: 'Contacts!A3' }) },
  { name: 'Pitch sidebar: next contact to contact', prepare: (b) => (tracker(b), { fn: 'nextContact', args: ['toContact', 3], select: 'Contacts!A3' }) },
  { name: 'Pitch sidebar: next follow-up due', prepare: (b) => (tracker(b), { fn: 'nextContact', args: ['followUp', null], select: 'Contacts!A3' }) },
];

export const SIZES = [100, 1000, 10000];

export interface BenchRow {
  action: string;
  rows: number;
  calls: number;
  ms: number;
  /** Calls that wait for Google's answer (see isRead); the others are queued or local. */
  reads: number;
  /** Calls by "Type.method". */
  byMethod: Record<string, number>;
}

/**
 * Types whose calls are answered in the script itself: builders, page outputs, Utilities, the
 * Ui's menus. A getter on them is not a read of the spreadsheet.
 */
const ADVANCED_SERVICES = /^Sheets$/;
const LOCAL_TYPES = /Builder$|^Html(Output|Template|Service)$|^Utilities$|^Menu$|^Blob$/;

/**
 * A read: a call whose answer comes from Google (get…, is…, has…, find…: values, formats,
 * finders, getLastRow…), so the script waits a round trip for it. Writes (set…, insert…,
 * add…, clear…) are queued by Apps Script until a read or the end of the execution.
 */
export function isRead(method: string): boolean {
  const [type, name] = method.split('.');
  // An advanced service's call (Sheets.Spreadsheets.batchUpdate) is a request the script waits on.
  if (ADVANCED_SERVICES.test(type)) return true;
  return !LOCAL_TYPES.test(type) && /^(get|is|has|find)/.test(name);
}

export function readsOf(byMethod: Record<string, number>): number {
  return Object.entries(byMethod).reduce((n, [method, count]) => n + (isRead(method) ? count : 0), 0);
}

export function runBench(sizes = SIZES, actions = ACTIONS): BenchRow[] {
  const out: BenchRow[] = [];
  for (const action of actions) {
    for (const rows of sizes) {
      const { bundle } = addOnOnContacts(toCsv(handMadeContacts(rows)), join(process.cwd(), 'build'));
      const call = action.prepare(bundle, rows);
      const start = performance.now();
      const run = bundle.run(call.fn, call.args ?? [], { select: call.select, authMode: call.fn === 'onOpen' ? 'NONE' : 'FULL' });
      out.push({
        action: action.name,
        rows,
        calls: run.calls,
        ms: Math.round(performance.now() - start),
        reads: readsOf(run.byMethod),
        byMethod: run.byMethod,
      });
    }
  }
  return out;
}

export function table(rows: BenchRow[]): string {
  const head = ['action', 'rows', 'service calls', 'reads', 'ms'];
  const body = rows.map((r) => [r.action, String(r.rows), String(r.calls), String(r.reads), String(r.ms)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Each action's calls by method (from its largest size), reads marked "r". */
export function methods(rows: BenchRow[]): string {
  const out: string[] = [];
  for (const action of new Set(rows.map((r) => r.action))) {
    const run = rows.filter((r) => r.action === action).at(-1)!;
    const entries = Object.entries(run.byMethod).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    out.push(`${action}: ${run.calls} calls, ${run.reads} reads`);
    out.push(`  ${entries.map(([m, n]) => `${m}${isRead(m) ? ' r' : ''} ${n}`).join(', ')}`);
  }
  return out.join('\n');
}

if (process.argv[1]?.endsWith('/bench.ts') && process.argv.includes('--workbench')) {
  // Only the workbench's waits (the slowest part is preparing its workbook).
  process.stdout.write(`${formatWorkbenchBench(await workbenchBench())}\n`);
} else if (process.argv[1]?.endsWith('/bench.ts')) {
  const rows = runBench();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(rows)}\n` : `${table(rows)}\n\nCalls by method (r: a read):\n${methods(rows)}\n`);
  // The dashboard's recalculation times, the pitch sidebar's page size and load time, and what
  // the workbench's user waits for (table output only: --json stays one array).
  if (!process.argv.includes('--json')) {
    process.stdout.write(`\n${formatDashboardBench(dashboardBench())}\n`);
    process.stdout.write(`\n${formatSidebarBench(await sidebarBench())}\n`);
    process.stdout.write(`\n${formatWorkbenchBench(await workbenchBench())}\n`);
  }
}
