// Several files, their owners and sharing lists, and scripts run by different users: who may
// open a spreadsheet with openById, who may change it, and which cells protections keep them from.
//
// Pinned behaviours (sources):
// - A file is owned by the user who created it (SpreadsheetApp.create makes the script's user the
//   owner) and is shared per user as viewer or editor with Spreadsheet.addViewer/addEditor;
//   addEditor promotes a viewer, addViewer has no effect on an editor, and removeViewer does not
//   remove an editor. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
//   (#addEditor(String), #addViewer(String), #removeViewer(String)).
// - getViewers() is "the list of viewers and commenters", and removeViewer removes the user "from
//   the list of viewers and commenters" (the wording of Google's reference for these methods, e.g.
//   https://developers.google.com/apps-script/reference/sites/site#getViewers(), the same Drive
//   sharing family as Spreadsheet#getViewers()). So getViewers lists neither editors nor the
//   owner. SpreadsheetApp cannot make anyone a commenter (DriveApp can): tests put commenters on
//   a file through `_commenters`, as if shared in Drive.
// - Email addresses are compared without regard to case, as Google accounts are.
// - Opening a file the user has no access to fails with "You do not have permission to access the
//   requested document." (the message Apps Script projects report and catch, e.g. scripts that
//   treat "Exception: You do not have permission to access the requested document." as a missing
//   share; see local/emulator/README.md).
// - A file deleted for good: "Document <id> is missing (perhaps it was deleted, or you don't have
//   read access?)", the message scripts report for openById on a deleted file (seen in public Apps
//   Script execution logs and in scripts that catch it). An id that never named a file gives
//   "Unexpected error while getting the method or property openById on object SpreadsheetApp."
//   (spreadsheet.ts). Google documents neither message.
// - A protection stops the users it does not list from editing its cells, with "You are trying to
//   edit a protected cell or object. Please contact the spreadsheet owner to remove protection if
//   you need to edit." (the message Sheets and its APIs give); a warning-only protection stops
//   nobody; the owner can always edit. Until a script changes its editors, a new protection's
//   editors mirror the spreadsheet's, "which effectively means that the range remains
//   unprotected" (https://developers.google.com/apps-script/reference/spreadsheet/range#protect()).
// Unconfirmed, chosen by the emulator: a viewer's script writing to the file gets the no-access
// message (Google does not document it); an address without one "@" and a dotted domain is refused
// with "Invalid email: <address>" by the sharing methods; addViewer on a commenter makes them a
// viewer (Google does not say; this is the stricter reading: it takes their comment access away);
// a domain's sharing policy refuses addEditor/addViewer with SHARING_BLOCKED, a stand-in: the Drive
// API reports this refusal with the reason "shareOutNotPermitted", and Apps Script's own wording
// is not documented.

import { GasException, RT } from '../runtime.ts';
import { EmuSpreadsheet } from '../spreadsheet/spreadsheet.ts';
import { EmuSheet } from '../spreadsheet/sheet.ts';
import { EmuRange } from '../spreadsheet/range.ts';
import type { GridRect } from '../spreadsheet/a1.ts';
import { mayEditProtected, normEmail } from '../spreadsheet/metadata.ts';

export type FileAccess = 'owner' | 'editor' | 'commenter' | 'viewer' | null;

export const NO_ACCESS = 'You do not have permission to access the requested document.';
export const PROTECTED = 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';
export const SHARING_BLOCKED = 'Sharing outside of your organization is not allowed.';

export const missingDocument = (id: string) => `Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`;

