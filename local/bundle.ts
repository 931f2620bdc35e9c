// Runs the built add-on (build/Code.js) as Apps Script would: a plain script evaluated in its
// own global scope (a node:vm context) whose globals are the emulator's services. Each call is
// one execution: it runs in the given auth mode, its service calls are counted, and the locks
// it still holds are released at its end.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { Emulator, type AuthModeName, type EmulatorOptions } from './emulator/index.ts';
import { loadCsvInto, selectRange } from './emulator/io.ts';

export interface RunOptions {
  authMode?: AuthModeName;
  /** "Sheet!A1:B2": the active sheet and range before the call (what the user selected). */
  select?: string;
}

export interface RunResult {
  result: unknown;
  calls: number;
  byMethod: Record<string, number>;
}

export class BundleError extends Error {}

/**
 * The script's Date: the host's own (so Dates cross between script and emulator intact, and
 * instanceof works both ways), except that "now" (new Date(), Date(), Date.now()) reads the
 * emulator's clock, so a script sees the same today as TODAY() when a test or `npm start -- --now …`
 * pins the clock, and time passes for it during Utilities.sleep and lock waits, as in Apps Script.
 */
export function clockDate(HostDate: DateConstructor, now: () => number): DateConstructor {
  return new Proxy(HostDate, {
    construct: (target, args, newTarget) => Reflect.construct(target, args.length ? args : [now()], newTarget) as object,
    apply: () => new HostDate(now()).toString(),
    get: (target, key) => (key === 'now' ? () => now() : Reflect.get(target, key)),
  });
}

export class Bundle {
  readonly context: vm.Context;

  constructor(
    readonly emu: Emulator,
    codePath = join(emu.buildDir, 'Code.js'),
  ) {
    let code: string;
    try {
      code = readFileSync(codePath, 'utf8');
    } catch {
      throw new BundleError(`cannot read ${codePath}: run \`npm run build\` first`);
    }
    this.context = vm.createContext({ ...emu.globals(), Date: clockDate(Date, () => emu.rt.now()) });
    vm.runInContext(code, this.context, { filename: 'Code.js' });
    // Installable triggers run this script's functions when the emulator's clock passes their time.
    emu.scriptRunner = (name, args) => this.run(name, args).result;
  }

  /** The top-level functions the script declares (what a menu or google.script.run can call). */
  functions(): string[] {
    return Object.keys(this.context).filter((k) => typeof this.context[k] === 'function' && k !== 'Date');
  }

  has(name: string): boolean {
    return this.functions().includes(name);
  }

  /** Calls a top-level function as one execution. Errors propagate as the script threw them. */
  run(name: string, args: unknown[] = [], options: RunOptions = {}): RunResult {
    const rt = this.emu.rt;
    // May run inside another execution's service call (a test's rt.beforeCall hook): see Runtime.beginExecution.
    rt.beginExecution();
    try {
      // Reset first: an execution that fails before it starts made no calls, and must not report the last one's.
      rt.resetCalls();
      if (!this.has(name)) throw new BundleError(`Script function not found: ${name}`);
      if (options.select) selectRange(this.emu.active, options.select);
      rt.authMode = options.authMode ?? 'FULL';
      const result = (this.context[name] as (...a: unknown[]) => unknown)(...args);
      return { result, calls: rt.totalCalls(), byMethod: rt.callsByMethod() };
    } finally {
      rt.authMode = 'FULL';
      this.emu.endExecution();
    }
  }
}

/**
 * The built add-on on a spreadsheet holding one "Contacts" sheet read from `csv` (what the
 * benchmarks start from), set up as a tracker by the add-on's own Set up tracker when asked.
 */
export function addOnOnContacts(
  csv: string,
  buildDir: string,
  options: { setUp?: boolean; advancedServices?: EmulatorOptions['advancedServices'] } = {},
): { emu: Emulator; bundle: Bundle } {
  const emu = new Emulator({ buildDir, noSheets: true, ...(options.advancedServices ? { advancedServices: options.advancedServices } : {}) });
  loadCsvInto(emu.active, 'Contacts', csv);
  const bundle = new Bundle(emu);
  if (options.setUp) bundle.run('setUpTracker', [], { select: 'Contacts!A1' });
  return { emu, bundle };
}
