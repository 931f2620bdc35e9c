// The "It worked" panel: once a job interview or an offer stands for the contact in view, each
// person of the chain that led there (A introduced B, who introduced C) is offered the "It
// worked: thank you" update with their part filled in; Mark as sent logs "Update sent" for that
// person. Read from the server when the contact changes; hidden while there is nothing to thank
// anyone for. Contact text only through textContent (lib/dom.ts).
import { builtInTemplate, THANKS_FIELDS } from '../../../core/pitch/templates.ts';
import type { ThanksPersonJson, ThanksResult } from '../../../shared/history.ts';
import type { PitchContact } from '../../../shared/pitch.ts';
import { callServer } from '../../lib/server.ts';
import { byId, clear, el } from '../../lib/dom.ts';
import { busy, copyAndSay, newEventId, notes, state } from './page.ts';
import { computePreview, setLink } from './preview.ts';
import { historyChanged } from './history-panel.ts';

const $t = {
  box: byId('thanks-box'),
  status: byId('thanks-status'),
  people: byId('thanks-people'),
};

type Offer = NonNullable<Extract<ThanksResult, { ok: true }>['offer']>;

const TEMPLATE = builtInTemplate('itWorked');

/** The contact as last read from the server: a new read (Use selected row after logging an offer from the menu) asks again. */
let shownFor: PitchContact | null = null;
let request = 0;
let offer: Offer | null = null;
/** What the list was drawn with: drawn again only when one of them changes (render() runs on every keystroke). */
let drawnWith: { offer: Offer | null; settings: unknown; headers: unknown } | null = null;
/** One per person and message, as state.eventId: a repeated click logs nothing new. */
const eventIds = new Map<string, string>();

const shownName = (p: ThanksPersonJson) => p.name || p.id;

function personItem(o: Offer, p: ThanksPersonJson): HTMLLIElement {
  const extra = [
    { name: THANKS_FIELDS.outcome, value: o.outcome.phrase },
    { name: THANKS_FIELDS.part, value: p.part },
  ];
  const preview = computePreview(TEMPLATE, p.contact, state.headers, state.settings, extra);
  const item = el('li');
  item.dataset.contactId = p.id;
  item.append(el('p', p.contact ? shownName(p) : `${shownName(p)} (not in the tracker)`, 'who'));
  item.append(el('p', `Their part: ${p.part}.`, 'secondary'));
  item.append(el('p', preview.message.subject, 'preview-subject'));
  const body = el('div', preview.message.body, 'preview');
  body.setAttribute('role', 'region');
  body.setAttribute('aria-label', `“It worked” update to ${shownName(p)}`);
  body.tabIndex = 0;
  item.append(body);

  const buttons = el('div', undefined, 'buttons');
  const copy = el('button', 'Copy message');
  copy.type = 'button';
  copy.setAttribute('aria-label', `Copy the update to ${shownName(p)}`);
  copy.addEventListener('click', () => void copyAndSay(preview.message.body, 'message'));
  const gmail = el('a', 'Open in Gmail', 'button');
  gmail.target = '_blank';
  gmail.rel = 'noopener noreferrer';
  setLink(gmail, preview.gmail);
  buttons.append(copy, gmail);
  item.append(buttons);

  if (p.contact && p.id) {
    const mark = el('button', 'Mark as sent', 'action');
    mark.type = 'button';
    mark.setAttribute('aria-label', `Mark the update to ${shownName(p)} as sent`);
    mark.addEventListener('click', () => void markSent(p, preview.message.subject, mark, item));
    item.append(mark);
  } else item.append(el('p', 'Not in the tracker, so nothing can be logged for them: copy the message and send it yourself.', 'secondary'));
  return item;
}

async function markSent(p: ThanksPersonJson, subject: string, button: HTMLButtonElement, item: HTMLLIElement): Promise<void> {
  const eventId = eventIds.get(p.id) ?? newEventId();
  eventIds.set(p.id, eventId);
  const input = { eventId, contactId: p.id, purpose: TEMPLATE.purpose, subject, templateName: TEMPLATE.name };
  const result = await busy(button, `Logging the update to ${shownName(p)}…`, 'Could not mark the update as sent', () => callServer('markMessageSent', input));
  if (!result) return;
  if (!result.ok) return notes.error(result.message);
  // Logged: a deliberate second send gets its own event ID.
  if (eventIds.get(p.id) === eventId) eventIds.set(p.id, newEventId());
  if (!item.classList.contains('sent')) item.append(el('p', 'Logged as “Update sent” in the Interview log.', 'secondary'));
  item.classList.add('sent');
  notes.say(result.alreadyLogged && !result.logged ? `Already logged: this update to ${shownName(p)} is in the Interview log.` : result.message, 'ok');
  if (p.id === state.contact?.id) historyChanged();
}

function draw(): void {
  drawnWith = { offer, settings: state.settings, headers: state.headers };
  clear($t.people);
  if (!offer) {
    $t.box.hidden = true;
    return;
  }
  const o = offer;
  const last = o.people[o.people.length - 1];
  const when = o.outcome.date ? ` (${o.outcome.date})` : '';
  $t.status.textContent = [
    `${o.outcome.phrase[0].toUpperCase()}${o.outcome.phrase.slice(1)}${when} came through ${shownName(last)}.`,
    o.sentence ? `${o.sentence}.` : '',
    o.people.length > 1 ? 'Let each of them know it worked:' : 'Let them know it worked:',
  ]
    .filter(Boolean)
    .join(' ');
  for (const p of o.people) $t.people.append(personItem(o, p));
  $t.box.hidden = false;
}

async function load(contact: PitchContact, contactId: string): Promise<void> {
  shownFor = contact;
  const mine = ++request;
  offer = null;
  draw();
  const result = await busy(null, '', 'Could not read whom to thank', () => callServer('getThanksOffer', contactId));
  if (mine !== request) return;
  if (result && !result.ok) notes.error(result.message);
  offer = result && result.ok && result.contactId === contactId ? result.offer : null;
  draw();
}

/** Part of render(): follows the contact in view; the messages follow the user's details. */
export function renderThanks(): void {
  const contact = state.contact;
  const id = contact?.id ?? '';
  // Only a contact whose Outcome cell is filled can have a job interview or an offer standing: no call for the others.
  if (!contact || !id || !contact.outcome.trim()) {
    shownFor = null;
    request++;
    offer = null;
    if (!$t.box.hidden) draw();
    return;
  }
  if (contact !== shownFor) return void load(contact, id);
  if (drawnWith && (drawnWith.offer !== offer || drawnWith.settings !== state.settings || drawnWith.headers !== state.headers)) draw();
}

/** After an outcome or a void was logged for the contact: read whom to thank again. */
export function thanksChanged(): void {
  shownFor = null;
  renderThanks();
}
