import { describe, expect, it } from 'vitest';
import { mayReturnArray } from '../../../src/core/base/spill.ts';

describe('mayReturnArray', () => {
  it.each([
    '=+1 555 0100',
    '=-1',
    '=B2*2',
    '=$B$2&" "&C2',
    "='My sheet'!B2",
    '=Sheet1!$C$9',
    '=HYPERLINK("https://a.example/x:y", "site")',
    '=IF(B2="", "", UPPER(B2))',
    '=TRUE',
    '=1e5+2',
  ])('%s returns one cell', (f) => expect(mayReturnArray(f)).toBe(false));
  it.each([
    '=B2:D2',
    '=A:A',
    '={1,2}',
    '=ARRAYFORMULA(B2&"x")',
    '=split(B2, ",")',
    '=FILTER(B2:B9, C2:C9)',
    '=-minus',
    '=myRange',
    "=cmd|' /C calc'!A0",
    '=INDIRECT("B2")',
    '=SORT(x)',
  ])('%s may spill', (f) => expect(mayReturnArray(f)).toBe(true));
  it('is false for what is not a formula', () => {
    expect(mayReturnArray('')).toBe(false);
    expect(mayReturnArray('B2:C3')).toBe(false);
  });
});
