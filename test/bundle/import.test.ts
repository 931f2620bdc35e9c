// "Import contacts" through the built bundle: the dialog's server target, importContacts(csvText, options).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addOn, FIXTURES } from '../helpers.ts';
import { makeMessyHandmade } from '../fixtures/make-messy.mjs';
import type { EmuSheet } from '../../local/emulator/sheet.ts';
import type { ImportResult, SetupResult } from '../../src/shared/types.ts';

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
  return sheet.getRange(headerRow + 1, c, sheet.getLastRow() - headerRow, 1).getValues().map((r) => r[0]);
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
    expect(column(app.sheet, 'Stage').slice(before.values.length - 1).every((s) => s === 'To contact')).toBe(true);
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
    expect(formulas.slice(-2).flat().every((f) => f === '')).toBe(true);
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

  // Sizes that both need the grid to grow past its 1,000 rows: growing costs one more call.
  it('costs the same number of service calls for 1,200 and 2,500 contacts', () => {
    const runFor = (rows: number) => {
      const app = addOn({ csv: makeMessyHandmade({ rows, seed: 3 }).text, sheetName: 'Contacts' });
      app.bundle.run('setUpTracker');
      return app.bundle.run('importContacts', [makeMessyHandmade({ rows, seed: 4 }).text, {}]);
    };
    expect(runFor(2500).calls).toBe(runFor(1200).calls);
  });
});
