// The dialog's context: the contacts and event ID the server put into the page when it opened
// it (HTML-escaped by the template, read back with getAttribute, so never parsed as markup).

import { isEventKind } from '../../../core/logging/kinds.ts';
import type { EventDialogContext } from '../../../shared/types.ts';

export function readContext(node: HTMLElement): EventDialogContext | null {
  try {
    const ctx = JSON.parse(node.getAttribute('data-context') ?? '') as EventDialogContext;
    if (!isEventKind(ctx.mode) || typeof ctx.eventId !== 'string' || !Array.isArray(ctx.contacts) || ctx.contacts.length === 0) return null;
    return ctx;
  } catch {
    return null;
  }
}

/** "Ada Lovelace (Acme)" or "3 contacts: Ada Lovelace, Grace Hopper and Alan Turing". */
export function describeContacts(contacts: EventDialogContext['contacts']): string {
  if (contacts.length === 1) {
    const c = contacts[0];
    return `For ${c.name}${c.company ? ` (${c.company})` : ''}${c.stage ? `, now ${c.stage}` : ''}`;
  }
  const names = contacts.slice(0, 5).map((c) => c.name);
  const more = contacts.length > 5 ? ` and ${contacts.length - 5} more` : '';
  const list = more ? names.join(', ') + more : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `For ${contacts.length} contacts: ${list}`;
}
