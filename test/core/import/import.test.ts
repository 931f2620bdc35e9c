import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../src/core/tracker/cells.ts';
import { type ParsedCsv, parseContactsCsv } from '../../../src/core/import/csv.ts';
import { mapColumns } from '../../../src/core/tracker/headers.ts';
import { type ImportPlan, type TrackerTable, planImport } from '../../../src/core/import/import.ts';
import { TRACKER_COLUMNS } from '../../../src/core/tracker/schema.ts';
import { makeMessyHandmade } from '../../fixtures/make-messy.mjs';
import { fixture, put, rectangular } from '../fixtures.ts';

const TRACKER = TRACKER_COLUMNS.map((c) => c.header);

function csv(text: string): ParsedCsv {
  const result = parseContactsCsv(text);
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

function columnsOf(header: readonly Cell[]): Pick<TrackerTable, 'contact' | 'tracker' | 'own'> {
  const { contact, tracker, own } = mapColumns(header);
  return { contact, tracker, own };
}

function table(header: string[], rows: Cell[][] = [], extra: Partial<TrackerTable> = {}): TrackerTable {
  return { headerRow: 1, header, rows: rectangular([header, ...rows]).slice(1), formulas: [], ...columnsOf(header), idCounter: 0, ...extra };
}

/** The sheet after the server writes `plan` (header in row `headerRow`). */
function apply(t: TrackerTable, plan: ImportPlan): TrackerTable {
  const grid: Cell[][] = [[...t.header], ...t.rows.map((r) => [...r])];
  const at = (row: number) => row - t.headerRow + 1;
  for (const c of plan.newColumns) put(grid, 1, c.column, c.header);
  for (const f of plan.fills) put(grid, at(f.row), f.column, f.value);
  plan.append.forEach((row, i) => row.forEach((v, c) => put(grid, at(plan.appendAt) + i, c + 1, v)));
  const full = rectangular(grid);
  return { ...t, header: full[0] as string[], rows: full.slice(1), ...columnsOf(full[0]), idCounter: plan.idCounter };
}

function column(t: TrackerTable, header: string): Cell[] {
  const i = t.header.indexOf(header);
  return t.rows.map((r) => r[i]);
}

describe('planImport: a LinkedIn export into an empty tracker', () => {
  const tracker = table(['Name', 'Email', 'Company', ...TRACKER]);
  const plan = planImport(tracker, csv(fixture('linkedin-connections.csv')));

  it('adds every named person once and reports the rest by line', () => {
    expect(plan.summary).toEqual({
      added: 22,
      updated: 0,
      skipped: 2,
      problems: [
        { line: 18, reason: 'No name, so it was not imported.' },
        { line: 27, reason: 'Same person as line 5 (same LinkedIn profile); merged into it.' },
      ],
    });
  });

  it('adds columns for the fields the tracker lacks', () => {
    expect(plan.newColumns).toEqual([
      { column: 15, field: 'linkedin', header: 'LinkedIn' },
      { column: 16, field: 'title', header: 'Title' },
      { column: 17, field: 'connectedOn', header: 'Connected on' },
    ]);
  });

  it("lays rows out in the tracker's columns with ID, Relationship and Stage", () => {
    expect(plan.appendAt).toBe(2);
    expect(plan.append[0]).toEqual([
      'Priya Raman',
      '',
      'Northwind Analytics',
      'C-0001',
      'LinkedIn',
      '',
      'To contact',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'https://www.linkedin.com/in/priya-raman-4b21a7',
      'Senior Data Scientist',
      { year: 2025, month: 12, day: 7 },
    ]);
    expect(plan.append.map((r) => r[3])).toEqual(Array.from({ length: 22 }, (_, i) => `C-${String(i + 1).padStart(4, '0')}`));
    expect(plan.idCounter).toBe(22);
    expect(plan.append.every((r) => r.length === 17)).toBe(true);
  });

  it('keeps names with accents, CJK and emoji', () => {
    const names = plan.append.map((r) => r[0]);
    expect(names).toContain('José Álvarez Núñez');
    expect(names).toContain('田中 花子');
    expect(names).toContain("Sam 🚀 O'Neill");
  });

  it('writes injection strings as text', () => {
    const all = plan.append.flat();
    expect(all).toContain(`'=HYPERLINK("http://x","y")`);
    expect(all).toContain("'@handle");
    expect(all).toContain("'-minus");
    expect(all).toContain("'+1 555 0100");
    expect(all.filter((v) => typeof v === 'string' && /^[=+\-@]/.test(v))).toEqual([]);
  });

  it('changes nothing when the same file is imported again', () => {
    const after = apply(tracker, plan);
    const again = planImport(after, csv(fixture('linkedin-connections.csv')));
    expect(again.append).toEqual([]);
    expect(again.fills).toEqual([]);
    expect(again.newColumns).toEqual([]);
    expect(again.summary.added).toBe(0);
    expect(again.summary.updated).toBe(0);
    expect(again.summary.skipped).toBe(24);
    expect(again.summary.problems.map((p) => p.line)).toEqual([18, 27]);
    expect(column(after, 'Title')).toContain('=HYPERLINK("http://x","y")');
  });
});

describe('planImport: merging with contacts already in the tracker', () => {
  const header = ['Name', 'Email', 'Company', 'Title', 'LinkedIn', 'Phone', ...TRACKER];

  it('merges by email, filling only empty cells', () => {
    const tracker = table(header, [['Helen C.', 'helen.carter@example.com', '', 'My mentor', '', '']]);
    const plan = planImport(
      tracker,
      csv('First Name,Last Name,E-mail 1 - Value,Organization Name,Organization Title\nHelen,Carter,Helen.Carter@Example.com,Fabrikam,Director\n'),
    );
    expect(plan.append).toEqual([]);
    expect(plan.fills).toEqual([{ row: 2, column: 3, value: 'Fabrikam', line: 2 }]);
    expect(plan.summary).toMatchObject({ added: 0, updated: 1, skipped: 0, problems: [] });
  });

  it('merges by LinkedIn URL', () => {
    const tracker = table(header, [['Priya R', '', '', '', 'linkedin.com/in/priya-raman-4b21a7', '']]);
    const plan = planImport(tracker, csv('First Name,Last Name,URL,Company\nPriya,Raman,https://www.linkedin.com/in/priya-raman-4b21a7/,Northwind\n'));
    expect(plan.fills).toEqual([{ row: 2, column: 3, value: 'Northwind', line: 2 }]);
    expect(plan.summary.updated).toBe(1);
  });

  it('merges by name and company', () => {
    const tracker = table(header, [['José Álvarez', '', 'Fabrikam, Inc.', '', '', '']]);
    const plan = planImport(tracker, csv('Name,Company,Phone\njose alvarez,FABRIKAM,+1 555 0100\n'));
    expect(plan.fills).toEqual([{ row: 2, column: 6, value: "'+1 555 0100", line: 2 }]);
  });

  it('adds a namesake at another company as a new contact', () => {
    const tracker = table(header, [['Ana Lima', '', 'Acme', '', '', '']]);
    const plan = planImport(tracker, csv('Name,Company\nAna Lima,Globex\n'));
    expect(plan.summary.added).toBe(1);
  });

  it('never overwrites a typed value or a formula, even one that shows nothing', () => {
    const rows: Cell[][] = [['Ana Lima', 'ana@example.com', 'Acme (contract)', '', '', '']];
    const formulas = [['', '', '', '=IF(B2="","","?")', '', '']];
    const tracker = table(header, rows, { formulas });
    const plan = planImport(tracker, csv('Name,Email,Company,Title,Phone\nAna Lima,ana@example.com,Acme,Engineer,555\n'));
    expect(plan.fills).toEqual([{ row: 2, column: 6, value: "'555", line: 2 }]);
  });

  it('counts a match with nothing new as skipped, without a problem', () => {
    const tracker = table(header, [['Ana Lima', 'ana@example.com', 'Acme', '', '', '']]);
    const plan = planImport(tracker, csv('Name,Email,Company\nAna Lima,ana@example.com,Acme\n'));
    expect(plan.summary).toMatchObject({ added: 0, updated: 0, skipped: 1, problems: [] });
  });

  it('does not fill existing contacts when updateExisting is false', () => {
    const tracker = table(header, [['Ana Lima', 'ana@example.com', '', '', '', '']]);
    const plan = planImport(tracker, csv('Name,Email,Company\nAna Lima,ana@example.com,Acme\n'), { updateExisting: false });
    expect(plan.fills).toEqual([]);
    expect(plan.summary).toMatchObject({ added: 0, updated: 0, skipped: 1 });
  });

  it('gives a matched contact Relationship LinkedIn when it was empty, but no stage', () => {
    const tracker = table(header, [['Ana Lima', 'ana@example.com', '', '', '', '']]);
    const plan = planImport(
      tracker,
      csv(fixture('linkedin-connections.csv').replace('Priya,Raman', 'Ana,Lima').replace(',,Northwind', ',ana@example.com,Northwind')),
    );
    const columns = plan.fills.map((f) => f.column).sort((a, b) => a - b);
    // Company, Title, LinkedIn, Relationship (8) and the new Connected on column; not Stage (10).
    expect(columns).toEqual([3, 4, 5, 8, 18]);
    expect(plan.fills.find((f) => f.column === 8)!.value).toBe('LinkedIn');
  });

  it('leaves a Relationship the user typed as it is when a LinkedIn row matches', () => {
    const tracker = table(header, [['Ana Lima', 'ana@example.com', '', '', '', '', '', 'Friend']]);
    const plan = planImport(
      tracker,
      csv(fixture('linkedin-connections.csv').replace('Priya,Raman', 'Ana,Lima').replace(',,Northwind', ',ana@example.com,Northwind')),
    );
    expect(plan.fills.some((f) => f.column === 8)).toBe(false);
  });

  it('writes only allowed Stage, Relationship and Outcome values, matched case-insensitively, and reports the rest', () => {
    const plan = planImport(table(header), csv('Name,Stage,Relationship,Outcome\nAna,whatever,friend,OFFER\nBo,pitched,Colleague,Hired\n'));
    const at = (key: string) => header.indexOf(key);
    expect([plan.append[0][at('Stage')], plan.append[0][at('Relationship')], plan.append[0][at('Outcome')]]).toEqual(['To contact', 'Friend', 'Offer']);
    expect([plan.append[1][at('Stage')], plan.append[1][at('Relationship')], plan.append[1][at('Outcome')]]).toEqual(['Pitched', '', '']);
    expect(plan.summary.problems).toEqual([
      {
        line: 2,
        reason:
          '"whatever" is not one of the Stage values (To contact, Pitched, Followed up, Scheduled, Interviewed, Thanked, Declined, No response), so that value was not used.',
      },
      {
        line: 3,
        reason:
          '"Colleague" is not one of the Relationship values (Friend, Family, Professor, Alumni, Supervisor, Peer, LinkedIn, Referral, Cold), so that value was not used.',
      },
      { line: 3, reason: '"Hired" is not one of the Outcome values (Job interview, Offer), so that value was not used.' },
    ]);
  });

  it('merges two lines of the same file into one new contact and keeps what each adds', () => {
    const tracker = table(header);
    const plan = planImport(tracker, csv('Name,Email,Phone,Company\nKim Nguyen,kim@example.com,,\nKim Nguyen,KIM@example.com ,0012,Acme\n'));
    expect(plan.append).toHaveLength(1);
    expect(plan.append[0].slice(0, 6)).toEqual(['Kim Nguyen', 'kim@example.com', 'Acme', '', '', "'0012"]);
    expect(plan.summary).toMatchObject({ added: 1, skipped: 1, problems: [{ line: 3, reason: 'Same person as line 2 (same email); merged into it.' }] });
  });

  it('recognises a third line by an identifier only the second line had', () => {
    const plan = planImport(
      table(header),
      csv('Name,Email,LinkedIn\nKim Nguyen,,linkedin.com/in/kim\nKim N.,kim@example.com,linkedin.com/in/kim/\nK. Nguyen,KIM@EXAMPLE.COM,\n'),
    );
    expect(plan.append).toHaveLength(1);
    expect(plan.summary.problems.map((p) => p.reason)).toEqual([
      'Same person as line 2 (same LinkedIn profile); merged into it.',
      'Same person as line 2 (same email); merged into it.',
    ]);
  });

  it('compares later namesakes with every email merged so far', () => {
    const plan = planImport(table(header), csv('Name,Email\nDavid Kim,\nDavid Kim,d1@example.com\nDavid Kim,d2@example.com\n'));
    expect(plan.append.map((r) => r[1])).toEqual(['d1@example.com', 'd2@example.com']);
  });

  it('counts the second line matching the same existing contact as a duplicate', () => {
    const tracker = table(header, [['Ana Lima', 'ana@example.com', '', '', '', '']]);
    const plan = planImport(tracker, csv('Name,Email,Company,Title\nAna Lima,ana@example.com,Acme,\nAna Lima,ana@example.com,,Engineer\n'));
    expect(plan.fills.map((f) => f.value)).toEqual(['Acme', 'Engineer']);
    expect(plan.summary).toMatchObject({ added: 0, updated: 1, skipped: 1 });
    expect(plan.summary.problems[0].line).toBe(3);
  });
});

describe('planImport: columns and IDs', () => {
  it("fills the user's own columns that have the same header, and lists what it could not place", () => {
    const tracker = table(['Name', 'Email', 'priority', ...TRACKER]);
    const plan = planImport(tracker, csv(fixture('hand-made.csv')));
    const jordan = plan.append[0];
    expect(jordan[2]).toBe('High');
    expect(plan.summary.ignoredColumns).toBeUndefined();
    const plain = planImport(table(['Name']), csv(fixture('google-contacts.csv')));
    expect(plain.summary.ignoredColumns).toContain('"Labels"');
  });

  it('names a second column that means the same by its own header and what it means', () => {
    const plan = planImport(table(['Name', 'Email']), csv('Name,Email,E-mail\nAna Lima,ana@example.com,ana@work.example\n'));
    expect(plan.summary.ignoredColumns).toEqual(['column C "E-mail" (only the first Email column, B, was imported)']);
  });

  it('splits a full name into the First / Middle / Last name columns of a tracker that has no full-name column', () => {
    const tracker = table(['First name', 'Last name', 'Company']);
    const plan = planImport(tracker, csv('Name,Company\nAna Lima,Acme\nJane Q. Doe,\n"Doe, Jane",\n'));
    expect(plan.append).toEqual([
      ['Ana', 'Lima', 'Acme'],
      ['Jane', 'Q. Doe', ''],
      ['Doe, Jane', '', ''],
    ]);
    const withMiddle = planImport(table(['First name', 'Middle name', 'Last name']), csv('Name\nDr. Jane Q. Doe\n'));
    expect(withMiddle.append).toEqual([['Dr. Jane', 'Q.', 'Doe']]);
    expect(planImport(table(['First name', 'Email']), csv('Name\nJane Q. Doe\n')).append).toEqual([['Jane Q. Doe', '']]);
    const parts = planImport(tracker, csv('First Name,Middle Name,Last Name\nMaya,R.,Goldberg\n'));
    expect(parts.newColumns.map((c) => c.header)).toEqual(['Middle name']);
    expect(parts.append).toEqual([['Maya', 'Goldberg', '', 'R.']]);
  });

  it('fills name parts the tracker has beside its full-name column, without adding others', () => {
    const tracker = table(['Name', 'Given Name', 'Company']);
    const plan = planImport(tracker, csv('First Name,Middle Name,Last Name,Company\nMaya,R.,Goldberg,State University\n'));
    expect(plan.newColumns).toEqual([]);
    expect(plan.append).toEqual([['Maya R. Goldberg', 'Maya', 'State University']]);
  });

  it('adds a Name column to a table that has none', () => {
    const tracker = table(['Email']);
    const plan = planImport(tracker, csv('First Name,Last Name,Email\nAna,Lima,ana@example.com\n'));
    expect(plan.newColumns).toEqual([{ column: 2, field: 'fullName', header: 'Name' }]);
    expect(plan.append).toEqual([['ana@example.com', 'Ana Lima']]);
  });

  it('continues IDs after the stored counter and the largest ID on the sheet', () => {
    const tracker = table(['Name', 'Contact ID'], [['Ana', 'C-0007']], { idCounter: 9 });
    const plan = planImport(tracker, csv('Name\nBo\nCy\n'));
    expect(plan.append.map((r) => r[1])).toEqual(['C-0010', 'C-0011']);
    expect(plan.idCounter).toBe(11);
    expect(plan.appendAt).toBe(3);
  });

  it('uses the relationship option, and a valid relationship from the file', () => {
    const tracker = table(['Name', 'Relationship']);
    expect(planImport(tracker, csv('Name\nBo\n'), { relationship: 'alumni' }).append[0][1]).toBe('Alumni');
    expect(planImport(tracker, csv('Name\nBo\n')).append[0][1]).toBe('');
    expect(planImport(tracker, csv('Name,Relationship\nBo,friend\n')).append[0][1]).toBe('Friend');
  });

  it('ignores IDs and referrers coming from another file', () => {
    const tracker = table(['Name', 'Contact ID', 'Referred by']);
    const plan = planImport(tracker, csv('Name,Contact ID,Referred by\nBo,C-0500,C-0499\n'));
    expect(plan.append).toEqual([['Bo', 'C-0001', '']]);
  });
});

describe('planImport: 2,000 messy rows', () => {
  it('adds each distinct person once and accounts for every line', () => {
    const { text, stats } = makeMessyHandmade();
    const tracker = table(['Name', 'Email', 'Company', 'LinkedIn URL', ...TRACKER]);
    const plan = planImport(tracker, csv(text));
    expect(plan.summary.added).toBe(stats.unique);
    expect(plan.summary.skipped).toBe(stats.noName + stats.duplicates);
    expect(plan.summary.problems).toHaveLength(stats.noName + stats.duplicates);
    expect(plan.summary.added + plan.summary.updated + plan.summary.skipped).toBe(stats.dataRows);
    const again = planImport(apply(tracker, plan), csv(text));
    expect(again.summary.added).toBe(0);
    expect(again.fills).toEqual([]);
  });
});
