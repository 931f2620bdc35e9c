// "Import contacts" through the built bundle: the dialog's server target, importContacts(csvText, options).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../../helpers.ts';
import { importExport, toCsv } from '../../../local/generate.ts';
import type { EmuSheet } from '../../../local/emulator/spreadsheet/sheet.ts';
import type { ImportResult, SetupResult } from '../../../src/shared/types.ts';

const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

function table(sheet: EmuSheet) {
  const r = sheet.getDataRange();
  return { values: r.getValues(), formulas: r.getFormulas() };
}

function header(sheet: EmuSheet, row = 1): string[] {
  return sheet.getRange(row, 1, 1, sheet.getLastColumn()).getValues()[0].map(String);
}

function column(sheet: EmuSheet, name: string, headerRow = 1): unknown[] {
  const c = header(sheet, headerRow).indexOf(name) + 1;
  if (c === 0) throw new Error(`no column ${name}`);
  return sheet
    .getRange(headerRow + 1, c, sheet.getLastRow() - headerRow, 1)
    .getValues()
    .map((r) => r[0]);
}

/** A tracker set up from the hand-made fixture. */
function tracker() {
  const app = addOn({ csv: fixture('hand-made.csv'), sheetName: 'Contacts' });
  const setup = app.bundle.run('setUpTracker').result as SetupResult;
  if (!setup.ok) throw new Error(setup.message);
  return { ...app, sheet: app.ss.getSheetByName('Contacts')! };
}

function imported(run: { result: unknown }): Extract<ImportResult, { ok: true }> {
  const r = run.result as ImportResult;
  if (!r.ok) throw new Error(`import failed: ${r.message}`);
  return r;
}

