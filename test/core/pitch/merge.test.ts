import { describe, expect, it } from 'vitest';
import { splitFullName } from '../../../src/core/tracker/contacts.ts';
import { availableFields, mergeValues, renderMessage, renderText } from '../../../src/core/pitch/merge.ts';
import { DEFAULT_SETTINGS, type PitchSettings } from '../../../src/core/pitch/settings.ts';

const me: PitchSettings = { ...DEFAULT_SETTINGS, myName: 'Sam Rivera', aboutMe: 'a final-year economics student', myField: 'health data', learnGoal: '' };

function values(row: Record<string, string>, extra: { referrer?: { name: string; header?: string }; settings?: PitchSettings } = {}) {
  return mergeValues({ fields: Object.entries(row).map(([header, value]) => ({ header, value })), referrer: extra.referrer, settings: extra.settings ?? me });
}

describe('merge fields', () => {
  it('fills any column by its header, ignoring case, spaces and punctuation', () => {
    const v = values({ 'First Name': 'Ada', Company: 'Northwind', 'How we met': 'Alumni dinner', 'Favourite tea': 'Earl Grey' });
    expect(renderText('{{First Name}} {{first name}} {{FIRSTNAME}} {{ first  name }}', v).text).toBe('Ada Ada Ada Ada');
    expect(renderText('{{company}} / {{How-we-met}} / {{favourite tea}}', v).text).toBe('Northwind / Alumni dinner / Earl Grey');
  });

  it('uses a fallback only when the value is empty', () => {
    const v = values({ 'First Name': '', Company: 'Globex' });
    const r = renderText('Hi {{First Name|there}}, at {{Company|your company}}{{Title|}}.', v);
    expect(r.text).toBe('Hi there, at Globex.');
    expect(r.missing).toEqual([]);
  });

  it('reports an empty value and an unknown field, and leaves them visible', () => {
    const v = values({ Name: 'Ada Lovelace', Company: '' });
    const r = renderText('{{Company}} and {{Compnay}} and {{Company}}', v);
    expect(r.text).toBe('{{Company}} and {{Compnay}} and {{Company}}');
    expect(r.missing).toEqual([
      { field: 'Company', reason: 'empty' },
      { field: 'Compnay', reason: 'unknown' },
    ]);
  });

  it('derives First Name and Last Name from a full-name column', () => {
    const v = values({ Name: 'Dr. Grace B. Hopper', Email: 'grace@example.com' });
    expect(renderText('{{First Name}}|{{Last Name}}|{{Name}}|{{Full name}}', v).text).toBe('Grace|B. Hopper|Dr. Grace B. Hopper|Dr. Grace B. Hopper');
    expect(splitFullName('Hopper, Grace')).toEqual({ first: 'Grace', last: 'Hopper' });
    expect(splitFullName('Cher')).toEqual({ first: 'Cher', last: '' });
  });

  it('answers to the usual names of known columns ({{Company}} finds "Employer", {{Position}} finds "Title")', () => {
    const v = values({ 'Given Name': 'Linus', Employer: 'Initech', 'Organization Title': 'Engineer', 'E-mail 1 - Value': 'a@x.org ::: b@y.org' });
    expect(renderText('{{First Name}} {{Company}} {{Position}} {{Title}} {{Email}}', v).text).toBe('Linus Initech Engineer Engineer a@x.org');
  });

  it('prefers a column of exactly that name to an alias', () => {
    const v = values({ Organisation: 'Umbrella', Company: 'Acme' });
    expect(renderText('{{Company}}|{{Organisation}}', v).text).toBe('Acme|Umbrella');
  });

  it('gives the referrer name for {{Referred by}}, never the ID in the cell, also under a renamed header', () => {
    const withName = values({ Name: 'Mei Chen', 'Introduced by': 'C-0003' }, { referrer: { name: 'José García', header: 'Introduced by' } });
    expect(renderText('{{Referred by}} / {{Referrer}} / {{Introduced by}}', withName).text).toBe('José García / José García / José García');
    const unresolved = values({ Name: 'Mei Chen', 'Referred by': 'C-0099' }, { referrer: { name: '' } });
    const r = renderText('{{Referred by}} suggested', unresolved);
    expect(r.text).toBe('{{Referred by}} suggested');
    expect(r.missing).toEqual([{ field: 'Referred by', reason: 'empty' }]);
    expect(renderText('{{Referred by|A friend}} suggested', unresolved).text).toBe('A friend suggested');
  });

  it("fills the user's own details", () => {
    const v = values({ Name: 'Ada' });
    expect(renderText("I'm {{About me}} exploring {{my field}}. {{My name}}", v).text).toBe(
      "I'm a final-year economics student exploring health data. Sam Rivera",
    );
    expect(renderText('{{What I want to learn}}', v).missing).toEqual([{ field: 'What I want to learn', reason: 'empty' }]);
  });

  it('keeps text that looks like markup as text (rendering is plain string work)', () => {
    const v = values({ Name: '<img src=x onerror=alert(1)>' });
    expect(renderText('Hi {{First Name}}', v).text).toBe('Hi <img');
    expect(renderText('Hi {{Name}}', v).text).toBe('Hi <img src=x onerror=alert(1)>');
  });

  it('renders subject and body together, listing each missing field once', () => {
    const v = values({ Name: 'Ada', Company: '' });
    const m = renderMessage({ subject: 'About\n{{Company}}', body: '{{Company}} {{Team}}' }, v);
    expect(m.subject).toBe('About {{Company}}');
    expect(m.missing.map((x) => x.field)).toEqual(['Company', 'Team']);
  });

  it('lists the fields a template can use: First Name, the headers, then the user details', () => {
    expect(availableFields(['Name', 'Company', '', 'company', 'Notes'])).toEqual([
      'First Name',
      'Name',
      'Company',
      'Notes',
      'My name',
      'About me',
      'My field',
      'What I want to learn',
    ]);
  });
});
