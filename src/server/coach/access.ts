// The coach's access to one spreadsheet, read and changed through Spreadsheet's own sharing
// methods. On the current spreadsheet these work under spreadsheets.currentonly; on the coach
// copy they need https://www.googleapis.com/auth/spreadsheets, as every method of a spreadsheet
// opened with openById or create does
// (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addEditor(String),
//  #addViewer(String), #removeEditor(String), #removeViewer(String): "spreadsheets.currentonly"
//  or "spreadsheets"). No Drive scope is needed for viewer and editor; commenter would need Drive.

import { sameEmail } from '../../core/coach/email.ts';
import type { Access, AccessOp } from '../../core/coach/access.ts';

type Ss = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function currentAccess(ss: Ss, email: string): Access {
  if (sameEmail(ss.getOwner()?.getEmail(), email)) return 'owner';
  if (ss.getEditors().some((u) => sameEmail(u.getEmail(), email))) return 'editor';
  if (ss.getViewers().some((u) => sameEmail(u.getEmail(), email))) return 'viewer';
  return 'none';
}

export function applyAccess(ss: Ss, email: string, ops: readonly AccessOp[]): void {
  for (const op of ops) {
    if (op === 'addEditor') ss.addEditor(email);
    else if (op === 'addViewer') ss.addViewer(email);
    else if (op === 'removeEditor') ss.removeEditor(email);
    else ss.removeViewer(email);
  }
}