describe('importContacts', () => {
  it('adds a LinkedIn export to the tracker: preamble skipped, Relationship LinkedIn, IDs and stage set', () => {
    const app = tracker();
    const before = table(app.sheet);
    const r = imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), {}]));
    expect(r.format).toBe('linkedin');
    expect(r.summary.added).toBeGreaterThan(10);
    const after = table(app.sheet);
    // Every row that was there keeps every value, except cells that were empty.
    before.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== '' || before.formulas[i][j]) {
          expect(after.values[i][j]).toEqual(v);
          expect(after.formulas[i][j]).toBe(before.formulas[i][j]);
        }
      }),
    );
    const added = after.values.slice(before.values.length);
    expect(added).toHaveLength(r.summary.added);
    const rel = column(app.sheet, 'Relationship').slice(before.values.length - 1);
    expect(new Set(rel)).toEqual(new Set(['LinkedIn']));
    const ids = column(app.sheet, 'Contact ID');
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      column(app.sheet, 'Stage')
        .slice(before.values.length - 1)
        .every((s) => s === 'To contact'),
    ).toBe(true);
  });

  it('importing the same file again adds nothing and changes nothing', () => {
    const app = tracker();
    imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), {}]));
    const once = table(app.sheet);
    const again = imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), {}]));
    expect(again.summary.added).toBe(0);
    expect(again.summary.updated).toBe(0);
    expect(table(app.sheet)).toEqual(once);
  });

  it.each([
    ['google-contacts.csv', 'google'],
    ['google-contacts-legacy.csv', 'google-legacy'],
  ])('%s: detected, UTF-8 names kept, emails matched to existing contacts', (file, format) => {
    const app = tracker();
    const r = imported(app.bundle.run('importContacts', [fixture(file), {}]));
    expect(r.format).toBe(format);
    const names = column(app.sheet, 'FULL NAME');
    if (file === 'google-contacts-legacy.csv') expect(names).toContain('山田 太郎');
    expect(r.summary.added + r.summary.updated + r.summary.skipped).toBeGreaterThan(0);
    expect(names.length).toBe(new Set(column(app.sheet, 'Contact ID')).size);
  });

  it('merges with an existing contact by email, filling only empty cells and never overwriting', () => {
    const app = tracker();
    const names = column(app.sheet, 'FULL NAME');
    const row = names.indexOf('Prof. Amara Obi') + 2;
    const employer = header(app.sheet).indexOf('Employer') + 1;
    const phone = header(app.sheet).indexOf('Phone') + 1;
    expect(app.sheet.getRange(row, phone).getValue()).toBe('');
    const csv = 'Name,Email,Company,Phone\nAmara Obi,A.OBI@stateu.example.edu,Elsewhere Inc,+1 555 0199\n';
    const r = imported(app.bundle.run('importContacts', [csv, {}]));
    expect(r.summary).toMatchObject({ added: 0, updated: 1 });
    expect(app.sheet.getRange(row, phone).getValue()).toBe('+1 555 0199');
    expect(app.sheet.getRange(row, employer).getValue()).toBe('State University');
    expect(app.sheet.getRange(1, 1).getValue()).toBe('FULL NAME');
  });

  it('injection strings and look-alike numbers stay text', () => {
    const app = tracker();
    const csv = 'Name,Company,Email,Title\n"=HYPERLINK(""http://evil"",""x"")",+1 555,a@b.co,-2+3\n@mention,0012,c@d.co,=SUM(1)\n';
    imported(app.bundle.run('importContacts', [csv, {}]));
    const { values, formulas } = table(app.sheet);
    const last = values.slice(-2);
    expect(
      formulas
        .slice(-2)
        .flat()
        .every((f) => f === ''),
    ).toBe(true);
    expect(last[0]).toContain('=HYPERLINK("http://evil","x")');
    expect(last[0]).toContain('+1 555');
    expect(last[0]).toContain('-2+3');
    expect(last[1]).toContain('0012');
    expect(last[1]).toContain('=SUM(1)');
  });

  it('a preview (dryRun) reports without writing', () => {
    const app = tracker();
    const before = table(app.sheet);
    const r = imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), { dryRun: true }]));
    expect(r.dryRun).toBe(true);
    expect(r.summary.added).toBeGreaterThan(0);
    expect(table(app.sheet)).toEqual(before);
  });

  it('with no tracker yet, creates a Contacts tracker sheet and imports into it', () => {
    const app = addOn();
    const r = imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), {}]));
    expect(r.sheetName).toBe('Contacts');
    const sheet = app.ss.getSheetByName('Contacts')!;
    expect(header(sheet)).toEqual(expect.arrayContaining(['Name', 'Email', 'Contact ID', 'Stage']));
    expect(sheet.getLastRow() - 1).toBe(r.summary.added);
  });

  it('with no tracker yet and a sheet of the user\'s named "contacts", the new tracker sheet is "Contacts 2" (sheet names ignore case)', () => {
    const app = addOn();
    app.ss.insertSheet('contacts').getRange('A1').setValue('my own list');
    const r = imported(app.bundle.run('importContacts', [fixture('linkedin-connections.csv'), {}]));
    expect(r.sheetName).toBe('Contacts 2');
    expect(app.ss.getSheetByName('contacts')!.getDataRange().getValues()).toEqual([['my own list']]);
  });

  it('rejects what is not a CSV, or too big, with a clear message and no write', () => {
    const app = tracker();
    const before = table(app.sheet);
    for (const [text, pattern] of [
      ['{"name": "json"}', /CSV|header/i],
      ['\u0000\u0001binary', /CSV|text/i],
      ['', /empty/i],
    ] as const) {
      const r = app.bundle.run('importContacts', [text, {}]).result as ImportResult;
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toMatch(pattern);
    }
    const huge = `Name,Email\n${'Ada,ada@example.com\n'.repeat(31_000)}`;
    const r = app.bundle.run('importContacts', [huge, {}]).result as ImportResult;
    expect(!r.ok && r.message).toMatch(/30,000|too many|rows/i);
    const wrongType = app.bundle.run('importContacts', [42 as unknown as string, {}]).result as ImportResult;
    expect(wrongType.ok).toBe(false);
    expect(table(app.sheet)).toEqual(before);
  });

  it('bounds the calls spent filling scattered empty cells, reports the rest, and a re-run fills them', () => {
    // 300 contacts, every other one with a phone: the file brings 150 phones for the others,
    // each between two phones the user typed, so 150 separate places to write.
    const people = Array.from({ length: 300 }, (_, i) => [`Person ${i}`, `p${i}@example.com`]);
    const sheetCsv = `Name,Email,Phone\n${people.map(([n, e], i) => `${n},${e},${i % 2 ? `tel ${1000 + i}` : ''}`).join('\n')}\n`;
    const file = `Name,Email,Phone\n${people.map(([n, e], i) => `${n},${e},tel ${1000 + i}`).join('\n')}\n`;
    const app = addOn({ csv: sheetCsv, sheetName: 'Contacts' });
    app.bundle.run('setUpTracker');
    const sheet = app.ss.getSheetByName('Contacts')!;
    const run = app.bundle.run('importContacts', [file, {}]);
    const first = imported(run);
    expect(run.byMethod['Range.setValues']).toBeLessThanOrEqual(100);
    const deferred = first.summary.problems.filter((p) => /Import the file again/.test(p.reason));
    expect(deferred).toHaveLength(50);
    const again = imported(app.bundle.run('importContacts', [file, {}]));
    expect(again.summary).toMatchObject({ added: 0, updated: 50, problems: [] });
    expect(column(sheet, 'Phone')).toEqual(people.map((_, i) => `tel ${1000 + i}`));
    expect(imported(app.bundle.run('importContacts', [file, {}])).summary).toMatchObject({ added: 0, updated: 0 });
  });
});

