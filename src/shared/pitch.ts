// Types that cross google.script.run between the pitch sidebar and the server: plain JSON only,
// dates as ISO "YYYY-MM-DD" strings.

import type { PitchSettings } from '../core/pitch/settings.ts';
import type { TemplateInput, UserTemplate } from '../core/pitch/store.ts';
import type { TemplatePurpose } from '../core/pitch/templates.ts';
import type { PitchContact } from '../core/pitch/contact.ts';

export type { PitchSettings, TemplateInput, UserTemplate, TemplatePurpose };
export type { CellJson, NextContactKind, PitchContact } from '../core/pitch/contact.ts';

export type Failure = { ok: false; message: string };

/**
 * The user's details and templates, put into the page by the menu item that opens it (so the
 * page's calls for a contact need not read them again).
 */
export interface PitchUserData {
  settings: PitchSettings;
  templates: UserTemplate[];
  /** The saved templates could not be read back; saving again replaces them. */
  templatesDamaged: boolean;
}

export interface PitchContext {
  ok: true;
  /** The tracker's headers, in column order (for the list of merge fields). */
  headers: string[];
  contact: PitchContact | null;
  /** Why no contact is shown, in plain words ('' when one is). */
  note: string;
  /** Today in the spreadsheet's time zone. */
  today: string;
  timeZone: string;
}

export type PitchContextResult = PitchContext | Failure;

/** `nobody`: nobody is still to contact, or no follow-up is due: information, not an error. */
export type NextContactResult = { ok: true; contact: PitchContact; message: string } | (Failure & { nobody?: true });

export type SettingsResult = { ok: true; settings: PitchSettings } | Failure;

export type TemplatesResult = { ok: true; templates: UserTemplate[]; message: string; saved?: UserTemplate } | Failure;

export type TemplatesExport = { ok: true; text: string; fileName: string; count: number } | Failure;

export interface MarkSentInput {
  /** Made once per contact and message by the page: a repeated click logs nothing new. */
  eventId: string;
  contactId: string;
  purpose: TemplatePurpose;
  /** Goes into the Interview log's Details, with the template's name. */
  subject?: string;
  templateName?: string;
}
