// The server functions the pages call through google.script.run, with their JSON types: the one
// protocol both sides compile against. The pages import this file, never the server's code, so
// each side is checked with only its own platform's types (tsconfig.client.json, .server.json);
// src/server/api-check.ts fails the server's type check if an entry point drifts from it.

import type { CoachResult, CoachSharingState, CoachUpdateResult, ShareWithCoachInput, StopSharingOptions } from './coach.ts';
import type {
  MarkSentInput,
  NextContactKind,
  NextContactResult,
  PitchContextResult,
  PitchSettings,
  SettingsResult,
  TemplateInput,
  TemplatesExport,
  TemplatesResult,
} from './pitch.ts';
import type { HistoryResult, ThanksResult, VoidEventInput, VoidResult } from './history.ts';
import type { EVENT_KINDS, EventKind } from '../core/logging/kinds.ts';
import type { ReminderSettings, RemindersResult } from './reminders.ts';
import type { EventInputs, ImportOptions, ImportResult, LogResult } from './types.ts';

type Kinds = typeof EVENT_KINDS;

/** Log dialogs: each event kind's log* target (core/logging/kinds.ts), taking its form's input. */
export type LogTargets = { [K in EventKind as Kinds[K]['log']]: (input: EventInputs[Kinds[K]['form']]) => LogResult };

export interface ServerApi extends LogTargets {
  // Import contacts dialog
  importContacts(csvText: string, options?: ImportOptions): ImportResult;
  // Pitch sidebar
  getPitchContext(row?: number | null): PitchContextResult;
  nextContact(kind: NextContactKind, afterRow?: number | null): NextContactResult;
  saveUserSettings(settings: PitchSettings): SettingsResult;
  listTemplates(): TemplatesResult;
  saveTemplate(template: TemplateInput): TemplatesResult;
  deleteTemplate(id: string): TemplatesResult;
  importTemplates(text: string): TemplatesResult;
  exportTemplates(): TemplatesExport;
  markMessageSent(input: MarkSentInput): LogResult;
  getContactHistory(contactId: string): HistoryResult;
  voidEvent(input: VoidEventInput): VoidResult;
  getThanksOffer(contactId: string): ThanksResult;
  // Share with coach dialog
  getCoachSharing(): CoachSharingState;
  shareWithCoachNow(input: ShareWithCoachInput): CoachResult;
  updateCoachViewNow(): CoachUpdateResult;
  stopSharingWithCoachNow(options?: StopSharingOptions): CoachResult;
  // Reminders dialog (its current settings come with the page)
  setReminders(settings: ReminderSettings): RemindersResult;
}

/**
 * The parts of T that google.script.run cannot carry (never when T is all JSON): anything but
 * strings, numbers, booleans, null, and arrays and plain objects of them. A Date (the call fails),
 * a function, a Map or a Set is kept. (A class instance with only data fields cannot be told from a
 * plain object by types.)
 */
export type NotJson<T> = T extends string | number | boolean | null | undefined
  ? never
  : T extends Date | ((...args: never[]) => unknown) | ReadonlyMap<unknown, unknown> | ReadonlySet<unknown>
    ? T
    : T extends readonly (infer U)[]
      ? NotJson<U>
      : T extends object
        ? { [K in keyof T]-?: NotJson<T[K]> }[keyof T]
        : T;

export type IsJson<T> = [NotJson<T>] extends [never] ? true : false;

/** For each server function, whether its arguments and its result are JSON. */
type JsonCheck = {
  [K in keyof ServerApi]: IsJson<Parameters<ServerApi[K]>> extends true
    ? IsJson<ReturnType<ServerApi[K]>> extends true
      ? true
      : 'returns something that is not JSON'
    : 'takes something that is not JSON';
};

// A type error here names the function whose arguments or result google.script.run cannot carry.
export const SERVER_API_IS_JSON: { [K in keyof ServerApi]: true } = null as unknown as JsonCheck;
