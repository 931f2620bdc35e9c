// Two executions interleaved: Apps Script runs each script synchronously, so "B runs between A's
// calls k-1 and k" is modelled by running execution B to its end inside A's k-th service call,
// before that call does anything (Runtime.beginExecution gives B its own lock identity, call count
// and queue of pending writes; B's user is whoever `inner` runs it as, see Emulator.actAs).
import type { Emulator } from '../../../local/emulator/index.ts';
import { differenceOf, withClock, type SweepOptions, type World } from '../fault-sweep.ts';
import { emulatorState, type EmulatorState } from '../../../local/emulator/state.ts';

/**
 * Runs `outer` with `inner` run entirely just before the outer's k-th service call (1-based,
 * counted across the executions `outer` makes), or, when call k-1 was the last of an execution,
 * at that execution's end: after its last call, before Sheets applies what it left waiting
 * (k = all its calls + 1 is that point of its last execution). Returns whether the point was reached.
 */
export function interleaveAt(emu: Emulator, k: number, outer: () => void, inner: () => void): boolean {
  let count = 0;
  let reached = false;
  const at = (point: number) => {
    if (point === k && !reached) {
      reached = true;
      inner();
    }
  };
  const { beforeCall, beforeEnd } = emu.rt;
  emu.rt.beforeCall = () => at(++count);
  emu.rt.beforeEnd = () => at(count + 1);
  try {
    outer();
  } finally {
    emu.rt.beforeCall = beforeCall;
    emu.rt.beforeEnd = beforeEnd;
  }
  return reached;
}

/**
 * A user's own edit in the Sheets window, made between two calls of a running execution: it is no
 * script, so nothing waits and no lock stops it; it is run as a nested execution of its own (its
 * calls are not the running one's) and applied at once.
 */
export function userEdit(emu: Emulator, user: string, edit: () => void): void {
  emu.rt.beginExecution();
  try {
    emu.actAs(user, edit);
  } finally {
    emu.endExecution();
  }
}

/** What the second execution's attempt came to: done, or it gave up on the lock (its user tries again later). */
export type Attempt = 'done' | 'busy';

export interface InterleaveCase<W extends World> extends Pick<SweepOptions<W>, 'normalize' | 'now'> {
  /** A fresh world, before either execution. */
  prepare(): W;
  /** Execution A (one or more bundle.run). */
  a(world: W): void;
  /** One attempt of execution B. */
  b(world: W): Attempt;
  /** At most this many interleaving points (default 40): see samplePoints. */
  maxPoints?: number;
}

export interface InterleaveReport {
  /** A's service calls when it runs alone. */
  calls: string[];
  /** The k tried (B ran just before A's k-th call; the last, calls.length + 1, at A's end). */
  points: number[];
  failures: { k: number; call: string; difference: string }[];
  /** How B's first attempts went over the points: how many were done, how many found A's lock held. */
  attempts: Record<Attempt, number>;
}

/**
 * For every point k of A's calls (sampled evenly when more than maxPoints), runs B entirely at A's
 * k-th call; if B gave up on the lock, B's user tries again once A has ended. The end state must
 * be the one of A then B, or of B then A, each run alone: nothing lost, nothing doubled.
 */
export function interleaveSweep<W extends World>(c: InterleaveCase<W>): InterleaveReport {
  const serial = (first: (w: W) => void, second: (w: W) => void) => {
    const world = c.prepare();
    withClock(c, () => {
      first(world);
      second(world);
    });
    return compared(c, world);
  };
  const mustFinish = (w: W) => {
    if (c.b(w) !== 'done') throw new Error('B alone did not finish');
  };
  // A's calls when it runs alone: those it makes in "A then B", before B starts (a world fewer to prepare).
  const calls: string[] = [];
  const aThenB = serial((w) => recordingCalls(w.emu, calls, () => c.a(w)), mustFinish);
  const bThenA = serial(mustFinish, c.a);
  const every = calls.map((call, i) => ({ k: i + 1, call }));
  // And B at A's end, after its last call (a script that released its lock before flushing leaves its writes waiting there).
  const points = [...interleavingPoints(every, c.maxPoints ?? 40), calls.length + 1];
  const failures: InterleaveReport['failures'] = [];
  const attempts: Record<Attempt, number> = { done: 0, busy: 0 };
  for (const k of points) {
    const world = c.prepare();
    let attempt: Attempt | null = null;
    let reached = false;
    withClock(c, () => {
      reached = interleaveAt(
        world.emu,
        k,
        () => c.a(world),
        () => (attempt = c.b(world)),
      );
      if (attempt === 'busy') mustFinish(world);
    });
    if (attempt) attempts[attempt as Attempt]++;
    const call = calls[k - 1] ?? 'the end of the execution';
    if (!reached) {
      failures.push({ k, call, difference: 'call not reached: A took another path than alone' });
      continue;
    }
    const state = compared(c, world);
    const difference = differenceOf(state, aThenB) && differenceOf(state, bThenA);
    if (difference) failures.push({ k, call, difference: `${attempt}; vs B then A: ${difference}; vs A then B: ${differenceOf(state, aThenB)}` });
  }
  return { calls, points, failures, attempts };
}

/** Runs `body`, pushing onto `calls` the name of each service call it makes. */
function recordingCalls(emu: Emulator, calls: string[], body: () => void): void {
  emu.rt.beforeCall = (name) => void calls.push(name);
  try {
    body();
  } finally {
    emu.rt.beforeCall = null;
  }
}

export function describeInterleaving(report: InterleaveReport): string {
  return report.failures.map((f) => `B before A's call ${f.k} (${f.call}): ${f.difference}`).join('\n');
}

function compared<W extends World>(c: InterleaveCase<W>, world: W): unknown {
  const state: EmulatorState = emulatorState(world.emu);
  return c.normalize ? c.normalize(state, world) : state;
}

/** Calls where another execution's timing matters most: taking and giving back the lock, and the flush before. */
const LOCK_EDGES = new Set(['Lock.waitLock', 'Lock.tryLock', 'Lock.releaseLock', 'SpreadsheetApp.flush']);

/**
 * At most `max` points (1-based call numbers) of `every`: each call next to a lock edge (the call
 * itself and the one after it: B just before and just after A takes or leaves the lock), then the
 * rest evenly spaced over A's calls. Unlike the fault sweep's samplePoints, not every method's first
 * and last call: what B meets depends on where A stands with the lock and its writes, not on the
 * method A is calling.
 */
export function interleavingPoints(every: readonly { k: number; call: string }[], max: number): number[] {
  if (every.length <= max) return every.map((p) => p.k);
  const chosen = new Set<number>();
  for (const p of every) {
    if (!LOCK_EDGES.has(p.call)) continue;
    chosen.add(p.k);
    if (p.k < every.length) chosen.add(p.k + 1);
  }
  const left = Math.max(0, max - chosen.size);
  for (let j = 0; j < left; j++) chosen.add(every[Math.round(((j + 0.5) * every.length) / left - 0.5)].k);
  return [...chosen].sort((a, b) => a - b);
}
