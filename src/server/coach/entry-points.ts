// Sharing with a coach: menu items and the targets the Share with coach dialog calls.
// Re-exported by main.ts, so each is a top-level function of build/Code.js.

import type { CoachResult, CoachSharingState, CoachUpdateResult, ShareWithCoachInput, StopSharingOptions } from '../../shared/coach.ts';
import { menuAction, pageTarget } from '../base/entry-point.ts';
import { coachSharingState, currentCoach, shareWithCoachNow as share, stopSharingWithCoachNow as stop, updateCoachViewNow as update } from './sharing.ts';

const TITLE = 'Share with coach';

const guarded = (action: () => CoachResult): CoachResult => pageTarget(action, { lock: true });

/** Menu: Share with coach…, the dialog. */
export function shareWithCoach(): void {
  const html = HtmlService.createHtmlOutputFromFile('ShareDialog').setWidth(560).setHeight(640);
  SpreadsheetApp.getUi().showModalDialog(html, TITLE);
}

/** Dialog target: who the tracker is shared with, the columns the user can share, the warning. */
export function getCoachSharing(): CoachSharingState {
  return coachSharingState();
}

/** Dialog target: shares a coach copy or the tracker itself. Running it again changes nothing new. */
export function shareWithCoachNow(input: ShareWithCoachInput): CoachResult {
  return guarded(() => share(input));
}

/** Dialog target: brings the coach's feedback back, then rewrites the coach copy. */
export function updateCoachViewNow(): CoachUpdateResult {
  return pageTarget(() => update(), { lock: true });
}

/** Dialog target: takes back the access the add-on gave the coach. Safe to run again. */
export function stopSharingWithCoachNow(options?: StopSharingOptions): CoachResult {
  const forget = options !== null && typeof options === 'object' && options.forget === true;
  return guarded(() => stop({ forget }));
}

/** A dialog target called from the menu, which has no page: an unexpected error becomes a message too. */
const fromMenu = (action: () => CoachResult): CoachResult => menuAction(action, { lock: false });

/** Menu: Update coach view. */
export function updateCoachView(): CoachUpdateResult {
  const result: CoachUpdateResult = menuAction(updateCoachViewNow, { lock: false });
  const ui = SpreadsheetApp.getUi();
  ui.alert('Update coach view', result.message, ui.ButtonSet.OK);
  return result;
}

/** Menu: Stop sharing with coach, after a yes. */
export function stopSharingWithCoach(): CoachResult {
  const ui = SpreadsheetApp.getUi();
  const coach = currentCoach();
  if (coach) {
    const what = coach.mode === 'copy' ? 'the coach view' : 'this spreadsheet';
    const answer = ui.alert('Stop sharing with coach', `Take back the access the add-on gave ${coach.email} to ${what}?`, ui.ButtonSet.YES_NO);
    if (answer !== ui.Button.YES) return { ok: false, message: 'Nothing was changed.' };
  }
  const result = fromMenu(() => stopSharingWithCoachNow());
  if (!result.ok && result.canForget && coach) {
    const forget = ui.alert(
      'Stop sharing with coach',
      `${result.message}\n\nHave you removed ${coach.email} yourself? Choose Yes to make the add-on forget this coach.`,
      ui.ButtonSet.YES_NO,
    );
    if (forget !== ui.Button.YES) return result;
    const forgotten = fromMenu(() => stopSharingWithCoachNow({ forget: true }));
    ui.alert('Stop sharing with coach', forgotten.message, ui.ButtonSet.OK);
    return forgotten;
  }
  ui.alert('Stop sharing with coach', result.message, ui.ButtonSet.OK);
  return result;
}
