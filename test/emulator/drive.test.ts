// Several files, owners, sharing lists and users (local/emulator/drive.ts). Each case cites
// where Google documents the behaviour, or says that the emulator chose it.
import { describe, expect, it } from 'vitest';
import { Emulator } from '../../local/emulator/index.ts';
import { accessOf, NO_ACCESS } from '../../local/emulator/drive.ts';
import type { EmuSpreadsheetApp } from '../../local/emulator/spreadsheet.ts';

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
    expect(coachFile.getOwner().getEmail()).toBe('coach@example.com');
    expect(emu.rt.activeUser).toBe('me@example.com');
    expect(app.create('Mine').getOwner().getEmail()).toBe('me@example.com');
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

  // Emulator's choice (Google's wording for a malformed address is not documented).
  it('the sharing methods refuse a malformed address', () => {
    const { mine } = setup();
    expect(() => mine.addViewer('not an email')).toThrow('Invalid email: not an email');
    expect(() => mine.addEditor('x@y')).toThrow(/Invalid email/);
    expect(mine.getViewers().map((u) => u.getEmail())).toEqual(['me@example.com']);
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
