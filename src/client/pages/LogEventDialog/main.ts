// The log dialogs (one page, a mode per menu item): fill the date (today by default) and the
// fields of the mode, save with the event ID the server gave, show the result or the error.
// A failed save can be retried: the same event ID never logs the event twice.
import '../../lib/addon.css';
import './dialog.css';
import { EVENT_KINDS } from '../../../core/logging/kinds.ts';
import { routineHint } from '../../../core/logging/summary.ts';
import type { EventDialogContext, LogResult } from '../../../shared/types.ts';
import { callServer } from '../../lib/server.ts';
import { byId } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';
import { copyText } from '../../lib/clipboard.ts';
import { fitDialog } from '../../lib/fit-dialog.ts';
import { cellLimit, charCount } from '../../lib/char-count.ts';
import { describeContacts, readContext } from './context.ts';
import { ReferralRows } from './referral-rows.ts';

declare const google: { script: { host: { close(): void } } };

const form = byId<HTMLFormElement>('form');
const date = byId<HTMLInputElement>('date');
const notes = pageNotices();
const save = byId<HTMLButtonElement>('save');
const cancel = byId<HTMLButtonElement>('cancel');
const ISO = /^\d{4}-\d{2}-\d{2}$/;
/** The width the page's one column of fields is laid out for (dialog.css). */
const DIALOG_WIDTH = 380;

const ctx = readContext(byId('context'));

function value(id: string): string {
  return byId<HTMLInputElement | HTMLTextAreaElement>(id).value.trim();
}

function setUp(c: EventDialogContext): ReferralRows {
  document.title = c.title;
  byId('who').textContent = describeContacts(c.contacts);
  const kind = EVENT_KINDS[c.mode];
  byId('date-label').textContent = kind.dateLabel;
  date.value = c.today;
  if (kind.pastOnly) date.max = c.today;
  const routine = byId('routine');
  const showRoutine = () => (routine.textContent = routineHint(c.mode, date.value, c.contacts));
  date.addEventListener('input', showRoutine);
  showRoutine();
  // data-for lists the kinds or the forms (EventForm) a field is for.
  for (const node of document.querySelectorAll<HTMLElement>('[data-for]')) {
    const shownFor = (node.getAttribute('data-for') ?? '').split(' ');
    node.hidden = !shownFor.includes(c.mode) && !shownFor.includes(kind.form);
  }
  if (c.contacts.length === 1) byId<HTMLInputElement>('company').value = c.contacts[0].company;
  for (const id of ['company', 'learned', 'nextStep', 'note']) charCount(byId<HTMLInputElement | HTMLTextAreaElement>(id), cellLimit);
  const rows = new ReferralRows(byId('referrals'), c.relationships);
  const add = byId<HTMLButtonElement>('add-referral');
  if (c.contacts.length > 1) {
    add.disabled = true;
    byId('referrals-note').textContent = 'To log referrals, select only the person who gave them.';
  }
  add.addEventListener('click', () => rows.add());
  date.focus();
  // In a frame the browser may refuse that focus until the frame itself gets it (Chrome, for a
  // frame of another origin): then the date takes it as soon as the dialog does.
  window.addEventListener(
    'focus',
    () => {
      if (document.activeElement === document.body || document.activeElement === null) date.focus();
    },
    { once: true },
  );
  return rows;
}

async function send(c: EventDialogContext, rows: ReferralRows): Promise<LogResult | null> {
  const target = { eventId: c.eventId, contactIds: c.contacts.map((x) => x.id), date: date.value };
  const note = value('note');
  const kind = EVENT_KINDS[c.mode];
  switch (kind.form) {
    case 'interview': {
      const read = rows.read();
      if (!read.ok) {
        notes.error(read.message);
        read.focus.focus();
        return null;
      }
      const minutes = value('minutes');
      return callServer(kind.log, {
        ...target,
        minutes: minutes ? Number(minutes) : null,
        learned: value('learned'),
        nextStep: value('nextStep'),
        referrals: read.referrals,
      });
    }
    case 'simple':
      return callServer(kind.log, { ...target, note });
    case 'reply':
      return callServer(kind.log, { ...target, note, meetingDate: byId<HTMLInputElement>('meetingDate').value });
    case 'outcome':
      return callServer(kind.log, { ...target, note, kind: kind.wireKind, company: value('company') });
  }
}

function done(result: Extract<LogResult, { ok: true }>, rows: ReferralRows): void {
  notes.say(result.message, 'ok');
  form
    .querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement>('input, textarea, select, #add-referral')
    .forEach((x) => (x.disabled = true));
  rows.disable();
  save.hidden = true;
  cancel.textContent = 'Close';
  if (result.askForReferral) {
    byId('ask').hidden = false;
    const text = byId<HTMLTextAreaElement>('ask-text');
    text.disabled = false;
    text.value = result.askForReferral;
  }
  cancel.focus();
}

if (!ctx) {
  notes.error('This dialog was opened without its contacts. Close it, select contacts in the tracker, and choose the menu item again.');
  save.disabled = true;
} else {
  const rows = setUp(ctx);
  const busy = busyCalls(notes);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (save.hidden) return; // saved already: Ctrl+Enter on Close must not send it again
    if (!ISO.test(date.value)) {
      notes.error('Enter the date (for example 2026-01-05).');
      date.focus();
      return;
    }
    const result = await busy(save, 'Saving…', 'Could not save', () => send(ctx, rows));
    if (result === null) return;
    if (result.ok) done(result, rows);
    else notes.error(result.message);
  });
}

form.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    form.requestSubmit();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') google.script.host.close();
});
cancel.addEventListener('click', () => google.script.host.close());
byId('copy').addEventListener('click', async () => {
  const text = byId<HTMLTextAreaElement>('ask-text');
  if (await copyText(text.value)) notes.say('Message copied.', 'ok');
  else {
    text.select();
    notes.error('The browser did not let the add-on copy: the message is selected, press Ctrl+C (⌘C on a Mac) to copy it.');
  }
});

// Last, when every field shown for the mode is in place: the dialog takes the size they need.
fitDialog(DIALOG_WIDTH);
