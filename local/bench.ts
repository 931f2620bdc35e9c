// `npm run bench`: runs named actions through the built bundle on generated contact sheets of
// 100, 1,000 and 10,000 rows, and prints service calls and milliseconds per action and size.
// `npm run --silent bench -- --json` prints the same as a JSON array of {action, rows, calls, ms}.
// An action's call count must not grow with the number of rows. It may differ by what the data
// asks for: an import grows the grid with one call when new rows do not fit, and fills existing
// contacts with one call per column it fills, bounded by the number of columns.

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Emulator } from './emulator/index.ts';
import { loadCsvInto } from './emulator/io.ts';
import { Bundle } from './bundle.ts';
import { handMadeContacts, toCsv } from './generate.ts';

export interface BenchAction {
  name: string;
  /** Prepares the workbook (untimed) and returns the call to measure. */
  prepare(bundle: Bundle, rows: number): { fn: string; args?: unknown[]; select?: string };
}

export const ACTIONS: BenchAction[] = [
  { name: 'onOpen (AuthMode.NONE)', prepare: () => ({ fn: 'onOpen', args: [{ authMode: 'NONE' }] }) },
  { name: 'setUpTracker', prepare: () => ({ fn: 'setUpTracker', select: 'Contacts!A1' }) },
  {
    // Importing as many contacts again, about a third of them already in the tracker.
    name: 'importContacts',
    prepare: (bundle, rows) => {
      bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
      return { fn: 'importContacts', args: [toCsv(handMadeContacts(rows, 2)), {}] };
    },
  },
];

export const SIZES = [100, 1000, 10000];

export interface BenchRow {
  action: string;
  rows: number;
  calls: number;
  ms: number;
}

export function runBench(sizes = SIZES, actions = ACTIONS): BenchRow[] {
  const out: BenchRow[] = [];
  for (const action of actions) {
    for (const rows of sizes) {
      const emu = new Emulator({ buildDir: join(process.cwd(), 'build'), noSheets: true });
      loadCsvInto(emu.active, 'Contacts', toCsv(handMadeContacts(rows)));
      const bundle = new Bundle(emu);
      const call = action.prepare(bundle, rows);
      const start = performance.now();
      const run = bundle.run(call.fn, call.args ?? [], { select: call.select, authMode: call.fn === 'onOpen' ? 'NONE' : 'FULL' });
      out.push({ action: action.name, rows, calls: run.calls, ms: Math.round(performance.now() - start) });
    }
  }
  return out;
}

function table(rows: BenchRow[]): string {
  const head = ['action', 'rows', 'service calls', 'ms'];
  const body = rows.map((r) => [r.action, String(r.rows), String(r.calls), String(r.ms)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

if (process.argv[1]?.endsWith('bench.ts')) {
  const rows = runBench();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(rows)}\n` : `${table(rows)}\n`);
}
