// The send panel: copying the subject and message, and Mark as sent, which logs the message
// once per contact and message (see state.eventId).
import type { TemplatePurpose } from '../../../core/pitch/templates.ts';
import { callServer } from '../../lib/server.ts';
import { $, busy, copyAndSay, newEventId, notes, state } from './page.ts';
import { describeContact } from './contact-panel.ts';
import { historyChanged } from './history-panel.ts';

const LOGS: Record<TemplatePurpose, string> = {
  pitch: 'Logs “Pitch sent” in the Interview log, moves the stage to Pitched and sets the next follow-up.',
  followUp: 'Logs “Follow-up sent” in the Interview log, moves the stage on and sets the next follow-up.',
  askReferral: 'Logs it as “Follow-up sent” in the Interview log and updates the last contact date.',
  thankYou: 'Logs “Thank-you sent” in the Interview log and moves the stage to Thanked.',
  update: 'Logs “Update sent” in the Interview log and moves the last contact date, and the next keep-in-touch update, on.',
};

export function renderMarkSent(): void {
  const c = state.contact;
  let help = LOGS[state.template.purpose];
  if (!c) help = 'Pick a contact first.';
  else if (!c.id) help = `${c.name} has no Contact ID yet: run Set up tracker to give new rows an ID.`;
  $.markSent.disabled = state.markingSent || !c || !c.id;
  $.markSentHelp.textContent = help;
}

async function markSent(): Promise<void> {
  const c = state.contact;
  if (!c || !c.id || state.markingSent || !state.preview) return;
  state.markingSent = true;
  renderMarkSent();
  try {
    const input = {
      eventId: state.eventId,
      contactId: c.id,
      purpose: state.template.purpose,
      subject: state.preview.message.subject,
      templateName: state.template.name,
    };
    const result = await busy(null, `Logging the message to ${c.name}…`, 'Could not mark the message as sent', () => callServer('markMessageSent', input));
    if (!result) return;
    if (!result.ok) {
      notes.error(result.message);
      return;
    }
    // Logged: the same event ID again would log nothing, so a deliberate new send gets its own.
    if (state.eventId === input.eventId) state.eventId = newEventId();
    const logged = result.contacts.find((x) => x.id === c.id);
    if (logged && state.contact === c) {
      c.stage = logged.stage;
      c.nextFollowUp = logged.nextFollowUp;
      $.contactMeta.textContent = describeContact(c);
    }
    historyChanged();
    notes.say(result.alreadyLogged && !result.logged ? `Already logged: this message to ${c.name} is in the Interview log.` : result.message, 'ok');
  } finally {
    state.markingSent = false;
    renderMarkSent();
  }
}

export function initSend(): void {
  $.markSent.addEventListener('click', () => void markSent());
  $.copySubject.addEventListener('click', () => void copyAndSay(state.preview?.message.subject ?? '', 'subject'));
  $.copyBody.addEventListener('click', () => void copyAndSay(state.preview?.message.body ?? '', 'message'));
}