/** A Workspace domain that lets its users share only with addresses in `allowedDomains`. */
export interface SharingPolicy {
  allowedDomains: readonly string[];
  /** What addEditor/addViewer throw for an address outside them (default SHARING_BLOCKED). */
  message?: string;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** The access `email` has to `ss` through its sharing list, or its owner's domain (`_domainCanEdit`). */
export function accessOf(ss: EmuSpreadsheet, email: string): FileAccess {
  const e = normEmail(email);
  if (ss._owner !== null && normEmail(ss._owner) === e) return 'owner';
  if (ss._editors.has(e)) return 'editor';
  if (ss._commenters.has(e)) return 'commenter';
  if (ss._viewers.has(e)) return 'viewer';
  if (ss._domainCanEdit && ss._owner !== null && domainOf(e) === domainOf(normEmail(ss._owner))) return 'editor';
  return null;
}

/** openById as the active user: null for no such file; Google's error for a file they cannot open. */
export function openAs(files: ReadonlyMap<string, EmuSpreadsheet>, id: string, user: string, deleted: ReadonlySet<string> = new Set()): EmuSpreadsheet | null {
  if (deleted.has(id)) throw new GasException(missingDocument(id));
  const ss = files.get(id);
  if (!ss) return null;
  if (accessOf(ss, user) === null) throw new GasException(NO_ACCESS);
  return ss;
}

const overlaps = (a: GridRect, b: GridRect) => a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
const inside = (a: GridRect, b: GridRect) =>
  a.row >= b.row && a.col >= b.col && a.row + a.numRows <= b.row + b.numRows && a.col + a.numCols <= b.col + b.numCols;

/** Throws Google's message when `rect` (null: the sheet's structure) holds cells `user` may not edit. */
function checkProtections(sheet: EmuSheet, rect: GridRect | null, user: string): void {
  const ss = sheet._ss;
  for (const p of sheet._protections) {
    if (mayEditProtected(ss, p, user)) continue;
    if (p.rect === null) {
      // A protected sheet: only cells wholly inside its unprotected ranges may be edited.
      if (rect && p.unprotected.some((u) => inside(rect, u))) continue;
      throw new GasException(PROTECTED);
    }
    if (rect === null || overlaps(rect, p.rect)) throw new GasException(PROTECTED);
  }
}

/** Throws what a write to `rect` of `sheet` by `user` meets: no edit access, or a protection that does not list them. */
export function checkEdit(sheet: EmuSheet, rect: GridRect, user: string): void {
  const access = accessOf(sheet._ss, user);
  if (access !== 'owner' && access !== 'editor') throw new GasException(NO_ACCESS);
  checkProtections(sheet, rect, user);
}

// Methods that change a file. Selecting (setActive*, activate) is allowed to viewers.
const WRITES = /^(set(?!Active|CurrentCell)|insert|delete|clear|add|remove|merge|breakApart|protect|hide|show|append|move|rename|auto|sort)/;
const SHARING = /^(addEditor|addViewer|removeEditor|removeViewer)$/;
// Sheet methods that change cells or structure (a protected sheet refuses them); the others
// (tab colour, hiding, freezing) are left to editors as Sheets lets them.
const SHEET_CONTENT = /^(insert|delete|clear|appendRow|sort|move|autoResize)/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let depth = 0;

function emailOf(arg: unknown): unknown {
  return typeof arg === 'string' ? arg : (arg as { getEmail?: () => string } | undefined)?.getEmail?.();
}

function checkSharing(ss: EmuSpreadsheet, key: string, args: unknown[]): void {
  const email = emailOf(args[0]);
  if (typeof email !== 'string' || !EMAIL.test(email.trim())) throw new GasException(`Invalid email: ${String(email)}`);
  const policy = ss[RT].sharingPolicy;
  if (policy && (key === 'addEditor' || key === 'addViewer')) {
    const domain = normEmail(email).split('@')[1];
    if (!policy.allowedDomains.some((d) => normEmail(d) === domain)) throw new GasException(policy.message ?? SHARING_BLOCKED);
  }
}

function guard(
  ctor: { prototype: object },
  fileOf: (self: never) => EmuSpreadsheet,
  protectedArea?: (self: never, key: string) => { sheet: EmuSheet; rect: GridRect | null } | null,
): void {
  const proto = ctor.prototype as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor' || key.startsWith('_') || !WRITES.test(key)) continue;
    const desc = Object.getOwnPropertyDescriptor(proto, key);
    if (!desc || typeof desc.value !== 'function') continue;
    const fn = desc.value as (...args: unknown[]) => unknown;
    Object.defineProperty(proto, key, {
      ...desc,
      value: function (this: unknown, ...args: unknown[]) {
        // Only the outermost call is the script's; the emulator's calls to itself are not checked.
        if (depth === 0) {
          const ss = fileOf(this as never);
          const user = ss[RT].activeUser;
          const access = accessOf(ss, user);
          if (access !== 'owner' && access !== 'editor') throw new GasException(NO_ACCESS);
          if (SHARING.test(key)) checkSharing(ss, key, args);
          const area = protectedArea?.(this as never, key);
          if (area) checkProtections(area.sheet, area.rect, user);
        }
        depth++;
        try {
          return fn.apply(this, args);
        } finally {
          depth--;
        }
      },
    });
  }
}

guard(EmuSpreadsheet, (ss: EmuSpreadsheet) => ss);

// The sharing lists are an editor's to read. Google's reference for Spreadsheet.getEditors() and
// getViewers(): "If the user who executes the script does not have edit access to the
// Spreadsheet, this method throws an exception." (the wording of the reference as mirrored in the
// typed Apps Script facades, e.g. the Scala.js bindings' Spreadsheet trait; the live page no longer
// says it). The message is not documented: NO_ACCESS stands in for it.
for (const key of ['getEditors', 'getViewers'] as const) {
  const read = EmuSpreadsheet.prototype[key];
  Object.defineProperty(EmuSpreadsheet.prototype, key, {
    configurable: true,
    writable: true,
    value: function (this: EmuSpreadsheet) {
      const access = accessOf(this, this[RT].activeUser);
      if (depth === 0 && access !== 'owner' && access !== 'editor') throw new GasException(NO_ACCESS);
      return read.call(this);
    },
  });
}
guard(
  EmuSheet,
  (sheet: EmuSheet) => sheet._ss,
  (sheet: EmuSheet, key) => (SHEET_CONTENT.test(key) ? { sheet, rect: null } : null),
);
guard(
  EmuRange,
  (range: EmuRange) => range._sheet._ss,
  // Protecting is not editing: a range's protect() is checked by the access check alone.
  (range: EmuRange, key) => (key === 'protect' ? null : { sheet: range._sheet, rect: range._rect }),
);
