// Runs the built add-on headlessly on a workbook:
//   npm run --silent local -- --in contacts.csv --steps steps.json --out tracker.xlsx
//   npm run --silent local -- --in contacts.csv --call setUpTracker [--args '[...]'] [--select 'Sheet!A2']
// A step is {"call": "<global function>", "args": [...], "select": "<Sheet>!<A1>", "answers": ["YES"], "failAt": k, "now": "<ISO time>"}.
// With "now", the emulator's clock is set to that time before the step (it then runs on): every
// installed time-driven trigger due on the way runs first, each as its own execution; a step may be
// {"now": ...} alone, to let time pass. Their runs are printed as "triggerRuns" (a failed run is
// recorded there, as Google's failure notice would tell the user, and does not stop the CLI).
// With "failAt": k, the step's k-th service call (1-based) and every later one throw, as when an
// execution stops there (a service error, the 6-minute limit); its result is then
// {"failedAt": k, "call": "<Type.method>", "error": "..."} and the next step runs.
// Prints one JSON object: {"results": [...], "calls": [...], "ui": {"menus", "alerts", "toasts"},
// "mail": [{to, subject, body, htmlBody}], "triggerRuns": [{step, handler, at, status, error}]}.
// --state <file.json> writes everything the add-on can change, after the last step (local/emulator/state.ts),
// installed triggers and emails sent included. --now <ISO time> sets the clock the run starts at.
// Exits non-zero with a clear message (and writes no workbook) on a bad file, an unknown
// function or an error thrown by the script.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Emulator, GasException } from './emulator/index.ts';
import { emulatorState } from './emulator/state.ts';
import { isLocaleCode } from './emulator/spreadsheet/spreadsheet.ts';
import { loadWorkbookFile, saveXlsx, WorkbookFileError } from './emulator/io.ts';
import { Bundle, BundleError } from './bundle.ts';
import type { ScriptedAnswer } from './emulator/services/ui.ts';
import type { TriggerRun } from './emulator/services/scriptapp.ts';

interface Step {
  call?: string;
  now?: string;
  args?: unknown[];
  select?: string;
  answers?: ScriptedAnswer[];
  authMode?: 'NONE' | 'LIMITED' | 'FULL';
  failAt?: number;
}

class UsageError extends Error {}

const USAGE = `usage: npm run --silent local -- [--in <file.csv|file.xlsx>] (--steps <steps.json> | --call <fn> [--args '<json array>'] [--select 'Sheet!A1']) [--out <out.xlsx>] [--state <state.json>] [--tz <time zone>] [--locale <locale, e.g. de_DE>] [--now <ISO time>]`;

