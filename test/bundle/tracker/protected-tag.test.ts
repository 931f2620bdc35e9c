// Set up tracker by an editor where the owner protected a few cells of a contact column the
// add-on tags (not a cell it writes). Whether Google refuses developer metadata on a column
// holding a protected cell is undocumented; the emulator refuses it as a write to the column
// (Range.addDeveloperMetadata and createDeveloperMetadata are checked as writes). Either way setup
// must not stop half-way (SpreadsheetApp) or be refused whole with Google's raw text (the Sheets
// API's batch): its protection check covers the lines it tags, so it names the protected cell and
// changes nothing, as for a protected cell it writes.
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
    it(`${route}: names the protected cell of the column it would tag, and changes nothing`, () => {
      const { result, changed } = setUpAsEditor(route, 'A3:B4');
      expect(result).toEqual({
        ok: false,
        message: expect.stringMatching(/^A3 on "Contacts" is protected \("Owner only"\), and you may not edit it\..*Nothing was changed\.$/),
      });
      expect(changed).toBe('');
    });
});