describe('import: what the user wrote is never written over', () => {
  function smallTracker(csv: string) {
    const app = addOn({ csv, sheetName: 'Contacts' });
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    return { ...app, sheet: app.ss.getSheetByName('Contacts')! };
  }

  it('a Plain text column, a spilled ARRAYFORMULA and typed values between filled cells stay exactly as they were', () => {
    const app = smallTracker('Name,Email,Phone,Notes\nAda,ada@x.org,,\nBo,bo@x.org,,\nCy,cy@x.org,,\nDee,dee@x.org,,\n');
    const { sheet } = app;
    sheet.getRange('C2:C5').setNumberFormat('@');
    sheet.getRange('C3').setValue('0123 456');
    sheet.getRange('D3').setValue('=ARRAYFORMULA(UPPER(A3:A4))');
    const before = table(sheet);
    expect(before.values[2][3]).toBe('BO');
    expect(before.values[3][3]).toBe('CY');
    const csv = 'Name,Email,Phone,Notes\nAda,ada@x.org,+1 555 0101,first\nDee,dee@x.org,0044 20,last\n';
    const r = imported(app.bundle.run('importContacts', [csv, {}]));
    expect(r.summary).toMatchObject({ added: 0, updated: 2 });
    const after = table(sheet);
    expect(after.values[2][2]).toBe('0123 456');
    expect(after.formulas[2][3]).toBe('=ARRAYFORMULA(UPPER(A3:A4))');
    expect([after.values[2][3], after.values[3][3]]).toEqual(['BO', 'CY']);
    // The filled cells hold the text itself: no apostrophe is kept in a Plain text cell.
    expect([after.values[1][2], after.values[4][2]]).toEqual(['+1 555 0101', '0044 20']);
    expect([after.values[1][3], after.values[4][3]]).toEqual(['first', 'last']);
    before.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== '' || before.formulas[i][j]) expect([after.values[i][j], after.formulas[i][j]]).toEqual([v, before.formulas[i][j]]);
      }),
    );
  });

  it('finds the header again after the user inserted rows above it, and writes nothing into the wrong rows', () => {
    const app = tracker();
    const { sheet } = app;
    const width = sheet.getLastColumn();
    sheet.insertRowsBefore(1, 2);
    sheet.getRange('A1').setValue('My job-search contacts (do not edit above the table)');
    const before = table(sheet);
    const csv = 'Name,Email,Company,Phone\nAmara Obi,A.OBI@stateu.example.edu,Elsewhere Inc,+1 555 0199\nNew Person,new@example.com,Acme,\n';
    const r = imported(app.bundle.run('importContacts', [csv, {}]));
    expect(r.summary).toMatchObject({ added: 1, updated: 1 });
    const after = table(sheet);
    expect(after.values[0]).toEqual(before.values[0]);
    expect(after.values[1]).toEqual(before.values[1]);
    expect(after.values[2]).toEqual(before.values[2]);
    expect(sheet.getLastColumn()).toBe(width);
    const names = column(sheet, 'FULL NAME', 3);
    expect(names.filter((n) => n === 'New Person')).toHaveLength(1);
    expect(names.filter((n) => n === 'Prof. Amara Obi')).toHaveLength(1);
    const ids = column(sheet, 'Contact ID', 3);
    expect(ids[names.indexOf('New Person')]).toMatch(/^C-\d+$/);
    expect(column(sheet, 'Phone', 3)[names.indexOf('Prof. Amara Obi')]).toBe('+1 555 0199');
    // Another import keeps finding it.
    expect(imported(app.bundle.run('importContacts', [csv, {}])).summary).toMatchObject({ added: 0, updated: 0 });
  });

  it('refuses with a clear message, and writes nothing, when the header row cannot be found', () => {
    const app = tracker();
    const { sheet } = app;
    sheet.deleteRow(1);
    const before = table(sheet);
    const r = app.bundle.run('importContacts', ['Name,Email\nNew Person,new@example.com\n', {}]).result as ImportResult;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/header row/i);
    expect(table(sheet)).toEqual(before);
  });

  it('finds a renamed and moved contact column again instead of adding a second one', () => {
    const app = tracker();
    const { sheet } = app;
    const email = header(sheet).indexOf('e-mail') + 1;
    sheet.getRange(1, email).setValue('Work email');
    sheet.moveColumns(sheet.getRange(1, email, sheet.getMaxRows(), 1), 1);
    const width = sheet.getLastColumn();
    const r = imported(
      app.bundle.run('importContacts', ['Name,Email,Company\nRosa Jiménez,rosa@contoso.example,Contoso Health\nNew Person,new@example.com,Acme\n', {}]),
    );
    expect(r.summary).toMatchObject({ added: 1, updated: 1 });
    expect(sheet.getLastColumn()).toBe(width);
    expect(header(sheet).filter((h) => /e-?mail/i.test(h))).toEqual(['Work email']);
    const names = column(sheet, 'FULL NAME');
    const emails = column(sheet, 'Work email');
    expect(emails[names.indexOf('Rosa Jiménez')]).toBe('rosa@contoso.example');
    expect(emails[names.indexOf('New Person')]).toBe('new@example.com');
  });

  it('new rows past the original grid get the colour rules (follow-up and stage)', () => {
    const app = tracker();
    const { sheet } = app;
    imported(app.bundle.run('importContacts', [toCsv(importExport(1500, 0)), {}]));
    expect(sheet.getLastRow()).toBeGreaterThan(1200);
    const cols = [header(sheet).indexOf('Stage') + 1, header(sheet).indexOf('Next follow-up') + 1];
    const rules = sheet.getConditionalFormatRules().filter((r) => cols.includes(r.getRanges()[0].getColumn()));
    expect(rules).toHaveLength(7);
    for (const rule of rules) {
      expect(rule.getRanges()[0].getRow()).toBe(2);
      expect(rule.getRanges()[0].getLastRow()).toBe(sheet.getMaxRows());
    }
    // Again: the rules are not duplicated.
    imported(app.bundle.run('importContacts', [toCsv(importExport(1500, 0)), {}]));
    expect(sheet.getConditionalFormatRules()).toHaveLength(rules.length);
  });

  it('writes only allowed Stage values and reports the others', () => {
    const app = tracker();
    const r = imported(app.bundle.run('importContacts', ['Name,Email,Stage\nNew One,one@example.com,Whatever\nNew Two,two@example.com,scheduled\n', {}]));
    const names = column(app.sheet, 'FULL NAME');
    const stages = column(app.sheet, 'Stage');
    expect(stages[names.indexOf('New One')]).toBe('To contact');
    expect(stages[names.indexOf('New Two')]).toBe('Scheduled');
    expect(r.summary.problems).toEqual([expect.objectContaining({ line: 2, reason: expect.stringContaining('"Whatever" is not one of the Stage values') })]);
  });

  it('a LinkedIn row merging into a contact with an empty Relationship fills it with LinkedIn', () => {
    const app = tracker();
    const names = column(app.sheet, 'FULL NAME');
    const row = names.indexOf('Rosa Jiménez');
    expect(column(app.sheet, 'Relationship')[row]).toBe('');
    const csv =
      'Notes:\n"Some of your connections chose not to share their email address."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nRosa,Jiménez,https://www.linkedin.com/in/rosa-j,,Contoso Health,Nurse Manager,07 Dec 2025\n';
    const r = imported(app.bundle.run('importContacts', [csv, {}]));
    expect(r.format).toBe('linkedin');
    expect(r.summary).toMatchObject({ added: 0, updated: 1 });
    expect(column(app.sheet, 'Relationship')[row]).toBe('LinkedIn');
  });

  it('refuses a relationship option that is not one of the drop-down values', () => {
    const app = tracker();
    const before = table(app.sheet);
    const r = app.bundle.run('importContacts', ['Name\nNew One\n', { relationship: 'Bestie' }]).result as ImportResult;
    expect(!r.ok && r.message).toMatch(/Relationship must be one of/);
    expect(table(app.sheet)).toEqual(before);
  });

  it('with no tracker yet, a file too big for the spreadsheet creates no sheet', () => {
    const app = addOn();
    // 384,000 rows of 26 columns, and the new sheet's 1,000 rows: over 10 million cells.
    app.ss.getSheets()[0].insertRowsAfter(1000, 383_000);
    const sheets = app.ss.getSheets().map((s) => s.getName());
    const r = app.bundle.run('importContacts', [toCsv(importExport(1000, 0)), {}]).result as ImportResult;
    expect(!r.ok && r.message).toMatch(/10 million cells/);
    expect(app.ss.getSheets().map((s) => s.getName())).toEqual(sheets);
    expect(app.emu.properties.document.has('iit.tracker')).toBe(false);
  });
});

