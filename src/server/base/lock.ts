// Every action that writes takes the document lock, so two actions (or two users) never
// interleave their read-compute-write. If the lock cannot be had quickly, nothing is written.

export class BusyError extends Error {}

/** How long an action waits for another to finish before telling the user to try again. */
export const LOCK_WAIT_MS = 5000;

export function withDocumentLock<T>(action: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) {
    throw new BusyError('The tracker is busy with another action. Try again in a few seconds.');
  }
  try {
    return action();
  } finally {
    // Google: "call SpreadsheetApp.flush() prior to releasing the lock, to commit all pending
    // changes to the spreadsheet while you still have exclusive access to it"
    // (https://developers.google.com/apps-script/reference/lock/lock#releaseLock()).
    // In a finally: what a failed action did write is committed before another action reads.
    try {
      SpreadsheetApp.flush();
    } finally {
      lock.releaseLock();
    }
  }
}
