// The active sheet of a new emulated spreadsheet, for tests of what the emulator's formulas compute.
import { Emulator } from '../../local/emulator/index.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

export function newSheet() {
  const emu = new Emulator({ scopes: null });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  return app.getActiveSpreadsheet().getActiveSheet();
}
