// The History panel: everything logged for the contact in view (newest first), who introduced
// them and whom they introduced, their dates ahead; an event logged by mistake can be voided
// from here. Read from the server when the panel is open and the contact changes. Contact text
// only through textContent (lib/dom.ts).
import type { ContactHistory, ContactRef, HistoryEvent } from '../../../shared/history.ts';
import { callServer } from '../../lib/server.ts';
import { byId, clear, el } from '../../lib/dom.ts';
import { busy, notes, state } from './page.ts';
import { loadContext } from './contact-panel.ts';
import { thanksChanged } from './thanks-panel.ts';

const $h = {
  box: byId<HTMLDetailsElement>('history-box'),
  status: byId('history-status'),
  people: byId('history-people'),
  pending: byId('history-pending'),
  events: byId('history-events'),
};

/** The contact whose history is shown (or asked for), so a render for the same contact asks nothing. */
let shownFor: string | null = null;
let request = 0;

const personText = (p: ContactRef) => (p.id ? `${p.name || '(no name)'} (${p.id})` : p.name);

function renderPeople(h: ContactHistory): void {
  clear($h.people);
  $h.people.append(el('p', h.introducedBy ? `Introduced by ${personText(h.introducedBy)}.` : 'Nobody is recorded as introducing them.', 'secondary'));
  $h.people.append(
    el('p', h.introduced.length ? `Introduced you to ${h.introduced.map(personText).join(', ')}.` : 'Introduced you to nobody yet.', 'secondary'),
  );
}

function renderPending(h: ContactHistory): void {
  clear($h.pending);
  for (const p of h.pending) $h.pending.append(el('li', `${p.label}: ${p.date}${p.overdue ? ' (overdue)' : ''}`, p.overdue ? 'overdue' : undefined));
}

function voidForm(h: ContactHistory, e: HistoryEvent, item: HTMLLIElement, button: HTMLButtonElement): void {
  button.hidden = true;
  const form = el('form', undefined, 'void-form');
  const input = el('input');
  input.type = 'text';
  input.maxLength = 500;
  input.setAttribute('aria-label', `Why void “${e.event}” of ${e.date}?`);
  input.placeholder = 'Why? (e.g. logged for the wrong person)';
  const confirm = el('button', 'Void it', 'action');
  confirm.type = 'submit';
  const cancel = el('button', 'Keep it');
  cancel.type = 'button';
  cancel.addEventListener('click', () => {
    form.remove();
    button.hidden = false;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void busy([confirm, cancel], `Voiding “${e.event}” of ${e.date}…`, 'Could not void the event', () =>
      callServer('voidEvent', { eventId: e.eventId, reason: input.value.trim() }),
    ).then(async (r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      // The contact's row was recomputed: the Contact panel reads it again (its stage, its dates).
      if (state.contact?.id === h.contact.id) await loadContext(state.contact.row, null);
      notes.say(r.message, 'ok');
      void loadHistory(h.contact.id, true);
      // A voided job interview or offer may withdraw the "It worked" updates.
      thanksChanged();
    });
  });
  form.append(input, confirm, cancel);
  item.append(form);
  input.focus();
}

function renderEvents(h: ContactHistory): void {
  clear($h.events);
  for (const e of h.events) {
    const item = el('li', undefined, e.voided ? 'voided' : undefined);
    const head = el('p');
    head.append(el('span', e.date || '(no date)', 'when'), el('span', e.event, 'what'));
    item.append(head);
    if (e.details) item.append(el('p', e.details, 'text'));
    if (e.nextStep) item.append(el('p', `Next step: ${e.nextStep}`, 'text secondary'));
    if (e.voided) item.append(el('p', `Voided${e.voided.on ? ` on ${e.voided.on}` : ''}${e.voided.reason ? `: ${e.voided.reason}` : '.'}`, 'secondary'));
    else if (e.eventId) {
      const button = el('button', 'Void…');
      button.type = 'button';
      button.setAttribute('aria-label', `Void “${e.event}” of ${e.date || 'no date'}`);
      button.addEventListener('click', () => voidForm(h, e, item, button));
      item.append(button);
    }
    $h.events.append(item);
  }
}

function show(h: ContactHistory): void {
  const count = h.events.length;
  $h.status.textContent = count
    ? `${count} ${count === 1 ? 'event' : 'events'} in the Interview log, newest first.`
    : `Nothing logged for ${h.contact.name || h.contact.id} yet.`;
  renderPeople(h);
  renderPending(h);
  renderEvents(h);
}

function blank(text: string): void {
  $h.status.textContent = text;
  for (const node of [$h.people, $h.pending, $h.events]) clear(node);
}

async function loadHistory(contactId: string, again = false): Promise<void> {
  if (!again && shownFor === contactId) return;
  shownFor = contactId;
  const mine = ++request;
  if (!again) blank('Reading the history…');
  const result = await busy(null, '', 'Could not read the history', () => callServer('getContactHistory', contactId));
  if (mine !== request) return;
  if (!result) return blank('The history could not be read.');
  if (!result.ok) return blank(result.message);
  show(result);
}

/** Part of render(): the open panel follows the contact in view. */
export function renderHistory(): void {
  if (!$h.box.open) return;
  const c = state.contact;
  if (!c || !c.id) {
    shownFor = null;
    request++;
    blank(c ? `${c.name} has no Contact ID yet: run Set up tracker to give new rows an ID.` : 'Pick a contact first.');
    return;
  }
  void loadHistory(c.id);
}

export function initHistory(): void {
  $h.box.addEventListener('toggle', renderHistory);
}

/** After something was logged for the contact: an open panel reads their history again. */
export function historyChanged(): void {
  shownFor = null;
  renderHistory();
}
