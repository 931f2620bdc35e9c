// How menu actions report back: a message the user can act on instead of a stack trace.

import { BusyError } from './lock.ts';

/** An error whose message is meant for the user as it is. */
export class UserError extends Error {}

/** The message to show for an error: ours as written, Google's with a short preface. */
export function messageFor(e: unknown): string {
  if (e instanceof UserError || e instanceof BusyError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return `Something went wrong: ${text.replace(/^Exception: /, '')}`;
}

export function isExpected(e: unknown): boolean {
  return e instanceof UserError || e instanceof BusyError;
}
