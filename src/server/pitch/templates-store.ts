// The user's own templates and details, in user properties (they follow the user from one
// spreadsheet to the next). Core lays the templates out in chunks below Google's 9 KB per value;
// here they are read in one call and written in one all-or-nothing call, under the user lock so
// two open sidebars cannot lose each other's saves.

import { checkSettings, parseStoredSettings, type PitchSettings } from '../../core/pitch/settings.ts';
import {
  checkTemplateInput,
  decodeTemplates,
  exportText,
  mergeImport,
  parseImport,
  planSave,
  storeFullMessage,
  upsertTemplate,
  type DecodedTemplates,
  type UserTemplate,
} from '../../core/pitch/store.ts';
import type { TemplatesExport, TemplatesResult } from '../../shared/pitch.ts';
import { googleText, UserError } from '../base/actions.ts';
import { BusyError, LOCK_WAIT_MS } from '../base/lock.ts';

export const SETTINGS_KEY = 'iit.pitch.settings';

const store = () => PropertiesService.getUserProperties();

function withUserLock<T>(action: () => T): T {
  const lock = LockService.getUserLock();
  if (!lock || !lock.tryLock(LOCK_WAIT_MS)) throw new BusyError('Your templates are being saved from another window. Try again in a few seconds.');
  try {
    return action();
  } finally {
    lock.releaseLock();
  }
}

export function writeSettings(raw: unknown): PitchSettings {
  const checked = checkSettings(raw);
  if (!checked.ok) throw new UserError(checked.message);
  try {
    store().setProperty(SETTINGS_KEY, JSON.stringify(checked.value));
  } catch (e) {
    throw quotaError(
      e,
      'Your details could not be saved: the space Google gives the add-on for your own data is full. Delete some of your templates and try again.',
    );
  }
  return checked.value;
}

export function readTemplates(): DecodedTemplates {
  const all = store().getProperties();
  return decodeTemplates((key) => all[key]);
}

/** The user's details and templates, read in one call. */
export function readUserData(): DecodedTemplates & { settings: PitchSettings } {
  const all = store().getProperties();
  return { ...decodeTemplates((key) => all[key]), settings: parseStoredSettings(all[SETTINGS_KEY] ?? null) };
}

/** Google's own quota message is not one a user can act on: say what to do instead. */
function quotaError(e: unknown, message: string): unknown {
  return /property storage quota/i.test(googleText(e)) ? new UserError(message) : e;
}

/** Replaces the stored list by `next`; nothing changes when it does not fit. */
function write(props: GoogleAppsScript.Properties.Properties, all: Record<string, string>, next: readonly UserTemplate[]): void {
  const plan = planSave(all, next);
  if (!plan.fits) throw new UserError(storeFullMessage(plan));
  try {
    props.setProperties(plan.set);
  } catch (e) {
    throw quotaError(e, storeFullMessage(plan));
  }
  // The index written above no longer counts these, so a failure here loses nothing.
  for (const key of plan.remove) props.deleteProperty(key);
}

/** Reads, changes and writes the list under the user lock. */
function update<T>(change: (list: UserTemplate[]) => { next: UserTemplate[] | null; result: T }): T {
  return withUserLock(() => {
    const props = store();
    const all = props.getProperties();
    const { templates, damaged } = decodeTemplates((key) => all[key]);
    const { next, result } = change(templates);
    if (next) write(props, all, next);
    // A change with nothing to write (deleting what a stopped run already deleted) still removes
    // the chunks that run left behind, so it ends as if that run had finished.
    else if (!damaged) for (const key of planSave(all, templates).remove) props.deleteProperty(key);
    return result;
  });
}

const newId = () => `user:${Utilities.getUuid()}`;
const now = () => new Date().toISOString();

export function saveUserTemplate(raw: unknown): TemplatesResult {
  const checked = checkTemplateInput(raw);
  if (!checked.ok) throw new UserError(checked.message);
  return update((list) => {
    const up = upsertTemplate(list, checked.value, now(), newId);
    if (!up.ok) throw new UserError(up.message);
    const { templates, saved, replaced } = up.value;
    return { next: templates, result: { ok: true, templates, saved, message: `${replaced ? 'Updated' : 'Saved'} your template “${saved.name}”.` } };
  });
}

export function deleteUserTemplate(id: unknown): TemplatesResult {
  if (typeof id !== 'string' || !id) throw new UserError('Choose one of your templates to delete.');
  return update((list) => {
    const gone = list.find((t) => t.id === id);
    if (!gone) return { next: null, result: { ok: true, templates: list, message: 'That template was already deleted.' } };
    const templates = list.filter((t) => t !== gone);
    return { next: templates, result: { ok: true, templates, message: `Deleted your template “${gone.name}”.` } };
  });
}

export function importUserTemplates(text: unknown): TemplatesResult {
  const parsed = parseImport(text);
  if (!parsed.ok) throw new UserError(parsed.message);
  const { templates: incoming, problems } = parsed.value;
  if (!incoming.length)
    throw new UserError(problems.length ? `No template could be imported. ${problems.slice(0, 3).join(' ')}` : 'That file holds no templates.');
  return update((list) => {
    const merged = mergeImport(list, incoming, now(), newId);
    if (!merged.ok) throw new UserError(merged.message);
    const { templates, added, replaced } = merged.value;
    const parts = [`Imported ${added + replaced} ${added + replaced === 1 ? 'template' : 'templates'}`];
    if (replaced) parts.push(`(${replaced} replaced one of the same name)`);
    let message = `${parts.join(' ')}.`;
    if (problems.length) message += ` Left out: ${problems.slice(0, 5).join(' ')}${problems.length > 5 ? ` …and ${problems.length - 5} more.` : ''}`;
    return { next: templates, result: { ok: true, templates, message } };
  });
}

export function exportUserTemplates(): TemplatesExport {
  const { templates, damaged } = readTemplates();
  if (damaged) throw new UserError('Your saved templates could not be read back, so there is nothing to export. Saving a template starts a new list.');
  if (!templates.length) throw new UserError('You have no templates of your own to export yet. Save one first.');
  return { ok: true, text: exportText(templates), fileName: 'interview-tracker-templates.json', count: templates.length };
}