/** An ISO date and time ("2026-03-02T08:00:00Z"), as epoch ms; null when `text` is not one. */
function isoTime(text: unknown): number | null {
  if (typeof text !== 'string' || !/^\d{4}-\d\d-\d\d/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function readSteps(values: Record<string, string | boolean | undefined>): Step[] {
  if (values.steps && values.call) throw new UsageError('give either --steps or --call, not both');
  if (typeof values.steps === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(values.steps, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read steps from ${values.steps}: ${(e as Error).message}`);
    }
    const isStep = (s: unknown) =>
      typeof s === 'object' && s !== null && (typeof (s as Step).call === 'string' || ((s as Step).call === undefined && (s as Step).now !== undefined));
    if (!Array.isArray(parsed) || !parsed.every(isStep)) {
      throw new UsageError(`${values.steps} must hold a JSON array of steps like {"call": "onOpen"} or {"now": "2026-03-02T08:00:00Z"}`);
    }
    const badNow = (parsed as Step[]).findIndex((s) => s.now !== undefined && isoTime(s.now) === null);
    if (badNow >= 0) throw new UsageError(`step ${badNow + 1}: "now" must be an ISO date and time such as 2026-03-02T08:00:00Z`);
    const badFault = (parsed as Step[]).findIndex((s) => s.failAt !== undefined && !(Number.isInteger(s.failAt) && s.failAt >= 1));
    if (badFault >= 0) throw new UsageError(`step ${badFault + 1}: "failAt" must be a whole number from 1 (the first service call of the step)`);
    return parsed as Step[];
  }
  if (typeof values.call === 'string') {
    let args: unknown[] = [];
    if (typeof values.args === 'string') {
      try {
        args = JSON.parse(values.args);
      } catch (e) {
        throw new UsageError(`--args must be a JSON array: ${(e as Error).message}`);
      }
      if (!Array.isArray(args)) throw new UsageError('--args must be a JSON array');
    }
    return [{ call: values.call, args, select: typeof values.select === 'string' ? values.select : undefined }];
  }
  throw new UsageError('nothing to run: give --steps or --call');
}

export async function main(argv: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        steps: { type: 'string' },
        call: { type: 'string' },
        args: { type: 'string' },
        select: { type: 'string' },
        tz: { type: 'string' },
        locale: { type: 'string' },
        build: { type: 'string' },
        state: { type: 'string' },
        now: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const steps = readSteps(values);
    if (typeof values.locale === 'string' && !isLocaleCode(values.locale))
      throw new UsageError(`--locale must be a locale code as in File > Settings, such as en_US, de_DE or fr, not "${values.locale}"`);
    const emu = new Emulator({
      timeZone: values.tz as string | undefined,
      locale: values.locale as string | undefined,
      noSheets: Boolean(values.in),
      buildDir: values.build ? resolve(String(values.build)) : undefined,
    });
    if (values.now !== undefined) {
      const start = isoTime(values.now);
      if (start === null) throw new UsageError(`--now must be an ISO date and time such as 2026-03-02T08:00:00Z, not "${values.now}"`);
      emu.setNow(start);
    }
    if (typeof values.in === 'string') await loadWorkbookFile(emu.active, values.in);
    const bundle = new Bundle(emu);
    const results: unknown[] = [];
    const calls: number[] = [];
    const triggerRuns: (TriggerRun & { step: number })[] = [];
    for (const [i, step] of steps.entries()) {
      if (step.now !== undefined) for (const run of emu.setNow(isoTime(step.now)!)) triggerRuns.push({ step: i + 1, ...run });
      if (step.call === undefined) {
        results.push(null);
        calls.push(0);
        continue;
      }
      if (!bundle.has(step.call))
        throw new BundleError(`step ${i + 1}: the add-on has no function "${step.call}" (functions: ${bundle.functions().join(', ')})`);
      if (step.answers) emu.ui.answer(...step.answers);
      const fault = step.failAt === undefined ? null : failingFrom(emu, step.failAt);
      try {
        const run = bundle.run(step.call, step.args ?? [], { select: step.select, authMode: step.authMode });
        results.push(fault?.reached() ? fault.result() : (run.result ?? null));
        calls.push(run.calls);
      } catch (e) {
        if (!fault?.reached()) throw new BundleError(`step ${i + 1} (${step.call}) failed: ${(e as Error).message}`);
        results.push(fault.result());
        calls.push(step.failAt! - 1);
      } finally {
        emu.rt.beforeCall = null;
      }
    }
    if (typeof values.out === 'string') writeFileSync(values.out, await saveXlsx(emu.active));
    if (typeof values.state === 'string') writeFileSync(values.state, `${JSON.stringify(emulatorState(emu), null, 2)}\n`);
    const ui = {
      menus: emu.ui.menus,
      alerts: emu.ui.alerts,
      prompts: emu.ui.prompts,
      toasts: emu.ui.toasts,
      sidebars: emu.ui.sidebars.map((s) => ({ title: s.title, width: s.width })),
      dialogs: emu.ui.dialogs.map((d) => ({ title: d.title, width: d.width, height: d.height })),
    };
    const mail = emu.outbox.sent.map(({ to, subject, body, htmlBody }) => ({ to, subject, body, htmlBody }));
    process.stdout.write(`${JSON.stringify({ results, calls, ui, mail, triggerRuns }, null, 2)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`local: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const known = e instanceof WorkbookFileError || e instanceof BundleError;
    process.stderr.write(`local: ${known ? e.message : (e as Error).stack}\n`);
    return 1;
  }
}

/** Makes the k-th service call of the next execution, and every later one, throw as Google's services do when an execution stops. */
function failingFrom(emu: Emulator, k: number) {
  let failed: { call: string } | null = null;
  emu.rt.beforeCall = (name, index) => {
    if (index + 1 < k) return;
    failed ??= { call: name };
    throw new GasException(FAULT);
  };
  return {
    reached: () => failed !== null,
    result: () => ({ failedAt: k, call: failed!.call, error: FAULT }),
  };
}

const FAULT = 'Service Spreadsheets failed while accessing document with id (failAt).';

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli.ts')) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
