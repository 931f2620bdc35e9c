// Pins LockService behaviour (https://developers.google.com/apps-script/reference/lock/lock) and the
// virtual clock the emulator uses instead of real waiting.
import { describe, expect, it } from 'vitest';
import { Runtime } from '../../local/emulator/runtime.ts';
import { EmuLockService, LOCK_TIMEOUT_MESSAGE, LockTable } from '../../local/emulator/services/lock.ts';

function setup() {
  const rt = new Runtime();
  const table = new LockTable(rt);
  return { rt, table, locks: new EmuLockService(rt, table) };
}

describe('tryLock / waitLock under contention', () => {
  // tryLock: "Attempts to acquire the lock, timing out after the provided number of milliseconds."
  it('tryLock returns false after waiting the whole timeout on the virtual clock', () => {
    const { rt, table, locks } = setup();
    table.holdByOther('script', 60_000);
    const started = Date.now();
    const lock = locks.getScriptLock();
    expect(lock.tryLock(10_000)).toBe(false);
    expect(rt.virtualMs).toBe(10_000);
    expect(lock.hasLock()).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000); // no real sleeping
  });

  it('tryLock succeeds once the other holder lets go within the timeout', () => {
    const { rt, table, locks } = setup();
    table.holdByOther('script', 3_000);
    const lock = locks.getScriptLock();
    expect(lock.tryLock(5_000)).toBe(true);
    expect(rt.virtualMs).toBe(3_000); // waited only until the lock was free
    expect(lock.hasLock()).toBe(true);
  });

  // waitLock: "timing out with an exception"; message as logged by scripts that hit it.
  it("waitLock throws Google's timeout message", () => {
    const { rt, table, locks } = setup();
    table.holdByOther('document', Infinity);
    expect(() => locks.getDocumentLock().waitLock(30_000)).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(LOCK_TIMEOUT_MESSAGE).toBe('Lock timeout: another process was holding the lock for too long.');
    expect(rt.virtualMs).toBe(30_000);
  });

  it('a free lock is taken at once', () => {
    const { rt, locks } = setup();
    locks.getScriptLock().waitLock(1000);
    expect(rt.virtualMs).toBe(0);
  });
});

describe('holding and releasing', () => {
  // hasLock: false "if tryLock or waitLock were never called ... or if releaseLock() was called"
  it('hasLock follows acquire and release', () => {
    const { locks } = setup();
    const lock = locks.getScriptLock();
    expect(lock.hasLock()).toBe(false);
    lock.waitLock(0);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);
  });

  it('releasing lets another execution in', () => {
    const { rt, table } = setup();
    const first = new EmuLockService(rt, table, 'exec-1').getScriptLock();
    const second = new EmuLockService(rt, table, 'exec-2').getScriptLock();
    expect(first.tryLock(0)).toBe(true);
    expect(second.tryLock(1000)).toBe(false);
    first.releaseLock();
    expect(second.tryLock(1000)).toBe(true);
    expect(first.hasLock()).toBe(false);
  });

  // releaseLock: "This method has no effect if the lock has not been acquired."
  it('releaseLock without holding the lock changes nothing', () => {
    const { rt, table } = setup();
    const holder = new EmuLockService(rt, table, 'exec-1').getScriptLock();
    holder.waitLock(0);
    new EmuLockService(rt, table, 'exec-2').getScriptLock().releaseLock();
    expect(holder.hasLock()).toBe(true);
  });

  // "The lock is automatically released when the script terminates."
  it('releaseAll at the end of an execution frees its locks', () => {
    const { rt, table } = setup();
    new EmuLockService(rt, table, 'exec-1').getUserLock().waitLock(0);
    table.releaseAll('exec-1');
    expect(new EmuLockService(rt, table, 'exec-2').getUserLock().tryLock(0)).toBe(true);
  });

  it('the execution that holds a lock gets it again at once (re-entrant)', () => {
    const { rt, locks } = setup();
    locks.getScriptLock().waitLock(0);
    expect(locks.getScriptLock().tryLock(5000)).toBe(true);
    expect(rt.virtualMs).toBe(0);
  });

  // getUserLock: "prevents the current user from concurrently running a section of code"
  it('user locks are per user; script and document locks are separate', () => {
    const { rt, table, locks } = setup();
    table.holdByOther('user', Infinity, 'other@example.com');
    table.holdByOther('document', Infinity);
    expect(locks.getUserLock().tryLock(0)).toBe(true);
    expect(locks.getScriptLock().tryLock(0)).toBe(true);
    expect(locks.getDocumentLock().tryLock(0)).toBe(false);
    rt.activeUser = 'other@example.com';
    expect(new EmuLockService(rt, table, 'exec-2').getUserLock().tryLock(0)).toBe(false);
  });

  it('calls are counted per method', () => {
    const { rt, locks } = setup();
    const lock = locks.getScriptLock();
    lock.tryLock(10);
    lock.releaseLock();
    expect(rt.callsByMethod()).toEqual({ 'Lock.releaseLock': 1, 'Lock.tryLock': 1, 'LockService.getScriptLock': 1 });
  });
});
