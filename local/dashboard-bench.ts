// `npm run bench`, dashboard: how long the formula engine takes to compute the dashboard over a
// large tracker and Interview log (10,000 contacts, 20,000 log rows by default), after the bundle
// built it. Times are wall-clock time in the engine, what a user waits (CPU time also counts the
// garbage collector's and the compiler's threads running beside it):
//  - recalculating every dashboard formula: each one computed again from the tracker and the log
//    (the engine's caches of criterion results dropped), as when the engine recalculates it all;
//  - from scratch: everything the dashboard adds to computing the workbook in a new engine
//    (parsing, linking and computing its formulas), as when the file is opened;
//  - after one edit: what the engine recomputes when the user or a coach types in one cell, the
//    live case. TODAY() is volatile, so every edit also recomputes what depends on the date.
//    Its CPU time is printed beside it: on a machine shared with other jobs the wait varies with
//    their load far more than the CPU time does, so compare commits by that.

import { join } from 'node:path';
import { addOnOnContacts } from './bundle.ts';
import { newEngine, type EmuSpreadsheet } from './emulator/spreadsheet/spreadsheet.ts';
import { handMadeContacts, random, toCsv } from './generate.ts';
import { OUTCOMES, RELATIONSHIPS, STAGES } from '../src/core/tracker/schema.ts';
import { EVENT_LABELS } from '../src/core/logging/events.ts';
import { formatContactId } from '../src/core/tracker/ids.ts';

