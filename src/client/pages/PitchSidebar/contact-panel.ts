// The contact panel: the contact the message is for (the selected row, or the next one to
// contact or follow up), and applying what the server says about it and the tracker.
import { builtInTemplate, suggestTemplate } from '../../../core/pitch/templates.ts';
import type { PitchContact, PitchContext, PitchUserData } from '../../../shared/pitch.ts';
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

/**
 * The user's details and templates the server put into the page when it opened it (HTML-escaped
 * by the template, read back with getAttribute, so never parsed as markup), or null.
 */
function readUserData(node: HTMLElement): PitchUserData | null {
  try {
    const data = JSON.parse(node.getAttribute('data-user') ?? '') as PitchUserData;
    if (typeof data.settings !== 'object' || data.settings === null || !Array.isArray(data.templates)) return null;
    return data;
  } catch {
    return null;
  }
}

/** Applies the page's user data; says so when there is none (a page not opened by the menu). */
export function applyUserData(node: HTMLElement): void {
  const data = readUserData(node);
  if (!data) {
    state.userDataProblem = 'Your details and templates could not be loaded. Close the sidebar and open it again.';
  } else {
    state.settings = data.settings;
    fillDetails();
    state.userTemplates = data.templates;
    fillTemplateSelect(state.template.id);
    if (data.templatesDamaged) state.userDataProblem = 'Your saved templates could not be read back. Saving a template starts a new list.';
  }
  if (state.userDataProblem) notes.error(state.userDataProblem);
}

function applyContext(ctx: PitchContext): void {
  state.headers = ctx.headers;
  state.today = ctx.today;
  state.timeZone = ctx.timeZone;
  $.calZone.textContent = ctx.timeZone;
  fillFieldList();
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
  else if (!state.userDataProblem) notes.clear();
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
