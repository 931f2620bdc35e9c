// Where a page tells the user what happened: progress and results in a polite status region,
// errors in a separate alert region. Both exist from the start, empty, so that screen readers
// announce what is put in them (switching one region's role between status and alert is not
// announced reliably). Unexpected failures keep their raw text out of the announced sentence,
// in a "details" disclosure next to it.

import { byId } from './dom.ts';
import { describeFailure } from './server.ts';

export interface NoticeElements {
  status: HTMLElement;
  alert: HTMLElement;
  details: HTMLDetailsElement;
  detailsText: HTMLElement;
}

export interface Notices {
  /** Progress, a result or a hint (status region). */
  say(text: string, kind?: 'info' | 'ok'): void;
  /** A problem the user can act on (alert region). */
  error(text: string): void;
  /** A call that failed unexpectedly: a fixed sentence saying `what` failed, details aside. */
  failure(error: unknown, what: string): void;
  clear(): void;
}

/**
 * The page's notices, in the markup every page has: lib/notices.html, which the build puts in
 * place of each page's `<!-- @include lib/notices.html -->` (src/client/lib/addon.css styles it).
 */
export function pageNotices(): Notices {
  return notices({ status: byId('status'), alert: byId('alert'), details: byId<HTMLDetailsElement>('error-details'), detailsText: byId('error-details-text') });
}

export function notices(els: NoticeElements): Notices {
  const hideDetails = () => {
    els.details.hidden = true;
    els.details.open = false;
    els.detailsText.textContent = '';
  };
  const error = (text: string) => {
    els.status.textContent = '';
    hideDetails();
    els.alert.textContent = text;
  };
  return {
    say(text, kind = 'info') {
      els.alert.textContent = '';
      hideDetails();
      els.status.className = `message ${kind}`;
      els.status.textContent = text;
    },
    error,
    failure(e, what) {
      const f = describeFailure(e, what);
      error(f.message);
      els.detailsText.textContent = f.details;
      els.details.hidden = false;
    },
    clear() {
      els.status.textContent = '';
      els.alert.textContent = '';
      hideDetails();
    },
  };
}
