// Several files, owners, sharing lists and users (local/emulator/services/drive.ts). Each case cites
// where Google documents the behaviour, or says that the emulator chose it.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { accessOf, NO_ACCESS, PROTECTED, SHARING_BLOCKED } from '../../local/emulator/services/drive.ts';
import { emulatorState } from '../../local/emulator/state.ts';
import { DOMAIN_EDIT_CONSUMER } from '../../local/emulator/spreadsheet/metadata.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet/spreadsheet.ts';

const SHEETS = 'https://www.googleapis.com/auth/spreadsheets';

function setup(scopes: string[] | null = [SHEETS]) {
  const emu = new Emulator({ scopes });
  const app = emu.globals().SpreadsheetApp as EmuSpreadsheetApp;
  return { emu, app, mine: app.getActiveSpreadsheet() };
}

describe('owners and sharing lists', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String):
  // the new file belongs to the user running the script.
  it('create makes the active user the owner, and actAs changes the active user', () => {
    const { emu, app } = setup();
    const coachFile = emu.actAs('coach@example.com', () => app.create('Coach notes'));
    expect(coachFile.getOwner()!.getEmail()).toBe('coach@example.com');
    expect(emu.rt.activeUser).toBe('me@example.com');
    expect(app.create('Mine').getOwner()!.getEmail()).toBe('me@example.com');
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addEditor(String):
  // "If the user was already on the list of viewers, this method promotes the user out of the list of viewers."
  // #addViewer(String): "If the user was already on the list of editors, this method has no effect."
  it('addEditor promotes a viewer; addViewer leaves an editor an editor; removeViewer does not remove an editor', () => {
    const { mine } = setup();
    mine.addViewer('a@example.com');
    expect(accessOf(mine, 'A@Example.com')).toBe('viewer');
    mine.addEditor('a@example.com');
    expect(accessOf(mine, 'a@example.com')).toBe('editor');
    mine.addViewer('a@example.com');
    mine.removeViewer('a@example.com');
    expect(accessOf(mine, 'a@example.com')).toBe('editor');
    mine.removeEditor('a@example.com');
    expect(accessOf(mine, 'a@example.com')).toBeNull();
    expect(accessOf(mine, 'me@example.com')).toBe('owner');
  });

  // Google's reference for Spreadsheet.getEditors()/getViewers(): "If the user who executes the script does
  // not have edit access to the Spreadsheet, this method throws an exception." (message: a stand-in).
  it('only an owner or an editor may read the sharing lists: a viewer or a commenter gets an exception', () => {
    const { emu, mine } = setup();
    mine.addEditor('editor@example.com');
    mine.addViewer('viewer@example.com');
    mine._commenters.add('commenter@example.com');
    const lists = () => [mine.getEditors().map((u) => u.getEmail()), mine.getViewers().map((u) => u.getEmail())];
    expect(emu.actAs('editor@example.com', lists)).toEqual([
      ['me@example.com', 'editor@example.com'],
      ['viewer@example.com', 'commenter@example.com'],
    ]);
    for (const user of ['viewer@example.com', 'commenter@example.com']) {
      expect(() => emu.actAs(user, () => mine.getEditors()), user).toThrow(NO_ACCESS);
      expect(() => emu.actAs(user, () => mine.getViewers()), user).toThrow(NO_ACCESS);
    }
    // Anyone in the owner's Workspace domain may edit: they may read the lists too.
    mine._domainCanEdit = true;
    expect(emu.actAs('someone@example.com', () => mine.getEditors().length)).toBe(2);
  });

  // Emulator's choice (Google's wording for a malformed address is not documented).
  it('the sharing methods refuse a malformed address', () => {
    const { mine } = setup();
    expect(() => mine.addViewer('not an email')).toThrow('Invalid email: not an email');
    expect(() => mine.addEditor('x@y')).toThrow(/Invalid email/);
    expect(mine.getViewers().map((u) => u.getEmail())).toEqual([]);
  });

  // Google accounts ignore the case of an address: what addEditor added, removeEditor removes.
  it('compares addresses without regard to case', () => {
    const { mine } = setup();
    mine.addEditor('Coach@Example.com');
    expect(accessOf(mine, 'coach@example.com')).toBe('editor');
    mine.removeEditor('coach@EXAMPLE.com');
    expect(accessOf(mine, 'coach@example.com')).toBeNull();
    mine.addViewer('Coach@example.com');
    mine.removeViewer(' coach@example.com');
    expect(accessOf(mine, 'coach@example.com')).toBeNull();
    expect(mine.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com']);
  });

  // Spreadsheet#getViewers: "the list of viewers and commenters"; #removeViewer removes the user
  // "from the list of viewers and commenters" (see drive.ts for the reference).
  it('getViewers lists viewers and commenters, not editors or the owner; removeViewer removes a commenter', () => {
    const { mine } = setup();
    mine.addViewer('v@example.com');
    mine.addEditor('e@example.com');
    mine._commenters.add('c@example.com');
    expect(
      mine
        .getViewers()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['c@example.com', 'v@example.com']);
    expect(mine.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com', 'e@example.com']);
    expect(accessOf(mine, 'c@example.com')).toBe('commenter');
    mine.removeViewer('c@example.com');
    expect(accessOf(mine, 'c@example.com')).toBeNull();
    mine._commenters.add('c@example.com');
    mine.addEditor('c@example.com');
    expect(accessOf(mine, 'c@example.com')).toBe('editor');
  });
});

describe('a file in a shared drive', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner():
  // "Returns the owner of the document, or null for a document in a shared drive."
  it('has no owner: getOwner is null; the member who moved it there edits it; sharing works', () => {
    const { emu, mine } = setup();
    mine._moveToSharedDrive();
    expect(mine.getOwner()).toBeNull();
    expect(mine.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com']);
    expect(accessOf(mine, 'me@example.com')).toBe('editor');
    mine.addViewer('coach@example.com').addEditor('other@example.com');
    expect(mine.getViewers().map((u) => u.getEmail())).toEqual(['coach@example.com']);
    mine.removeEditor('other@example.com');
    expect(mine.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com']);
    expect(emulatorState(emu).files[0].owner).toBeNull();
  });

  it('a protection there stops everyone it does not list: no owner always edits', () => {
    const { emu, mine } = setup();
    mine.addEditor('coach@example.com');
    mine._moveToSharedDrive();
    const sheet = mine.getSheets()[0];
    const protection = sheet.protect();
    expect(
      protection
        .getEditors()
        .map((u) => u.getEmail())
        .sort(),
    ).toEqual(['coach@example.com', 'me@example.com']);
    protection.removeEditor('coach@example.com');
    expect(() => emu.actAs('coach@example.com', () => sheet.getRange('A1').setValue('x'))).toThrow(PROTECTED);
    sheet.getRange('A1').setValue('mine');
  });
});

describe('domain edit on protections', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean):
  // "Throws an exception if the spreadsheet does not belong to a Google Workspace domain (that is,
  // if it is owned by a gmail.com account)". The message is a stand-in (see metadata.ts).
  it('setDomainEdit throws for a consumer (gmail.com) account’s file; canDomainEdit is false there', () => {
    const emu = new Emulator({ scopes: null, user: 'me@gmail.com' });
    const sheet = emu.active.getSheets()[0];
    const protection = sheet.protect();
    expect(protection.canDomainEdit()).toBe(false);
    expect(() => protection.setDomainEdit(false)).toThrow(DOMAIN_EDIT_CONSUMER);
    expect(() => sheet.getRange('A1:B2').protect().setDomainEdit(true)).toThrow(DOMAIN_EDIT_CONSUMER);
  });

  // A new protection mirrors the file's access (range#protect()); setDomainEdit(false) takes the
  // domain's edit access away from the protected cells.
  it('in a Workspace file shared with its domain, a new protection lets the domain edit until setDomainEdit(false)', () => {
    const emu = new Emulator({ scopes: null, user: 'me@acme.com' });
    emu.active._domainCanEdit = true;
    emu.active.addEditor('someone@elsewhere.org');
    const sheet = emu.active.getSheets()[0];
    const protection = sheet.protect();
    protection.removeEditors(protection.getEditors());
    expect(protection.canDomainEdit()).toBe(true);
    emu.actAs('colleague@acme.com', () => sheet.getRange('A1').setValue('allowed'));
    expect(() => emu.actAs('someone@elsewhere.org', () => sheet.getRange('A1').setValue('x'))).toThrow(PROTECTED);
    protection.setDomainEdit(false);
    expect(protection.canDomainEdit()).toBe(false);
    expect(() => emu.actAs('colleague@acme.com', () => sheet.getRange('A1').setValue('x'))).toThrow(PROTECTED);
    expect(emulatorState(emu).files[0].sheets[0].protections[0]).not.toHaveProperty('domainEdit');
  });
});

describe('scopes of the sharing methods', () => {
  const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
  // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#addEditor(String) (and
  // addViewer, removeEditor, removeViewer, getEditors, getViewers): spreadsheets.currentonly or spreadsheets.
  it('refuse a script with neither spreadsheet scope, in the form Apps Script reports', () => {
    const { mine } = setup(['https://www.googleapis.com/auth/script.container.ui']);
    for (const call of [
      () => mine.addViewer('a@example.com'),
      () => mine.addEditor('a@example.com'),
      () => mine.removeEditor('a@example.com'),
      () => mine.removeViewer('a@example.com'),
      () => mine.getEditors(),
      () => mine.getViewers(),
    ]) {
      expect(call).toThrow(`Required permissions: (${CURRENT_ONLY} || ${SHEETS})`);
    }
    expect(mine._viewers.size + mine._editors.size).toBe(0);
  });

  it('work under spreadsheets.currentonly on the spreadsheet the script is bound to only', () => {
    const { emu, mine } = setup([CURRENT_ONLY]);
    mine.addViewer('a@example.com');
    expect(accessOf(mine, 'a@example.com')).toBe('viewer');
    const other = emu.createSpreadsheet('Other');
    expect(() => other.addViewer('a@example.com')).toThrow(/Required permissions/);
  });
});

describe('deleted, trashed and policy-blocked files', () => {
  // The message scripts report for openById on a file deleted for good (see drive.ts).
  it('openById on a file deleted for good says it is missing', () => {
    const { emu, app } = setup();
    const id = app.create('Gone').getId();
    emu.deleteFile(id);
    expect(() => app.openById(id)).toThrow(`Document ${id} is missing (perhaps it was deleted, or you don't have read access?)`);
  });

  // https://support.google.com/drive/answer/14933051: others keep access to a trashed file until it is deleted for good.
  it('a trashed file keeps its sharing and still opens', () => {
    const { emu, app } = setup();
    const file = app.create('In the trash');
    file.addEditor('coach@example.com');
    emu.trashFile(file.getId());
    expect(emu.actAs('coach@example.com', () => app.openById(file.getId()).getName())).toBe('In the trash');
    expect(app.openById(file.getId())._trashed).toBe(true);
  });

  // A stand-in for a Workspace domain that blocks sharing outside it (see drive.ts).
  it('a sharing policy refuses addresses outside the allowed domains', () => {
    const { emu, mine } = setup();
    emu.sharingPolicy = { allowedDomains: ['example.com'] };
    expect(() => mine.addEditor('coach@elsewhere.org')).toThrow(SHARING_BLOCKED);
    expect(() => mine.addViewer('coach@elsewhere.org')).toThrow(SHARING_BLOCKED);
    mine.addEditor('coach@Example.com');
    expect(accessOf(mine, 'coach@example.com')).toBe('editor');
  });
});

describe('protections', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#protect(): until the editors
  // are changed, a protection's editors mirror the spreadsheet's ("the range remains unprotected").
  it('a new protection stops no editor until its editors are changed; then only its editors and the owner edit', () => {
    const { emu, app, mine } = setup();
    mine.addEditor('coach@example.com');
    const sheet = mine.getSheets()[0];
    const protection = sheet.protect();
    const write = (a1: string) => emu.actAs('coach@example.com', () => app.openById(mine.getId()).getSheets()[0].getRange(a1).setValue('x'));
    write('A1');
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com', 'coach@example.com']);
    protection.removeEditors(protection.getEditors());
    expect(protection.getEditors().map((u) => u.getEmail())).toEqual(['me@example.com']);
    protection.setUnprotectedRanges([sheet.getRange('C:C')]);
    expect(() => write('A2')).toThrow(PROTECTED);
    expect(() => write('B2:C2')).toThrow(PROTECTED);
    expect(() => emu.actAs('coach@example.com', () => app.openById(mine.getId()).getSheets()[0].clear())).toThrow(PROTECTED);
    write('C5');
    expect(sheet.getRange('C5').getValue()).toBe('x');
    sheet.getRange('A2').setValue('owner'); // the owner always can
    protection.setWarningOnly(true);
    write('A3');
    expect(sheet.getRange('A3').getValue()).toBe('x');
  });
});

