// LockService with contention simulated on the Runtime's virtual clock: tests declare that another
// execution holds a lock for some time, and a wait advances Runtime.virtualMs instead of sleeping.
//
// Pinned behaviours (sources: https://developers.google.com/apps-script/reference/lock/lock):
// - tryLock(t) returns false when the lock is not obtained within t ms; waitLock(t) throws instead.
// - hasLock() is false if the lock was never acquired, timed out, or was released.
// - releaseLock() has no effect when the lock is not held; locks are released when the script ends.
// - waitLock's message is "Lock timeout: another process was holding the lock for too long."
//   (as logged by scripts that hit it, see README-services.md).
// Not confirmed: what a second tryLock by the execution that already holds the lock does. The
// emulator treats the lock as held by the execution (re-entrant): it returns true at once.

import { GasException, RT, instrument, type Runtime } from '../runtime.ts';

export type LockKind = 'script' | 'user' | 'document';
export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

interface Holder {
  execution: string;
  /** Virtual time (Runtime.virtualMs) at which another execution lets go; Infinity = never. */
  until: number;
}

const OTHER = '(another execution)';
export const DEFAULT_EXECUTION = 'main';

/**
 * Who holds which lock, shared by all executions of one emulator. Plain object: not a service.
 * Lock keys: "script", "document", "user:<email>".
 */
export class LockTable {
  private readonly holders = new Map<string, Holder>();

  constructor(private readonly rt: Runtime) {}

  static key(kind: LockKind, user: string): string {
    return kind === 'user' ? `user:${user}` : kind;
  }

  /** Another execution holds the lock for the next `forMs` virtual milliseconds (Infinity: until released). */
  holdByOther(kind: LockKind, forMs: number, user = this.rt.activeUser): void {
    this.holders.set(LockTable.key(kind, user), { execution: OTHER, until: this.rt.virtualMs + forMs });
  }

  /** The other execution lets go now. */
  releaseOther(kind: LockKind, user = this.rt.activeUser): void {
    const key = LockTable.key(kind, user);
    if (this.holders.get(key)?.execution === OTHER) this.holders.delete(key);
  }

  holder(key: string): string | null {
    const h = this.holders.get(key);
    if (!h) return null;
    if (h.execution === OTHER && h.until <= this.rt.virtualMs) {
      this.holders.delete(key);
      return null;
    }
    return h.execution;
  }

  /** Waits up to `timeoutMs` of virtual time for the lock; true if `execution` now holds it. */
  acquire(key: string, execution: string, timeoutMs: number): boolean {
    const h = this.holders.get(key);
    if (h && this.holder(key) !== null && h.execution !== execution) {
      const wait = h.until - this.rt.virtualMs;
      if (wait > timeoutMs) {
        this.rt.virtualMs += Math.max(0, timeoutMs);
        return false;
      }
      this.rt.virtualMs = h.until;
    }
    this.holders.set(key, { execution, until: Infinity });
    return true;
  }

  release(key: string, execution: string): void {
    if (this.holders.get(key)?.execution === execution) this.holders.delete(key);
  }

  /** Apps Script releases every lock of an execution when the script ends. */
  releaseAll(execution = DEFAULT_EXECUTION): void {
    for (const [key, h] of this.holders) if (h.execution === execution) this.holders.delete(key);
  }
}

export class EmuLock implements GoogleAppsScript.Lock.Lock {
  readonly [RT]: Runtime;
  constructor(
    rt: Runtime,
    private readonly table: LockTable,
    private readonly key: string,
    private readonly execution: string,
  ) {
    this[RT] = rt;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.table.acquire(this.key, this.execution, Number(timeoutInMillis));
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.table.acquire(this.key, this.execution, Number(timeoutInMillis))) throw new GasException(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    this.table.release(this.key, this.execution);
  }
  hasLock(): boolean {
    return this.table.holder(this.key) === this.execution;
  }
}

export class EmuLockService implements GoogleAppsScript.Lock.LockService {
  readonly [RT]: Runtime;
  /**
   * @param fixedExecution identifies the execution its locks belong to; by default the one running
   * when a lock is got (Runtime.execution). Call table.releaseAll(execution) when it ends.
   */
  constructor(
    rt: Runtime,
    private readonly table: LockTable,
    private readonly fixedExecution?: string,
  ) {
    this[RT] = rt;
  }
  get execution(): string {
    return this.fixedExecution ?? this[RT].execution;
  }
  getScriptLock(): EmuLock {
    return this._lock('script');
  }
  getDocumentLock(): EmuLock {
    return this._lock('document');
  }
  getUserLock(): EmuLock {
    return this._lock('user');
  }
  _lock(kind: LockKind): EmuLock {
    return new EmuLock(this[RT], this.table, LockTable.key(kind, this[RT].activeUser), this.execution);
  }
}

instrument(EmuLockService, 'LockService');
instrument(EmuLock, 'Lock');
