// Where the referral decisions of an event's first attempt wait for its log rows: one document
// property holding a short list (see core/logging/pending-events.ts).

import { type PendingEvent, parsePending, withoutPending, withPending } from '../../core/logging/pending-events.ts';

const PENDING_KEY = 'iit.pendingEvents';

type Props = GoogleAppsScript.Properties.Properties;

export function readPending(props: Props): PendingEvent[] {
  return parsePending(props.getProperty(PENDING_KEY));
}

/**
 * Stores `entries` in front of `list`, without the entries of events already `logged`, in one
 * setProperties with `along` (other properties to write at the same time); returns the list as stored.
 */
export function rememberPending(
  props: Props,
  list: readonly PendingEvent[],
  entries: readonly PendingEvent[],
  logged: (key: string) => boolean,
  along: Record<string, string> = {},
): PendingEvent[] {
  const next = withPending(
    list.filter((p) => !logged(p.key)),
    entries,
  );
  props.setProperties({ ...along, [PENDING_KEY]: JSON.stringify(next) });
  return next;
}

/**
 * The property storing `list` without the entries of `keys` (for a setProperties call: '' once
 * the list is empty, as setProperties cannot delete a key), or nothing when it held none of them.
 */
export function pendingWithout(list: readonly PendingEvent[], keys: ReadonlySet<string>): Record<string, string> {
  const rest = withoutPending(list, keys);
  if (rest.length === list.length) return {};
  return { [PENDING_KEY]: rest.length ? JSON.stringify(rest) : '' };
}
