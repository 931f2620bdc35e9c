import { describe, expect, it } from 'vitest';
import {
  contactFromRow,
  firstName,
  joinName,
  matchReason,
  nameColumns,
  normaliseCompany,
  normaliseEmail,
  normaliseEmails,
  normaliseLinkedInUrl,
  normaliseName,
} from '../../../src/core/tracker/contacts.ts';

describe('normalising', () => {
  it('lowercases and trims emails, and reads Google\'s " ::: " lists', () => {
    expect(normaliseEmail('  Helen.Carter@Example.com ')).toBe('helen.carter@example.com');
    expect(normaliseEmail('mailto:Bo@X.org')).toBe('bo@x.org');
    expect(normaliseEmails('a@x.com ::: B@y.org')).toEqual(['a@x.com', 'b@y.org']);
    expect(normaliseEmails('a@x.com; a@x.com')).toEqual(['a@x.com']);
    expect(normaliseEmail('not an email')).toBe('');
  });

  it.each([
    ['https://www.linkedin.com/in/Jane-Doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['http://linkedin.com/in/jane-doe?trk=public_profile#x', 'https://www.linkedin.com/in/jane-doe'],
    ['uk.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['HTTPS://WWW.LINKEDIN.COM/in/jos%C3%A9-p', 'https://www.linkedin.com/in/josé-p'],
    ['https://kim.example.com/about/', 'https://kim.example.com/about'],
  ])('normalises the URL %j', (url, expected) => {
    expect(normaliseLinkedInUrl(url)).toBe(expected);
  });

  it.each(['', '@handle', 'Jane Doe', 'n/a'])('finds no URL in %j', (text) => expect(normaliseLinkedInUrl(text)).toBe(''));

  it('folds names and companies for comparison', () => {
    expect(normaliseName('  José  Álvarez-Núñez ')).toBe('jose alvarez nunez');
    expect(normaliseName("Sam 🚀 O'Neill")).toBe('sam o neill');
    expect(normaliseName('田中 花子')).toBe('田中 花子');
    expect(normaliseCompany('Fabrikam, Inc.')).toBe('fabrikam');
    expect(normaliseCompany('Blue Yonder Partners, LLC')).toBe('blue yonder partners');
    expect(normaliseCompany('Tailspin Toys GmbH')).toBe('tailspin toys');
  });
});

describe('contactFromRow', () => {
  const linkedin = { firstName: 0, lastName: 1, linkedin: 2, email: 3, company: 4, title: 5, connectedOn: 6 };

  it('builds the display name from the parts and reads every field', () => {
    const c = contactFromRow(['José', 'Álvarez Núñez', 'https://www.linkedin.com/in/jose-alvarez-nunez/', '', 'Fabrikam, Inc.', 'PM', '28 Nov 2025'], linkedin);
    expect(c.name).toBe('José Álvarez Núñez');
    expect(c.emails).toEqual([]);
    expect(c.linkedinUrl).toBe('https://www.linkedin.com/in/jose-alvarez-nunez');
    expect(c.connectedOn).toEqual({ year: 2025, month: 11, day: 28 });
    expect(c.fields).toEqual({
      firstName: 'José',
      lastName: 'Álvarez Núñez',
      linkedin: 'https://www.linkedin.com/in/jose-alvarez-nunez/',
      company: 'Fabrikam, Inc.',
      title: 'PM',
      connectedOn: '28 Nov 2025',
    });
  });

  it('prefers the full-name column and includes a middle name otherwise', () => {
    expect(contactFromRow(['Dr. Maya Goldberg', 'Maya', 'Goldberg'], { fullName: 0, firstName: 1, lastName: 2 }).name).toBe('Dr. Maya Goldberg');
    expect(contactFromRow(['Maya', 'R.', 'Goldberg'], { firstName: 0, middleName: 1, lastName: 2 }).name).toBe('Maya R. Goldberg');
    expect(contactFromRow(['', ''], { firstName: 0, lastName: 1 }).name).toBe('');
  });

  it('reads sheet values that are not strings', () => {
    const c = contactFromRow(['Ana', 12345, new Date(Date.UTC(2025, 0, 2))], { fullName: 0, phone: 1, connectedOn: 2 });
    expect(c.fields.phone).toBe('12345');
    expect(c.connectedOn).toBeNull();
  });
});

describe('matchReason', () => {
  const cols = { fullName: 0, email: 1, linkedin: 2, company: 3 };
  const c = (...cells: string[]) => contactFromRow(cells, cols);

  it('matches the same email, in any case', () => {
    expect(matchReason(c('Ana Lima', 'ANA@x.com'), c('A. Lima', 'ana@x.com '))).toBe('email');
  });

  it('matches the same LinkedIn profile written differently', () => {
    expect(matchReason(c('Ana', '', 'linkedin.com/in/ana/'), c('Ana Lima', '', 'https://www.linkedin.com/in/ana?trk=x'))).toBe('linkedin');
  });

  it('matches the same name and company, ignoring case, accents and legal suffixes', () => {
    expect(matchReason(c('José Álvarez', '', '', 'Fabrikam, Inc.'), c('jose alvarez', '', '', 'FABRIKAM'))).toBe('name');
  });

  it('matches the same name when one company is blank', () => {
    expect(matchReason(c('Ana Lima', '', '', ''), c('Ana Lima', '', '', 'Acme'))).toBe('name');
  });

  it('does not match the same name at different companies', () => {
    expect(matchReason(c('Ana Lima', '', '', 'Acme'), c('Ana Lima', '', '', 'Globex'))).toBeNull();
  });

  it('does not match the same name when emails or profiles disagree', () => {
    expect(matchReason(c('David Kim', 'd1@x.com', '', 'Acme'), c('David Kim', 'd2@x.com', '', 'Acme'))).toBeNull();
    expect(matchReason(c('David Kim', '', 'linkedin.com/in/dk1'), c('David Kim', '', 'linkedin.com/in/dk2'))).toBeNull();
    expect(matchReason(c('David Kim', 'd1@x.com', ''), c('David Kim', '', 'linkedin.com/in/dk2'))).toBe('name');
  });

  it('never matches on an empty name', () => {
    expect(matchReason(c('', '', '', ''), c('', '', '', ''))).toBeNull();
  });
});

describe('names in columns and in sentences', () => {
  it('nameColumns keeps every word, in order: joined again it gives the name back', () => {
    const cases: [string, boolean, [string, string, string]][] = [
      ['Jane Q. Doe', false, ['Jane', '', 'Q. Doe']],
      ['Jane Q. Doe', true, ['Jane', 'Q.', 'Doe']],
      ['Mary Ann Lee Smith', true, ['Mary', 'Ann Lee', 'Smith']],
      ['Dr. Jane Doe', false, ['Dr. Jane', '', 'Doe']],
      ['Prof. Dr. Ana Lima', false, ['Prof. Dr. Ana', '', 'Lima']],
      ['Dr. Who', false, ['Dr.', '', 'Who']],
      ['Cher', true, ['Cher', '', '']],
      ['Doe, Jane', false, ['Doe, Jane', '', '']],
      ['  Ana   Lima ', false, ['Ana', '', 'Lima']],
    ];
    for (const [name, middle, expected] of cases) {
      const parts = nameColumns(name, middle);
      expect([parts.first, parts.middle, parts.last]).toEqual(expected);
      expect(joinName(parts.first, parts.middle, parts.last)).toBe(name.trim().replace(/\s+/g, ' '));
    }
  });

  it('firstName is the first name when it is a word, else the whole name', () => {
    expect(firstName('Dr. Jane Q. Doe')).toBe('Jane');
    expect(firstName('Ellis, Jordan')).toBe('Jordan');
    expect(firstName("D'Arcy O'Neil")).toBe("D'Arcy");
    expect(firstName('山田 太郎')).toBe('山田');
    expect(firstName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>');
    expect(firstName('=HYPERLINK("x", "y")')).toBe('=HYPERLINK("x", "y")');
    expect(firstName('@handle')).toBe('@handle');
  });
});
