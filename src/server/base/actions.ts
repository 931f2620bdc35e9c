// How menu actions report back: a message the user can act on instead of a stack trace.

import { ContactIdsExhausted } from '../../core/tracker/ids.ts';
import { BusyError } from './lock.ts';

/** An error whose message is meant for the user as it is. */
export class UserError extends Error {}

/** Google's message for an error, without the "Exception: " Apps Script puts before it. */
export function googleText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/^Exception: /, '');
}

/**
 * A call the manifest's scopes do not allow: "You do not have permission to call X. Required
 * permissions: …" (https://developers.google.com/apps-script/concepts/scopes; the form Apps Script
 * reports). It happens when whoever deployed the add-on removed a scope from appsscript.json.
 */
export function isScopeError(e: unknown): boolean {
  return !(e instanceof UserError) && /You do not have permission to call .*Required permissions/s.test(googleText(e));
}

/** The message to show for an error: ours as written, Google's with a short preface. */
export function messageFor(e: unknown): string {
  if (e instanceof UserError || e instanceof BusyError || e instanceof ContactIdsExhausted) return e.message;
  if (isScopeError(e)) {
    return `The add-on does not have the permission this needs (Google said: “${googleText(e)}”). Whoever deployed it may have removed that permission from its manifest (appsscript.json): add it back and authorize the add-on again.`;
  }
  return `Something went wrong that the add-on did not expect. Please try again; if it keeps happening, reload the spreadsheet. (Google said: “${googleText(e)}”)`;
}

export function isExpected(e: unknown): boolean {
  return e instanceof UserError || e instanceof BusyError || e instanceof ContactIdsExhausted || isScopeError(e);
}

/**
 * For an action run from the menu, which has no page to show a failure: any error becomes a
 * message for an alert. An unexpected one also goes to the execution log, whole. (Targets that a
 * page calls rethrow unexpected errors instead: the page says what failed, with the details.)
 */
export function menuMessage(e: unknown): string {
  if (!isExpected(e)) console.error(e instanceof Error && e.stack ? e.stack : String(e));
  return messageFor(e);
}
