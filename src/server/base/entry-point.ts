// The one way an entry point runs its work. Two kinds of caller, two helpers:
// - a page (google.script.run): a problem the user can fix (ours, a busy lock, a missing scope)
//   comes back as { ok: false, message } for the page to show; anything else is thrown, so the
//   page says in plain words that something unexpected failed (with the details) and Apps Script
//   logs it whole;
// - the menu, which has no page: every error becomes { ok: false, message }, an unexpected one
//   also logged whole, and shown in an alert when the action says under which title.
// Actions that write take the document lock (`lock: true`); see base/lock.ts.

import { isExpected, menuMessage, messageFor } from './actions.ts';
import { withDocumentLock } from './lock.ts';

export type Refusal = { ok: false; message: string };

interface RunOptions {
  /** Take the document lock around the action (every action that writes). */
  lock: boolean;
}

interface MenuOptions extends RunOptions {
  /** Show a failure in an alert with this title (leave out when the action reports its own result). */
  alert?: string;
}

const run = <T>(action: () => T, { lock }: RunOptions): T => (lock ? withDocumentLock(action) : action());

/** Runs a target a page calls. */
export function pageTarget<T>(action: () => T, options: RunOptions): T | Refusal {
  try {
    return run(action, options);
  } catch (e) {
    if (!isExpected(e)) throw e;
    return { ok: false, message: messageFor(e) };
  }
}

/** Runs a menu action. */
export function menuAction<T>(action: () => T, options: MenuOptions): T | Refusal {
  try {
    return run(action, options);
  } catch (e) {
    const message = menuMessage(e);
    if (options.alert) {
      const ui = SpreadsheetApp.getUi();
      ui.alert(options.alert, message, ui.ButtonSet.OK);
    }
    return { ok: false, message };
  }
}
