// Several files, their owners and sharing lists, and scripts run by different users: who may
// open a spreadsheet with openById, and who may change it.
//
// Pinned behaviours (sources):
// - A file is owned by the user who created it (SpreadsheetApp.create makes the script's user the
//   owner) and is shared per user as viewer or editor with Spreadsheet.addViewer/addEditor;
//   addEditor promotes a viewer, addViewer has no effect on an editor, and removeViewer does not
//   remove an editor. https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet
//   (#addEditor(String), #addViewer(String), #removeViewer(String)).
// - Opening a file the user has no access to fails with "You do not have permission to access the
//   requested document." (the message Apps Script projects report and catch, e.g. scripts that
//   treat "Exception: You do not have permission to access the requested document." as a missing
//   share; see local/emulator/README.md).
// Unconfirmed, chosen by the emulator: a viewer's script writing to the file gets the same message
// (Google does not document it); an address without one "@" and a dotted domain is refused with
// "Invalid email: <address>" by the sharing methods.

import { GasException, RT } from './runtime.ts';
import { EmuSpreadsheet } from './spreadsheet.ts';
import { EmuSheet } from './sheet.ts';
import { EmuRange } from './range.ts';

export type FileAccess = 'owner' | 'editor' | 'viewer' | null;

export const NO_ACCESS = 'You do not have permission to access the requested document.';

const norm = (email: string) => email.trim().toLowerCase();

/** The access `email` has to `ss` through its sharing list. */
export function accessOf(ss: EmuSpreadsheet, email: string): FileAccess {
  const e = norm(email);
  if (norm(ss._owner) === e) return 'owner';
  if ([...ss._editors].some((x) => norm(x) === e)) return 'editor';
  if ([...ss._viewers].some((x) => norm(x) === e)) return 'viewer';
  return null;
}

/** openById as the active user: null for no such file; Google's error for a file they cannot open. */
export function openAs(files: ReadonlyMap<string, EmuSpreadsheet>, id: string, user: string): EmuSpreadsheet | null {
  const ss = files.get(id);
  if (!ss) return null;
  if (accessOf(ss, user) === null) throw new GasException(NO_ACCESS);
  return ss;
}

// Methods that change a file. Selecting (setActive*, activate) is allowed to viewers.
const WRITES = /^(set(?!Active|CurrentCell)|insert|delete|clear|add|remove|merge|breakApart|protect|hide|show|append|move|rename|auto)/;
const SHARING = /^(addEditor|addViewer|removeEditor|removeViewer)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

let depth = 0;

function guard(ctor: { prototype: object }, fileOf: (self: never) => EmuSpreadsheet): void {
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
          const access = accessOf(ss, ss[RT].activeUser);
          if (access !== 'owner' && access !== 'editor') throw new GasException(NO_ACCESS);
          if (SHARING.test(key)) {
            const email = typeof args[0] === 'string' ? args[0] : (args[0] as { getEmail?: () => string } | undefined)?.getEmail?.();
            if (typeof email !== 'string' || !EMAIL.test(email.trim())) throw new GasException(`Invalid email: ${String(email)}`);
          }
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
guard(EmuSheet, (sheet: EmuSheet) => sheet._ss);
guard(EmuRange, (range: EmuRange) => range._sheet._ss);
