// The fault sweep: an action that stops at any service call, then is run once more, must end
// exactly as a run that never failed (issue 16's promise, and the README's).
//
// `sweepAction` runs the action cleanly on a fresh world and records the emulator's whole state
// (local/emulator/state.ts). Then, for each fault point k, on a fresh world it runs the action with
// its k-th service call failing, and every later call too: the execution is dead, as at the
// 6-minute limit or a closed tab (a service error the script does not catch ends the same way).
// It runs the action once more, normally, and compares the whole state with the clean run's.
//
// Fault points are the calls that may change something (a read changes nothing, so failing at a
// read leaves the same state as failing at the write after it). Where a clean run makes more
// write calls than `maxPoints`, the points are sampled: the first and the last call of each
// method always, the rest evenly spaced; `points` in the report says which were tried.
import { vi } from 'vitest';
import type { Emulator } from '../../local/emulator/index.ts';
import type { Bundle } from '../../local/bundle.ts';
import { GasException } from '../../local/emulator/runtime.ts';
import { emulatorState, type EmulatorState } from '../../local/emulator/state.ts';

/** What the sweep needs of a test's world: its emulator (tests add the bundle and their own handles). */
export interface World {
  emu: Emulator;
  bundle?: Bundle;
}

export interface SweepOptions<W extends World> {
  /** A fresh world, as it is before the action. Called once per fault point. */
  prepare(): W;
  /** The action: one or more `bundle.run` executions (and the user's answers to its alerts). */
  act(world: W): void;
  /** What is compared; by default the whole emulator state. */
  normalize?(state: EmulatorState, world: W): unknown;
  /** At most this many fault points (default 40). */
  maxPoints?: number;
  /** The instant the clock is held at, so timestamps written by the runs are equal. */
  now?: string;
}

export interface FaultPoint {
  /** 1-based position of the failing call among all the calls the action made. */
  k: number;
  call: string;
}

export interface SweepReport {
  /** Calls of the clean run, in order. */
  calls: string[];
  /** Of those, the ones that may change something. */
  writePoints: number;
  /** The fault points tried. */
  points: FaultPoint[];
  /** The points after which one re-run did not end as the clean run, with the first difference. */
  failures: { point: FaultPoint; difference: string }[];
}

/** The error every call from the fault point on throws: what a script sees of a service failure. */
export const FAULT_MESSAGE = 'Service Spreadsheets failed while accessing document with id sweep-fault.';

const READ_TYPES = /^(LockService|Lock|Utilities|Session|HtmlService|HtmlOutput|HtmlTemplate|Ui|PropertiesService|Logger|Charts|Menu)$|Builder$/;
const READ_METHODS = /^(get|find|has|is|can|with|build|new|copy$|toast$|create\w*Finder$)/;

/** Whether a counted call ("Type.method") may change the state the sweep compares. */
export function mayWrite(call: string): boolean {
  const [type, method] = call.split('.');
  if (type === 'SpreadsheetApp') return method === 'create' || method === 'flush';
  if (type === 'Properties') return /^(set|delete)/.test(method);
  // The one builder call that changes something: a trigger builder's create installs the trigger.
  if (/TriggerBuilder$/.test(type) && method === 'create') return true;
  return !READ_TYPES.test(type) && !READ_METHODS.test(method);
}

/** The calls `act` makes on a fresh world, in order, and the state it ends in. */
export function cleanRun<W extends World>(options: SweepOptions<W>): { calls: string[]; state: unknown; world: W } {
  const world = options.prepare();
  const calls: string[] = [];
  withClock(options, () => {
    world.emu.rt.beforeCall = (name) => void calls.push(name);
    try {
      options.act(world);
    } finally {
      world.emu.rt.beforeCall = null;
    }
  });
  return { calls, state: compared(options, world), world };
}

export function sweepAction<W extends World>(options: SweepOptions<W>): SweepReport {
  const clean = cleanRun(options);
  const writes = clean.calls.flatMap((call, i) => (mayWrite(call) ? [{ k: i + 1, call }] : []));
  const points = samplePoints(writes, options.maxPoints ?? 40);
  const failures: SweepReport['failures'] = [];
  for (const point of points) {
    const world = options.prepare();
    const reached = failAt(world, point.k, () => withClock(options, () => options.act(world)));
    if (!reached) {
      failures.push({ point, difference: `call ${point.k} was not reached: the action took another path than the clean run` });
      continue;
    }
    try {
      withClock(options, () => options.act(world));
    } catch (e) {
      failures.push({ point, difference: `the re-run failed: ${(e as Error).message}` });
      continue;
    }
    const difference = differenceOf(compared(options, world), clean.state);
    if (difference) failures.push({ point, difference });
  }
  return { calls: clean.calls, writePoints: writes.length, points, failures };
}

/** One line per failure, for an assertion message. */
export function describeFailures(report: SweepReport): string {
  return report.failures.map((f) => `fault at call ${f.point.k} (${f.point.call}): ${f.difference}`).join('\n');
}

/**
 * Runs `body` with the world's k-th service call (1-based, counted across executions) and every
 * later one failing. Returns whether call k was reached; an error before it is rethrown.
 */
export function failAt(world: World, k: number, body: () => void): boolean {
  let count = 0;
  let dead = false;
  world.emu.rt.beforeCall = () => {
    count++;
    if (count >= k) {
      dead = true;
      throw new GasException(FAULT_MESSAGE);
    }
  };
  try {
    body();
  } catch (e) {
    if (!dead) throw e;
  } finally {
    world.emu.rt.beforeCall = null;
  }
  return dead;
}

/** Fault points: every write call, or at most `max` of them (first and last of each method, then evenly spaced). */
export function samplePoints(writes: readonly FaultPoint[], max: number): FaultPoint[] {
  if (writes.length <= max) return [...writes];
  const chosen = new Set<number>();
  const byMethod = new Map<string, number[]>();
  writes.forEach((w, i) => byMethod.set(w.call, [...(byMethod.get(w.call) ?? []), i]));
  for (const positions of byMethod.values()) {
    chosen.add(positions[0]);
    chosen.add(positions[positions.length - 1]);
  }
  const left = Math.max(0, max - chosen.size);
  for (let j = 0; j < left; j++) chosen.add(Math.round(((j + 0.5) * writes.length) / left - 0.5));
  return [...chosen].sort((a, b) => a - b).map((i) => writes[i]);
}

function compared<W extends World>(options: SweepOptions<W>, world: W): unknown {
  const state = emulatorState(world.emu);
  return options.normalize ? options.normalize(state, world) : state;
}

export function withClock(options: { now?: string }, body: () => void): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(options.now ?? '2026-01-09T15:00:00Z'));
  try {
    body();
  } finally {
    vi.useRealTimers();
  }
}

/** Where two plain values first differ ("files.0.sheets.1.values.3.5: "x" ≠ "y""), or '' when equal. */
export function differenceOf(a: unknown, b: unknown, path = ''): string {
  if (Object.is(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return `${path || 'state'}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return `${path}: ${a.length} entries ≠ ${b.length}: ${firstDifferent(a, b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const d = differenceOf((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
    if (d) return d;
  }
  return '';
}

function firstDifferent(a: readonly unknown[], b: readonly unknown[]): string {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = differenceOf(a[i], b[i], String(i));
    if (d) return d.length > 300 ? `${d.slice(0, 300)}…` : d;
  }
  return '';
}
