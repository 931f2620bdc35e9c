import { describe, expect, it } from 'vitest';
import { type ParsedCsv, parseContactsCsv, utf8Length } from '../../../src/core/import/csv.ts';
import { makeMessyHandmade } from '../../fixtures/make-messy.mjs';
import { fixture } from '../fixtures.ts';

function parsed(text: string, limits = {}): ParsedCsv {
  const result = parseContactsCsv(text, limits);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result;
}

function failure(text: string, limits = {}) {
  const result = parseContactsCsv(text, limits);
  if (result.ok) throw new Error('expected a rejection');
  return result.error;
}

describe('parseContactsCsv: the fixtures', () => {
  it('reads a LinkedIn export: skips the notes, keeps line numbers, drops blank rows', () => {
    const csv = parsed(fixture('linkedin-connections.csv'));
    expect(csv.format).toBe('linkedin');
    expect(csv.headerLine).toBe(4);
    expect(csv.header).toEqual(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On']);
    expect(csv.rows).toHaveLength(24);
    expect(csv.rows[0]).toEqual({
      line: 5,
      cells: ['Priya', 'Raman', 'https://www.linkedin.com/in/priya-raman-4b21a7', '', 'Northwind Analytics', 'Senior Data Scientist', '07 Dec 2025'],
    });
    // The blank line 13 is gone; the next row keeps its own line number.
    expect(csv.rows[8].line).toBe(14);
    expect(csv.rows.find((r) => r.cells[0] === 'José')?.cells[4]).toBe('Fabrikam, Inc.');
    expect(csv.rows.find((r) => r.cells[0] === 'Aroha')?.cells[5]).toBe('=HYPERLINK("http://x","y")');
    expect(csv.rows.find((r) => r.cells[1] === '花子')?.cells[4]).toBe('株式会社サンプル');
  });

  it('reads a Google Contacts export with a BOM, CRLF and a newline inside quotes', () => {
    const text = fixture('google-contacts.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('\r\n');
    const csv = parsed(text);
    expect(csv.format).toBe('google');
    expect(csv.header[0]).toBe('First Name');
    expect(csv.header).toHaveLength(38);
    const helen = csv.rows[0];
    expect(helen.line).toBe(2);
    expect(helen.cells[csv.map.contact.notes!]).toBe('Met at the alumni mixer.\nSaid to email her in January.');
    // Helen's notes span lines 2-3, so José starts on line 4.
    expect(csv.rows[1].line).toBe(4);
    expect(csv.map.contact).toMatchObject({ firstName: 0, middleName: 1, lastName: 2, company: 10, title: 11, email: 18, phone: 22 });
  });

  it('reads the legacy Google Contacts form', () => {
    const csv = parsed(fixture('google-contacts-legacy.csv'));
    expect(csv.format).toBe('google-legacy');
    expect(csv.map.contact).toMatchObject({ fullName: 0, firstName: 1, middleName: 2, lastName: 3 });
    expect(csv.header[csv.map.contact.company!]).toBe('Organization 1 - Name');
    expect(csv.rows.map((r) => r.cells[0])).toContain('山田 太郎');
  });

  it('reads a hand-made CSV as generic, with emoji and multi-line notes', () => {
    const csv = parsed(fixture('hand-made.csv'));
    expect(csv.format).toBe('generic');
    expect(csv.rows.map((r) => r.line)).toEqual([2, 3, 5, 6, 7, 8, 9]);
    expect(csv.rows[3].cells[0]).toBe('Kenji Watanabe 😊');
    expect(csv.map.own).toEqual([{ index: 6, header: 'Priority' }]);
  });

  it('reads 2,000 messy rows with a title line above the header', () => {
    const { text, stats } = makeMessyHandmade();
    const csv = parsed(text);
    expect(csv.headerLine).toBe(3);
    expect(csv.rows).toHaveLength(stats.dataRows);
    expect(stats.dataRows).toBeGreaterThanOrEqual(2000);
  });
});

describe('parseContactsCsv: details', () => {
  it('handles doubled quotes, commas and newlines inside quotes', () => {
    const csv = parsed('Name,Notes\n"Lee, Ana","She said ""hi""\nand left"\nBo,x\n');
    expect(csv.rows).toEqual([
      { line: 2, cells: ['Lee, Ana', 'She said "hi"\nand left'] },
      { line: 4, cells: ['Bo', 'x'] },
    ]);
  });

  it('turns CRLF and lone CR inside fields into \\n', () => {
    const csv = parsed('Name,Notes\r\nAna,"a\r\nb"\r\nBo,"c\rd"\r\n');
    expect(csv.rows.map((r) => r.cells[1])).toEqual(['a\nb', 'c\nd']);
    expect(csv.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('reads semicolon- and tab-separated files', () => {
    expect(parsed('Name;Email\nAna;ana@example.com\n').rows[0].cells).toEqual(['Ana', 'ana@example.com']);
    expect(parsed('Name\tEmail\nAna\tana@example.com\n').rows[0].cells).toEqual(['Ana', 'ana@example.com']);
  });

  it('keeps rows shorter or longer than the header', () => {
    const csv = parsed('Name,Email,Company\nAna\nBo,b@x.com,Acme,extra\n');
    expect(csv.rows.map((r) => r.cells.length)).toEqual([1, 4]);
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('田')).toBe(3);
    expect(utf8Length('🚀')).toBe(4);
  });
});

describe('parseContactsCsv: rejections', () => {
  it('rejects empty text', () => {
    expect(failure('').code).toBe('empty');
    expect(failure('\uFEFF \n').code).toBe('empty');
  });

  it('rejects binary files', () => {
    const error = failure('PK\u0003\u0004\u0014\u0000\u0006\u0000xl/workbook.xml');
    expect(error.code).toBe('not-csv');
    expect(error.message).toMatch(/binary/);
  });

  it('rejects HTML and JSON', () => {
    expect(failure('<!DOCTYPE html><html><body>Sign in</body></html>').message).toMatch(/web page/);
    expect(failure('[{"name":"Ana","email":"ana@example.com"}]').message).toMatch(/JSON/);
  });

  it('rejects a single column with no recognisable header', () => {
    expect(failure('apples\npears\nplums\n').code).toBe('no-header');
  });

  it('rejects a header without a name column', () => {
    const error = failure('Email,Company\nana@example.com,Acme\n');
    expect(error.code).toBe('no-name-column');
  });

  it('rejects an unclosed quote and says on which line', () => {
    const error = failure('Name,Notes\nAna,ok\nBo,"never closed\nCy,x\n');
    expect(error.code).toBe('bad-quotes');
    expect(error.message).toContain('Line 3');
  });

  it('rejects a file over the size limit before parsing it', () => {
    const text = 'Name\n' + 'Ana\n'.repeat(100);
    expect(failure(text, { maxBytes: 100 }).code).toBe('too-big');
    expect(failure('Name\n' + 'é'.repeat(60), { maxBytes: 100 }).code).toBe('too-big');
    expect(parseContactsCsv(text, { maxBytes: 1000 }).ok).toBe(true);
  });

  it('rejects more rows than allowed, with no partial result', () => {
    const text = 'Name\n' + 'Ana\n'.repeat(11);
    const result = parseContactsCsv(text, { maxRows: 10 });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'too-many-rows' }) });
    expect(parseContactsCsv(text, { maxRows: 11 }).ok).toBe(true);
  });
});
