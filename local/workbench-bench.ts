// `npm run bench`, workbench: how long the user waits in the workbench (`npm start`) for each menu
// action and dialog's action on a large tracker (10,000 contacts and 20,000 Interview log rows by
// default), and for the Dashboard after typing into a cell. Each time is what the page waits for:
// the execution (the engine's recalculation at its end included) and the snapshot the page then
// draws. The median of several runs, each on the same workbook as the last left it. It runs in a
// worker thread with the memory limits of the workbench's own (local/workbench/host.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { WORKBOOK_THREAD_LIMITS } from './workbench/worker-messages.ts';
import { Workbench } from './workbench/session.ts';
import { fillActiveSearch } from './dashboard-bench.ts';
import { handMadeContacts, importExport, toCsv } from './generate.ts';

export interface WorkbenchBench {
  contacts: number;
  logRows: number;
  runs: number;
  /** Median ms per action, in the order run. */
  actions: { what: string; ms: number; error?: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function median(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  return Math.round((sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2);
}

interface BenchRequest {
  entry: string;
  bench: { contacts: number; logRows: number; runs: number; buildDir: string };
}

/** Measures in a thread like the workbench's own: its workbook's memory limits change its waits. */
export function workbenchBench(contacts = 10_000, logRows = 20_000, runs = 5, buildDir = join(process.cwd(), 'build')): Promise<WorkbenchBench> {
  const request: BenchRequest = { entry: import.meta.url, bench: { contacts, logRows, runs, buildDir } };
  const worker = new Worker(new URL('./workbench/worker-boot.mjs', import.meta.url), { workerData: request, resourceLimits: WORKBOOK_THREAD_LIMITS });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: WorkbenchBench) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the workbench bench's thread ended (code ${code}) without a result`)));
  });
}

async function measure(contacts: number, logRows: number, runs: number, buildDir: string): Promise<WorkbenchBench> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-bench-'));
  try {
    const file = join(dir, 'Contacts.csv');
    writeFileSync(file, toCsv(handMadeContacts(contacts)));
    const bench = await Workbench.open({ file, buildDir, timeZone: 'Etc/UTC' });
    const actions: WorkbenchBench['actions'] = [];
    /** Times `act` `times` times (k = 0, 1, ...), each followed by the snapshot the page takes. */
    const time = (what: string, act: (k: number) => string | undefined, times = runs) => {
      const ms: number[] = [];
      let error: string | undefined;
      for (let k = 0; k < times; k++) {
        const start = performance.now();
        error = act(k) ?? error;
        bench.snapshot();
        ms.push(performance.now() - start);
      }
      actions.push({ what, ms: median(ms), ...(error ? { error } : {}) });
    };
    const menu = (fn: string) => () => bench.runMenu(fn).error;
    const page = (fn: string, args: unknown[]) => {
      const result = bench.runFromPage(fn, args);
      if (!result.ok) return result.error.message;
      const value = result.value as { ok?: boolean; message?: string } | null;
      return value && value.ok === false ? value.message : undefined;
    };

    bench.select('Contacts', [{ row: 1, col: 1, numRows: 1, numCols: 1 }]);
    time('Set up tracker (first run: columns, IDs, the Dashboard)', menu('setUpTracker'), 1);
    const now = bench.emu.rt.now();
    page('logPitchSent', [{ eventId: 'bench-seed-event', contactIds: ['C-0001'], date: iso(now) }]);
    fillActiveSearch(bench.emu.active, contacts, logRows, now);
    bench.select('Contacts', [{ row: 2, col: 1, numRows: 3, numCols: 1 }]);

    time('Set up tracker (run again)', menu('setUpTracker'));
    time('Log interview… (opening the dialog, 3 rows selected)', menu('showInterviewDialog'));
    const event = (k: number, kind: string, extra: object = {}) => ({
      eventId: `bench-${kind}-${k}`,
      contactIds: [`C-${String(100 + k).padStart(4, '0')}`],
      date: iso(now),
      ...extra,
    });
    time('Mark pitch sent', (k) => page('logPitchSent', [event(k, 'pitch')]));
    time('Log reply', (k) => page('logReply', [event(k, 'reply', { meetingDate: iso(now + 7 * 86_400_000) })]));
    time('Log interview + 1 referral', (k) =>
      page('logInterview', [event(k, 'interview', { minutes: 30, referrals: [{ name: `Bench Referral ${k}`, company: 'Globex' }] })]),
    );
    time('Log offer', (k) => page('logOutcome', [event(k, 'offer', { kind: 'offer', company: 'Globex' })]));
    time('Show follow-ups due', menu('showFollowUpsDue'));
    time('Build dashboard', menu('refreshDashboard'));
    const imported = toCsv(importExport(100));
    time('Import contacts (100 rows, 20 already in the tracker)', () => page('importContacts', [imported, {}]));
    bench.select('Contacts', [{ row: 3, col: 1, numRows: 1, numCols: 1 }]);
    time('Draft a pitch… (the sidebar opening)', () => menu('showPitchSidebar')() ?? page('getPitchContext', []));
    time('Share with coach (copy)', () => page('shareWithCoachNow', [{ email: 'coach@example.com', mode: 'copy' }]), 1);
    time('Update coach view', menu('updateCoachView'));

    // Typing into a tracker cell, then the Dashboard as the page draws it.
    const tracker = bench.emu.active.getSheetByName('Contacts')!;
    const header = tracker.getRange(1, 1, 1, tracker.getLastColumn()).getDisplayValues()[0];
    const stage = header.indexOf('Stage') + 1;
    const stages = ['Interviewed', 'Pitched', 'Declined', 'Scheduled'];
    time('Dashboard after typing a Stage', (k) => {
      bench.select('Contacts');
      const result = bench.edit('Contacts', 5 + k, stage, stages[k % stages.length]);
      bench.select('Dashboard');
      return result.ok ? undefined : result.message;
    });
    return { contacts, logRows, runs, actions };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatWorkbenchBench(b: WorkbenchBench): string {
  const width = Math.max(...b.actions.map((a) => a.what.length));
  return [
    `Workbench over ${b.contacts.toLocaleString('en')} contacts and ${b.logRows.toLocaleString('en')} Interview log rows (ms the page waits, median of ${b.runs}; goal: each action under 1,000 ms, the Dashboard after an edit under 300 ms):`,
    ...b.actions.map((a) => `  ${a.what.padEnd(width)}  ${String(a.ms).padStart(6)} ms${a.error ? `  (${a.error})` : ''}`),
  ].join('\n');
}

if (!isMainThread && (workerData as BenchRequest | undefined)?.entry === import.meta.url) {
  const { contacts, logRows, runs, buildDir } = (workerData as BenchRequest).bench;
  parentPort!.postMessage(await measure(contacts, logRows, runs, buildDir));
} else if (isMainThread && process.argv[1]?.endsWith('workbench-bench.ts')) {
  process.stdout.write(`${formatWorkbenchBench(await workbenchBench())}\n`);
}
