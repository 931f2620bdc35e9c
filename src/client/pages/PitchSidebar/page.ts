// What the sidebar's panels share: the page's elements, its state, its notices, and one render
// that main.ts fills with each panel's part, in order (the preview first: the others read it).
import { DEFAULT_SETTINGS, type PitchSettings } from '../../../core/pitch/settings.ts';
import { builtInTemplate, type MessageTemplate } from '../../../core/pitch/templates.ts';
import type { PitchContact, UserTemplate } from '../../../shared/pitch.ts';
import { byId } from '../../lib/dom.ts';
import { pageNotices } from '../../lib/notices.ts';
import { busyCalls } from '../../lib/busy.ts';
import type { CharCount } from '../../lib/char-count.ts';
import { copyText } from '../../lib/clipboard.ts';
import type { Preview } from './preview.ts';

export const $ = {
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
  questions: byId('questions'),
  detailsForm: byId<HTMLFormElement>('details-form'),
  detailsFields: byId('details-fields'),
  saveDetails: byId<HTMLButtonElement>('save-details'),
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

export const notes = pageNotices();
export const busy = busyCalls(notes);

export const state = {
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
  /** What stopped the page from showing the user's details or templates: kept on show when the first contact arrives. */
  userDataProblem: '',
};

export function newEventId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `sb-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The character counts of the fields with a limit; render() brings them up to date. */
export const counts: CharCount[] = [];

const renderers: (() => void)[] = [];

/** Adds a panel's part to render(); parts run in the order added. */
export function onRender(part: () => void): void {
  renderers.push(part);
}

/** Brings the preview and everything drawn from it up to date with the state and the editor. */
export function render(): void {
  for (const part of renderers) part();
}

export async function copyAndSay(text: string, what: string): Promise<void> {
  if (await copyText(text, $.clipboard)) notes.say(`Copied the ${what}.`, 'ok');
  else notes.error(`Could not copy the ${what}: select it and press Ctrl+C (⌘C on a Mac).`);
}