export interface DashboardBench {
  contacts: number;
  logRows: number;
  /** Service calls of Build dashboard on this tracker. */
  calls: number;
  /** Dashboard formulas (one per formula cell, an array formula counting once) computed in recalcMs. */
  recalcFormulas: number;
  /** Cells of the dashboard that hold a formula (what recalcFormulas should be). */
  formulaCells: number;
  /** Ms to compute every dashboard formula again (median of seven), without parsing or linking. */
  recalcMs: number;
  /** Ms the dashboard adds to opening the workbook: parsing, linking and computing all its formulas. */
  fullMs: number;
  /**
   * Ms of the recalculation after one edit, by what was edited: the wait, and the process's CPU
   * time (all threads, the garbage collector's too), which a shared machine's load stretches less.
   */
  edits: { what: string; ms: number; cpuMs: number }[];
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const ms = () => performance.now();
/** The middle of `xs` (the mean of the two middle ones), rounded. */
function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return Math.round((sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2);
}

/**
 * Fills a set-up tracker as an active search leaves it (stages, introductions, dates, outcomes)
 * and its Interview log with `logRows` rows of events over the last two years, in one engine
 * batch. The log must exist (a first logged event creates it).
 */
export function fillActiveSearch(ss: EmuSpreadsheet, contacts: number, logRows: number, now: number): void {
  const tracker = ss.getSheetByName('Contacts')!;
  const log = ss.getSheetByName('Interview log')!;
  const header = tracker.getRange(1, 1, 1, tracker.getLastColumn()).getValues()[0].map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const fill = (name: string, make: (i: number) => unknown) =>
    tracker.getRange(2, col(name), contacts, 1).setValues(Array.from({ length: contacts }, (_, i) => [make(i)]));
  ss._hf.batch(() => {
    fill('Relationship', () => pick(RELATIONSHIPS));
    fill('Stage', () => pick(STAGES));
    fill('Referred by', (i) => (i > 0 && rnd() < 0.3 ? formatContactId(1 + Math.floor(rnd() * i)) : ''));
    fill('Next follow-up', () => (rnd() < 0.6 ? iso(now + (Math.floor(rnd() * 30) - 15) * DAY_MS) : ''));
    fill('Referrals given', () => (rnd() < 0.5 ? Math.floor(rnd() * 4) : ''));
    fill('Outcome', () => (rnd() < 0.1 ? pick(OUTCOMES) : ''));
    if (log.getMaxRows() < logRows + 2) log.insertRowsAfter(log.getMaxRows(), logRows + 2 - log.getMaxRows());
    const labels = Object.values(EVENT_LABELS);
    log
      .getRange(3, 1, logRows - 1, 5)
      .setValues(
        Array.from({ length: logRows - 1 }, (_, i) => [
          iso(now),
          iso(now - Math.floor(rnd() * 730) * DAY_MS),
          formatContactId(1 + (i % contacts)),
          '',
          pick(labels),
        ]),
      );
  });
}

export function dashboardBench(contacts = 10_000, logRows = 20_000, buildDir = join(process.cwd(), 'build')): DashboardBench {
  const { emu, bundle } = addOnOnContacts(toCsv(handMadeContacts(contacts)), buildDir, { setUp: true });
  bundle.run('logPitchSent', [{ eventId: 'bench-dash', contactIds: ['C-0001'], date: iso(emu.rt.now()) }]);
  const ss = emu.active;
  const tracker = ss.getSheetByName('Contacts')!;
  const log = ss.getSheetByName('Interview log')!;
  const header = tracker.getRange(1, 1, 1, tracker.getLastColumn()).getValues()[0].map(String);
  const col = (name: string) => header.indexOf(name) + 1;
  const now = emu.rt.now();
  fillActiveSearch(ss, contacts, logRows, now);
  const run = bundle.run('refreshDashboard');
  const hf = ss._hf;
  const dashboard = ss.getSheetByName('Dashboard')!;

  const edits: DashboardBench['edits'] = [];
  // Each edit made a few times (the values in turn); the median, so that one garbage collection
  // does not decide it.
  const edit = (what: string, sheet: typeof tracker, row: number, column: number, values: unknown[]) => {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (const value of [...values, ...values]) {
      const start = ms();
      const cpuStart = process.cpuUsage();
      sheet.getRange(row, column).setValue(value);
      ss._recalculate();
      const cpu = process.cpuUsage(cpuStart);
      times.push(ms() - start);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
    }
    edits.push({ what, ms: median(times), cpuMs: median(cpuTimes) });
  };
  const contactId = tracker.getRange(5, col('Contact ID')).getValue();
  edit('a cell the dashboard does not read (Notes)', tracker, 5, col('Notes'), ['called back', '']);
  edit('a Stage', tracker, 5, col('Stage'), ['Interviewed', 'Pitched']);
  edit('a Referred by', tracker, 5, col('Referred by'), ['C-0002', 'C-0003']);
  edit('a Name', tracker, 5, col('Name'), ['Zed Example', 'Yan Example']);
  edit('a Referrals given', tracker, 5, col('Referrals given'), [7, 1]);
  edit('a Next follow-up', tracker, 5, col('Next follow-up'), [iso(now - DAY_MS), iso(now + DAY_MS)]);
  edit('a Contact ID (read by nearly every formula)', tracker, 5, col('Contact ID'), ['C-99999', contactId]);
  edit('an Interview log event', log, 5, 5, [EVENT_LABELS.reply, EVENT_LABELS.offer]);

  // Every dashboard formula recomputed: each marked dirty, as is each range over the other sheets
  // (which drops the criterion results HyperFormula caches on them), then one recalculation.
  // (Engine internals, typed here by what is used: FormulaVertex.getAddress, RangeVertex.range.)
  type Node = Parameters<typeof graph.markNodeAsDirty>[0] & { getAddress?(t: unknown): { sheet: number }; range?: { sheet: number } };
  const graph = hf.dependencyGraph.graph;
  const nodes: Node[] = graph.getNodes();
  const formulas = nodes.filter((node) => 'getFormula' in node && node.getAddress!(hf.lazilyTransformingAstService).sheet === dashboard._hfId);
  const inputs = nodes.filter((node) => node.range !== undefined && node.range.sheet !== dashboard._hfId);
  const recalcs: number[] = [];
  for (let k = 0; k < 7; k++) {
    (globalThis as { gc?: () => void }).gc?.();
    for (const node of [...inputs, ...formulas]) graph.markNodeAsDirty(node);
    const start = ms();
    (hf as unknown as { recomputeIfDependencyGraphNeedsIt(): void }).recomputeIfDependencyGraphNeedsIt();
    recalcs.push(ms() - start);
  }
  recalcs.sort((x, y) => x - y);

  // Opening the file: a new engine given the tracker, the log and the dashboard's formulas (not
  // the values they spilled), parsing, linking and computing everything, less the same without
  // the dashboard. The best of three, after a garbage collection when node runs with --expose-gc.
  const sheets = ss.getSheets().map((sheet) => {
    const id = sheet._hfId;
    const { height, width } = hf.getSheetDimensions(id);
    const cells = Array.from({ length: height }, (_, row) =>
      Array.from({ length: width }, (_, col) => {
        const at = { sheet: id, row, col };
        return hf.isCellPartOfArray(at) && !hf.getCellFormula(at) ? null : hf.getCellSerialized(at);
      }),
    );
    return { name: sheet.getName(), cells, isDashboard: id === dashboard._hfId };
  });
  const open = (includeDashboard: boolean) => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      (globalThis as { gc?: () => void }).gc?.();
      const start = ms();
      const engine = newEngine({ now: () => emu.rt.now(), timeZone: () => ss.getSpreadsheetTimeZone() });
      engine.batch(() => {
        for (const s of sheets) {
          const id = engine.getSheetId(engine.addSheet(s.name))!;
          if (includeDashboard || !s.isDashboard) engine.setSheetContent(id, s.cells);
        }
      });
      best = Math.min(best, ms() - start);
      engine.destroy();
    }
    return best;
  };
  const formulaCells = sheets
    .find((s) => s.isDashboard)!
    .cells.flat()
    .filter((cell) => typeof cell === 'string' && cell.startsWith('=')).length;
  const withDashboard = open(true);
  const without = open(false);
  return {
    contacts,
    logRows,
    calls: run.calls,
    recalcFormulas: formulas.length,
    formulaCells,
    recalcMs: Math.round(recalcs[3]),
    fullMs: Math.max(0, Math.round(withDashboard - without)),
    edits,
  };
}

export function formatDashboardBench(b: DashboardBench): string {
  const width = Math.max(...b.edits.map((e) => e.what.length));
  return [
    `Dashboard over ${b.contacts.toLocaleString('en')} contacts and ${b.logRows.toLocaleString('en')} Interview log rows (formula engine, wall time):`,
    `  Build dashboard: ${b.calls} service calls`,
    `  recalculating every dashboard formula: ${b.recalcMs} ms`,
    `  computing every dashboard formula from scratch, as on opening the file: ${b.fullMs} ms`,
    '  recalculation after editing one cell:',
    ...b.edits.map((e) => `    ${e.what.padEnd(width)}  ${e.ms} ms (CPU ${e.cpuMs} ms)`),
  ].join('\n');
}
