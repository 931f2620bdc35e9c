// The contact panel: the contact the message is for (the selected row, or the next one to
// contact or follow up), and applying what the server says about it and the tracker.
import { builtInTemplate, suggestTemplate } from '../../../core/pitch/templates.ts';
import type { PitchContact, PitchContext } from '../../../shared/pitch.ts';
import { callServer } from '../../lib/server.ts';
import { $, busy, newEventId, notes, render, state } from './page.ts';
import { chooseTemplate, fillFieldList, fillTemplateSelect } from './templates-panel.ts';
import { fillDetails } from './details-panel.ts';

export function describeContact(c: PitchContact): string {
  const parts = [c.company, c.stage ? `Stage: ${c.stage}` : '', c.email || 'no email address', `row ${c.row}`];
  if (c.referrerName) parts.push(`referred by ${c.referrerName}`);
  if (c.nextFollowUp) parts.push(`follow up ${c.nextFollowUp}`);
  return parts.filter(Boolean).join(' · ');
}

export function setContact(contact: PitchContact | null, note: string): void {
  state.contact = contact;
  state.eventId = newEventId();
  $.contactName.textContent = contact ? contact.name : 'No contact';
  $.contactMeta.textContent = contact ? describeContact(contact) : '';
  $.contactNote.textContent = note;
  if (contact) {
    const suggestion = builtInTemplate(suggestTemplate({ stage: contact.stage, relationship: contact.relationship, referred: Boolean(contact.referrerName) }));
    $.suggested.textContent = `Suggested for ${contact.name}: ${suggestion.name}.`;
    if (!state.edited) chooseTemplate(suggestion.id, false);
    $.calDate.value = contact.interviewDate || state.today;
  } else {
    $.suggested.textContent = '';
  }
  render();
}

function applyContext(ctx: PitchContext): void {
  state.headers = ctx.headers;
  // Details typed and not saved yet stay as typed (and keep filling the preview).
  if (!state.detailsDirty) {
    state.settings = ctx.settings;
    fillDetails();
  }
  state.today = ctx.today;
  state.timeZone = ctx.timeZone;
  $.calZone.textContent = ctx.timeZone;
  fillFieldList();
  state.userTemplates = ctx.templates;
  fillTemplateSelect(state.template.id);
  if (ctx.templatesDamaged) notes.error('Your saved templates could not be read back. Saving a template starts a new list.');
  setContact(ctx.contact, ctx.note);
}

export async function loadContext(row: number | null, button: HTMLButtonElement | null): Promise<void> {
  const request = ++state.contactRequest;
  const result = await busy(button, button ? 'Reading the selected row…' : '', 'Could not read the contact', () => callServer('getPitchContext', row));
  if (request !== state.contactRequest) return;
  if (!result || !result.ok) {
    if (result) notes.error(result.message);
    if (!button) {
      document.body.dataset.state = 'error';
      $.contactName.textContent = 'No contact';
    }
    return;
  }
  applyContext(result);
  if (button) notes.say(result.contact ? `Showing ${result.contact.name}.` : result.note, result.contact ? 'ok' : 'info');
  else if (!result.templatesDamaged) notes.clear();
  if (document.body.dataset.state !== 'ready') {
    document.body.dataset.state = 'ready';
    // For `npm run bench`: when the first contact's preview was filled, from the page's start.
    performance.mark('pitch-preview-filled');
  }
}

async function loadNext(kind: 'toContact' | 'followUp', button: HTMLButtonElement): Promise<void> {
  const request = ++state.contactRequest;
  const what = kind === 'toContact' ? 'Could not find the next contact' : 'Could not find the next follow-up';
  const result = await busy(button, 'Looking…', what, () => callServer('nextContact', kind, state.contact?.row ?? null));
  if (!result || request !== state.contactRequest) return;
  if (!result.ok) {
    // Nobody left to contact is news; no tracker, or a busy one, is a problem to fix.
    if (result.nobody) notes.say(result.message, 'info');
    else notes.error(result.message);
    return;
  }
  setContact(result.contact, '');
  notes.say(result.message, 'ok');
}

export function initContact(): void {
  $.useSelected.addEventListener('click', () => void loadContext(null, $.useSelected));
  $.nextToContact.addEventListener('click', () => void loadNext('toContact', $.nextToContact));
  $.nextFollowUp.addEventListener('click', () => void loadNext('followUp', $.nextFollowUp));
}
