// Pending writes and nested executions. Sheets applies a script's writes in batches: "Spreadsheet
// operations are sometimes bundled together to improve performance... flush() applies all pending
// Spreadsheet changes" (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#flush()),
// and a read needs them applied first; the Lock reference asks for flush() before releaseLock so
// that another execution sees them (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
// So another execution, running between two calls of this one, sees what was flushed, never what
// waits. Modelled by running a second bundle.run inside the first one's service call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { Bundle } from '../../local/bundle.ts';
import { EmulatorError } from '../../local/emulator/runtime.ts';
import { LOCK_TIMEOUT_MESSAGE } from '../../local/emulator/services/lock.ts';
import { interleaveAt } from '../bundle/interleave/interleave.ts';

const SCRIPT = `
function cell(a1) { return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1').getRange(a1); }
function read(a1) { return cell(a1).getDisplayValue(); }
function write(a1, value) { cell(a1).setValue(value); }
function writeTwoThenFlush() { var r = cell('A1:B1'); r.setValues([['a', 'a']]); SpreadsheetApp.flush(); }
function writeThenRead() { var r = cell('A1'); r.setValue('x'); r.getValue(); Session.getActiveUser(); }
function writeNoFlush() { var r = cell('A1'); r.setValue('late'); r.setNote('n'); }
function addSheet() { SpreadsheetApp.getActiveSpreadsheet().insertSheet('Added'); Session.getActiveUser(); }
function sheetNames() { return SpreadsheetApp.getActiveSpreadsheet().getSheets().map(function (s) { return s.getName(); }).join(','); }
function underLock() { var lock = LockService.getDocumentLock(); lock.waitLock(1000); cell('A1').setValue('locked'); SpreadsheetApp.flush(); lock.releaseLock(); Session.getActiveUser(); }
function releaseWithoutFlush() { var lock = LockService.getDocumentLock(); lock.waitLock(1000); cell('A1').setValue('unflushed'); lock.releaseLock(); }
function timedTryLock(ms) { var start = Date.now(); var got = LockService.getDocumentLock().tryLock(ms); return [got, Date.now() - start]; }
function tryTheLock(ms) { return LockService.getDocumentLock().tryLock(ms); }
function waitForTheLock(ms) { LockService.getDocumentLock().waitLock(ms); return 'got it'; }
function me() { return Session.getActiveUser().getEmail(); }
`;

function world() {
  const dir = mkdtempSync(join(tmpdir(), 'pending-'));
  writeFileSync(join(dir, 'Code.js'), SCRIPT);
  const emu = new Emulator({ scopes: null, buildDir: dir });
  emu.isolateExecutions = true;
  const bundle = new Bundle(emu);
  return { emu, bundle, a1: () => bundle.run('read', ['A1']).result };
}

/** Runs `fn` with `nested` run entirely just before its k-th call; returns what `nested` returned. */
function between(w: ReturnType<typeof world>, fn: string, k: number, nested: () => unknown, args: unknown[] = []): unknown {
  let seen: unknown;
  expect(
    interleaveAt(
      w.emu,
      k,
      () => w.bundle.run(fn, args),
      () => (seen = nested()),
    ),
  ).toBe(true);
  return seen;
}

