import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, asSheetText, listedWarnings, limitCellText, needsTextPrefix, sheetTextLength, toSheetText } from '../../../src/core/base/text.ts';

describe('asSheetText', () => {
  it.each(['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", '+1 555 0100', '-minus', '@handle', ' =1+2', "'90s fan"])(
    'prefixes an apostrophe to %j',
    (value) => {
      expect(asSheetText(value)).toBe(`'${value}`);
    },
  );

  it.each(['0012', '0012 345 678', '1,234', '12%', '$5', '1e5', '3.14', '(555) 010-2233', '555-0199'])('keeps the number-like %j as text', (value) =>
    expect(asSheetText(value)).toBe(`'${value}`),
  );

  it.each(['07 Dec 2025', '2025-12-07', '12/7/2025', 'Dec 7', 'December 7, 2025', '10:30', '10:30 am', '2025-12-07T10:00'])(
    'keeps the date-like %j as text',
    (value) => expect(needsTextPrefix(value)).toBe(true),
  );

  it.each(['TRUE', 'false'])('keeps the boolean %j as text', (value) => expect(asSheetText(value)).toBe(`'${value}`));

  it.each([
    '',
    'Priya Raman',
    'Fabrikam, Inc.',
    'Software Engineer II',
    'Class of 2019',
    'Room 101',
    'May',
    'ECON 301 class',
    '田中 花子',
    'Sam 🚀',
    'a-b',
    'x=1',
  ])('leaves the ordinary text %j alone', (value) => expect(asSheetText(value)).toBe(value));
});

describe('limitCellText', () => {
  it('leaves text within the limit alone', () => {
    expect(limitCellText('short')).toBe('short');
    const exact = 'x'.repeat(MAX_CELL_CHARS);
    expect(limitCellText(exact)).toBe(exact);
  });

  it('cuts long text to 50,000 characters ending in an ellipsis', () => {
    const cut = limitCellText('y'.repeat(60_000));
    expect(cut).toHaveLength(MAX_CELL_CHARS);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never leaves half an emoji', () => {
    const cut = limitCellText('🚀'.repeat(10), 6);
    expect(cut).toBe('🚀🚀…');
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('toSheetText limits then protects, the apostrophe included in the 50,000', () => {
    expect(toSheetText('plain')).toBe('plain');
    const exact = 'a'.repeat(MAX_CELL_CHARS);
    expect(toSheetText(exact)).toBe(exact);
    const formula = '=' + 'a'.repeat(MAX_CELL_CHARS - 1); // exactly 50,000, needs the apostrophe
    const written = toSheetText(formula);
    expect(written).toHaveLength(MAX_CELL_CHARS);
    expect(written.startsWith("'=")).toBe(true);
    expect(written.endsWith('…')).toBe(true);
    const fits = '=' + 'a'.repeat(MAX_CELL_CHARS - 2);
    expect(toSheetText(fits)).toBe(`'${fits}`);
    expect(toSheetText('-' + 'b'.repeat(MAX_CELL_CHARS + 10))).toHaveLength(MAX_CELL_CHARS);
  });

  it('sheetTextLength counts the apostrophe', () => {
    expect(sheetTextLength('abc')).toBe(3);
    expect(sheetTextLength('=abc')).toBe(5);
    expect(sheetTextLength('0012')).toBe(5);
  });
});

describe('listedWarnings', () => {
  it('lists ten warnings, then says how many more', () => {
    const warnings = Array.from({ length: 1234 }, (_, i) => `w${i}`);
    expect(listedWarnings(warnings)).toEqual([...warnings.slice(0, 10), '…and 1,224 more like these.']);
    expect(listedWarnings(warnings.slice(0, 10))).toEqual(warnings.slice(0, 10));
    expect(listedWarnings([])).toEqual([]);
  });
});