describe('import: nothing in the file is dropped or cut without saying so', () => {
  /** A tracker set up on a small hand-made sheet with the given header. */
  function small(headerLine: string, row: string) {
    const app = addOn({ csv: `${headerLine}\n${row}\n`, sheetName: 'Contacts' });
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    return { ...app, sheet: app.ss.getSheetByName('Contacts')! };
  }

  it('500 typed IDs too large to count: the import names the first ten, then says how many more, as Set up tracker does', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `P${i},p${i}@x.com,C-${10000000000 + i}`).join('\n');
    const app = addOn({ csv: `Name,Email,Contact ID\n${rows}\n`, sheetName: 'Contacts' });
    app.emu.ui.answer('YES');
    const setup = app.bundle.run('setUpTracker').result as SetupResult;
    if (!setup.ok) throw new Error(setup.message);
    const r = imported(app.bundle.run('importContacts', ['Name,Email\nNew Person,new@example.com\n', {}]));
    expect(r.summary.warnings).toHaveLength(11);
    expect(r.summary.warnings![0]).toBe(
      "Row 2 has the Contact ID C-10000000000, too large to come from the tracker's numbering (a typed ID?): new IDs are numbered without it. It was left as it is.",
    );
    expect(r.summary.warnings![10]).toBe('…and 490 more like these.');
  });

  it('names a column with data under a blank header, and a second column of the same name, as not imported', () => {
    const app = small('Name,Email', 'Bob Lee,bob@example.com');
    const blank = imported(app.bundle.run('importContacts', ['Name,,Email\nJane Doe,met at the fair,jane@example.com\n', {}]));
    expect(blank.summary.ignoredColumns).toEqual(['column B (no header)']);
    const twice = imported(app.bundle.run('importContacts', ['Name,Email,Email\nAda Byron,ada@example.com,ada@work.example\n', {}]));
    expect(twice.summary.ignoredColumns).toEqual(['column C "Email" (only the first Email column, B, was imported)']);
    expect(column(app.sheet, 'Email')).toContain('ada@example.com');
  });

  it("a second column of one of the user's own headers is said, not dropped in favour of the last one", () => {
    const app = small('Name,Priority', 'Bob Lee,high');
    const r = imported(app.bundle.run('importContacts', ['Name,Priority,Priority\nJane Doe,first,second\n', {}]));
    expect(column(app.sheet, 'Priority')).toEqual(['high', 'first']);
    expect(r.summary.ignoredColumns).toEqual(['column C "Priority" (only the first Priority column, B, was imported)']);
  });

  it('lists a value too long for a cell as a problem, with its line, column and length', () => {
    const app = small('Name,Notes', 'Bob Lee,short');
    const long = 'x'.repeat(60_000);
    const r = imported(app.bundle.run('importContacts', [`Name,Notes\nJane Doe,${long}\nAmy Wu,fine\n`, {}]));
    expect(r.summary.added).toBe(2);
    expect(r.summary.problems).toEqual([
      { line: 2, reason: 'Notes is 60,000 characters long; a cell holds at most 50,000, so only the first 49,999 were imported, followed by "…".' },
    ]);
    expect(String(column(app.sheet, 'Notes')[1])).toHaveLength(50_000);
  });

  it('splits a single Name into a First/Last name tracker as the referrals do: "Jane Q. Doe" is Jane / Q. Doe', () => {
    const app = small('First Name,Last Name,Email', 'Bob,Lee,bob@example.com');
    const r = imported(app.bundle.run('importContacts', ['Name,Email\nJane Q. Doe,jane@example.com\nCher,cher@example.com\n', {}]));
    expect(r.summary.added).toBe(2);
    expect(column(app.sheet, 'First Name')).toEqual(['Bob', 'Jane', 'Cher']);
    expect(column(app.sheet, 'Last Name')).toEqual(['Lee', 'Q. Doe', '']);
    // The same file again matches the rows it made by name: nothing is added twice.
    const again = imported(app.bundle.run('importContacts', ['Name\nJane Q. Doe\nCher\n', {}]));
    expect(again.summary.added).toBe(0);
  });
});
