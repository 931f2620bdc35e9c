// The world both import fault tests start from: a tracker set up on hand-made.csv, and the
// LinkedIn file imported into it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import type { ImportResult, SetupResult } from '../../../src/shared/types.ts';

export const LINKEDIN = readFileSync(join(FIXTURES, 'linkedin-connections.csv'), 'utf8');
const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');

export type App = ReturnType<typeof addOn>;

/**
 * A tracker set up on hand-made.csv whose grid keeps `spare` empty rows below the table. The
 * LinkedIn file then adds contacts to 6 of them and fills empty cells of 2 contacts already there.
 */
export function tracker(spare: number, options: Omit<Parameters<typeof addOn>[0] & object, 'csv' | 'sheetName'> = {}): App {
  const app = addOn({ ...options, csv: HAND_MADE, sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  const sheet = app.ss.getSheetByName('Contacts')!;
  const extra = sheet.getMaxRows() - sheet.getLastRow() - spare;
  if (extra > 0) sheet.deleteRows(sheet.getLastRow() + spare + 1, extra);
  return app;
}

/** The LinkedIn file imported; a refusal fails the test. */
export function importOk(app: App): Extract<ImportResult, { ok: true }> {
  const r = app.bundle.run('importContacts', [LINKEDIN, {}]).result as ImportResult;
  if (!r.ok) throw new Error(r.message);
  return r;
}
