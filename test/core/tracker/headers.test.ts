import { describe, expect, it } from 'vitest';
import { findHeaderRow, mapColumns, normaliseHeader, recogniseHeader } from '../../../src/core/tracker/headers.ts';
import { csvToGrid, fixture } from '../fixtures.ts';

describe('normaliseHeader and recogniseHeader', () => {
  it('ignores case, accents, spaces and punctuation', () => {
    expect(normaliseHeader(' E-mail 1 - Value ')).toBe('email1value');
    expect(normaliseHeader('Organisation:')).toBe('organisation');
    expect(normaliseHeader('Téléphone')).toBe('telephone');
  });

  it.each([
    ['Full name', 'fullName'],
    ['NAME', 'fullName'],
    ['Contact', 'fullName'],
    ['Given Name', 'firstName'],
    ['first_name', 'firstName'],
    ['Surname', 'lastName'],
    ['Family Name', 'lastName'],
    ['Middle Name', 'middleName'],
    ['E-mail', 'email'],
    ['Email Address', 'email'],
    ['E-mail 1 - Value', 'email'],
    ['Employer', 'company'],
    ['Organisation', 'company'],
    ['Organization Name', 'company'],
    ['Organization 1 - Name', 'company'],
    ['Role', 'title'],
    ['Position', 'title'],
    ['Job Title', 'title'],
    ['Organization 1 - Title', 'title'],
    ['URL', 'linkedin'],
    ['LinkedIn URL', 'linkedin'],
    ['Profile', 'linkedin'],
    ['Mobile', 'phone'],
    ['Phone 1 - Value', 'phone'],
    ['How we met', 'howWeMet'],
    ['notes', 'notes'],
    ['Connected On', 'connectedOn'],
  ])('recognises %j as %s', (header, field) => {
    expect(recogniseHeader(header)).toEqual({ kind: 'contact', field });
  });

  it('recognises the tracker columns by their default headers, before contact fields', () => {
    expect(recogniseHeader('Contact ID')).toEqual({ kind: 'tracker', key: 'contactId' });
    expect(recogniseHeader('next follow-up')).toEqual({ kind: 'tracker', key: 'nextFollowUp' });
    expect(recogniseHeader('Notes for coach')).toEqual({ kind: 'tracker', key: 'notesForCoach' });
  });

  it.each(['Phonetic First Name', 'E-mail 2 - Value', 'Priority', 'Labels', 'Website 1 - Value', ''])('does not recognise %j', (header) =>
    expect(recogniseHeader(header)).toBeNull(),
  );
});

describe('findHeaderRow', () => {
  it('finds a header in row 1', () => {
    expect(
      findHeaderRow([
        ['Name', 'Email'],
        ['Ana', 'ana@example.com'],
      ]),
    ).toBe(0);
  });

  it('skips the LinkedIn export notes above the header', () => {
    const grid = csvToGrid(fixture('linkedin-connections.csv'));
    expect(findHeaderRow(grid)).toBe(3);
  });

  it('skips a title line and a blank line', () => {
    expect(
      findHeaderRow([
        ['My contacts (private)', ''],
        ['', ''],
        ['Name', 'Company'],
        ['Ana', 'Acme'],
      ]),
    ).toBe(2);
  });

  it('does not take a data row or a row of numbers for the header', () => {
    expect(
      findHeaderRow([
        [1, 2, 3],
        ['Ana', 'Acme', 'x'],
        ['Name', 'Company', 'Priority'],
      ]),
    ).toBe(2);
    expect(
      findHeaderRow([
        ['Ana Lima', 'ana@example.com'],
        ['Bo Chen', 'bo@example.com'],
      ]),
    ).toBe(-1);
  });

  it('accepts a one-column list of names, but not a lone "Notes:" line', () => {
    expect(findHeaderRow([['Notes:'], ['Name'], ['Ana Lima']])).toBe(1);
    expect(findHeaderRow([['Notes:'], ['something']])).toBe(-1);
  });

  it('looks no further than 20 rows', () => {
    const rows: unknown[][] = Array.from({ length: 20 }, () => ['']);
    rows.push(['Name', 'Email']);
    expect(findHeaderRow(rows)).toBe(-1);
    expect(findHeaderRow(rows.slice(1))).toBe(19);
  });
});

describe('mapColumns', () => {
  it("maps a hand-made header in any order and case and keeps the user's own columns", () => {
    const map = mapColumns(['Priority', ' FULL NAME ', 'e-mail', 'Employer', 'role', 'How We Met', 'Notes', '', 'Met on']);
    expect(map.contact).toEqual({ fullName: 1, email: 2, company: 3, title: 4, howWeMet: 5, notes: 6 });
    expect(map.own).toEqual([
      { index: 0, header: 'Priority' },
      { index: 8, header: 'Met on' },
    ]);
    expect(map.duplicates).toEqual([]);
    expect(map.summary).toContain('"FULL NAME" as Name');
    expect(map.summary).toContain('"Employer" as Company');
    expect(map.summary).toContain('Your own columns, kept as they are: "Priority", "Met on"');
  });

  it('maps the LinkedIn header', () => {
    const map = mapColumns(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On']);
    expect(map.contact).toEqual({ firstName: 0, lastName: 1, linkedin: 2, email: 3, company: 4, title: 5, connectedOn: 6 });
    expect(map.own).toEqual([]);
  });

  it("finds the tracker's own columns for re-runs", () => {
    const map = mapColumns(['Name', 'Contact ID', 'Stage', 'Outcome']);
    expect(map.tracker).toEqual({ contactId: 1, stage: 2, outcome: 3 });
    expect(map.summary).toContain('Tracker columns already here: "Contact ID", "Stage", "Outcome"');
  });

  it("reports headers that appear twice, recognised or the user's own", () => {
    const map = mapColumns(['Name', 'Email', 'email', 'Priority', ' priority ', 'Priority 2']);
    expect(map.duplicates).toEqual([
      { header: 'Email', indexes: [1, 2] },
      { header: 'Priority', indexes: [3, 4] },
    ]);
    expect(map.contact.email).toBe(1);
  });

  it('uses the leftmost of two headers that mean the same and says so', () => {
    const map = mapColumns(['Name', 'Email', 'E-mail address']);
    expect(map.contact.email).toBe(1);
    expect(map.shadowed.map((s) => s.header)).toEqual(['E-mail address']);
    expect(map.duplicates).toEqual([]);
    expect(map.summary).toContain('Not used, because an earlier column means the same: "E-mail address"');
  });
});
