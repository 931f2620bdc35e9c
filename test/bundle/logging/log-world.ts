// Shared by the logging tests: a tracker set up on hand-made.csv, the menu items and dialog
// targets run through the built bundle, and what the user sees in the tracker and the log.
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { EventDialogContext, LogResult, SetupResult } from '../../../src/shared/types.ts';

export const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');
// hand-made.csv after setup: rows 2-7 are C-0001 Jordan Ellis, C-0002 Prof. Amara Obi,
// C-0003 Rosa Jiménez, C-0004 Kenji Watanabe, C-0005 @handle, C-0006 Liam O'Connor; row 8 has no name.

export type App = ReturnType<typeof addOn> & { sheet: EmuSheet };

export function tracker(timeZone?: string): App {
  const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts', timeZone });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  return { ...app, sheet: app.ss.getSheetByName('Contacts')! };
}

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** Chooses a menu item with `select` selected; returns the context the dialog page received. */
export function open(app: App, fn: string, select: string): EventDialogContext {
  const before = app.emu.ui.dialogs.length;
  const result = app.bundle.run(fn, [], { select }).result as EventDialogContext | { ok: false; message: string };
  if ('ok' in result) throw new Error(result.message);
  expect(app.emu.ui.dialogs.length).toBe(before + 1);
  const dialog = app.emu.ui.dialogs.at(-1)!;
  const attr = /data-context="([^"]*)"/.exec(dialog.html);
  const seen = JSON.parse(unescape(attr![1])) as EventDialogContext;
  expect(seen).toEqual(result);
  return seen;
}

export function log(app: App, fn: string, input: object): Extract<LogResult, { ok: true }> {
  const result = app.bundle.run(fn, [input]).result as LogResult;
  if (!result.ok) throw new Error(result.message);
  return result;
}

export function refused(app: App, fn: string, input: object): string {
  const result = app.bundle.run(fn, [input]).result as LogResult;
  if (result.ok) throw new Error('expected a refusal');
  return result.message;
}

export function headerOf(sheet: EmuSheet): string[] {
  return sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
}

/** What the user sees in a tracker column on a sheet row (dates as yyyy-mm-dd). */
export function shown(app: App, row: number, header: string): string {
  const c = headerOf(app.sheet).indexOf(header) + 1;
  if (c === 0) throw new Error(`no column ${header}`);
  return app.sheet.getRange(row, c).getDisplayValue();
}

export function logSheet(app: App): EmuSheet {
  return app.ss.getSheetByName('Interview log')!;
}

/** The Interview log as displayed, keyed by header. */
export function logRows(app: App): Record<string, string>[] {
  const sheet = logSheet(app);
  if (!sheet) return [];
  const [header, ...rows] = sheet.getDataRange().getDisplayValues();
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

export function snapshot(sheet: EmuSheet) {
  const r = sheet.getDataRange();
  return { values: r.getValues(), formulas: r.getFormulas() };
}

export const ids = (ctx: EventDialogContext) => ctx.contacts.map((c) => c.id);
