// The pitch sidebar: pick a contact and a template, see the message filled and checked, copy
// it or open it in a mail composer, mark it sent, and keep your own details and templates.
// Contact text reaches the page only through textContent (see lib/dom.ts).
import '../../lib/addon.css';
import './sidebar.css';
import { agendaText } from '../../../core/pitch/questions.ts';
import { availableFields } from '../../../core/pitch/merge.ts';
import { calendarUrl } from '../../../core/pitch/links.ts';
import { DEFAULT_SETTINGS, USER_FIELDS, WORD_LIMIT_MAX, WORD_LIMIT_MIN, type PitchSettings } from '../../../core/pitch/settings.ts';
import { LIMITS } from '../../../core/pitch/store.ts';
import {
  BUILT_IN_TEMPLATES,
  builtInTemplate,
  PURPOSE_LABELS,
  PURPOSES,
  suggestTemplate,
  type MessageTemplate,
  type TemplatePurpose,
} from '../../../core/pitch/templates.ts';
import type { PitchContact, PitchContext, UserTemplate } from '../../../shared/pitch.ts';
import { checkSummary } from '../../../core/pitch/checker.ts';
import { callServer } from '../../lib/server.ts';
import { byId, clear, el } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';
import { copyText } from '../../lib/clipboard.ts';
import { type CharCount, charCount } from '../../lib/char-count.ts';
import { computePreview, setLink, showPreview, type Preview } from './preview.ts';
import { buildQuestions } from './questions-panel.ts';

const $ = {
  contactName: byId('contact-name'),
  contactMeta: byId('contact-meta'),
  contactNote: byId('contact-note'),
  useSelected: byId<HTMLButtonElement>('use-selected'),
  nextToContact: byId<HTMLButtonElement>('next-to-contact'),
  nextFollowUp: byId<HTMLButtonElement>('next-follow-up'),
  template: byId<HTMLSelectElement>('template'),
  suggested: byId('suggested'),
  editBox: byId<HTMLDetailsElement>('edit-box'),
  subjectSrc: byId<HTMLInputElement>('subject-src'),
  bodySrc: byId<HTMLTextAreaElement>('body-src'),
  revertEdits: byId<HTMLButtonElement>('revert-edits'),
  field: byId<HTMLSelectElement>('field'),
  insert: byId<HTMLButtonElement>('insert'),
  copySubject: byId<HTMLButtonElement>('copy-subject'),
  copyBody: byId<HTMLButtonElement>('copy-body'),
  markSent: byId<HTMLButtonElement>('mark-sent'),
  markSentHelp: byId('mark-sent-help'),
  calDate: byId<HTMLInputElement>('cal-date'),
  calTime: byId<HTMLInputElement>('cal-time'),
  calZone: byId('cal-zone'),
  calendar: byId<HTMLAnchorElement>('calendar'),
  copyAgenda: byId<HTMLButtonElement>('copy-agenda'),
  detailsForm: byId<HTMLFormElement>('details-form'),
  detailsFields: byId('details-fields'),
  wordLimit: byId<HTMLInputElement>('word-limit'),
  saveForm: byId<HTMLFormElement>('save-form'),
  tplName: byId<HTMLInputElement>('tpl-name'),
  tplPurpose: byId<HTMLSelectElement>('tpl-purpose'),
  saveTemplate: byId<HTMLButtonElement>('save-template'),
  saveCopy: byId<HTMLButtonElement>('save-copy'),
  saveHelp: byId('save-help'),
  deleteTemplate: byId<HTMLButtonElement>('delete-template'),
  deleteConfirm: byId('delete-confirm'),
  deleteQuestion: byId('delete-question'),
  deleteYes: byId<HTMLButtonElement>('delete-yes'),
  deleteNo: byId<HTMLButtonElement>('delete-no'),
  exportButton: byId<HTMLButtonElement>('export'),
  exportDownload: byId<HTMLAnchorElement>('export-download'),
  importFile: byId<HTMLInputElement>('import-file'),
  transfer: byId<HTMLTextAreaElement>('transfer'),
  importButton: byId<HTMLButtonElement>('import'),
  checksSummary: byId('checks-summary'),
  clipboard: byId<HTMLTextAreaElement>('clipboard'),
};
const notes = pageNotices();
const view = {
  subject: byId('preview-subject'),
  body: byId('preview-body'),
  words: byId('word-count'),
  warnings: byId<HTMLUListElement>('warnings'),
  gmail: byId<HTMLAnchorElement>('gmail'),
  mailto: byId<HTMLAnchorElement>('mailto'),
};

const state = {
  contact: null as PitchContact | null,
  headers: [] as string[],
  settings: { ...DEFAULT_SETTINGS } as PitchSettings,
  userTemplates: [] as UserTemplate[],
  template: builtInTemplate('known') as MessageTemplate,
  /** The user changed the text: a new contact keeps it instead of switching template. */
  edited: false,
  /** Text the user edited and left by choosing another template, by template ID: choosing it again brings it back. */
  drafts: new Map<string, { subject: string; body: string }>(),
  /**
   * One per contact and message, so that a repeated Mark as sent (a double click, a retry after a
   * lost answer) logs nothing new. Renewed once a send is logged: sending again is deliberate.
   */
  eventId: '',
  /** The user typed in Your details and has not saved: a new contact keeps those edits. */
  detailsDirty: false,
  today: '',
  timeZone: '',
  preview: null as Preview | null,
  /** Only the latest contact request is applied: google.script.run answers out of order. */
  contactRequest: 0,
  markingSent: false,
};

