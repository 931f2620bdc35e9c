// Entry points of the tracker itself, re-exported by main.ts: Set up tracker.

import { listedWarnings } from '../../core/base/text.ts';
import type { SetupResult } from '../../shared/types.ts';
import { menuAction } from '../base/entry-point.ts';
import { setUpSheet } from './setup.ts';

/** Menu: Set up tracker, on the active sheet. Safe to run again: a re-run changes nothing. */
export function setUpTracker(): SetupResult {
  const result: SetupResult = menuAction(() => setUpSheet(SpreadsheetApp.getActiveSheet(), { interactive: true, active: true }), { lock: true });
  const ui = SpreadsheetApp.getUi();
  if (result.ok) {
    const listed = listedWarnings(result.warnings);
    const warnings = listed.length ? `\n\nPlease check:\n- ${listed.join('\n- ')}` : '';
    ui.alert('Tracker ready', `${result.summary}${warnings}`, ui.ButtonSet.OK);
  } else if (!result.cancelled) {
    ui.alert('Set up tracker', result.message, ui.ButtonSet.OK);
  }
  return result;
}
