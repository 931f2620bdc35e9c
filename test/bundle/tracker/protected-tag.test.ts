// Set up tracker by an editor where the owner protected a few cells of a contact column the
// add-on tags (not a cell it writes). protectionProblem checks the cells setup writes and formats,
// not the columns it tags, so the tag's write meets the protection: through the Sheets API the
// whole batch is refused (nothing written), through SpreadsheetApp the run stops half-way (tags,
// block already written), and either way the user reads "Something went wrong that the add-on did
// not expect" with Google's raw text, not the "... is protected ... Nothing was changed." setup
// gives for a protected target.
// Skipped: whether Google refuses developer metadata on a column holding a protected cell is the
// emulator's assumption (Range.addDeveloperMetadata and createDeveloperMetadata are checked as
// writes), unconfirmed; the fix (tagged columns in setup's protection check, or tags not refused)
// depends on it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { differenceOf } from '../fault-sweep.ts';
import { emulatorState } from '../../../local/emulator/state.ts';
import type { SetupResult } from '../../../src/shared/types.ts';

const HAND_MADE = readFileSync(join(FIXTURES, 'hand-made.csv'), 'utf8');
const EDITOR = 'editor@example.com';

function setUpAsEditor(route: 'api' | 'not enabled', a1: string) {
  const app = addOn({ csv: HAND_MADE, sheetName: 'Contacts', ...(route === 'not enabled' ? { advancedServices: [] } : {}) });
  app.ss.addEditor(EDITOR);
  const protection = app.ss.getSheetByName('Contacts')!.getRange(a1).protect().setDescription('Owner only');
  protection.removeEditors(protection.getEditors());
  const before = emulatorState(app.emu);
  const result = app.emu.actAs(EDITOR, () => app.bundle.run('setUpTracker', [], { select: 'Contacts!A1' }).result as SetupResult);
  return { result, changed: differenceOf(emulatorState(app.emu), before) };
}

describe('Set up tracker by an editor, a few cells of a contact column protected', () => {
  for (const route of ['api', 'not enabled'] as const)
    it.skip(`${route}: works, or names the protected cell and changes nothing`, () => {
      const { result, changed } = setUpAsEditor(route, 'A3:B4');
      if (result.ok) return;
      expect(result.message).toMatch(/is protected.*Nothing was changed\.$/);
      expect(changed).toBe('');
    });
});
