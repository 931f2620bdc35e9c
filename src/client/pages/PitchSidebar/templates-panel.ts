// The templates panel: choosing a template, editing its text (with merge fields), and saving or
// deleting your own. Edits left by choosing another template are kept as a draft for it.
import { availableFields } from '../../../core/pitch/merge.ts';
import { LIMITS } from '../../../core/pitch/store.ts';
import { BUILT_IN_TEMPLATES, PURPOSE_LABELS, PURPOSES, type MessageTemplate, type TemplatePurpose } from '../../../core/pitch/templates.ts';
import type { UserTemplate } from '../../../shared/pitch.ts';
import { callServer } from '../../lib/server.ts';
import { clear, el } from '../../lib/dom.ts';
import { charCount } from '../../lib/char-count.ts';
import { $, busy, counts, newEventId, notes, render, state } from './page.ts';

const allTemplates = (): MessageTemplate[] => [...BUILT_IN_TEMPLATES, ...state.userTemplates];
const isUserTemplate = (t: MessageTemplate) => state.userTemplates.some((u) => u.id === t.id);

export function fillTemplateSelect(selectedId: string): void {
  clear($.template);
  const group = (label: string, list: readonly MessageTemplate[]) => {
    if (!list.length) return;
    const g = el('optgroup');
    g.label = label;
    for (const t of list) {
      const o = el('option', t.name);
      o.value = t.id;
      g.appendChild(o);
    }
    $.template.appendChild(g);
  };
  group('Built-in', BUILT_IN_TEMPLATES);
  group('Your templates', state.userTemplates);
  $.template.value = allTemplates().some((t) => t.id === selectedId) ? selectedId : BUILT_IN_TEMPLATES[0].id;
}

export function chooseTemplate(id: string, announce: boolean): void {
  const t = allTemplates().find((x) => x.id === id) ?? BUILT_IN_TEMPLATES[0];
  const left = state.template;
  const keptEdits = state.edited && left.id !== t.id;
  if (keptEdits) state.drafts.set(left.id, { subject: $.subjectSrc.value, body: $.bodySrc.value });
  const draft = state.drafts.get(t.id);
  state.template = t;
  state.edited = draft !== undefined;
  state.eventId = newEventId();
  $.template.value = t.id;
  $.subjectSrc.value = draft?.subject ?? t.subject;
  $.bodySrc.value = draft?.body ?? t.body;
  $.revertEdits.hidden = !state.edited;
  if (keptEdits) notes.say(`Your edits to “${left.name}” are kept: choose it again to go back to them.`, 'info');
  $.tplPurpose.value = t.purpose;
  $.tplName.value = isUserTemplate(t) ? t.name : '';
  $.deleteTemplate.disabled = !isUserTemplate(t);
  renderSaveForm();
  hideDeleteConfirm();
  if (announce) render();
}

/** Editing one of your templates saves over it (a rename too); Save as new makes a copy. */
function renderSaveForm(): void {
  const own = isUserTemplate(state.template);
  $.saveTemplate.textContent = own ? 'Save changes' : 'Save template';
  $.saveCopy.hidden = !own;
  $.saveHelp.textContent = own
    ? `Save changes updates “${state.template.name}”; Save as new keeps it and adds a copy under the new name.`
    : 'Saves the text above as a new template of yours.';
}

export function setUserTemplates(list: UserTemplate[], selectId: string): void {
  state.userTemplates = list;
  fillTemplateSelect(selectId);
  chooseTemplate($.template.value, true);
}

export function fillFieldList(): void {
  const current = $.field.value;
  clear($.field);
  for (const name of availableFields(state.headers)) {
    const o = el('option', name);
    o.value = name;
    $.field.appendChild(o);
  }
  if (current) $.field.value = current;
}

let lastSource: HTMLInputElement | HTMLTextAreaElement = $.bodySrc;

function insertField(): void {
  const name = $.field.value;
  if (!name) return;
  const target = lastSource;
  $.editBox.open = true;
  const token = `{{${name}}}`;
  const start = target.selectionStart ?? target.value.length;
  const end = target.selectionEnd ?? start;
  target.setRangeText(token, start, end, 'end');
  target.focus();
  state.edited = true;
  $.revertEdits.hidden = false;
  render();
}

function hideDeleteConfirm(): void {
  $.deleteConfirm.hidden = true;
}

function saveTemplate(asNew: boolean, button: HTMLButtonElement): void {
  const name = $.tplName.value.trim();
  if (!name) {
    notes.error('Give the template a name.');
    $.tplName.focus();
    return;
  }
  const id = !asNew && isUserTemplate(state.template) ? state.template.id : undefined;
  const input = { id, name, purpose: $.tplPurpose.value as TemplatePurpose, subject: $.subjectSrc.value, body: $.bodySrc.value };
  void busy(button, 'Saving the template…', 'Could not save the template', () => callServer('saveTemplate', input)).then((r) => {
    if (!r) return;
    if (!r.ok) return notes.error(r.message);
    // The edits are saved (in this template, or in its copy): nothing to keep for it.
    state.edited = false;
    state.drafts.delete(state.template.id);
    setUserTemplates(r.templates, r.saved?.id ?? state.template.id);
    notes.say(r.message, 'ok');
  });
}

/** Builds the purpose list and the counts, and wires the panel's controls. */
export function initTemplates(): void {
  for (const p of PURPOSES) {
    const o = el('option', PURPOSE_LABELS[p]);
    o.value = p;
    $.tplPurpose.appendChild(o);
  }
  counts.push(
    charCount($.subjectSrc, () => LIMITS.subject),
    charCount($.bodySrc, () => LIMITS.body),
    charCount($.tplName, () => LIMITS.name),
  );

  $.template.addEventListener('change', () => chooseTemplate($.template.value, true));
  for (const src of [$.subjectSrc, $.bodySrc]) {
    src.addEventListener('input', () => {
      state.edited = true;
      $.revertEdits.hidden = false;
      render();
    });
    src.addEventListener('focus', () => (lastSource = src));
  }
  $.insert.addEventListener('click', insertField);
  $.revertEdits.addEventListener('click', () => {
    state.edited = false;
    state.drafts.delete(state.template.id);
    chooseTemplate(state.template.id, true);
    $.bodySrc.focus();
  });

  $.saveForm.addEventListener('submit', (e) => {
    e.preventDefault();
    saveTemplate(false, $.saveTemplate);
  });
  $.saveCopy.addEventListener('click', () => saveTemplate(true, $.saveCopy));

  $.deleteTemplate.addEventListener('click', () => {
    $.deleteQuestion.textContent = `Delete “${state.template.name}”?`;
    $.deleteConfirm.hidden = false;
    $.deleteNo.focus();
  });
  $.deleteNo.addEventListener('click', () => {
    hideDeleteConfirm();
    $.deleteTemplate.focus();
  });
  $.deleteYes.addEventListener('click', () => {
    const id = state.template.id;
    void busy($.deleteYes, 'Deleting…', 'Could not delete the template', () => callServer('deleteTemplate', id)).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      setUserTemplates(r.templates, BUILT_IN_TEMPLATES[0].id);
      $.template.focus();
      notes.say(r.message, 'ok');
    });
  });
}