describe('what another user can open and change', () => {
  // The message scripts report for openById on a file the user cannot access:
  // "Exception: You do not have permission to access the requested document." (see drive.ts).
  it('openById by a user with no access throws Google’s error; sharing lets them in', () => {
    const { emu, app, mine } = setup();
    const id = mine.getId();
    expect(() => emu.actAs('coach@example.com', () => app.openById(id))).toThrow(NO_ACCESS);
    mine.addViewer('coach@example.com');
    expect(emu.actAs('coach@example.com', () => app.openById(id).getName())).toBe(mine.getName());
    mine.removeViewer('coach@example.com');
    expect(() => emu.actAs('coach@example.com', () => app.openById(id))).toThrow(NO_ACCESS);
  });

  it('a file that does not exist is a different error', () => {
    const { app } = setup();
    expect(() => app.openById('nope')).toThrow(/Unexpected error while getting the method or property openById/);
  });

  // Viewers can look but not change or share the file (https://support.google.com/drive/answer/2494822,
  // the roles of "Share files from Google Drive"); the access message for a viewer's write is the
  // emulator's choice.
  it('a viewer can read but not write, format, add sheets or share', () => {
    const { emu, app, mine } = setup();
    mine.getActiveSheet().getRange('A1').setValue('hello');
    mine.addViewer('coach@example.com');
    emu.actAs('coach@example.com', () => {
      const ss = app.openById(mine.getId());
      const sheet = ss.getSheets()[0];
      expect(sheet.getRange('A1').getValue()).toBe('hello');
      sheet.setActiveSelection('A1'); // selecting is not editing
      expect(() => sheet.getRange('A1').setValue('changed')).toThrow(NO_ACCESS);
      expect(() => sheet.getRange('A1').setNumberFormat('@')).toThrow(NO_ACCESS);
      expect(() => sheet.clear()).toThrow(NO_ACCESS);
      expect(() => ss.insertSheet('Mine')).toThrow(NO_ACCESS);
      expect(() => ss.addViewer('friend@example.com')).toThrow(NO_ACCESS);
    });
    expect(mine.getActiveSheet().getRange('A1').getValue()).toBe('hello');
    expect(mine.getSheets()).toHaveLength(1);
  });

  it('an editor can write', () => {
    const { emu, app, mine } = setup();
    mine.addEditor('coach@example.com');
    emu.actAs('coach@example.com', () => app.openById(mine.getId()).getSheets()[0].getRange('B2').setValue('feedback'));
    expect(mine.getSheets()[0].getRange('B2').getValue()).toBe('feedback');
  });

  it('openById still needs the spreadsheets scope, whoever runs it', () => {
    const { app, mine } = setup(['https://www.googleapis.com/auth/spreadsheets.currentonly']);
    expect(() => app.openById(mine.getId())).toThrow(`Required permissions: ${SHEETS}`);
  });
});
