// The runtime every emulated service shares: which auth mode the execution runs in, the
// service-call counter, a virtual clock for lock waits, and the user running the script.
//
// Every public method of an emulated service class is wrapped by `instrument` so that a
// call from script code is counted (as "Type.method") and checked against the auth mode.
// Calls the emulator makes to itself while serving a call are not counted: only the
// outermost call is a round trip in real Apps Script.

import type { SharingPolicy } from './services/drive.ts';

export class GasException extends Error {
  // Apps Script V8 reports service errors as "Exception: <message>".
  override name = 'Exception';
}

export type AuthModeName = 'NONE' | 'CUSTOM_FUNCTION' | 'LIMITED' | 'FULL';

export const AuthMode = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;

export const RT = Symbol('runtime');

export interface HasRuntime {
  readonly [RT]: Runtime;
}

/**
 * The services whose calls reach the spreadsheet: their writes wait in the execution's queue
 * (`Runtime.pending`), their other calls flush it. Other services (locks, properties, UI...) are
 * neither: Google's Lock reference asks for a flush before releaseLock because releasing does not.
 */
const SPREADSHEET_TYPES = new Set([
  'SpreadsheetApp',
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'NamedRange',
  'Selection',
  'EmbeddedChart',
]);
/** Spreadsheet calls that are not queued although they return nothing or their own object: reads, flush, and sharing (a Drive change, assumed immediate). */
const NOT_QUEUED = /\.(get|find|has|is|can|create|copy|toast|flush$|addEditor$|addViewer$|removeEditor$|removeViewer$)/;

/** The state of one execution that a nested execution (see `beginExecution`) sets aside. */
interface ExecutionFrame {
  execution: string;
  calls: Map<string, number>;
  serial: number;
  authMode: AuthModeName;
  beforeCall: Runtime['beforeCall'];
  beforeEnd: Runtime['beforeEnd'];
  pending: (() => unknown)[];
  virtualMs: number;
}
const FRAME_KEYS = [
  'execution',
  'calls',
  'serial',
  'authMode',
  'beforeCall',
  'beforeEnd',
  'pending',
  'virtualMs',
] as const satisfies readonly (keyof ExecutionFrame)[];

export class Runtime {
  authMode: AuthModeName = 'FULL';
  /** Calls counted since the last reset, by "Type.method". */
  calls = new Map<string, number>();
  /** Virtual milliseconds added by lock waits and Utilities.sleep, so tests never sleep. */
  virtualMs = 0;
  activeUser = 'me@example.com';
  /** The manifest's oauthScopes (null: not checked). Calls needing a scope it lacks throw. */
  scopes: readonly string[] | null = null;
  /** The spreadsheet the script is bound to: the one spreadsheets.currentonly reaches. */
  currentFile: () => unknown = () => null;
  /** A Workspace domain's sharing policy, if a test sets one (see drive.ts). */
  sharingPolicy: SharingPolicy | null = null;
  /**
   * Test hook, called before each counted service call with its name and its 0-based position
   * since the last reset. Throwing from it makes that call fail before it changes anything, as a
   * service error, a quota or the 6-minute limit does between two calls in Apps Script.
   */
  beforeCall: ((name: string, index: number) => void) | null = null;
  /** Test hook, called when an execution ends, after its last call, before its queue is applied and its locks released. */
  beforeEnd: (() => void) | null = null;
  /** Which execution is running, as LockService tells holders apart: 'main', or 'main>1' for one nested in it. */
  execution = 'main';
  /**
   * The running execution's writes that Sheets has not applied yet: each call that changes the
   * spreadsheet and returns nothing or its own object (what Apps Script can batch) is queued here
   * until SpreadsheetApp.flush(), any other spreadsheet call (a read needs the queue applied first),
   * or the end of the execution. The emulator applies each write at once (so its errors come at the
   * call, and the execution's own reads see it) and keeps the call to apply it again: see `isolation`.
   */
  pending: (() => unknown)[] = [];
  /**
   * Set by the emulator to make executions nestable (`Emulator.isolateExecutions`): takes a copy of
   * every spreadsheet and returns what puts them back as copied. Taken before the first queued write
   * after a flush, it is what another execution sees while those writes wait.
   */
  isolation: (() => () => void) | null = null;
  private committed: (() => void) | null = null;
  private replayDue = false;
  private readonly outer: ExecutionFrame[] = [];
  private running = 0;
  private depth = 0;
  private serial = 0;

  now(): number {
    return Date.now() + this.virtualMs;
  }

  resetCalls(): void {
    this.calls.clear();
    this.serial = 0;
  }

  totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  callsByMethod(): Record<string, number> {
    return Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * Runs `body` as script code although a service call is under way (template scriptlets run by
   * HtmlTemplate.evaluate): the service calls it makes are counted and checked like any others.
   */
  asScriptCode<T>(body: () => T): T {
    const depth = this.depth;
    this.depth = 0;
    try {
      return body();
    } finally {
      this.depth = depth;
    }
  }

  /** Runs `body` as the service call `name` on `target`; counts it if it came from script code. */
  invoke<T>(name: string, allowedInNone: boolean, body: () => T, target?: unknown): T {
    if (this.depth > 0) return this.inside(body);
    if (this.authMode === 'NONE' && !allowedInNone) {
      // Observed message for services used from onOpen in AuthMode.NONE (see local/emulator/README.md).
      throw new GasException(`You do not have permission to call ${name}. Authorization is required to perform that action.`);
    }
    this.calls.set(name, (this.calls.get(name) ?? 0) + 1);
    const index = this.serial++;
    this.beforeCall?.(name, index);
    if (this.replayDue) this.replayPending();
    const reachesSheet = SPREADSHEET_TYPES.has(name.slice(0, name.indexOf('.')));
    const queueable = reachesSheet && !NOT_QUEUED.test(name);
    if (queueable && this.isolation && !this.committed) this.committed = this.isolation();
    const result = this.inside(body);
    if (queueable && (result === undefined || result === target)) this.pending.push(body);
    else if (reachesSheet) this.flushPending();
    return result;
  }

  private inside<T>(body: () => T): T {
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  /** Sheets applies the queued writes: another execution sees them from now on. */
  private flushPending(): void {
    this.pending = [];
    this.committed = null;
  }

  /**
   * An execution starts. If one is already running, this one runs between two of its calls (as
   * another user's, or another window's, does in Apps Script): it gets its own lock identity,
   * call count and queue, and does not see the running one's queued writes. Those are applied
   * again on top of what it wrote, at the running one's next call, as Sheets applies a queue
   * when it is flushed.
   */
  beginExecution(): void {
    if (this.running === 0) {
      this.running = 1;
      this.flushPending();
      return;
    }
    // Writes set aside for a nested execution that ended just before this one are still set aside (replayDue).
    if (this.pending.length && !this.committed && !this.replayDue) {
      throw new EmulatorError('an execution started while another had writes waiting: set emu.isolateExecutions first');
    }
    this.running++;
    this.committed?.();
    this.replayDue = false;
    this.outer.push(Object.fromEntries(FRAME_KEYS.map((k) => [k, this[k]])) as unknown as ExecutionFrame);
    this.execution = `${this.execution}>${this.outer.length}`;
    this.calls = new Map();
    this.serial = 0;
    this.beforeCall = null;
    this.beforeEnd = null;
    this.pending = [];
    this.committed = null;
  }

  /** The execution ends: its queue is applied; a nested one gives the running one back its state. */
  finishExecution(): void {
    this.running = Math.max(0, this.running - 1);
    if (this.replayDue) this.replayPending();
    this.flushPending();
    const frame = this.outer.pop();
    if (!frame) return;
    // The nested execution's waits (a lock, a sleep) passed while the running one went on: its clock did not stop.
    Object.assign(this, frame);
    this.replayDue = this.pending.length > 0;
  }

  /** Applies the running execution's queue again, after a nested execution's writes. */
  private replayPending(): void {
    this.replayDue = false;
    this.committed = this.isolation?.() ?? null;
    for (const write of this.pending) this.inside(write);
  }
}

/**
 * Wraps every public prototype method of `ctor` (names not starting with `_`) so that calls are
 * counted and gated by auth mode. Instances must carry their runtime under the `RT` symbol.
 */
export function instrument(ctor: { prototype: object; name: string }, typeName: string, allowedInNone: readonly string[] = []): void {
  const proto = ctor.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor' || key.startsWith('_')) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || typeof desc.value !== 'function') continue;
    const fn = desc.value as (...args: unknown[]) => unknown;
    const name = `${typeName}.${key}`;
    const allowed = allowedInNone.includes(key);
    Object.defineProperty(proto, key, {
      ...desc,
      value: function (this: HasRuntime, ...args: unknown[]) {
        return this[RT].invoke(name, allowed, () => fn.apply(this, args), this);
      },
    });
  }
}

/** Argument checks that mirror Apps Script's own messages for wrong argument types. */
export function requireArgs(method: string, args: IArguments | unknown[], min: number): void {
  if (args.length < min) {
    throw new GasException(`The parameters () don't match the method signature for ${method}.`);
  }
}

/**
 * A mistake in how a test drives the emulator (e.g. an unscripted dialog answer), as opposed to
 * an error Apps Script itself would raise. Never caught by script code on purpose.
 */
export class EmulatorError extends Error {
  override name = 'EmulatorError';
}

/**
 * The members K of Google's interface T (from @types/google-apps-script), for `implements` clauses:
 * same names, same number and kinds of parameters, same primitive return types. Where Google passes
 * or returns another Apps Script object, the emulator's own class stands in (checked loosely).
 * With overloads, TypeScript checks the last declared signature.
 */
export type GasShape<T, K extends keyof T> = {
  [P in K]: T[P] extends (...args: infer A) => infer R ? (...args: LooseObjects<A>) => R extends object ? unknown : R : T[P];
};
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseObjects<A extends unknown[]> = { [I in keyof A]: A[I] extends object ? any : A[I] };
