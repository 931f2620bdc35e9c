// `npm run bench`, dashboard: how long the formula engine takes to recalculate the dashboard over
// a large tracker and Interview log (10,000 contacts, 20,000 log rows by default), after the
// bundle built it. Times are CPU time of this process (steadier than wall time on a busy machine):
//  - full: everything the dashboard adds to recalculating the workbook from scratch (the engine's
//    rebuild with the dashboard, less the same without it), as when the file is opened;
//  - after one edit: what the engine recomputes when the user or a coach types in one cell, the
//    live case. TODAY() is volatile, so every edit also recomputes what depends on the date.

import { join } from 'node:path';
import { addOnOnContacts } from './bundle.ts';
import { handMadeContacts, random, toCsv } from './generate.ts';
import { OUTCOMES, RELATIONSHIPS, STAGES } from '../src/core/schema.ts';
import { EVENT_LABELS } from '../src/core/events.ts';
import { formatContactId } from '../src/core/ids.ts';

export interface DashboardBench {
  contacts: number;
  logRows: number;
  /** Service calls of Build dashboard on this tracker. */
  calls: number;
  /** CPU ms to recalculate every dashboard formula once (evaluation only). */
  recalcMs: number;
  /** CPU ms the dashboard adds to rebuilding the workbook: parsing, linking and evaluating its formulas. */
  fullMs: number;
  /** CPU ms of the recalculation after one edit, by what was edited. */
  edits: { what: string; ms: number }[];
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

export function dashboardBench(contacts = 10_000, logRows = 20_000, buildDir = join(process.cwd(), 'build')): DashboardBench {
  const { emu, bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), buildDir, { setUp: true });
  bundle.run('logPitchSent', [{ eventId: 'bench-dash', contactIds: ['C-0001'], date: iso(emu.rt.now()) }]);
  const ss = emu.active;
  const tracker = ss.getSheetByName('Contacts')!;
  const log = ss.getSheetByName('Interview log')!;
  const header = tracker.getRange(1, 1, 1, tracker.getLastColumn()).getValues()[0].map(String);
  const col = (name: string) => header.indexOf(name) + 1;

  // The tracker as an active search leaves it: stages, introductions, dates, outcomes; and a log
  // of events over the last two months.
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const now = emu.rt.now();
  const fill = (name: string, make: (i: number) => unknown) => tracker.getRange(2, col(name), contacts, 1).setValues(Array.from({ length: contacts }, (_, i) => [make(i)]));
  ss._hf.batch(() => {
    fill('Relationship', () => pick(RELATIONSHIPS));
    fill('Stage', () => pick(STAGES));
    fill('Referred by', (i) => (i > 0 && rnd() < 0.3 ? formatContactId(1 + Math.floor(rnd() * i)) : ''));
    fill('Next follow-up', () => (rnd() < 0.6 ? iso(now + (Math.floor(rnd() * 30) - 15) * DAY_MS) : ''));
    fill('Referrals given', () => (rnd() < 0.5 ? Math.floor(rnd() * 4) : ''));
    fill('Outcome', () => (rnd() < 0.1 ? pick(OUTCOMES) : ''));
    if (log.getMaxRows() < logRows + 2) log.insertRowsAfter(log.getMaxRows(), logRows + 2 - log.getMaxRows());
    const labels = Object.values(EVENT_LABELS);
    log.getRange(3, 1, logRows - 1, 5).setValues(
      Array.from({ length: logRows - 1 }, (_, i) => [iso(now), iso(now - Math.floor(rnd() * 730) * DAY_MS), formatContactId(1 + (i % contacts)), '', pick(labels)]),
    );
  });

  const run = bundle.run('refreshDashboard');
  const hf = ss._hf;
  const dashboard = ss.getSheetByName('Dashboard')!;

  const edits: { what: string; ms: number }[] = [];
  const edit = (what: string, sheet: typeof tracker, row: number, column: number, values: unknown[]) => {
    let total = 0;
    for (const value of values) {
      const start = cpuMs();
      sheet.getRange(row, column).setValue(value);
      total += cpuMs() - start;
    }
    edits.push({ what, ms: Math.round(total / values.length) });
  };
  edit('a cell the dashboard does not read (Notes)', tracker, 5, col('Notes'), ['called back', '']);
  edit('a Stage', tracker, 5, col('Stage'), ['Interviewed', 'Pitched']);
  edit('a Referred by', tracker, 5, col('Referred by'), ['C-0002', 'C-0003']);
  edit('a Name', tracker, 5, col('Name'), ['Zed Example', 'Yan Example']);
  edit('a Referrals given', tracker, 5, col('Referrals given'), [7, 1]);
  edit('a Next follow-up', tracker, 5, col('Next follow-up'), [iso(now - DAY_MS), iso(now + DAY_MS)]);
  edit('an Interview log event', log, 5, 5, [EVENT_LABELS.reply, EVENT_LABELS.offer]);

  // The best of a few rebuilds, after a garbage collection when node runs with --expose-gc: a
  // single rebuild's time varies by a few hundred ms on a busy machine.
  const rebuild = () => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      (globalThis as { gc?: () => void }).gc?.();
      const start = cpuMs();
      hf.rebuildAndRecalculate();
      best = Math.min(best, cpuMs() - start);
    }
    return best;
  };
  // Recalculating every dashboard formula on the graph as built, as after a change that touches
  // them all: HyperFormula's evaluator over the workbook (it also orders the tracker's and the
  // log's cells, which the same run without the dashboard measures and is taken off).
  const evaluator = (hf as unknown as { evaluator: { run(): void } }).evaluator;
  const recalculate = () => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      (globalThis as { gc?: () => void }).gc?.();
      const start = cpuMs();
      evaluator.run();
      best = Math.min(best, cpuMs() - start);
    }
    return best;
  };
  const recalcWith = recalculate();
  const withDashboard = rebuild();
  hf.clearSheet(dashboard._hfId);
  const without = rebuild();
  const recalcWithout = recalculate();
  return { contacts, logRows, calls: run.calls, recalcMs: Math.max(0, Math.round(recalcWith - recalcWithout)), fullMs: Math.max(0, Math.round(withDashboard - without)), edits };
}

export function formatDashboardBench(b: DashboardBench): string {
  const width = Math.max(...b.edits.map((e) => e.what.length));
  return [
    `Dashboard over ${b.contacts.toLocaleString('en')} contacts and ${b.logRows.toLocaleString('en')} Interview log rows (formula engine, CPU time):`,
    `  Build dashboard: ${b.calls} service calls`,
    `  recalculating every dashboard formula: ${b.recalcMs} ms`,
    `  rebuilding the workbook (parse, link, evaluate, as on opening the file), the dashboard's share: ${b.fullMs} ms`,
    '  recalculation after editing one cell:',
    ...b.edits.map((e) => `    ${e.what.padEnd(width)}  ${e.ms} ms`),
  ].join('\n');
}
