import { describe, expect, it } from 'vitest';
import { localeNeutral } from '../../../src/core/base/formula-text.ts';

describe('localeNeutral', () => {
  it('puts a semicolon between arguments, leaving quoted text and sheet names alone', () => {
    expect(localeNeutral('=IF(N(C5)=0,"–, none",C4/C5)')).toBe('=IF(N(C5)=0;"–, none";C4/C5)');
    expect(localeNeutral(`=COUNTIFS('Contacts, 2024'!$A:$A,"a""b,c",'It''s'!B2:B,">=1")`)).toBe(
      `=COUNTIFS('Contacts, 2024'!$A:$A;"a""b,c";'It''s'!B2:B;">=1")`,
    );
  });

  it('leaves cell references, whole numbers and names with dots alone', () => {
    expect(localeNeutral('=ROUND(B12*100)&"%"')).toBe('=ROUND(B12*100)&"%"');
    expect(localeNeutral('=T.DIST(A1,2,TRUE)')).toBe('=T.DIST(A1;2;TRUE)');
  });

  it('refuses decimal literals and array literals, which no form reads the same in every locale', () => {
    expect(() => localeNeutral('=A1*0.5')).toThrow('decimal literal');
    expect(() => localeNeutral('=SUM(.5,1)')).toThrow('decimal literal');
    expect(() => localeNeutral('={1,2}')).toThrow('array literal');
    expect(localeNeutral('="{0.5}"')).toBe('="{0.5}"');
  });
});
