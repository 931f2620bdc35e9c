// Entry points of the pitch sidebar, re-exported by main.ts: the menu item that opens it and the
// targets its page calls. Targets never throw for a problem the user can fix (no tracker, bad
// input, a full store, a busy lock): they return { ok: false, message } for the page to show.

import type { LogResult } from '../../shared/types.ts';
import type {
  Failure,
  MarkSentInput,
  NextContactKind,
  NextContactResult,
  PitchContextResult,
  PitchSettings,
  SettingsResult,
  TemplateInput,
  TemplatesExport,
  TemplatesResult,
} from '../../shared/pitch.ts';
import { pageTarget } from '../base/entry-point.ts';
import { findNextContact, markSent, openPitchSidebar, pitchContext } from './pitch.ts';
import { deleteUserTemplate, exportUserTemplates, importUserTemplates, readTemplates, saveUserTemplate, writeSettings } from './templates-store.ts';

const answer = <T>(action: () => T): T | Failure => pageTarget(action, { lock: false });

/** Menu: Draft a pitch… opens the sidebar. */
export function showPitchSidebar(): void {
  openPitchSidebar();
}

/** Sidebar: the contact on `row` (default: the selected row), the user's details and templates. */
export function getPitchContext(row?: number | null): PitchContextResult {
  return answer(() => pitchContext(row));
}

/** Sidebar: the next contact still To contact, or the next follow-up due, after `afterRow`. */
export function nextContact(kind: NextContactKind, afterRow?: number | null): NextContactResult {
  return answer(() => findNextContact(kind, afterRow));
}

/** Sidebar: saves the user's own details ({{My name}} …) and word limit. */
export function saveUserSettings(settings: PitchSettings): SettingsResult {
  return answer(() => ({ ok: true as const, settings: writeSettings(settings) }));
}

/** Sidebar: the user's own templates. */
export function listTemplates(): TemplatesResult {
  return answer(() => {
    const { templates, damaged } = readTemplates();
    return { ok: true as const, templates, message: damaged ? 'Your saved templates could not be read back. Saving a template starts a new list.' : '' };
  });
}

/** Sidebar: saves a template: an update of the one with that ID (a rename too), else a new one; a name another template has is refused. */
export function saveTemplate(template: TemplateInput): TemplatesResult {
  return answer(() => saveUserTemplate(template));
}

export function deleteTemplate(id: string): TemplatesResult {
  return answer(() => deleteUserTemplate(id));
}

/** Sidebar: adds the templates of an export file's text; same names replace. */
export function importTemplates(text: string): TemplatesResult {
  return answer(() => importUserTemplates(text));
}

export function exportTemplates(): TemplatesExport {
  return answer(() => exportUserTemplates());
}

/** Sidebar: Mark as sent, logged exactly as the menu's Mark pitch sent (or follow-up, thank-you). */
export function markMessageSent(input: MarkSentInput): LogResult {
  return answer(() => markSent(input));
}