function newEventId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `sb-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

const allTemplates = (): MessageTemplate[] => [...BUILT_IN_TEMPLATES, ...state.userTemplates];
const isUserTemplate = (t: MessageTemplate) => state.userTemplates.some((u) => u.id === t.id);

// ---- rendering ----

function render(): void {
  const draft = { subject: $.subjectSrc.value, body: $.bodySrc.value, purpose: state.template.purpose };
  state.preview = computePreview(draft, state.contact, state.headers, state.settings);
  showPreview(view, state.preview, state.settings.wordLimit);
  announceChecks(checkSummary(state.preview.check, state.settings.wordLimit));
  renderMarkSent();
  renderCalendar();
  for (const count of counts) count.update();
}

// The checker's summary, announced politely once typing pauses; the list itself is not a live
// region, so a keystroke does not make a screen reader read every warning again.
const ANNOUNCE_AFTER_MS = 1200;
let announceTimer: ReturnType<typeof setTimeout> | undefined;
let announced = '';
function announceChecks(summary: string): void {
  clearTimeout(announceTimer);
  if (!announced) {
    announced = summary; // the first preview is not announced: the page has just opened
    return;
  }
  announceTimer = setTimeout(() => {
    if (summary === announced) return;
    announced = summary;
    $.checksSummary.textContent = summary;
  }, ANNOUNCE_AFTER_MS);
}

const LOGS: Record<TemplatePurpose, string> = {
  pitch: 'Logs “Pitch sent” in the Interview log, moves the stage to Pitched and sets the next follow-up.',
  followUp: 'Logs “Follow-up sent” in the Interview log, moves the stage on and sets the next follow-up.',
  askReferral: 'Logs it as “Follow-up sent” in the Interview log and updates the last contact date.',
  thankYou: 'Logs “Thank-you sent” in the Interview log and moves the stage to Thanked.',
};

function renderMarkSent(): void {
  const c = state.contact;
  let help = LOGS[state.template.purpose];
  if (!c) help = 'Pick a contact first.';
  else if (!c.id) help = `${c.name} has no Contact ID yet: run Set up tracker to give new rows an ID.`;
  $.markSent.disabled = state.markingSent || !c || !c.id;
  $.markSentHelp.textContent = help;
}

function renderCalendar(): void {
  const c = state.contact;
  const agenda = agendaText(pickedQuestions(), { name: c?.name });
  const details = [c?.company && `${c.name}, ${c.company}`, c?.email, agenda].filter(Boolean).join('\n');
  const url = c
    ? calendarUrl({ date: $.calDate.value, time: $.calTime.value, title: `Informational interview: ${c.name}`, details, timeZone: state.timeZone || undefined })
    : null;
  setLink($.calendar, url);
}

function describeContact(c: PitchContact): string {
  const parts = [c.company, c.stage ? `Stage: ${c.stage}` : '', c.email || 'no email address', `row ${c.row}`];
  if (c.referrerName) parts.push(`referred by ${c.referrerName}`);
  if (c.nextFollowUp) parts.push(`follow up ${c.nextFollowUp}`);
  return parts.filter(Boolean).join(' · ');
}

function setContact(contact: PitchContact | null, note: string): void {
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

// ---- templates ----

function fillTemplateSelect(selectedId: string): void {
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

function chooseTemplate(id: string, announce: boolean): void {
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

function setUserTemplates(list: UserTemplate[], selectId: string): void {
  state.userTemplates = list;
  fillTemplateSelect(selectId);
  chooseTemplate($.template.value, true);
}

function fillFieldList(): void {
  const current = $.field.value;
  clear($.field);
  for (const name of availableFields(state.headers)) {
    const o = el('option', name);
    o.value = name;
    $.field.appendChild(o);
  }
  if (current) $.field.value = current;
}

// ---- server calls ----

const busy = busyCalls(notes);

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

async function loadContext(row: number | null, button: HTMLButtonElement | null): Promise<void> {
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
    notes.say(result.alreadyLogged && !result.logged ? `Already logged: this message to ${c.name} is in the Interview log.` : result.message, 'ok');
  } finally {
    state.markingSent = false;
    renderMarkSent();
  }
}

// ---- your details ----

const detailInputs = new Map<string, HTMLInputElement>();

function buildDetails(): void {
  for (const f of USER_FIELDS) {
    const id = `me-${f.key}`;
    const label = el('label', `${f.label} — {{${f.merge}}}`);
    label.htmlFor = id;
    const input = el('input');
    input.type = 'text';
    input.id = id;
    input.placeholder = `e.g. ${f.example}`;
    input.addEventListener('input', () => {
      state.settings = { ...state.settings, [f.key]: input.value.trim() };
      state.detailsDirty = true;
      render();
    });
    detailInputs.set(f.key, input);
    $.detailsFields.append(label, input);
    counts.push(charCount(input, () => f.max));
  }
  $.wordLimit.addEventListener('input', () => {
    const n = Number($.wordLimit.value);
    state.detailsDirty = true;
    if (Number.isInteger(n) && n >= WORD_LIMIT_MIN && n <= WORD_LIMIT_MAX) {
      state.settings = { ...state.settings, wordLimit: n };
      render();
    }
  });
}

function fillDetails(): void {
  for (const f of USER_FIELDS) detailInputs.get(f.key)!.value = state.settings[f.key];
  $.wordLimit.value = String(state.settings.wordLimit);
  for (const count of counts) count.update();
}

function detailsFromForm(): PitchSettings {
  const s = { ...DEFAULT_SETTINGS };
  for (const f of USER_FIELDS) s[f.key] = detailInputs.get(f.key)!.value;
  return { ...s, wordLimit: Number($.wordLimit.value) };
}

// ---- question bank ----

let pickedQuestions: () => string[] = () => [];

// ---- wiring ----

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

let lastSource: HTMLInputElement | HTMLTextAreaElement = $.bodySrc;

function hideDeleteConfirm(): void {
  $.deleteConfirm.hidden = true;
}

/** The character counts of the fields with a limit; render() brings them up to date. */
const counts: CharCount[] = [];

function init(): void {
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
  buildDetails();
  fillDetails();
  pickedQuestions = buildQuestions(byId('questions'));
  fillTemplateSelect(state.template.id);
  chooseTemplate(state.template.id, false);
  fillFieldList();
  setContact(null, '');
  $.contactName.textContent = 'Loading…';

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
  $.useSelected.addEventListener('click', () => void loadContext(null, $.useSelected));
  $.nextToContact.addEventListener('click', () => void loadNext('toContact', $.nextToContact));
  $.nextFollowUp.addEventListener('click', () => void loadNext('followUp', $.nextFollowUp));
  $.markSent.addEventListener('click', () => void markSent());

  const copy = async (text: string, what: string) => {
    if (await copyText(text, $.clipboard)) notes.say(`Copied the ${what}.`, 'ok');
    else notes.error(`Could not copy the ${what}: select it and press Ctrl+C (⌘C on a Mac).`);
  };
  $.copySubject.addEventListener('click', () => void copy(state.preview?.message.subject ?? '', 'subject'));
  $.copyBody.addEventListener('click', () => void copy(state.preview?.message.body ?? '', 'message'));
  $.copyAgenda.addEventListener('click', () => {
    const text = agendaText(pickedQuestions(), { name: state.contact?.name, date: $.calDate.value || undefined });
    if (!text) notes.error('Pick at least one question first.');
    else void copy(text, 'agenda');
  });
  byId('questions').addEventListener('change', renderCalendar);
  $.calDate.addEventListener('input', renderCalendar);
  $.calTime.addEventListener('input', renderCalendar);

  $.detailsForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(byId<HTMLButtonElement>('save-details'), 'Saving your details…', 'Could not save your details', () =>
      callServer('saveUserSettings', detailsFromForm()),
    ).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      state.settings = r.settings;
      state.detailsDirty = false;
      fillDetails();
      render();
      notes.say('Saved your details.', 'ok');
    });
  });

  const saveTemplate = (asNew: boolean, button: HTMLButtonElement) => {
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
  };
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

  $.exportButton.addEventListener('click', () => {
    void busy($.exportButton, 'Exporting…', 'Could not export your templates', () => callServer('exportTemplates')).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      $.transfer.value = r.text;
      const old = $.exportDownload.getAttribute('href');
      if (old) URL.revokeObjectURL(old);
      $.exportDownload.setAttribute('href', URL.createObjectURL(new Blob([r.text], { type: 'application/json' })));
      $.exportDownload.setAttribute('download', r.fileName);
      $.exportDownload.hidden = false;
      notes.say(`Exported ${r.count} ${r.count === 1 ? 'template' : 'templates'}: download the file, or copy the text from the box below.`, 'ok');
    });
  });
  $.importFile.addEventListener('change', async () => {
    const file = $.importFile.files?.[0];
    if (!file) return;
    if (file.size > LIMITS.importChars) return notes.error('That file is too big to be a templates export.');
    try {
      $.transfer.value = await file.text();
    } catch (e) {
      return notes.failure(e, `Could not read ${file.name}`);
    }
    notes.say(`Read ${file.name}. Choose Import to add its templates.`);
  });
  $.importButton.addEventListener('click', () => {
    if (!$.transfer.value.trim()) {
      notes.error('Choose an exported templates file, or paste its text, first.');
      $.transfer.focus();
      return;
    }
    void busy($.importButton, 'Importing…', 'Could not import the templates', () => callServer('importTemplates', $.transfer.value)).then((r) => {
      if (!r) return;
      if (!r.ok) return notes.error(r.message);
      setUserTemplates(r.templates, state.template.id);
      notes.say(r.message, 'ok');
    });
  });

  void loadContext(null, null);
}

init();
