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
    lock.releaseLock();
  }
}