describe("an execution does not see another one's writes before they are flushed", () => {
  it('a write waiting for flush() is not seen; it lands when flushed', () => {
    const w = world();
    // writeTwoThenFlush: getActiveSpreadsheet, getSheetByName, getRange, setValues, flush.
    expect(between(w, 'writeTwoThenFlush', 5, () => w.bundle.run('read', ['A1']).result)).toBe('');
    expect(w.a1()).toBe('a');
  });

  it('after flush() it is seen', () => {
    const w = world();
    // underLock's 8th call, releaseLock, comes after its flush.
    expect(between(w, 'underLock', 8, () => w.bundle.run('read', ['A1']).result)).toBe('locked');
  });

  it('a read by the writing execution applies its writes: seen from then on', () => {
    const w = world();
    // writeThenRead: getActiveSpreadsheet, getSheetByName, getRange, setValue, getValue, Session.getActiveUser.
    expect(between(w, 'writeThenRead', 6, () => w.bundle.run('read', ['A1']).result)).toBe('x');
    const other = world();
    expect(between(other, 'writeThenRead', 5, () => other.bundle.run('read', ['A1']).result)).toBe('');
  });

  it('the end of the execution applies what still waits', () => {
    const w = world();
    w.bundle.run('writeNoFlush');
    expect(w.a1()).toBe('late');
  });

  it('at the end of the execution, before Sheets applies its queue, another execution does not see it yet', () => {
    const w = world();
    // writeNoFlush makes 5 calls: point 6 is its end.
    expect(between(w, 'writeNoFlush', 6, () => w.bundle.run('read', ['A1']).result)).toBe('');
    expect(w.a1()).toBe('late');
  });

  it('a lock released without flush() lets another execution in before the writes made under it are applied', () => {
    const w = world();
    // releaseWithoutFlush: getDocumentLock, waitLock, getActiveSpreadsheet, getSheetByName, getRange, setValue, releaseLock; 8 is its end.
    let seen: unknown;
    between(w, 'releaseWithoutFlush', 8, () => {
      seen = [w.bundle.run('tryTheLock', [0]).result, w.bundle.run('read', ['A1']).result];
    });
    expect(seen).toEqual([true, '']);
    expect(w.a1()).toBe('unflushed');
  });

  it('waiting writes are applied on top of what the other execution wrote meanwhile (the last to flush wins)', () => {
    const w = world();
    between(w, 'writeTwoThenFlush', 5, () => {
      w.bundle.run('write', ['B1', 'b']);
      w.bundle.run('write', ['C1', 'c']);
    });
    expect(w.bundle.run('read', ['B1']).result).toBe('a');
    expect(w.bundle.run('read', ['C1']).result).toBe('c');
    expect(w.a1()).toBe('a');
  });

  it('a call that returns a new object (insertSheet) is applied at once', () => {
    const w = world();
    // addSheet: getActiveSpreadsheet, insertSheet, Session.getActiveUser.
    expect(between(w, 'addSheet', 3, () => w.bundle.run('sheetNames').result)).toBe('Sheet1,Added');
  });

  it('the nested execution has its own call count and user, and the outer one keeps its own', () => {
    const w = world();
    let inner: { calls: number; result: unknown } | undefined;
    let outerCalls = 0;
    interleaveAt(
      w.emu,
      3,
      () => (outerCalls = w.bundle.run('writeTwoThenFlush').calls),
      () => (inner = w.emu.actAs('coach@example.com', () => w.bundle.run('me'))),
    );
    expect(inner).toMatchObject({ calls: 2, result: 'coach@example.com' });
    expect(outerCalls).toBe(5);
    expect(w.bundle.run('me').result).toBe('me@example.com');
  });

  it('without emu.isolateExecutions, a nested execution while writes wait is a mistake in the test, said so', () => {
    const w = world();
    w.emu.isolateExecutions = false;
    expect(() => between(w, 'writeTwoThenFlush', 5, () => w.bundle.run('read', ['A1']))).toThrow(EmulatorError);
  });
});

describe('a nested execution meets the locks of the one it runs inside', () => {
  // underLock: getDocumentLock, waitLock, getActiveSpreadsheet, getSheetByName, getRange, setValue, flush, releaseLock, getActiveUser.
  it('tryLock waits its whole timeout and returns false while the outer execution holds the lock', () => {
    const w = world();
    const before = w.emu.rt.virtualMs;
    const [got, waited] = between(w, 'underLock', 5, () => w.bundle.run('timedTryLock', [2000]).result) as [boolean, number];
    expect(got).toBe(false);
    expect(waited).toBeGreaterThanOrEqual(2000); // virtual time, plus the real milliseconds the call took
    expect(waited).toBeLessThan(2500);
    // The wait overlapped the outer execution's own calls: its clock did not stop for it.
    expect(w.emu.rt.virtualMs).toBe(before);
  });

  it("waitLock throws Google's timeout", () => {
    const w = world();
    let error: unknown;
    between(w, 'underLock', 6, () => {
      try {
        w.bundle.run('waitForTheLock', [500]);
      } catch (e) {
        error = e;
      }
    });
    expect((error as Error).message).toBe(LOCK_TIMEOUT_MESSAGE);
  });

  it('before the outer execution takes the lock, and after it releases it, the nested one gets it', () => {
    const w = world();
    expect(between(w, 'underLock', 2, () => w.bundle.run('tryTheLock', [0]).result)).toBe(true);
    expect(between(w, 'underLock', 9, () => w.bundle.run('tryTheLock', [0]).result)).toBe(true);
  });

  it("the nested execution's locks are released at its end, not the outer one's", () => {
    const w = world();
    let again: unknown;
    between(w, 'underLock', 8, () => {
      w.bundle.run('tryTheLock', [0]);
      again = w.bundle.run('tryTheLock', [0]).result;
    });
    expect(again).toBe(false);
  });
});
