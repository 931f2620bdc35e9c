// A server call made from a button: the buttons are disabled while it runs (a double click, or
// Enter pressed twice, acts once), the progress is shown, and a failure nobody planned for (the
// server's own problems come back as { ok: false }) is shown as a plain sentence saying what failed.

import type { Notices } from './notices.ts';

type Buttons = HTMLButtonElement | readonly HTMLButtonElement[] | null;

/**
 * Runs `call` with `buttons` disabled; `progress` (when not empty) is shown meanwhile, and `what`
 * starts the sentence shown if it fails ("Could not save the template"). Gives null when it
 * failed, or when one of the buttons is already busy with a call (then nothing is run).
 */
export type Busy = <T>(buttons: Buttons, progress: string, what: string, call: () => Promise<T>) => Promise<T | null>;

/**
 * The page's busy(). `enabled` is the page's rule for a button once its call is over (Share
 * waits for the dialog's state): it runs after `call`, so it sees what `call` changed.
 */
export function busyCalls(notes: Notices, enabled: (button: HTMLButtonElement) => boolean = () => true): Busy {
  return async (buttons, progress, what, call) => {
    const list = buttons instanceof HTMLButtonElement ? [buttons] : (buttons ?? []);
    if (list.some((b) => b.dataset.busy)) return null;
    for (const b of list) {
      b.dataset.busy = '1';
      b.disabled = true;
    }
    if (progress) notes.say(progress);
    try {
      return await call();
    } catch (e) {
      notes.failure(e, what);
      return null;
    } finally {
      for (const b of list) {
        delete b.dataset.busy;
        b.disabled = !enabled(b);
      }
    }
  };
}
