// Types that cross google.script.run between the pitch sidebar and the server: plain JSON only,
// dates as ISO "YYYY-MM-DD" strings.

import type { PitchSettings } from '../core/pitch/settings.ts';
import type { TemplateInput, UserTemplate } from '../core/pitch/store.ts';
import type { TemplatePurpose } from '../core/pitch/templates.ts';

export type { PitchSettings, TemplateInput, UserTemplate, TemplatePurpose };

export type Failure = { ok: false; message: string };

/** A cell as JSON: text, number or boolean; a date cell becomes "YYYY-MM-DD". */
export type CellJson = string | number | boolean;

export interface PitchContact {
  /** 1-based sheet row. */
  row: number;
  /** Contact ID, '' when the row has none yet. */
  id: string;
  name: string;
  /** The first valid address of the email column, or ''. */
  email: string;
  company: string;
  stage: string;
  relationship: string;
  /** The referrer's name (Referred by holds their ID), or what the cell says if it is not an ID. */
  referrerName: string;
  /** The current header of the Referred by column, which the user may have renamed. */
  referredByHeader: string;
  interviewDate: string;
  nextFollowUp: string;
  /** Every column of the row, by header. */
  values: Record<string, CellJson>;
}

export interface PitchContext {
  ok: true;
  sheetName: string;
  /** The tracker's headers, in column order (for the list of merge fields). */
  headers: string[];
  contact: PitchContact | null;
  /** Why no contact is shown, in plain words ('' when one is). */
  note: string;
  settings: PitchSettings;
  templates: UserTemplate[];
  /** The saved templates could not be read back; saving again replaces them. */
  templatesDamaged: boolean;
  /** Today in the spreadsheet's time zone. */
  today: string;
  timeZone: string;
}

export type PitchContextResult = PitchContext | Failure;

/** toContact: the next contact still To contact; followUp: the next one whose follow-up is due. */
export type NextContactKind = 'toContact' | 'followUp';

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
